/**
 * `oauth-lint list` and `oauth-lint explain <rule>`: the rules and their documentation in
 * the terminal, read from the package itself (docs/rules/<id>.md ships in it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REVIEW_CHECKS, RULE_IDS } from '../catalog';
import type { ConfigName } from '../index';
import { rules } from '../../rules/index';
import { RULE_SEVERITY } from '../knowledge/severity';
import { packageRoot } from '../package-info';
import { securitySeverity } from './cvss';
import { configRules } from './lint';

/** `oauth/require-pkce` and `require-pkce` both name the rule; undefined when neither does. */
export function ruleIdOf(name: string): string | undefined {
  const id = name.startsWith('oauth/') ? name.slice('oauth/'.length) : name;
  return Object.hasOwn(rules, id) ? id : undefined;
}

/** Known rule ids close to a mistyped one (shared prefix or substring), for "did you mean". */
export function similarRuleIds(name: string): string[] {
  const wanted = name.replace(/^oauth\//, '').toLowerCase();
  return Object.keys(rules).filter(
    (id) => id.includes(wanted) || wanted.includes(id) || id.split('-').some((word) => word.length > 3 && wanted.includes(word)),
  );
}

/**
 * A rule's page for the terminal: the markdown as written (it reads well as text), without
 * the HTML comments eslint-doc-generator leaves, followed by the page's URL.
 */
export function explainRule(id: string): string {
  const file = join(packageRoot(), 'docs', 'rules', `${id}.md`);
  const url = rules[id as keyof typeof rules].meta.docs?.url;
  const body = existsSync(file)
    ? readFileSync(file, 'utf8')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : `# oauth/${id}\n\n${rules[id as keyof typeof rules].meta.docs?.description ?? ''}`;
  const severity = RULE_SEVERITY[id as keyof typeof RULE_SEVERITY];
  const facts = severity
    ? `Severity: ${securitySeverity(severity.vector)} (CVSS:3.1/${severity.vector}); ${severity.cwe.map((cwe) => `CWE-${cwe}`).join(', ')}`
    : '';
  return `${body}\n\n${facts}${facts ? '\n' : ''}${url ? `Online: ${url}\n` : ''}`;
}

/** The rules as a table: level in the chosen config, review check, severity, description. */
export function listRules(config: ConfigName): string {
  const levels = configRules(config);
  const rows = RULE_IDS.filter((id) => Object.hasOwn(rules, id)).map((id) => {
    const entry = levels[`oauth/${id}`];
    const level = entry === undefined ? 'off' : String(Array.isArray(entry) ? entry[0] : entry);
    const check = rules[id].meta.docs?.check;
    const severity = RULE_SEVERITY[id];
    return [
      id,
      level,
      check ? `${check} ${REVIEW_CHECKS[check] ?? ''}`.trim() : '-',
      severity ? securitySeverity(severity.vector) : '-',
      rules[id].meta.docs?.description ?? '',
    ];
  });
  const header = ['rule', config, 'check', 'severity', 'description'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((width, column) => (column === widths.length - 1 ? '-----------' : '-'.repeat(width)))), ...rows.map(line)].join('\n')}\n`;
}
