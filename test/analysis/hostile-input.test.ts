/**
 * Code the rules were not written for must leave them silent or right, never crashing:
 * minified one-line bundles, very long files, deep nesting, decorators and TS-only syntax,
 * huge literals. Under test the analysis rethrows its errors (src/analysis/guard.ts), so a
 * bug here fails the test instead of dropping findings. Speed on such input is measured by
 * `npm run bench:perf` and the shared scaling probe, not asserted here.
 */
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';

const rules = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`oauth/${id}`, 'error' as const]));
const linter = new Linter({ configType: 'flat' });

function lint(code: string, typescript = false) {
  const languageOptions = typescript
    ? { parser: tsParser, globals: { ...globals.browser, ...globals.node } }
    : { ecmaVersion: 'latest' as const, sourceType: 'module' as const, globals: { ...globals.browser, ...globals.node } };
  // Minified files are skipped by default (src/analysis/minified.ts): here they are read, to test the analysis on them.
  const settings = { oauth: { lintMinifiedFiles: true } };
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts', '**/*.js'], languageOptions, plugins: { oauth: plugin as never }, rules, settings }],
    {
      filename: typescript ? 'hostile.ts' : 'hostile.js',
    },
  );
  const fatal = messages.filter((message) => message.fatal);
  expect(fatal.map((message) => message.message)).toEqual([]);
  return messages;
}

const oauthUnit = (i: number) =>
  `async function cb${i}(req,res){const r=await fetch('https://idp.example.com/token',{method:'POST',body:new URLSearchParams({grant_type:'authorization_code',code:req.query.code})});const t=await r.json();localStorage.setItem('access_token',t.access_token);res.redirect(req.query.returnTo)}`;

describe('hostile input: no crash, findings still made', () => {
  it('a minified one-line bundle of 300 OAuth units', () => {
    const code = Array.from({ length: 300 }, (_, i) => oauthUnit(i)).join(';');
    const messages = lint(code);
    expect(code.includes('\n')).toBe(false);
    // Every unit stores an access token in localStorage.
    expect(messages.filter((message) => message.ruleId === 'oauth/no-token-in-web-storage')).toHaveLength(300);
  });

  it('a 10,000-line file', () => {
    const code = Array.from({ length: 2500 }, (_, i) => `const a${i} = ${i};\nexport function f${i}(x) {\n  return x + a${i};\n}`).join(
      '\n',
    );
    expect(code.split('\n').length).toBe(10_000);
    expect(lint(`import jwt from 'jsonwebtoken';\n${code}\nexport const c = jwt.decode(a1);`)).toBeDefined();
  });

  it('deeply nested templates, member chains, calls and binary expressions', () => {
    const depth = 400;
    const template = `${'`a${'.repeat(depth)}x${'}b`'.repeat(depth)}`;
    const chain = `window${'.a'.repeat(depth)}`;
    const calls = `${'f('.repeat(depth)}token${')'.repeat(depth)}`;
    const sum = Array.from({ length: depth }, (_, i) => `'p${i}'`).join(' + ');
    lint(
      `const t = ${template};\nconst m = ${chain};\nconst token = 'x';\nconst c = ${calls};\nconst url = 'https://idp/authorize?' + ${sum};\nlocalStorage.setItem('id_token', ${chain});`,
    );
  });

  it('decorators, TS-only syntax, ambient declarations and enums', () => {
    lint(
      `import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
declare const localStorage: Storage;
declare global { interface Window { token?: string } }
enum Grant { Password = 'password', Code = 'authorization_code' }
namespace Auth { export const scope = 'openid'; }
@Injectable()
export class AuthService<T extends { sub: string } = { sub: string }> {
  private readonly cache = new Map<string, T>();
  constructor(private readonly jwt: JwtService, @Inject('CFG') private cfg: Record<string, unknown>) {}
  abstract check?(token: string): asserts token is string;
  async decode(token: string): Promise<T | undefined> {
    const payload = this.jwt.decode(token) as T satisfies T;
    localStorage.setItem('access_token', token!);
    return payload ?? (<T>undefined);
  }
}`,
      true,
    );
  });

  it('huge string, template and regex literals beside a real finding', () => {
    const big = 'x'.repeat(1_000_000);
    const messages = lint(
      `const a = '${big}';\nconst t = \`${big}\${a}${big}\`;\nconst c = /${'a'.repeat(10_000)}/;\nlocation.href = \`https://idp/authorize?response_type=token&client_id=c&state=\${a}\`;`,
    );
    expect(messages.filter((message) => message.ruleId === 'oauth/no-implicit-grant')).toHaveLength(1);
  });
});
