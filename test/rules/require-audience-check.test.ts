import rule from '../../rules/require-audience-check';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('require-audience-check', rule, {
  valid: [
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
    // Audience option given.
    `import { jwtVerify, createRemoteJWKSet } from 'jose';
     const JWKS = createRemoteJWKSet(new URL('https://idp.example.com/.well-known/jwks.json'));
     export const check = (t: string) => jwtVerify(t, JWKS, { issuer: 'https://idp.example.com', audience: 'orders-api', algorithms: ['RS256'] });`,
    // App's own HMAC session token: not an external issuer.
    `import jwt from 'jsonwebtoken';
     export const readSession = (req) => jwt.verify(req.cookies.session, process.env.SESSION_SECRET, { algorithms: ['HS256'] });`,
    `import { jwtVerify } from 'jose';
     const KEY = new TextEncoder().encode(process.env.SESSION_SECRET);
     export const readSession = (token: string) => jwtVerify(token, KEY, { algorithms: ['HS256'] });`,
    // Hand-written aud comparison in the verify callback.
    `import jwt from 'jsonwebtoken';
     import jwksClient from 'jwks-rsa';
     const client = jwksClient({ jwksUri: JWKS_URI, rateLimit: true });
     function getKey(header, cb) { client.getSigningKey(header.kid, (e, k) => cb(e, k?.getPublicKey())); }
     export function auth(req, res, next) {
       jwt.verify(req.headers.authorization.slice(7), getKey, { algorithms: ['RS256'], issuer: ISS }, (err, claims) => {
         if (err || claims.aud !== API_AUDIENCE) return res.sendStatus(401);
         next();
       });
     }`,
    // Hand-written comparison in the caller of a verify helper, array-tolerant.
    `import { jwtVerify } from 'jose';
     async function verifyToken(token: string) { const { payload } = await jwtVerify(token, JWKS_FROM_ELSEWHERE, { issuer: ISS }); return payload; }
     export async function handle(idToken: string) { const claims = await verifyToken(idToken); if (![].concat(claims.aud).includes(CLIENT_ID)) throw new Error('aud'); return claims; }`,
    // Options from a parameter: unknown, silent.
    `import { jwtVerify, createRemoteJWKSet } from 'jose';
     const JWKS = createRemoteJWKSet(new URL(JWKS_URL));
     export const check = (t: string, opts: object) => jwtVerify(t, JWKS, opts);`,
    // google-auth-library with audience.
    `import { OAuth2Client } from 'google-auth-library';
     const client = new OAuth2Client();
     export const check = (credential: string) => client.verifyIdToken({ idToken: credential, audience: process.env.GOOGLE_CLIENT_ID });`,
    // express-jwt with a local secret.
    `import { expressjwt } from 'express-jwt';
     export const auth = expressjwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] });`,
    // express-jwt with JWKS and audience.
    `import { expressjwt } from 'express-jwt';
     import { expressJwtSecret } from 'jwks-rsa';
     export const auth = expressjwt({ secret: expressJwtSecret({ jwksUri, rateLimit: true }) as any, audience: AUD, issuer: ISS, algorithms: ['RS256'] });`,
    // Nest service with a local secret.
    `import { JwtService } from '@nestjs/jwt';
     export class G { constructor(private readonly jwt: JwtService) {} check(t: string) { return this.jwt.verifyAsync(t, { secret: process.env.JWT_SECRET, algorithms: ['HS256'] }); } }`,
    // Destructured aud compared by hand.
    `import { jwtVerify } from 'jose';
     export async function check(idToken: string) { const { payload } = await jwtVerify(idToken, JWKS, { issuer: ISS }); const { aud } = payload; if (aud !== CLIENT_ID) throw new Error(); return payload; }`,
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
      errors: [{ messageId: 'missingAudience', line: 7, column: 3, endLine: 7, endColumn: 64 }],
    },
    {
      // Sign in with Apple: `identityToken` is an ID token whatever the key parameter holds.
      code: `import jwt from 'jsonwebtoken';
export function verifyAppleIdentity(identityToken: string, applePublicKey: string) {
  return jwt.verify(identityToken, applePublicKey, { algorithms: ['RS256'] });
}`,
      errors: [{ messageId: 'missingAudience', line: 3, column: 10, endLine: 3, endColumn: 78 }],
    },
    {
      // A key resolver imported from another module and passed as the key: a per-token (JWKS) lookup.
      code: `import jwt from 'jsonwebtoken';
import { getSigningKey } from './jwks';
export const auth = (req, res, next) =>
  jwt.verify(req.headers.authorization?.slice(7) ?? '', getSigningKey, { algorithms: ['RS256'] }, (err) => (err ? res.sendStatus(401) : next()));`,
      errors: [{ messageId: 'missingAudience', line: 4, column: 3, endLine: 4, endColumn: 145 }],
    },
    {
      // The key comes from a map filled with PEMs built from the issuer's JWKS response.
      code: `import axios from 'axios';
import jwt from 'jsonwebtoken';
import jwkToPem from 'jwk-to-pem';
const pems: Record<string, string> = {};
export async function loadKeys() {
  const { data } = await axios.get(\`\${ISSUER}/.well-known/jwks.json\`);
  for (const k of data.keys) pems[k.kid] = jwkToPem({ kty: k.kty, n: k.n, e: k.e });
}
export const check = (token: string, kid: string) => jwt.verify(token, pems[kid], { algorithms: ['RS256'], issuer: ISSUER });`,
      errors: [{ messageId: 'missingAudience', line: 9, column: 54, endLine: 9, endColumn: 125 }],
    },
    {
      code: `import { jwtVerify, createRemoteJWKSet } from 'jose';
const JWKS = createRemoteJWKSet(new URL('https://idp.example.com/jwks'));
export const check = (t: string) => jwtVerify(t, JWKS, { issuer: 'https://idp.example.com', algorithms: ['RS256'] });`,
      errors: [{ messageId: 'missingAudience', line: 3, column: 37, endLine: 3, endColumn: 117 }],
    },
    {
      // getKey callback of jwks-rsa.
      code: `import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
const client = jwksClient({ jwksUri: JWKS_URI, rateLimit: true });
function getKey(header, cb) { client.getSigningKey(header.kid, (e, k) => cb(e, k?.getPublicKey())); }
jwt.verify(token, getKey, { algorithms: ['RS256'], issuer: ISS }, (err, claims) => {});`,
      errors: [{ messageId: 'missingAudience', line: 5, column: 1, endLine: 5, endColumn: 87 }],
    },
    {
      // ID token with a local PEM.
      code: `import jwt from 'jsonwebtoken';
export const claims = (idToken: string) => jwt.verify(idToken, process.env.IDP_PUBLIC_KEY!, { algorithms: ['RS256'], issuer: ISS });`,
      errors: [{ messageId: 'missingAudience', line: 2, column: 44, endLine: 2, endColumn: 132 }],
    },
    {
      code: `import { OAuth2Client } from 'google-auth-library';
const google = new OAuth2Client();
export const check = async (req) => (await google.verifyIdToken({ idToken: req.body.credential })).getPayload();`,
      errors: [{ messageId: 'missingAudience', line: 3, column: 44, endLine: 3, endColumn: 98 }],
    },
    {
      // Lazily created remote key set through a helper.
      code: `import { createRemoteJWKSet, jwtVerify } from 'jose';
let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
function getJwks() { jwks ??= createRemoteJWKSet(new URL(JWKS_URL)); return jwks; }
export const check = (t: string) => jwtVerify(t, getJwks(), { issuer: ISS });`,
      errors: [{ messageId: 'missingAudience', line: 4, column: 37, endLine: 4, endColumn: 77 }],
    },
    {
      // A key fetched from the issuer.
      code: `import jwt from 'jsonwebtoken';
export async function check(token: string) {
  const pem = await (await fetch('https://idp.example.com/pem')).text();
  return jwt.verify(token, pem, { algorithms: ['RS256'], issuer: ISS });
}`,
      errors: [{ messageId: 'missingAudience', line: 4, column: 10, endLine: 4, endColumn: 72 }],
    },
    {
      code: `import { expressjwt } from 'express-jwt';
import jwks from 'jwks-rsa';
export const auth = expressjwt({ secret: jwks.expressJwtSecret({ jwksUri, rateLimit: true }), issuer: ISS, algorithms: ['RS256'] });`,
      errors: [{ messageId: 'missingAudience', line: 3, column: 21, endLine: 3, endColumn: 132 }],
    },
    {
      code: `import { ExtractJwt, Strategy } from 'passport-jwt';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor() {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKeyProvider: passportJwtSecret({ jwksUri, rateLimit: true }), issuer: ISS, algorithms: ['RS256'] });
  }
}`,
      errors: [{ messageId: 'missingAudience', line: 6, column: 5, endLine: 6, endColumn: 178 }],
    },
    {
      // Nonce option: an ID token, even with an unknown key.
      code: `import jwt from 'jsonwebtoken';
export const check = (t: string, key: string, n: string) => jwt.verify(t, key, { algorithms: ['RS256'], issuer: ISS, nonce: n });`,
      errors: [{ messageId: 'missingAudience', line: 2, column: 61, endLine: 2, endColumn: 129 }],
    },
    {
      // Reading aud without comparing it is no check.
      code: `import { jwtVerify } from 'jose';
export async function check(idToken: string) { const { payload } = await jwtVerify(idToken, JWKS, { issuer: ISS }); return { aud: payload.aud, sub: payload.sub }; }`,
      errors: [{ messageId: 'missingAudience', line: 2, column: 74, endLine: 2, endColumn: 115 }],
    },
  ],
});

