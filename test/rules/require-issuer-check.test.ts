import rule from '../../rules/require-issuer-check';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('require-issuer-check', rule, {
  valid: [
    // passport-jwt whose secretOrKeyProvider hands back a client's HMAC secret from the database: the server's own tokens.
    `import { Strategy, ExtractJwt } from 'passport-jwt';
passport.use(new Strategy({
  jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
  secretOrKeyProvider: async (_req, token, done) => {
    try {
      const client = await clients.byId(decodeClientId(token));
      return done(null, client.clientSecret);
    } catch (error) {
      return done(error, null);
    }
  },
}, verify));`,
    // @hapi/jwt with the expected audience and issuer in the verify options.
    `import Jwt from '@hapi/jwt';
export async function verifyToken(token) {
  const artifacts = Jwt.token.decode(token);
  const { keys } = await (await fetch(JWKS_URI)).json();
  const jwk = keys.find((k) => k.kid === artifacts.decoded.header.kid);
  Jwt.token.verify(artifacts, { key: jwk, algorithm: 'RS256' }, { aud: CLIENT_ID, iss: ISSUER });
}`,
    // @hapi/jwt with the app's own secret: not an external issuer's token.
    `import Jwt from '@hapi/jwt';
export function verifySession(token) {
  Jwt.token.verify(Jwt.token.decode(token), { key: process.env.SESSION_SECRET, algorithm: 'HS256' });
}`,
    // A proof of possession: signed with the key its verified attestation confirms (cnf.jwk), audience checked; it has no issuer.
    `import * as jose from 'jose';
export async function verifyPop(pop: string, attestation: { payload: { cnf: { jwk: jose.JWK } } }) {
  return jose.jwtVerify(pop, async (header) => jose.importJWK(attestation.payload.cnf.jwk, header.alg), { audience: ISSUER });
}`,
    // DPoP: the proof carries its own key (EmbeddedJWK).
    `import * as jose from 'jose';
export async function verifyDpop(proof: string) {
  return jose.jwtVerify(proof, jose.EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'] });
}`,
    // A key map filled from the environment: the app's own key, not an external issuer's.
    `import jwt from 'jsonwebtoken';
const keys: Record<string, string> = {};
keys[CURRENT_KID] = process.env.SESSION_PUBLIC_KEY!;
export const check = (token: string, kid: string) => jwt.verify(token, keys[kid], { algorithms: ['RS256'] });`,
    // An imported function that returns a secret, and a key getter called for its value: not a per-token key resolver.
    `import jwt from 'jsonwebtoken';
import { getSecret, getKey } from './keys';
export const a = (token: string) => jwt.verify(token, getSecret, { algorithms: ['HS256'] });
export const b = (token: string) => jwt.verify(token, getKey(), { algorithms: ['HS256'] });`,
    // Apple identity token with audience and issuer.
    `import jwt from 'jsonwebtoken';
export function verifyAppleIdentity(identityToken: string, applePublicKey: string) {
  return jwt.verify(identityToken, applePublicKey, { algorithms: ['RS256'], audience: BUNDLE_ID, issuer: 'https://appleid.apple.com' });
}`,
    `import { jwtVerify, createRemoteJWKSet } from 'jose';
     const JWKS = createRemoteJWKSet(new URL('https://idp.example.com/jwks'));
     export const check = (t: string) => jwtVerify(t, JWKS, { issuer: 'https://idp.example.com', audience: 'api' });`,
    // HMAC session token.
    `import jwt from 'jsonwebtoken';
     export const readSession = (token: string) => jwt.verify(token, process.env.SESSION_SECRET!, { algorithms: ['HS256'] });`,
    // google-auth-library checks the issuer itself.
    `import { OAuth2Client } from 'google-auth-library';
     const client = new OAuth2Client();
     export const check = (idToken: string) => client.verifyIdToken({ idToken, audience: CLIENT_ID });`,
    // Hand comparison of iss.
    `import { jwtVerify } from 'jose';
     export async function check(idToken: string) {
       const { payload } = await jwtVerify(idToken, JWKS, { audience: CLIENT_ID });
       if (payload.iss !== ISSUER) throw new Error('wrong issuer');
       return payload;
     }`,
    // Allowed issuers list.
    `import { jwtVerify } from 'jose';
     export async function check(idToken: string) {
       const { payload } = await jwtVerify(idToken, JWKS, { audience: CLIENT_ID });
       if (!TRUSTED_ISSUERS.includes(payload.iss)) throw new Error('wrong issuer');
       return payload;
     }`,
    // switch over iss.
    `import jwt from 'jsonwebtoken';
     export function check(idToken: string, key: string) {
       const claims = jwt.verify(idToken, key, { algorithms: ['RS256'], audience: CLIENT_ID }) as { iss: string };
       switch (claims.iss) { case A: case B: return claims; default: throw new Error(); }
     }`,
    // Issuer in a spread of a resolvable const.
    `import { jwtVerify, createRemoteJWKSet } from 'jose';
     const BASE = { issuer: ISS, audience: AUD };
     export const check = (t: string) => jwtVerify(t, createRemoteJWKSet(new URL(U)), { ...BASE, algorithms: ['RS256'] });`,
    // Unknown spread.
    `import { jwtVerify, createRemoteJWKSet } from 'jose';
     export const check = (t: string) => jwtVerify(t, createRemoteJWKSet(new URL(U)), { ...config.jwt, audience: AUD });`,
    // Nest with a local secret.
    `import { JwtModule } from '@nestjs/jwt';
     export const m = JwtModule.register({ secret: process.env.JWT_SECRET, verifyOptions: { algorithms: ['HS256'] } });`,
    // passport-azure-ad with issuer validation on.
    `import { BearerStrategy } from 'passport-azure-ad';
     passport.use(new BearerStrategy({ identityMetadata, clientID, validateIssuer: true, issuer: ISS }, verify));`,
    // Local public key, not an ID token: a service token.
    `import jwt from 'jsonwebtoken';
     export const check = (t: string) => jwt.verify(t, process.env.SERVICE_PUBLIC_KEY!, { algorithms: ['RS256'], audience: 'billing' });`,
  ],
  invalid: [
    {
      // @hapi/jwt: artifacts verified with a key from the fetched key set, no claim options.
      code: `import Jwt from '@hapi/jwt';
export async function verifyToken(token) {
  const artifacts = Jwt.token.decode(token);
  const response = await fetch(JWKS_URI);
  const { keys } = await response.json();
  const jwk = keys.find((k) => k.kid === artifacts.decoded.header.kid);
  Jwt.token.verify(artifacts, { key: jwk, algorithm: 'RS256' });
}`,
      errors: [{ messageId: 'missingIssuer', line: 7, column: 3, endLine: 7, endColumn: 64 }],
    },
    {
      // Sign in with Apple: `identityToken` is an ID token whatever the key parameter holds.
      code: `import jwt from 'jsonwebtoken';
export function verifyAppleIdentity(identityToken: string, applePublicKey: string) {
  return jwt.verify(identityToken, applePublicKey, { algorithms: ['RS256'] });
}`,
      errors: [{ messageId: 'missingIssuer', line: 3, column: 10, endLine: 3, endColumn: 78 }],
    },
    {
      // A key resolver imported from another module and passed as the key: a per-token (JWKS) lookup.
      code: `import jwt from 'jsonwebtoken';
import { getSigningKey } from './jwks';
export const auth = (req, res, next) =>
  jwt.verify(req.headers.authorization?.slice(7) ?? '', getSigningKey, { algorithms: ['RS256'] }, (err) => (err ? res.sendStatus(401) : next()));`,
      errors: [{ messageId: 'missingIssuer', line: 4, column: 3, endLine: 4, endColumn: 145 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
import jwksRsa from 'jwks-rsa';
const jwks = jwksRsa({ jwksUri: 'https://workforce.example-idp.com/keys', rateLimit: true });
function getKey(header: jwt.JwtHeader, cb: jwt.SigningKeyCallback) { jwks.getSigningKey(header.kid, (err, key) => cb(err, key?.getPublicKey())); }
export const check = (idToken: string, nonce: string) => jwt.verify(idToken, getKey, { algorithms: ['RS256'], audience: CLIENT_ID, nonce });`,
      errors: [{ messageId: 'missingIssuer', line: 5, column: 58, endLine: 5, endColumn: 140 }],
    },
    {
      code: `import { jwtVerify, createRemoteJWKSet } from 'jose';
const JWKS = createRemoteJWKSet(new URL(JWKS_URL));
export async function handler(event) {
  const { payload } = await jwtVerify(event.headers.authorization.slice(7), JWKS, { audience: 'partner-api' });
  return payload.sub;
}`,
      errors: [{ messageId: 'missingIssuer', line: 4, column: 29, endLine: 4, endColumn: 111 }],
    },
    {
      code: `import { compactVerify, createRemoteJWKSet } from 'jose';
const JWKS = createRemoteJWKSet(new URL(JWKS_URL));
export async function check(t: string) {
  const { payload } = await compactVerify(t, JWKS, { algorithms: ['RS256'] });
  const claims = JSON.parse(new TextDecoder().decode(payload));
  if (claims.aud !== AUD) throw new Error();
  return claims;
}`,
      errors: [{ messageId: 'missingIssuer', line: 4, column: 29, endLine: 4, endColumn: 78 }],
    },
    {
      code: `import { expressjwt } from 'express-jwt';
import { expressJwtSecret } from 'jwks-rsa';
export const auth = expressjwt({
  secret: expressJwtSecret({ jwksUri: JWKS_URI, rateLimit: true }) as any,
  audience: AUD,
  algorithms: ['RS256'],
});`,
      errors: [{ messageId: 'missingIssuer', line: 3, column: 21, endLine: 7, endColumn: 3 }],
    },
    {
      code: `import { Strategy, ExtractJwt } from 'passport-jwt';
import { passportJwtSecret } from 'jwks-rsa';
passport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKeyProvider: passportJwtSecret({ jwksUri }), audience: AUD, algorithms: ['RS256'] }, verify));`,
      errors: [{ messageId: 'missingIssuer', line: 3, column: 14, endLine: 3, endColumn: 187 }],
    },
    {
      // ID token with local key.
      code: `import jwt from 'jsonwebtoken';
export const check = (tokens: { id_token: string }) => jwt.verify(tokens.id_token, IDP_PEM, { algorithms: ['RS256'], audience: CLIENT_ID });`,
      errors: [{ messageId: 'missingIssuer', line: 2, column: 56, endLine: 2, endColumn: 140 }],
    },
    {
      code: `import { BearerStrategy } from 'passport-azure-ad';
passport.use(new BearerStrategy({ identityMetadata, clientID, validateIssuer: false }, verify));`,
      errors: [{ messageId: 'issuerValidationOff', line: 2, column: 79, endLine: 2, endColumn: 84 }],
    },
    {
      // A secretOrKeyProvider that hands back a fetched public key resolves an external key set.
      code: `import { Strategy, ExtractJwt } from 'passport-jwt';
passport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKeyProvider: async (_req, token, done) => done(null, await keys.publicKeyFor(token)), audience: AUD }, verify));`,
      errors: [{ messageId: 'missingIssuer', line: 2, column: 14, endLine: 2, endColumn: 205 }],
    },
    {
      // Nest service with the key provider of jwks-rsa.
      code: `import { JwtModule } from '@nestjs/jwt';
