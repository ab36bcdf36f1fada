/**
 * What every output format is made from: the audit's results, the files it could not lint,
 * and what it left out by design, plus the facts a report states about its own run.
 */
import { relative, sep } from 'node:path';
import type { ConfigName } from '../index';
import type { AuditResult, NotLinted } from './lint';

export interface Report {
  tool: { name: string; version: string; informationUri: string };
  cwd: string;
  config: ConfigName;
  results: AuditResult['results'];
  rulesMeta: AuditResult['rulesMeta'];
  ruleLevels: AuditResult['ruleLevels'];
  notLinted: NotLinted[];
  filesLinted: number;
  excluded: { tests: number; generated: number; gitignored: number };
  includeTests: boolean;
}

export interface Totals {
  errors: number;
  warnings: number;
  suppressed: number;
  filesWithFindings: number;
}

export function totals(report: Report): Totals {
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  let filesWithFindings = 0;
  for (const result of report.results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    suppressed += result.suppressedMessages.length;
    if (result.messages.length > 0) filesWithFindings += 1;
  }
  return { errors, warnings, suppressed, filesWithFindings };
}

/** A path as reports show it: relative to the working directory, with `/` separators. */
export function displayPath(report: Pick<Report, 'cwd'>, filePath: string): string {
  const rel = relative(report.cwd, filePath);
  return (rel === '' ? filePath : rel).split(sep).join('/');
}

/** The documentation URL of an `oauth/<id>` rule, from its metadata. */
export function ruleUrl(report: Pick<Report, 'rulesMeta'>, ruleId: string): string | undefined {
  return report.rulesMeta[ruleId]?.docs?.url;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One line per file that was selected but not linted, for stderr and the stylish report. */
export function notLintedLines(report: Report): string[] {
  return report.notLinted.map((entry) => {
    const where = entry.line ? `:${entry.line}:${entry.column ?? 1}` : '';
    return `  ${displayPath(report, entry.filePath)}${where}  ${entry.message}`;
  });
}

/** The closing summary, on stderr in every format. */
export function summaryLines(report: Report): string[] {
  const t = totals(report);
  const lines = [
    `oauth-lint: ${plural(report.filesLinted, 'file')} linted with the ${report.config} config: ` +
      `${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}` +
      (t.suppressed > 0 ? ` (${t.suppressed} more suppressed by eslint-disable comments)` : '') +
      '.',
  ];
  const { tests, generated, gitignored } = report.excluded;
  const left: string[] = [];
  if (tests > 0) left.push(`${plural(tests, 'test file')} (--include-tests to lint them)`);
  if (gitignored > 0) left.push(`${gitignored} .gitignore'd ${gitignored === 1 ? 'entry' : 'entries'}`);
  if (generated > 0) left.push(`${plural(generated, 'declaration or minified file')}`);
  if (left.length > 0) lines.push(`Left out by design: ${left.join(', ')}; node_modules and build output are never walked.`);
  if (report.notLinted.length > 0) {
    lines.push(`NOT LINTED: ${plural(report.notLinted.length, 'file')} (findings in them are unknown):`, ...notLintedLines(report));
  }
  return lines;
}
