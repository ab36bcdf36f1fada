import { describe, expect, it } from 'vitest';
import { callbackOf, isFromRedirect } from '../../src/analysis/callbacks';
import { tokenRequests } from '../../src/analysis/token-requests';
import { collect } from '../helpers/analyze';
import type { TSESTree } from '@typescript-eslint/utils';

/** For every authorization-code exchange of the file: from the redirect? state checked? behind middleware? */
function callbacks(code: string, typescript = true): string[] {
  return collect(
    code,
    'Program',
    (sc) =>
      tokenRequests(sc)
        .filter((request) => request.grantType === 'authorization_code')
        .map((request) => {
          const cb = callbackOf(sc, request);
          return `${cb.fromRedirect ? 'redirect' : 'elsewhere'}${cb.stateChecked ? '+checked' : ''}${cb.behindMiddleware ? '+middleware' : ''}`;
        })
        .join(','),
    { typescript },
  );
}

describe('callbacks: where the code comes from', () => {
  it('knows request reads, request URLs and openid-client callbackParams', () => {
    const code = `
      probe(req.query.code); probe(new URL(req.url, BASE)); probe(client.callbackParams(req)); probe(c.req.url);
      probe(new URLSearchParams(location.search).get('code')); probe(storedCode); probe(req.query.state);`;
    expect(
      collect(code, 'CallExpression[callee.name="probe"]', (sc, n) => isFromRedirect(sc, (n as TSESTree.CallExpression).arguments[0])),
    ).toEqual([true, true, true, true, true, false, false]);
  });
});

describe('callbacks: state checks around an exchange', () => {
  it('finds comparisons, lookups keyed by state, helpers and middleware', () => {
    const code = `
      const body = (code) => new URLSearchParams({ grant_type: 'authorization_code', code });
      app.get('/a', async (req, res) => { await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) }); });
      app.get('/b', async (req, res) => { if (req.query.state !== req.session.state) return; await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) }); });
      app.get('/c', checkState, async (req, res) => { await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: req.query.code }) }); });
      async function exchange(code) { return fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code }) }); }
      app.get('/d', async (req, res) => { const saved = await store.take(\`state:\${req.query.state}\`); await exchange(req.query.code); });`;
    expect(callbacks(code)).toEqual(['elsewhere,redirect,redirect+checked,redirect+middleware,redirect+checked']);
  });
});
