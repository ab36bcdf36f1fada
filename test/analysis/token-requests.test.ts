import { describe, expect, it } from 'vitest';
import { tokenRequests, tokenResponseOf } from '../../src/analysis/token-requests';
import { collect } from '../helpers/analyze';

function requests(code: string, typescript = true): string[] {
  const out: string[] = [];
  collect(
    code,
    'Program',
    (sc) => {
      for (const r of tokenRequests(sc)) {
        const callee = r.node.type === 'CallExpression' || r.node.type === 'NewExpression' ? sc.getText(r.node.callee) : r.node.type;
        out.push(`${r.node.loc.start.line}:${r.library}:${callee}:${r.grantType ?? '?'}:verifier=${r.codeVerifier.state}`);
      }
      return undefined;
    },
    { typescript },
  );
  return out;
}

describe('token-requests: token endpoint calls with their grant and parameters', () => {
  it('reads a grant type chosen by a condition as a code grant when one branch is (the function exchanges a code when given one)', () => {
    const code = [
      `export async function getTokens(options) {`,
      `  const body = { grant_type: options.code ? 'authorization_code' : 'refresh_token', client_id: ID };`,
      `  return fetch(TOKEN, { method: 'POST', body: new URLSearchParams(body) });`,
      `}`,
      `await fetch(TOKEN, { method: 'POST', body: new URLSearchParams({ grant_type: refresh ? 'refresh_token' : 'client_credentials' }) });`,
      `await fetch(TOKEN, { method: 'POST', body: new URLSearchParams({ grant_type: settings.grant }) });`,
    ].join('\n');
    expect(requests(code)).toEqual([
      '3:http:fetch:authorization_code:verifier=absent',
      '5:http:fetch:?:verifier=absent',
      '6:http:fetch:?:verifier=absent',
    ]);
  });

  it('finds HTTP requests from their body, whatever the client and however the body travels', () => {
    const code = [
      `import axios from 'axios'; import qs from 'qs';`,
      `await fetch(TOKEN, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: v }) });`,
      `const body = qs.stringify({ grant_type: 'authorization_code', code });`,
      `await axios.post(TOKEN, body);`,
      `const form = new URLSearchParams(); form.set('grant_type', 'refresh_token'); form.set('refresh_token', rt);`,
      `await this.http.post(TOKEN, form.toString(), opts);`,
      `await got.post(TOKEN, { form: { grant_type: 'client_credentials', scope: 's' } });`,
      `await fetch(TOKEN, { method: 'POST', body: JSON.stringify({ grant_type: 'authorization_code', code, codeVerifier: v }) });`,
      `export const params = { grant_type: 'authorization_code', code };`,
    ].join('\n');
    expect(requests(code)).toEqual([
      '2:http:fetch:authorization_code:verifier=present',
      '4:http:axios.post:authorization_code:verifier=absent',
      '6:http:this.http.post:refresh_token:verifier=absent',
      '7:http:got.post:client_credentials:verifier=absent',
      '8:http:fetch:authorization_code:verifier=present',
      '9:http:ObjectExpression:authorization_code:verifier=absent',
    ]);
  });

  it('follows a body built in a local helper to the call that sends it', () => {
    const code = [
      `function tokenParams(code) {`,
      `  const params = new URLSearchParams();`,
      `  params.append('grant_type', 'authorization_code'); params.append('code', code);`,
      `  return params;`,
      `}`,
      `const refreshBody = (rt) => new URLSearchParams({ grant_type: 'refresh_token', refresh_token: rt });`,
      `async function exchange(code) { return http.post(TOKEN, tokenParams(code)); }`,
      `async function renew(rt) { const body = refreshBody(rt); return fetch(TOKEN, { method: 'POST', body }); }`,
    ].join('\n');
    expect(requests(code)).toEqual(['7:http:http.post:authorization_code:verifier=absent', '8:http:fetch:refresh_token:verifier=absent']);
  });

  it('finds Angular HttpClient requests whose body is an HttpParams chain or fromObject', () => {
    const code = [
      `import { HttpClient, HttpParams } from '@angular/common/http';`,
      `const body = new HttpParams().set('grant_type', 'refresh_token').set('refresh_token', rt);`,
      `this.http.post<Tokens>(TOKEN_URL, body);`,
      `http.post(TOKEN_URL, new HttpParams({ fromObject: { grant_type: 'authorization_code', code, code_verifier: v } }).toString(), opts);`,
      `http.get('/api/search', { params: new HttpParams().set('q', term) });`,
    ].join('\n');
    expect(requests(code)).toEqual([
      '3:http:this.http.post:refresh_token:verifier=absent',
      '4:http:http.post:authorization_code:verifier=present',
    ]);
  });

  it('knows library exchange calls and where their verifier goes', () => {
    const code = [
      `import * as oidc from 'openid-client'; import * as oauth from 'oauth4webapi';`,
      `import { OAuth2Client } from 'google-auth-library'; import { ConfidentialClientApplication } from '@azure/msal-node';`,
      `await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: v, expectedState: s });`,
      `await oidc.authorizationCodeGrant(config, url, { expectedState: s });`,
      `await oauth.authorizationCodeGrantRequest(as, c, auth, params, CB, verifier);`,
      `const g = new OAuth2Client(I, S, CB); await g.getToken(code); await g.getToken({ code, codeVerifier });`,
      `await new ConfidentialClientApplication(cfg).acquireTokenByCode({ code, scopes, redirectUri: CB });`,
      `await oidc.genericGrantRequest(config, 'password', { username, password });`,
    ].join('\n');
    expect(requests(code)).toEqual([
      '3:openid-client:oidc.authorizationCodeGrant:authorization_code:verifier=present',
      '4:openid-client:oidc.authorizationCodeGrant:authorization_code:verifier=absent',
      '5:oauth4webapi:oauth.authorizationCodeGrantRequest:authorization_code:verifier=present',
      '6:google-auth-library:g.getToken:authorization_code:verifier=absent',
      '6:google-auth-library:g.getToken:authorization_code:verifier=present',
      '7:@azure/msal-node:new ConfidentialClientApplication(cfg).acquireTokenByCode:authorization_code:verifier=absent',
      '8:openid-client:oidc.genericGrantRequest:password:verifier=absent',
    ]);
  });

  it('reads a FormData body filled with append (global and the form-data package), and nothing from an unrelated FormData', () => {
    const code = [
      `const FormData = require('form-data');`,
      `const data = new FormData(); data.append('grant_type', 'authorization_code'); data.append('code', code);`,
      `await fetch(TOKEN, { method: 'POST', body: data });`,
      `const upload = new FormData(); upload.append('file', blob); await fetch(UPLOAD, { method: 'POST', body: upload });`,
    ].join('\n');
    expect(requests(code, false)).toEqual(['3:http:fetch:authorization_code:verifier=absent']);
    const browser = `const form = new FormData(); form.set('grant_type', 'refresh_token'); form.set('refresh_token', rt); await fetch(TOKEN, { method: 'POST', body: form });`;
    expect(requests(browser)).toEqual(['1:http:fetch:refresh_token:verifier=absent']);
    // A form element's fields are unknown.
    expect(requests(`const f = new FormData(el); f.append('x', 1); await fetch(U, { method: 'POST', body: f });`)).toEqual([]);
  });

  it('infers a code exchange without grant_type (GitHub style), but not a stored code record', () => {
    const code = [
      `await axios.post('https://github.com/login/oauth/access_token', { client_id: ID, client_secret: S, code, redirect_uri: CB });`,
      `await db.codes.insert({ code, client_id: ID, redirect_uri: CB, user_id: u });`,
    ].join('\n');
    expect(requests(code)).toEqual(['1:http:axios.post:authorization_code:verifier=absent']);
  });

  it('ignores assertions and bodies without grant_type, in JavaScript too', () => {
    const code = `expect(body).toEqual({ grant_type: 'authorization_code', code });\nawait fetch('/api/login', { method: 'POST', body: JSON.stringify({ email, password }) });`;
    expect(requests(code, false)).toEqual([]);
  });
});

describe('token-requests: the whole response of a token request', () => {
  it('follows res.json(), axios data and .then() back to the request, and refuses other values', () => {
    const code = `import axios from 'axios';
export async function f(code, rt) {
  const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code }) });
  const body = await res.json();
  const { data } = await axios.post(TOKEN_URL, { grant_type: 'refresh_token', refresh_token: rt });
  const chained = await fetch(TOKEN_URL, { method: 'POST', body: 'grant_type=client_credentials' }).then((r) => r.json());
  const me = await (await fetch('/api/me')).json();
  probe(body); probe(data); probe(chained); probe(body.expires_in); probe(me);
}`;
    const found = collect(code, 'CallExpression[callee.name="probe"]', (sc, node) => {
      const request = tokenResponseOf(sc, (node as import('@typescript-eslint/utils').TSESTree.CallExpression).arguments[0]);
      return request ? (request.grantType ?? '?') : null;
    });
    expect(found).toEqual(['authorization_code', 'refresh_token', 'client_credentials', null, null]);
  });
});
