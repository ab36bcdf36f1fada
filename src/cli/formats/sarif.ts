/**
 * SARIF 2.1.0, as GitHub code scanning reads it: every rule of the config as a reporting
 * descriptor with its help URI, a `security-severity` (CVSS 3.1 base score of the rule's
 * vector) and CWE tags, so alerts are ranked; findings as results with the rule's level and
 * a region; files that were not linted as tool execution notifications.
 */
import { pathToFileURL } from 'node:url';
import { RULE_SEVERITY } from '../../knowledge/severity';
import { securitySeverity } from '../cvss';
import { displayPath, type Report } from '../report';

/** ESLint severity → SARIF level. */
function level(severity: number): 'error' | 'warning' | 'note' {
  return severity === 2 ? 'error' : severity === 1 ? 'warning' : 'note';
}

/** A SARIF region from ESLint's 1-based lines and columns (both exclusive at the end, as in SARIF). */
function region(message: { line?: number; column?: number; endLine?: number; endColumn?: number }): Record<string, number> {
  const result: Record<string, number> = { startLine: Math.max(1, message.line ?? 1), startColumn: Math.max(1, message.column ?? 1) };
  if (message.endLine !== undefined) result.endLine = message.endLine;
  if (message.endColumn !== undefined) result.endColumn = message.endColumn;
  return result;
}

/** `require-state-check` → `RequireStateCheck`: SARIF's `name` is an identifier-like word. */
function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, char: string) => char.toUpperCase());
}

export function formatSarif(report: Report): string {
  const ruleIds = Object.keys(report.ruleLevels).sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const artifactUri = (filePath: string): string => encodeURI(displayPath(report, filePath));

  const rules = ruleIds.map((id) => {
    const shortId = id.slice('oauth/'.length) as keyof typeof RULE_SEVERITY;
    const meta = report.rulesMeta[id];
    const severity = RULE_SEVERITY[shortId];
    const description = meta?.docs?.description ?? id;
    const url = meta?.docs?.url;
    return {
      id,
      name: pascalCase(shortId),
      shortDescription: { text: description },
      fullDescription: { text: description },
      ...(url ? { helpUri: url } : {}),
      help: {
        text: url ? `${description}. See ${url}` : description,
        markdown: url ? `${description}.\n\n[Rule documentation](${url})` : description,
      },
      defaultConfiguration: { level: report.ruleLevels[id] === 'error' ? 'error' : 'warning' },
      properties: {
        ...(severity ? { 'security-severity': securitySeverity(severity.vector), cvssV3_1: `CVSS:3.1/${severity.vector}` } : {}),
        tags: ['security', 'oauth', ...(severity ? severity.cwe.map((cwe) => `external/cwe/cwe-${cwe}`) : [])],
      },
    };
  });

  const results = report.results.flatMap((result) => {
    const location = (message: (typeof result.messages)[number]) => ({
      physicalLocation: {
        artifactLocation: { uri: artifactUri(result.filePath), uriBaseId: '%SRCROOT%' },
        region: region(message),
      },
    });
    const toResult = (message: (typeof result.messages)[number], suppressed: boolean) => ({
      ruleId: message.ruleId as string,
      ...(ruleIndex.has(message.ruleId as string) ? { ruleIndex: ruleIndex.get(message.ruleId as string) } : {}),
      level: level(message.severity),
      message: { text: message.message },
      locations: [location(message)],
      // `// eslint-disable` comments in the code: reported as suppressed, so a reviewer sees them.
      ...(suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
    });
    return [
      ...result.messages.map((message) => toResult(message, false)),
      ...result.suppressedMessages.map((message) => toResult(message, true)),
    ];
  });

  const notifications = report.notLinted.map((entry) => ({
    level: entry.reason === 'parse-error' ? 'error' : 'warning',
    message: { text: `${displayPath(report, entry.filePath)}: ${entry.message}` },
    descriptor: { id: `oauth-lint/${entry.reason}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(entry.filePath), uriBaseId: '%SRCROOT%' },
          ...(entry.line ? { region: region(entry) } : {}),
        },
      },
    ],
  }));

  const cwdUri = pathToFileURL(report.cwd).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: report.tool.informationUri,
            rules,
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri.endsWith('/') ? cwdUri : `${cwdUri}/` } },
        // ESLint counts columns in UTF-16 code units, SARIF's default too; stated for readers.
        columnKind: 'utf16CodeUnits',
        results,
        properties: { config: report.config, filesLinted: report.filesLinted, excluded: report.excluded },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
