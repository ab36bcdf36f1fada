import { describe, expect, it } from 'vitest';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  claimStatus,
  isExternalIssuerToken,
  isVerifiedElsewhere,
  jwtFacts,
  keySourceOf,
  tokenOf,
  type JwtOperation,
} from '../../src/analysis/jwt';
import { analyze, collect, type AnalyzeOptions } from '../helpers/analyze';

/** The file's operations as `kind:library:line`. */
function operations(code: string, options?: AnalyzeOptions): string[] {
  return collect(
    code,
    'Program',
    (sc) => jwtFacts(sc).operations.map((op) => `${op.kind}:${op.library}:${op.node.loc.start.line}`),
    options,
  ).flat();
}

/** Runs `pick` on every operation of the file. */
function withOps<T>(code: string, pick: (sc: TSESLint.SourceCode, op: JwtOperation) => T, options?: AnalyzeOptions): T[] {
  const results: T[] = [];
  analyze(
    code,
    'Program',
    (sc) => {
      for (const op of jwtFacts(sc).operations) results.push(pick(sc, op));
    },
    options,
  );
  return results;
}

describe('jwt: operations of every library', () => {
  it('finds jsonwebtoken, jose, jwt-decode v3/v4 and header-only decodes', () => {
    const code = `
      import jwt from 'jsonwebtoken';
      import { jwtVerify, decodeJwt, decodeProtectedHeader } from 'jose';
      import jwt_decode from 'jwt-decode';
      import { jwtDecode } from 'jwt-decode';
      jwt.verify(t, k, { algorithms: ['RS256'] });
      jwt.decode(t);
      jwt.decode(t, { complete: true }).header;
      jwtVerify(t, k);
      decodeJwt(t);
      decodeProtectedHeader(t);
      jwt_decode(t, { header: true });
      jwtDecode(t);
      jwt.sign(p, k, { algorithm: 'HS256' });`;
    expect(operations(code)).toEqual([
      'verify:jsonwebtoken:6',
      'decode:jsonwebtoken:7',
      'header:jsonwebtoken:8',
      'verify:jose:9',
      'decode:jose:10',
      'header:jose:11',
      'header:jwt-decode:12',
      'decode:jwt-decode:13',
      'sign:jsonwebtoken:14',
    ]);
  });

  it('finds NestJS services, modules and passport strategies through super()', () => {
    const code = `
      import { JwtService, JwtModule } from '@nestjs/jwt';
      import { PassportStrategy } from '@nestjs/passport';
      import { Strategy, ExtractJwt } from 'passport-jwt';
      JwtModule.register({ secret: 's' });
      class A { constructor(private readonly jwt: JwtService) {} run(t: string) { return this.jwt.verifyAsync(t); } }
      class S extends PassportStrategy(Strategy) { constructor() { super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: 'x' }); } }`;
    expect(operations(code)).toEqual(['config:@nestjs/jwt:5', 'verify:@nestjs/jwt:6', 'config:passport-jwt:7']);
  });

  it('finds google-auth-library, express-jwt v5 and v8, CommonJS require', () => {
    const code = `
      const { OAuth2Client } = require('google-auth-library');
      const jwt = require('express-jwt');
      const { expressjwt } = require('express-jwt');
      const client = new OAuth2Client();
      client.verifyIdToken({ idToken: t, audience: 'x' });
      jwt({ secret: 's', algorithms: ['HS256'] });
      expressjwt({ secret: 's', algorithms: ['HS256'] });`;
    expect(operations(code, { typescript: false, sourceType: 'commonjs' })).toEqual([
      'verify:google-auth-library:6',
      'config:express-jwt:7',
      'config:express-jwt:8',
    ]);
  });

  it('finds hand-rolled decodes and tells the header segment apart', () => {
    const code = `
      const a = JSON.parse(atob(idToken.split('.')[1]));
      const [, payload] = token.split('.');
      const b = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const c = JSON.parse(atob(token.split('.')[0]));
      const d = JSON.parse(Buffer.from(cursor, 'base64').toString());`;
    expect(operations(code)).toEqual(['decode:hand-rolled:2', 'decode:hand-rolled:4', 'header:hand-rolled:5']);
  });

  it('turns calls of local decode helpers into operations on the argument', () => {
    const code = `
      import { jwtDecode } from 'jwt-decode';
      function parseJwt(token) { return JSON.parse(atob(token.split('.')[1])); }
      const peek = (t) => jwtDecode(t);
      parseJwt(tokens.id_token);
      peek(accessToken);`;
    const result = withOps(code, (sc, op) => `${op.kind}:${op.inner ? 'wrapper' : 'direct'}:${tokenOf(sc, op.token)?.kind ?? '-'}`);
    expect(result).toEqual(['decode:direct:-', 'decode:direct:-', 'decode:wrapper:id', 'decode:wrapper:access']);
  });

  it('ignores look-alikes: local functions named verify, other modules', () => {
    const code = `
      import { verify } from './crypto';
      const decode = (x) => x;
      verify(sig, body, secret);
      decode(token);`;
    expect(operations(code)).toEqual([]);
  });
});

