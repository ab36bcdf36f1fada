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

  it('the rules an OAuth callback concerns do register theirs', () => {
    expect(rulesWithListeners(OAUTH_CALLBACK)).toEqual(
      expect.arrayContaining(['require-state-check', 'no-token-in-web-storage', 'require-exact-redirect-uri']),
    );
  });
});
