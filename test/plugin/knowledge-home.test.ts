import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const knowledgeDir = join(root, 'src/knowledge');
const rulesDir = join(root, 'rules');

/** Every string a knowledge module exports, however deep (arrays, sets, maps, records). */
function exportedStrings(value: unknown, into: Set<string>, seen = new Set<unknown>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    const items = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
    for (const item of items) exportedStrings(item, into, seen);
  }
  return into;
}

/** Module names the knowledge names: the part before `#` of every origin pattern, and the entries of `*_MODULE(S)` lists. */
async function knownModules(): Promise<Set<string>> {
  const modules = new Set<string>();
  const add = (module: string): void => {
    if (/^(?:@[\w.-]+\/)?[\w.$-][\w./:-]*$/.test(module) && !module.startsWith('<')) modules.add(module);
  };
  for (const file of readdirSync(knowledgeDir).filter((name) => name.endsWith('.ts'))) {
    const exports = (await import(join(knowledgeDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      for (const text of exportedStrings(value, new Set())) {
        const hash = text.indexOf('#');
        if (hash > 0) add(text.slice(0, hash));
        else if (/_MODULES?$/.test(name)) add(text);
      }
    }
  }
  return modules;
}

function stringLiterals(code: string): string[] {
  const strings: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (record.type === 'Literal' && typeof record.value === 'string') strings.push(record.value);
    if (record.type === 'TemplateElement') strings.push((record.value as { cooked: string }).cooked ?? '');
    for (const [key, child] of Object.entries(record)) if (key !== 'parent' && key !== 'loc' && key !== 'range') visit(child);
  };
  visit(parse(code, { range: false, loc: false }));
  return strings;
}

describe('library knowledge lives once, in src/knowledge', () => {
  it('knows the libraries (sanity: the derived module set is not empty)', async () => {
    const modules = await knownModules();
    for (const module of ['jsonwebtoken', 'jose', 'openid-client', 'oauth4webapi', 'passport-oauth2', 'next-auth', 'jwks-rsa', 'axios'])
      expect(modules, module).toContain(module);
  });

  it('no rule names a library module by string (its gate and checks come from the knowledge)', async () => {
    const modules = await knownModules();
    const offenders: string[] = [];
    // Ordinary vocabulary that is also a package name: 'oauth' is next-auth's provider type and a
    // cookie content kind; 'request' is the OIDC request-object parameter (and the `request` HTTP client).
    const vocabulary = new Set(['oauth', 'request']);
    for (const file of readdirSync(rulesDir).filter((name) => name.endsWith('.ts') && name !== 'index.ts')) {
      for (const text of stringLiterals(readFileSync(join(rulesDir, file), 'utf8'))) {
        const hash = text.indexOf('#');
        if (!vocabulary.has(text) && (modules.has(text) || (hash > 0 && modules.has(text.slice(0, hash)))))
          offenders.push(`${file}: '${text}'`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('a rule that names a module is caught (the check can fail)', async () => {
    const modules = await knownModules();
    const literals = stringLiterals("if (facts.importsAny(['passport-discord'])) check(origin, 'jose#jwtVerify');");
    expect(literals.filter((text) => modules.has(text) || modules.has(text.split('#')[0])).sort()).toEqual([
      'jose#jwtVerify',
      'passport-discord',
    ]);
  });
});