createEspreeRuleTester().run('require-audience-check (espree)', rule, {
  valid: [
    `const { verify } = require('jsonwebtoken');
     verify(token, getKey, { algorithms: ['RS256'], audience: 'api', issuer: ISS }, cb);
     function getKey(h, cb) {}`,
  ],
  invalid: [
    {
      code: `const { verify } = require('jsonwebtoken');
verify(token, getKey, { algorithms: ['RS256'], issuer: ISS }, cb);
function getKey(h, cb) {}`,
      errors: [{ messageId: 'missingAudience', line: 2, column: 1, endLine: 2, endColumn: 66 }],
    },
  ],
});

// Google's tokeninfo endpoint verifies the ID token at Google; the returned `aud` is the caller's to compare.
const tokenInfo = `export async function googleLogin(req, res) {
  const r = await fetch(\`https://oauth2.googleapis.com/tokeninfo?id_token=\${req.body.token}\`);
  const info = await r.json();
  if (!info.email_verified) return res.status(401).end();
  return signIn(info.sub, info.email);
}`;
const tokenInfoAxios = `import axios from 'axios';
export async function googleLogin(idToken) {
  const { data } = await axios.get('https://www.googleapis.com/oauth2/v3/tokeninfo', { params: { id_token: idToken } });
  return data.sub;
}`;
createEspreeRuleTester().run('require-audience-check (tokeninfo)', rule, {
  valid: [
    tokenInfo.replace('if (!info.email_verified)', 'if (info.aud !== process.env.GOOGLE_CLIENT_ID)'),
    tokenInfoAxios.replace('return data.sub;', "if (data.aud !== CLIENT_ID) throw new Error('aud');\n  return data.sub;"),
    // An access token's tokeninfo (its scopes), and another endpoint named alike.
    tokenInfo.replace('id_token=', 'access_token='),
    tokenInfo.replace('https://oauth2.googleapis.com/tokeninfo', 'https://api.example.com/tokeninfo'),
  ],
  invalid: [
    {
      code: tokenInfo,
      errors: [
        { messageId: 'missingAudience', ...at(tokenInfo, 'fetch(`https://oauth2.googleapis.com/tokeninfo?id_token=${req.body.token}`)') },
      ],
    },
    {
      code: tokenInfoAxios,
      errors: [
        {
          messageId: 'missingAudience',
          ...at(tokenInfoAxios, "axios.get('https://www.googleapis.com/oauth2/v3/tokeninfo', { params: { id_token: idToken } })"),
        },
      ],
    },
  ],
});