import { passportJwtSecret } from 'jwks-rsa';
export const m = JwtModule.register({ secretOrKeyProvider: passportJwtSecret({ jwksUri }) as any, verifyOptions: { algorithms: ['RS256'], audience: AUD } });`,
      errors: [{ messageId: 'missingIssuer', line: 3, column: 18, endLine: 3, endColumn: 157 }],
    },
    {
      // A getKey arrow resolver for jose.
      code: `import { jwtVerify, importJWK } from 'jose';
export const check = (t: string) => jwtVerify(t, async (header) => importJWK(await keyFor(header.kid)), { audience: AUD, algorithms: ['RS256'] });`,
      errors: [{ messageId: 'missingIssuer', line: 2, column: 37, endLine: 2, endColumn: 146 }],
    },
    {
      // A nonce read (not iss) does not count.
      code: `import { jwtVerify } from 'jose';
export async function check(idToken: string, expected: string) {
  const { payload } = await jwtVerify(idToken, JWKS, { audience: CLIENT_ID });
  if (payload.nonce !== expected) throw new Error();
}`,
      errors: [{ messageId: 'missingIssuer', line: 3, column: 29, endLine: 3, endColumn: 78 }],
    },
  ],
});

createEspreeRuleTester().run('require-issuer-check (espree)', rule, {
  valid: [
    `import { jwtVerify, createRemoteJWKSet } from 'jose';
     const JWKS = createRemoteJWKSet(new URL(U));
     export const check = (t) => jwtVerify(t, JWKS, { issuer: ISS, audience: AUD });`,
  ],
  invalid: [
    {
      code: `import { jwtVerify, createRemoteJWKSet } from 'jose';
