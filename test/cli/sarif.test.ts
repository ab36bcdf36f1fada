/**
 * SARIF output, validated against the SARIF 2.1.0 JSON schema (the copy shipped in
 * @microsoft/jest-sarif), and checked for what GitHub code scanning reads: rule help URIs,
 * `security-severity`, CWE tags, levels and regions; unparsable files as notifications.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseScore } from '../../src/cli/cvss';
import { RULE_SEVERITY } from '../../src/knowledge/severity';
import { JS_ERROR, JS_WARNING, makeProject, runCli } from './support';

const require = createRequire(__filename);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

/**
 * The schema's `language` pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) has a stray
 * `]` that only non-Unicode regular expressions accept, hence `unicodeRegExp: false`.
 */
function compileSchema() {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: SarifRule[] } };
    results: SarifResult[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string }; descriptor: { id: string } }[];
    }[];
  }[];
}
interface SarifRule {
  id: string;
  helpUri: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: string };
  properties: { 'security-severity': string; tags: string[] };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  suppressions?: { kind: string }[];
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
}

describe('SARIF 2.1.0', { timeout: 120_000 }, () => {
  let project: ReturnType<typeof makeProject>;
  let log: SarifLog;
  let status: number | null;
  let text: string;

  beforeAll(() => {
    project = makeProject({
      'src/verify.js': JS_ERROR,
      'src/scopes.js': JS_WARNING,
      'src/broken.ts': 'export const = ;\n',
      'src/disabled.js': `// eslint-disable-next-line oauth/no-token-in-web-storage\nlocalStorage.setItem('refresh_token', tokens.refresh_token);\n`,
      'src/with space.js': JS_ERROR,
    });
    const run = runCli(project.dir, ['--format', 'sarif']);
    status = run.status;
    text = run.stdout;
    log = JSON.parse(text) as SarifLog;
  });
  afterAll(() => project.dispose());

  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = compileSchema();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check is not vacuous: a broken log fails it', () => {
    const validate = compileSchema();
    const broken = JSON.parse(text) as { runs: { results: { level: string }[] }[] };
    broken.runs[0].results[0].level = 'critical';
    expect(validate(broken)).toBe(false);
  });

  it('describes every rule of the config with help URI, security-severity and CWE tags', () => {
    const rules = log.runs[0].tool.driver.rules;
    expect(log.runs[0].tool.driver.name).toBe('oauth-lint');
    // recommended: 18 rules (serialize-token-refresh is strict/all only).
    expect(rules).toHaveLength(18);
    for (const rule of rules) {
      const id = rule.id.slice('oauth/'.length) as keyof typeof RULE_SEVERITY;
      expect(rule.helpUri).toBe(`https://github.com/eslint-plugin-oauth/eslint-plugin-oauth/blob/main/docs/rules/${id}.md`);
      expect(rule.shortDescription.text).toMatch(/^(Require|Disallow|Enforce) /);
      expect(rule.properties['security-severity']).toBe(baseScore(RULE_SEVERITY[id].vector).toFixed(1));
      expect(rule.properties.tags).toEqual(['security', 'oauth', ...RULE_SEVERITY[id].cwe.map((cwe) => `external/cwe/cwe-${cwe}`)]);
    }
    const state = rules.find((rule) => rule.id === 'oauth/require-state-check');
    expect(state?.properties.tags).toContain('external/cwe/cwe-352');
    expect(rules.find((rule) => rule.id === 'oauth/no-broad-scopes')?.defaultConfiguration.level).toBe('warning');
  });

  it('reports findings with level, rule index and region, paths relative to the project', () => {
    const { results, tool } = log.runs[0];
    const active = results.filter((result) => !result.suppressions);
    expect(active.map((result) => [result.locations[0].physicalLocation.artifactLocation.uri, result.ruleId, result.level]).sort()).toEqual(
      [
        ['src/scopes.js', 'oauth/no-broad-scopes', 'warning'],
        ['src/verify.js', 'oauth/require-jwt-algorithms', 'error'],
        ['src/with%20space.js', 'oauth/require-jwt-algorithms', 'error'],
      ],
    );
    for (const result of results) {
      expect(tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    }
    const verify = active.find((result) => result.locations[0].physicalLocation.artifactLocation.uri === 'src/verify.js');
    expect(verify?.locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 77, endLine: 2, endColumn: 83 });
    expect(status).toBe(1);
  });

  it('keeps findings disabled by comments, marked as suppressed in source', () => {
    const suppressed = log.runs[0].results.filter((result) => result.suppressions);
    expect(suppressed.map((result) => [result.ruleId, result.suppressions])).toEqual([
      ['oauth/no-token-in-web-storage', [{ kind: 'inSource' }]],
    ]);
  });

  it('lists the unparsable file as an error notification and still reports the others', () => {
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications).toHaveLength(1);
    expect(notifications[0].level).toBe('error');
    expect(notifications[0].descriptor.id).toBe('oauth-lint/parse-error');
    expect(notifications[0].message.text).toMatch(/^src\/broken\.ts: /);
  });
});
