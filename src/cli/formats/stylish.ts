/**
 * The default terminal output: ESLint's own `stylish` formatter over the findings (what
 * users of ESLint know), then the files that could not be linted.
 */
import type { ESLint } from 'eslint';
import type { Report } from '../report';

export async function formatStylish(report: Report, eslint: ESLint): Promise<string> {
  const formatter = await eslint.loadFormatter('stylish');
  return await formatter.format(report.results);
}