// verifyIdToken options taken whole from the request: the sender chooses the audience.
const optionsFromBody = `import { OAuth2Client } from 'google-auth-library';
const client = new OAuth2Client();
app.post('/login', async (req, res) => {
  const ticket = await client.verifyIdToken(req.body);
  res.json(ticket.getPayload());
});`;
const bodyParameter = `import { OAuth2Client } from 'google-auth-library';
const client = new OAuth2Client();
service.post('google/login', (body) => client.verifyIdToken(body).then((ticket) => ticket.getPayload()));`;
ruleTester.run('require-audience-check (verify options from the request)', rule, {
  valid: [
    optionsFromBody.replace('verifyIdToken(req.body)', 'verifyIdToken({ idToken: req.body.credential, audience: CLIENT_ID })'),
    // A helper's options parameter: judged where known, silent here.
    `import { OAuth2Client } from 'google-auth-library';\nconst client = new OAuth2Client();\nexport const check = (options) => client.verifyIdToken(options);`,
    // A `body` that is not a route handler's.
    bodyParameter.replace("service.post('google/login', (body) =>", 'export const login = (body) =>').replace(/\);$/, ';'),
  ],
  invalid: [
    { code: optionsFromBody, errors: [{ messageId: 'audienceFromRequest', ...at(optionsFromBody, 'client.verifyIdToken(req.body)') }] },
    { code: bodyParameter, errors: [{ messageId: 'audienceFromRequest', ...at(bodyParameter, 'client.verifyIdToken(body)') }] },
  ],
});