const JWKS = createRemoteJWKSet(new URL(U));
export const check = (t) => jwtVerify(t, JWKS, { audience: AUD });`,
      errors: [{ messageId: 'missingIssuer', line: 3, column: 29, endLine: 3, endColumn: 66 }],
    },
  ],
});

// Real code (fresh-2026-12-j): the issuer left as an empty placeholder checks nothing.
const emptyIssuer = `const jwt = require('express-jwt');
const jwksRsa = require('jwks-rsa');
module.exports = jwt({
  secret: jwksRsa.expressJwtSecret({ cache: true, rateLimit: true, jwksUri: 'https://tenant.auth0.com/.well-known/jwks.json' }),
  audience: 'https://api.example.com',
  issuer: '',
  algorithms: ['RS256'],
});`;

ruleTester.run('require-issuer-check (real code: an empty expected issuer)', rule, {
  valid: [emptyIssuer.replace("issuer: ''", "issuer: 'https://tenant.auth0.com/'")],
  invalid: [{ code: emptyIssuer, errors: [{ messageId: 'missingIssuer', ...at(emptyIssuer, "''") }] }],
});

// Seen in real code (fresh-2026-12-l): Cognito's keys fetched in a promise chain and turned into
// PEMs in a forEach: a remote key, so the issuer must be checked.
const cognitoPems = (key: string, options: string) => `const jwt = require('jsonwebtoken');
const jwkToPem = require('jwk-to-pem');
let pems = {};
function verifyToken(req, res, next) {
  const token = req.headers.authorization;
  fetch(JWKS_URL)
    .then((res) => res.json())
    .then((data) => {
      data.keys.forEach((key) => {
        pems[key.kid] = jwkToPem({ kty: key.kty, n: key.n, e: key.e });
      });
      const decoded = jwt.decode(token, { complete: true });
      const pem = ${key};
      jwt.verify(token, pem, ${options}, (err, claims) => next(err));
    });
}
module.exports = { verifyToken };`;
const cognitoWithoutIssuer = cognitoPems('pems[decoded.header.kid]', "{ algorithms: ['RS256'] }");
ruleTester.run('require-issuer-check (real code: keys from a promise chain)', rule, {
  valid: [
    cognitoPems('pems[decoded.header.kid]', "{ algorithms: ['RS256'], issuer: COGNITO_ISSUER }"),
    // The app's own key from the environment: no external issuer.
    cognitoPems('process.env.JWT_PUBLIC_KEY', "{ algorithms: ['RS256'] }"),
  ],
  invalid: [
    {
      code: cognitoWithoutIssuer,
      errors: [
        {
          messageId: 'missingIssuer',
          ...at(cognitoWithoutIssuer, "jwt.verify(token, pem, { algorithms: ['RS256'] }, (err, claims) => next(err))"),
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-l): a local function handed the fetched key set by its only call.
const handedKeySet = (source: string) => `const jwt = require('jsonwebtoken');
const jwkToPem = require('jwk-to-pem');
function validate(keys, token) {
  const { kid } = JSON.parse(Buffer.from(token.split('.')[0], 'base64').toString());
  const jwk = keys.filter((x) => x.kid === kid)[0];
  return jwt.verify(token, jwkToPem(jwk), { algorithms: ['RS256'], audience: 'api' });
}
${source}`;
const fetchedKeys = handedKeySet('fetch(JWKS_URL).then((res) => res.json()).then((set) => validate(set.keys, TOKEN));');
ruleTester.run('require-issuer-check (real code: a key set handed to a local function)', rule, {
  valid: [handedKeySet("validate(require('./keys.json').keys, TOKEN);")],
  invalid: [
    {
      code: fetchedKeys,
      errors: [
        { messageId: 'missingIssuer', ...at(fetchedKeys, "jwt.verify(token, jwkToPem(jwk), { algorithms: ['RS256'], audience: 'api' })") },
      ],
    },
  ],
});