describe('jwt: key sources', () => {
  it('tells remote key sets and resolvers from local secrets', () => {
    const code = `
      import jwt from 'jsonwebtoken';
      import jwksClient from 'jwks-rsa';
      import { jwtVerify, createRemoteJWKSet, importSPKI, importJWK } from 'jose';
      const client = jwksClient({ jwksUri: u });
      function getKey(header, cb) { client.getSigningKey(header.kid, (e, k) => cb(e, k.getPublicKey())); }
      const JWKS = createRemoteJWKSet(new URL(u));
      const SECRET = new TextEncoder().encode(process.env.SESSION_SECRET);
      jwt.verify(t, getKey, {});
      jwtVerify(t, JWKS);
      jwtVerify(t, SECRET);
      jwt.verify(t, process.env.JWT_SECRET);
      jwt.verify(t, '');
      async function f() {
        const jwk = await (await fetch(u)).json();
        await jwtVerify(t, await importJWK(jwk));
        await jwtVerify(t, await importSPKI(process.env.PEM, 'RS256'));
        const key = await client.getSigningKey(kid);
        jwt.verify(t, key.getPublicKey());
        jwt.verify(t, someParam);
      }`;
    expect(withOps(code, (sc, op) => keySourceOf(sc, op.key))).toEqual([
      'remote',
      'remote',
      'local',
      'local',
      'empty',
      'remote',
      'local',
      'remote',
      'unknown',
    ]);
  });

  it('counts imported key resolvers and key maps filled from the issuer as remote', () => {
    const code = `
      import axios from 'axios';
      import jwt from 'jsonwebtoken';
      import jwkToPem from 'jwk-to-pem';
      import { getSigningKey, getSecret, getKey } from './keys';
      const pems = {};
      const local = {};
      local[KID] = process.env.PUBLIC_KEY;
      async function load() {
        const { data } = await axios.get(JWKS_URL);
        for (const k of data.keys) pems[k.kid] = jwkToPem({ kty: k.kty, n: k.n, e: k.e });
      }
      jwt.verify(t, getSigningKey, {});
      jwt.verify(t, getSecret, {});
      jwt.verify(t, getKey(), {});
      jwt.verify(t, pems[kid], {});
      jwt.verify(t, local[kid], {});`;
    expect(withOps(code, (sc, op) => keySourceOf(sc, op.key))).toEqual(['remote', 'unknown', 'unknown', 'remote', 'local']);
  });

  it('follows lazily created key sets and class fields', () => {
    const code = `
      let jwks; let josePromise;
      async function getJose() { josePromise ??= import('jose'); return josePromise; }
      async function getJwks() { const { createRemoteJWKSet } = await getJose(); jwks ??= createRemoteJWKSet(new URL(u)); return jwks; }
      export async function handler(t) { const { jwtVerify } = await import('jose'); return jwtVerify(t, await getJwks(), {}); }`;
    expect(withOps(code, (sc, op) => keySourceOf(sc, op.key), { typescript: false })).toEqual(['remote']);
  });
});

