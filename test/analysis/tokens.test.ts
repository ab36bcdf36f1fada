import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { classifyToken, issuedTokenOf, namesOneTimeLink, tokenKindFromName } from '../../src/analysis/tokens';
import { collect } from '../helpers/analyze';

function kinds(code: string): (string | null)[] {
  return collect(code, 'CallExpression[callee.name="probe"]', (sc, node) => {
    const info = classifyToken(sc, (node as TSESTree.CallExpression).arguments[0]);
    return info ? `${info.kind}${info.fromRequest ? ':request' : ''}` : null;
  });
}

describe('tokens: which token an expression holds', () => {
  it('classifies names in every spelling and refuses look-alike names', () => {
    expect(
      ['id_token', 'idToken', 'ID-TOKEN', 'access_token', 'accessToken', 'refresh_token', 'rt', 'code', 'authCode'].map(tokenKindFromName),
    ).toEqual(['id', 'id', 'id', 'access', 'access', 'refresh', 'refresh', 'code', 'code']);
    expect(
      [
        'accessTokenExpiresAt',
        'idTokenClaims',
        'refreshTokenPromise',
        'ACCESS_TOKEN_KEY',
        'token_type',
        'idTokenHint',
        'theme',
        'codeVerifier',
      ].map(tokenKindFromName),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('takes the kind of a hand-parsed `name=value` pair from the guard that names it, not from the binding', () => {
    const code = `
      for (const p of location.hash.substring(1).split('&')) {
        if (p.substr(0, 9) == 'id_token=') { const accessToken = p.split('=')[1]; probe(accessToken); }
        if (p.startsWith('access_token=')) probe(p.split('=')[1]);
        if (p.indexOf('id_token=') === 0) probe(p.split('=')[1]);
        if (p.split('=')[0] === 'refresh_token') probe(p.split('=')[1]);
        if (other.startsWith('id_token=')) { const accessToken = p.split('=')[1]; probe(accessToken); }
        if (p.substr(0, 8) == 'id_token') { const accessToken = p.split('=')[1]; probe(accessToken); }
      }`;
    expect(kinds(code)).toEqual(['id', 'access', 'id', 'refresh', 'access', 'access']);
  });

  it('lets the writes of a reassigned variable whose source is known decide, over its name and storage key', () => {
    const code = `
      function login() {
        var accessToken = localStorage.getItem('AppAccessToken');
        for (const p of location.hash.substring(1).split('&')) if (p.substr(0, 9) == 'id_token=') accessToken = p.split('=')[1];
        probe(accessToken);
      }
      function other() {
        let accessToken = localStorage.getItem('AppAccessToken');
        if (!accessToken) accessToken = await refresh();
        probe(accessToken);
      }
      function mixed(req) {
        let token = req.headers.authorization;
        if (!token) token = await getIdToken();
        probe(token);
      }`;
    expect(kinds(code)).toEqual(['id', 'access', null]);
  });

  it('reads an ID token only where `id` begins a word: `validToken` holds the letters too', () => {
    expect(['userIdToken', 'IDToken', 'ID_TOKEN', 'idtoken', 'rawIdToken', 'id.token'].map(tokenKindFromName)).toEqual([
      'id',
      'id',
      'id',
      'id',
      'id',
      'id',
    ]);
    expect(['validToken', 'isValidToken', 'invalidToken', 'INVALID_TOKEN', 'valid_token'].map(tokenKindFromName)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads sign-in credentials as ID tokens: Apple identityToken, a posted Google credential', () => {
    expect(['identityToken', 'apple_identity_token', 'identityTokenExpiry'].map(tokenKindFromName)).toEqual(['id', 'id', undefined]);
    const code = `
      function h(req) {
        probe(req.body.credential);
        const { credential, token, theme } = req.body;
        probe(credential); probe(token); probe(theme);
        probe(credential2);
      }`;
    expect(kinds(code)).toEqual(['id:request', 'id:request', 'unknown-jwt:request', null, null]);
  });

  it('classifies by source first: request headers, cookies, SDK calls', () => {
    const code = `
      function h(req) {
        probe(req.headers.authorization);
        const token = (req.get('authorization') || '').replace(/^Bearer /, '');
        probe(token);
        const [, bearer] = req.headers.authorization.split(' ');
        probe(bearer);
        probe(req.cookies.id_token);
      }
      async function spa(auth0) { const idToken = await auth0.getAccessTokenSilently(); probe(idToken); }`;
    expect(kinds(code)).toEqual(['access:request', 'access:request', 'access:request', 'id:request', 'access']);
  });

  it('classifies what a local helper returns', () => {
    const code = `
      const bearerFrom = (req) => {
        const [scheme, value] = req.get('authorization')?.split(' ') ?? [];
        return scheme?.toLowerCase() === 'bearer' ? value : undefined;
      };
      function pick(list) { return list[0]; }
      function h(req) { const token = bearerFrom(req); probe(token); probe(pick(req.query.items)); }`;
    expect(kinds(code)).toEqual(['access:request', null]);
  });

  it('classifies a promise callback parameter by the call the promise came from', () => {
    const code = `
      auth0.getAccessTokenSilently().then((token) => probe(token));
      fetch('/api/me').then((token) => probe(token));
      auth0.getAccessTokenSilently().then((res, token) => probe(token));`;
    expect(kinds(code)).toEqual(['access', null, null]);
  });

  it('classifies token-response members and destructured names', () => {
    const code = `
      async function cb(res) {
        const tokens = await res.json();
        probe(tokens.refresh_token);
        const { id_token: raw } = tokens;
        probe(raw);
        probe(tokens.expires_in);
      }`;
    expect(kinds(code)).toEqual(['refresh', 'id', null]);
  });
});

describe('tokens: names that are Object.prototype members', () => {
  it('does not take a call of toString/valueOf/constructor for an SDK token call', () => {
    expect(kinds('const n = Math.random().toString(36).slice(2); probe(n); probe(x.valueOf()); probe(constructor());')).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe('tokens: token-set accessors and tokens the app signs', () => {
  it('classifies `tokens.accessToken()` on a token set, not an app action', () => {
    expect(
      kinds(
        `probe(tokens.accessToken()); probe(oauthTokens.refreshToken()); probe(refreshToken()); probe(auth.refreshToken()); probe(tokens.accessToken(true)); probe(csrfToken.idToken());`,
      ),
    ).toEqual(['access', 'refresh', null, null, null, null]);
  });

  it('finds JWTs the app signs through variables, awaits and local helpers, with the names on the way', () => {
    const code = `import jwt from 'jsonwebtoken';
import { SignJWT } from 'jose';
function makeInviteToken(id) { return jwt.sign({ id }, KEY); }
const session = jwt.sign({ sub }, KEY);
const edge = await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(key);
probe(session); probe(edge); probe(makeInviteToken(1)); probe(other.sign(x)); probe(tokens.access_token);`;
    const found = collect(code, 'CallExpression[callee.name="probe"]', (sc, node) => {
      const issued = issuedTokenOf(sc, (node as TSESTree.CallExpression).arguments[0]);
      return issued ? issued.names.join(',') || '-' : null;
    });
    expect(found).toEqual(['session', 'edge', 'makeInviteToken', null, null]);
  });

  it('tells one-time link names from session names', () => {
    expect(['resetToken', '/verify-email', 'magicLink', 'sendInvitation', 'sessionToken', '/auth/done'].map(namesOneTimeLink)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