// The expected audience named by the request itself (its Origin or Referer header): the sender chooses it.
const audienceFromOrigin = `import { createRemoteJWKSet, jwtVerify } from 'jose';
let jwks: ReturnType<typeof createRemoteJWKSet> | null = null;
export function verifyJwt(token: string, audience: string) {
  jwks ??= createRemoteJWKSet(new URL(process.env.AUTH_SERVER + '/jwks'));
  return jwtVerify(token, jwks, { issuer: process.env.AUTH_SERVER, audience });
}
export async function authMiddleware(req, res, next) {
  const url = new URL(req.headers.origin || req.headers.referer);
  const audience = url.origin;
  req.user = (await verifyJwt(req.headers.authorization.slice(7), audience)).payload;
  next();
}`;
const inlineOrigin = `import { createRemoteJWKSet, jwtVerify } from 'jose';
const JWKS = createRemoteJWKSet(new URL('https://idp.example.com/.well-known/jwks.json'));
app.get('/me', async (req, res) => {
  const { payload } = await jwtVerify(req.cookies.at, JWKS, { issuer: ISSUER, audience: req.get('origin') });
  res.json(payload);
});`;
ruleTester.run('require-audience-check (an audience the request names)', rule, {
  valid: [
    // The helper given the API's own identifier.
    audienceFromOrigin.replace(
      'verifyJwt(req.headers.authorization.slice(7), audience)',
      "verifyJwt(req.headers.authorization.slice(7), 'https://api.example.com')",
    ),
    // The request's origin checked against a list is not the audience; the audience is configured.
    inlineOrigin.replace("audience: req.get('origin')", 'audience: process.env.API_AUDIENCE'),
  ],
  invalid: [
    {
      // The lazily made key set is remote too; the missing check is reported at the call that hands the helper the audience.
      code: audienceFromOrigin,
      errors: [{ messageId: 'audienceFromRequest', ...at(audienceFromOrigin, 'verifyJwt(req.headers.authorization.slice(7), audience)') }],
    },
    {
      code: inlineOrigin,
      errors: [
        {
          messageId: 'audienceFromRequest',
          ...at(inlineOrigin, "jwtVerify(req.cookies.at, JWKS, { issuer: ISSUER, audience: req.get('origin') })"),
        },
      ],
    },
  ],
});

// Real code (fresh-2026-12-j): an express-jwt config for a remote key set with the audience left
// as an empty placeholder. express-jwt skips a falsy expectation: nothing is checked.
const emptyAudience = `const jwt = require('express-jwt');
const jwksRsa = require('jwks-rsa');
module.exports = jwt({
  secret: jwksRsa.expressJwtSecret({ cache: true, rateLimit: true, jwksUri: 'https://tenant.auth0.com/.well-known/jwks.json' }),
  audience: '',
  issuer: 'https://tenant.auth0.com/',
  algorithms: ['RS256'],
});`;

ruleTester.run('require-audience-check (real code: an empty expected audience)', rule, {
  valid: [emptyAudience.replace("audience: ''", "audience: 'https://api.example.com'")],
  invalid: [
    { code: emptyAudience, errors: [{ messageId: 'missingAudience', ...at(emptyAudience, "''") }] },
    {
      code: emptyAudience.replace("audience: ''", 'audience: []'),
      errors: [{ messageId: 'missingAudience', ...at(emptyAudience.replace("audience: ''", 'audience: []'), '[]') }],
    },
  ],
});

// Seen in real code (fresh-2026-12-l): jose from Deno's registry, in a Supabase Edge function.
const denoJose = (options: string) => `import * as jose from 'https://deno.land/x/jose@v4.14.4/index.ts';
const JWKS = jose.createRemoteJWKSet(new URL('https://example.outseta.com/.well-known/jwks'));
Deno.serve(async (req) => {
  const token = req.headers.get('Authorization')!.split(' ')[1];
  const { payload } = await jose.jwtVerify(token, JWKS${options});
  return new Response(JSON.stringify(payload));
});`;
const denoWithoutAudience = denoJose('');
ruleTester.run('require-audience-check (real code: jose from Deno registry)', rule, {
  valid: [denoJose(", { audience: 'my-api', issuer: 'https://example.outseta.com' }")],
  invalid: [
    { code: denoWithoutAudience, errors: [{ messageId: 'missingAudience', ...at(denoWithoutAudience, 'jose.jwtVerify(token, JWKS)') }] },
  ],
});
