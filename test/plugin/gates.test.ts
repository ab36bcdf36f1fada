/**
 * Files with nothing OAuth-related cost next to nothing: every rule's `create` answers from
 * the file's text and imports and registers no listener at all (bench:perf's corpus is
 * mostly such files). Code that merely uses the common words — a lexer's tokens and state,
 * scope analysis, React state — is such a file; an OAuth callback is not.
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';

const NOT_OAUTH = `
import { useState } from 'react';
export function tokenize(source) {
  const tokens = [];
  let state = 'start';
  for (const char of source) {
    if (state === 'start' && char === '/') state = 'comment';
    tokens.push({ type: state, value: char, code: char.charCodeAt(0) });
  }
  return tokens;
}
export function resolveScope(scopeManager, node) {
  const scope = scopeManager.acquire(node);
  return scope?.variables.map((variable) => variable.name) ?? [];
}
export function Counter() {
  const [count, setCount] = useState(0);
  return { count, increment: () => setCount(count + 1) };
}
`;

/** A helper over a weak source: another module may make a state or nonce with it. */
const WEAK_HELPER = `
export function shuffle(cards) {
  return cards.map((card) => [Math.random(), card]).sort((a, b) => a[0] - b[0]).map(([, card]) => card);
}
`;

/** The words of crypto and HTTP code that alone make no exposed secret: prose "basic", a key pair's private key. */
const KEY_PAIR_AND_PROSE = `
// Basic usage: sign with the private key, verify with the public one.
export function signWith(keyPair, data) {
  const { privateKey } = keyPair;
  return crypto.subtle.sign('Ed25519', privateKey, data);
}
`;

/** Dotted names split and JSON parsed: no JWT without a base64 decoding. */
const DOTTED_PATHS = `
export function readConfig(text, path) {
  const config = JSON.parse(text);
  return path.split('.').reduce((value, key) => value?.[key], config);
}
`;

const OAUTH_CALLBACK = `
app.get('/callback', async (req, res) => {
  const tokens = await fetch('https://oauth2.googleapis.com/token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code, redirect_uri: REDIRECT_URI }),
  }).then((response) => response.json());
  localStorage.setItem('refresh_token', tokens.refresh_token);
  res.redirect(req.query.next);
});
`;

/** The rules that registered listeners while linting `code` (every rule of the plugin on). */
function rulesWithListeners(code: string): string[] {
  const created: string[] = [];
  const registered: string[] = [];
  const rules = Object.fromEntries(
    Object.entries(plugin.rules).map(([name, rule]) => [
      name,
      {
        ...rule,
        create(context: Parameters<typeof rule.create>[0]) {
          created.push(name);
          const listeners = (rule.create as (context: unknown) => object)(context);
          if (Object.keys(listeners).length > 0) registered.push(name);
          return listeners;
        },
      },
    ]),
  );
  const messages = new Linter({ configType: 'flat', cwd: '/project' }).verify(
    code,
    [
      {
        files: ['**/*.js'],
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { oauth: { rules } as never },
        rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [`oauth/${name}`, 'error'])),
      },
    ],
    '/project/src/app.js',
  );
  // Every rule ran on the file (a config mistake would leave the answer empty for nothing).
  expect(messages.filter((message) => message.ruleId === null)).toEqual([]);
  expect(created.sort()).toEqual(Object.keys(plugin.rules).sort());
  return registered;
}

describe('file gates', () => {
  it('no rule registers a listener on a file with nothing OAuth-related', () => {
    expect(rulesWithListeners(NOT_OAUTH)).toEqual([]);
  });

  it('a weak random source is looked at by require-secure-random alone (its helpers may make secrets elsewhere)', () => {
    expect(rulesWithListeners(NOT_OAUTH + WEAK_HELPER)).toEqual(['require-secure-random']);
  });

  it('"basic" without OAuth words and a private key without an env read leave no-exposed-client-secret out', () => {
    expect(rulesWithListeners(NOT_OAUTH + KEY_PAIR_AND_PROSE)).not.toContain('no-exposed-client-secret');
    expect(rulesWithListeners(KEY_PAIR_AND_PROSE + 'export const pem = process.env.NEXT_PUBLIC_PRIVATE_KEY;')).toContain(
      'no-exposed-client-secret',
    );
    expect(rulesWithListeners(KEY_PAIR_AND_PROSE + "export const tokenUrl = '/oauth/token';")).toContain('no-exposed-client-secret');
  });

  it('a `state:` key is no token in a URL unless another module may make it one', () => {
    const machine = "export const machine = { state: 'idle', on: { start: { state: 'running' } } };";
    expect(rulesWithListeners(NOT_OAUTH + machine)).not.toContain('no-token-in-url');
    expect(rulesWithListeners("import { pick } from './lib/pick';\n" + machine)).toContain('no-token-in-url');
  });

  it("XMLHttpRequest's responseType is no authorization request (every request names its client_id)", () => {
    const xhr =
      "export function load(url) { const xhr = new XMLHttpRequest(); xhr.responseType = 'arraybuffer'; xhr.open('GET', url); return xhr; }";
    expect(rulesWithListeners(xhr)).not.toContain('require-pkce');
    expect(rulesWithListeners(xhr + "\nexport const params = { client_id: 'web', response_type: 'code' };")).toContain('require-pkce');
  });

  it('a "nOnce" of runOnce and a reducer\'s newState make no secret-making file', () => {
    const once =
      'export function runOnce(fn) { let code = 0; return () => (code++ === 0 ? fn() : undefined); }\nconst newState = { ...state };';
    expect(rulesWithListeners(once)).not.toContain('require-secure-random');
    expect(rulesWithListeners(once + '\nexport const nonce = crypto.randomUUID();')).toContain('require-secure-random');
  });

  it("a location of the file's own is no redirect; the browser's location navigated is", () => {
    const own =
      'export class Finding { constructor(node) { const location = node.range[0]; this.location = location; } }\nvar Location; Location = {};';
    expect(rulesWithListeners(own)).not.toContain('require-exact-redirect-uri');
    expect(rulesWithListeners(own + '\nexport const go = (to) => { location = to; };')).toContain('require-exact-redirect-uri');
    expect(rulesWithListeners(own + '\nexport const go = (to) => window.location.assign(to);')).toContain('require-exact-redirect-uri');
  });

  it("JSON.parse and split('.') make a hand-rolled JWT decode only with a base64 decoding", () => {
    expect(rulesWithListeners(DOTTED_PATHS)).toEqual([]);
    expect(rulesWithListeners(DOTTED_PATHS + 'export const claims = (t) => JSON.parse(atob(t.split(".")[1]));')).toEqual(
      expect.arrayContaining(['no-access-token-decode', 'require-jwt-verification']),
    );
  });

  it('the rules an OAuth callback concerns do register theirs', () => {
    expect(rulesWithListeners(OAUTH_CALLBACK)).toEqual(
      expect.arrayContaining(['require-state-check', 'no-token-in-web-storage', 'require-exact-redirect-uri']),
    );
  });
});
