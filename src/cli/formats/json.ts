/**
 * JSON: ESLint's result objects (the shape its own `json` formatter prints) for the files
 * with findings, inside an object that also states what the audit covered and what it could
 * not lint, so a consumer never mistakes an unparsable file for a clean one.
 */
import { totals, type Report } from '../report';

export function formatJson(report: Report): string {
  const t = totals(report);
  const output = {
    tool: report.tool,
    config: report.config,
    cwd: report.cwd,
    summary: {
      filesLinted: report.filesLinted,
      filesWithFindings: t.filesWithFindings,
      errorCount: t.errors,
      warningCount: t.warnings,
      suppressedCount: t.suppressed,
      notLintedCount: report.notLinted.length,
      excluded: report.excluded,
      includeTests: report.includeTests,
    },
    results: report.results
      .filter((result) => result.messages.length > 0 || result.suppressedMessages.length > 0)
      .map(({ filePath, messages, suppressedMessages, errorCount, warningCount }) => ({
        filePath,
        messages,
        suppressedMessages,
        errorCount,
        warningCount,
      })),
    notifications: report.notLinted.map((entry) => ({
      level: entry.reason === 'parse-error' ? 'error' : 'warning',
      kind: entry.reason,
      filePath: entry.filePath,
      message: entry.message,
      ...(entry.line ? { line: entry.line, column: entry.column } : {}),
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
