import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project skeleton with the real catalog and one existing rule file. */
function skeleton(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-new-rule-'));
  scratch.push(dir);
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'rules'), { recursive: true });
  cpSync(join(ROOT, 'src/catalog.ts'), join(dir, 'src/catalog.ts'));
  writeFileSync(join(dir, 'rules/no-implicit-grant.ts'), '// existing rule\n');
  return dir;
}

function newRule(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts/new-rule.mjs'), ...args, '--root', dir], { encoding: 'utf8' });
}

describe('npm run new-rule', () => {
  it('scaffolds the rule, its RuleTester suite and its doc, and registers it', () => {
    const dir = skeleton();
    const result = newRule(dir, 'require-pkce');
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'rules/require-pkce.ts'), 'utf8')).toContain("name: 'require-pkce'");
    expect(readFileSync(join(dir, 'test/rules/require-pkce.test.ts'), 'utf8')).toContain("ruleTester.run('require-pkce', rule");
    expect(readFileSync(join(dir, 'docs/rules/require-pkce.md'), 'utf8')).toMatch(/^# oauth\/require-pkce\n[\s\S]*## The right pattern/);
    const index = readFileSync(join(dir, 'rules/index.ts'), 'utf8');
    expect(index).toContain("import noImplicitGrant from './no-implicit-grant';");
    expect(index).toContain("  'require-pkce': requirePkce,");
  });

  it('refuses an id that is not in the catalog, and an existing rule, with exit code 2', () => {
    const dir = skeleton();
    const unknown = newRule(dir, 'require-magic');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('not in the catalog');
    const existing = newRule(dir, 'no-implicit-grant');
    expect(existing.status).toBe(2);
    expect(existing.stderr).toContain('exists already');
    expect(newRule(dir).status).toBe(2);
  });
});
