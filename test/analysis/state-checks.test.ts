import { describe, expect, it } from 'vitest';
import { stateCheckFindings, stateChecksApply, type StateCheckOptions } from '../../src/analysis/state-checks';
import { collect } from '../helpers/analyze';

const STRICT: StateCheckOptions = { allowPkceInsteadOfState: false };

/** Each finding of the file as `kind: source text` (with its data), in report order. */
function findings(code: string, options = STRICT): string[] {
  return collect(code, 'Program', (sc) =>
    stateCheckFindings(sc, options).map((f) => {
      const extra = f.param ?? (f.data ? Object.values(f.data).join(',') : undefined);
      return `${f.kind}: ${sc.getText(f.node)}${extra ? ` [${extra}]` : ''}`;
    }),
  ).flat();
}

const exchange = (code: string) =>
  `await fetch(T, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: ${code} }) });`;

describe('state-checks: the file gate', () => {
  it('applies to OAuth client code and to files that may hand a code to another module', () => {
    const applies = (code: string) => collect(code, 'Program', (sc) => stateChecksApply(sc));
    expect(applies(`import NextAuth from 'next-auth';`)).toEqual([true]);
    expect(applies(`const url = \`\${AUTH}?client_id=web&response_type=code\`;`)).toEqual([true]);
    expect(applies(`import { passport } from './auth'; passport.use(strategy);`)).toEqual([true]);
    expect(applies(`import { finish } from './auth'; finish(req.query.code);`)).toEqual([true]);
    expect(applies(`const total = prices.reduce((a, b) => a + b, 0);`)).toEqual([false]);
    expect(applies(`import { format } from './util'; format(value);`)).toEqual([false]);
  });
});

describe('state-checks: authorization requests', () => {
  it('finds a code request without state, and not one with state', () => {
    expect(findings(`export const url = \`\${AUTH}?response_type=code&client_id=web&redirect_uri=\${CB}\`;`)).toEqual([
      'missingState: `${AUTH}?response_type=code&client_id=web&redirect_uri=${CB}`',
    ]);
    expect(findings(`export const url = \`\${AUTH}?response_type=code&client_id=web&state=\${state}\`;`)).toEqual([]);
  });

  it('accepts PKCE for state only when the option says so', () => {
    const code = `export const url = \`\${AUTH}?response_type=code&client_id=web&code_challenge=\${c}&code_challenge_method=S256\`;`;
    expect(findings(code)).toHaveLength(1);
    expect(findings(code, { allowPkceInsteadOfState: true })).toEqual([]);
  });

  it('judges passport strategies by their state option', () => {
    const strategy = (options: string) =>
      `import { Strategy } from 'passport-oauth2'; new Strategy({ authorizationURL: A, tokenURL: T, clientID: 'a', callbackURL: CB${options} }, verify);`;
    expect(findings(strategy(', state: false'))).toEqual(['stateOptionOff: state: false [passport-oauth2]']);
    expect(findings(strategy(''))).toHaveLength(1);
    expect(findings(strategy(', state: true'))).toEqual([]);
    expect(findings(strategy(', pkce: true'))).toEqual([]);
  });
});

describe('state-checks: callbacks and switches', () => {
  it('finds an exchange of the redirect code with no state comparison, and not a checked one', () => {
    expect(findings(`app.get('/cb', async (req, res) => { ${exchange('req.query.code')} });`)).toEqual([
      expect.stringMatching(/^stateNotCompared: fetch\(/),
    ]);
    expect(
      findings(`app.get('/cb', async (req, res) => { if (req.query.state !== req.session.state) return; ${exchange('req.query.code')} });`),
    ).toEqual([]);
    // A code that does not come from the redirect is not a callback's.
    expect(findings(`async function refresh(stored) { ${exchange('stored')} }`)).toEqual([]);
  });

  it('finds the library switches that turn the check off', () => {
    expect(
      findings(`import * as oauth from 'oauth4webapi';
        const params = oauth.validateAuthResponse(as, client, new URL(req.url, BASE), oauth.skipStateCheck);`),
    ).toEqual(['stateCheckSkipped: oauth.skipStateCheck [oauth.skipStateCheck]']);
    expect(
      findings(`import * as oauth from 'oauth4webapi';
        const params = oauth.validateAuthResponse(as, client, new URL(req.url, BASE), oauth.expectNoState);`),
    ).toEqual(['expectsNoState: oauth.expectNoState']);
    expect(
      findings(`import * as oauth from 'oauth4webapi';
        const params = oauth.validateAuthResponse(as, client, new URL(req.url, BASE), req.session.state);`),
    ).toEqual([]);
  });

  it('finds a token taken out of the redirect fragment without a state comparison', () => {
    const read = `const accessToken = new URLSearchParams(window.location.hash.substring(1)).get('access_token');`;
    expect(findings(`export function onCallback() { ${read} use(accessToken); }`)).toEqual([
      expect.stringMatching(/^redirectReadWithoutState: .*\[access_token\]$/),
    ]);
    expect(
      findings(`export function onCallback() {
        const params = new URLSearchParams(window.location.hash.substring(1));
        if (params.get('state') !== sessionStorage.getItem('oauth_state')) throw new Error('state');
        use(params.get('access_token'));
      }`),
    ).toEqual([]);
  });
});