describe('jwt: @hapi/jwt artifacts', () => {
  it('takes the token of token.verify(artifacts) from the decode that made them, and a key read from a fetched JWKS as remote', () => {
    const code = `
      import Jwt from '@hapi/jwt';
      export async function check(token) {
        const artifacts = Jwt.token.decode(token);
        const { keys } = await (await fetch(JWKS_URL)).json();
        Jwt.token.verify(artifacts, { key: keys[0], algorithm: 'RS256' });
        Jwt.token.verify(artifacts, { key: process.env.KEY, algorithm: 'HS256' });
      }`;
    expect(withOps(code, (sc, op) => `${op.kind}:${op.token ? sc.getText(op.token) : ''}:${op.keySource}`)).toEqual([
      'decode:token:unknown',
      'verify:token:remote',
      'verify:token:local',
    ]);
  });
});

describe('jwt: verification facts', () => {
  it('knows a decode of a value the same function verifies, before or after', () => {
    const code = `
      import jwt from 'jsonwebtoken';
      function a(token) { const d = jwt.decode(token); return jwt.verify(token, k, o); }
      function b(token) { jwt.verify(token, k, o); return jwt.decode(token); }
      function c(token, other) { jwt.verify(other, k, o); return jwt.decode(token); }
      function d(req) { jwt.verify(req.body.token, k, o); return jwt.decode(req.body.token); }`;
    const verified = withOps(code, (sc, op) => (op.kind === 'decode' ? isVerifiedElsewhere(sc, jwtFacts(sc), op) : undefined)).filter(
      (v) => v !== undefined,
    );
    expect(verified).toEqual([true, true, false, true]);
  });

  it('counts options and hand-written comparisons as claim checks', () => {
    const code = `
      import jwt from 'jsonwebtoken';
      import { jwtVerify } from 'jose';
      function a(t) { return jwt.verify(t, getKey, { audience: AUD }); }
      async function b(t) { const { payload } = await jwtVerify(t, JWKS, {}); if (payload.aud !== AUD) throw new Error(); return payload; }
      async function c(t) { const { payload } = await jwtVerify(t, JWKS, {}); return payload; }
      async function user(t) { const claims = await c(t); if (![].concat(claims.aud).includes(AUD)) throw new Error(); }
      async function d(t) { const { payload } = await jwtVerify(t, JWKS, {}); const { aud } = payload; return { aud }; }
      async function e(t, opts) { return jwtVerify(t, JWKS, opts); }`;
    const status = withOps(code, (sc, op) => claimStatus(sc, jwtFacts(sc), op, 'aud'));
    // The last one is the helper call in `user`, a verify operation through a wrapper.
    expect(status).toEqual(['checked', 'checked', 'checked', 'missing', 'unknown', 'checked']);
  });

  it('treats nonce reads outside comparisons as no check', () => {
    const code = `
      import jwt from 'jsonwebtoken';
      function a(idToken, tx) { const c = jwt.verify(idToken, getKey, { algorithms: ['RS256'] }); save({ nonce: tx.nonce }); return c; }
      function b(idToken, tx) { const c = jwt.verify(idToken, getKey, { algorithms: ['RS256'] }); if (c.nonce !== tx.nonce) throw new Error(); return c; }`;
    expect(withOps(code, (sc, op) => claimStatus(sc, jwtFacts(sc), op, 'nonce'))).toEqual(['missing', 'checked']);
  });

  it('knows external-issuer tokens: ID tokens, remote keys, nonce options', () => {
    const code = `
      import jwt from 'jsonwebtoken';
      jwt.verify(idToken, process.env.PEM, {});
      jwt.verify(session, process.env.SECRET, {});
      jwt.verify(session, getKey, {});
      jwt.verify(t, process.env.PEM, { nonce: n });
      function getKey(h, cb) {}`;
    expect(withOps(code, (sc, op) => isExternalIssuerToken(sc, op))).toEqual([true, false, true, true]);
  });

  it('reads tokens from server cookie stores', () => {
    const code = `
      import { cookies } from 'next/headers';
      async function f() { const jar = await cookies(); probe(jar.get('app_session')?.value); probe(jar.get('theme')?.value); }`;
    const kinds = collect(code, 'CallExpression[callee.name="probe"]', (sc, node) => {
      const info = tokenOf(sc, (node as TSESTree.CallExpression).arguments[0]);
      return info ? `${info.kind}:${info.fromRequest}` : 'none';
    });
    expect(kinds).toEqual(['unknown-jwt:true', 'none']);
  });
});
