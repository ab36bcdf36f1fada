import rule from '../../rules/require-jwks-caching';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('require-jwks-caching', rule, {
  valid: [
    // The same helper called once, at start-up: the key set is fetched once per process.
    `const JWKS_URI = 'https://auth.example.com/.well-known/jwks.json';
     async function getJWKS() { const response = await fetch(JWKS_URI); return (await response.json()).keys; }
     const keys = await getJWKS();
     export function loadKey(req, res, next) { req.key = keys.find((k) => k.kid === req.headers['x-kid']); next(); }`,
    // The verifying function fetches the key set only when the module-level cache is empty.
    `import jwt from 'jsonwebtoken';
let cachedKeys;
export async function verifyAccessToken(token, jwksUri, kid) {
  if (!cachedKeys) {
    const response = await fetch(jwksUri);
    cachedKeys = (await response.json()).keys;
  }
  return jwt.verify(token, cachedKeys.find((k) => k.kid === kid).pem, { algorithms: ['RS256'] });
}`,
    // The request in the verifying function is a userinfo call, not where the key comes from.
    `import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
const client = jwksClient({ jwksUri: JWKS_URI, rateLimit: true });
export async function verifyAndLoad(token, kid) {
  const key = await client.getSigningKey(kid);
  const claims = jwt.verify(token, key.getPublicKey(), { algorithms: ['RS256'] });
  const profile = await (await fetch(USERINFO_URL, { headers: { authorization: token } })).json();
  return { claims, profile };
}`,
    // A key set created per request around a cache kept outside it (jose's `jwksCache` symbol): nothing is refetched.
    `import * as jose from 'jose';
const caches = new Map();
export async function verifyLogoutToken(token: string, jwksUri: string) {
  if (!caches.has(jwksUri)) caches.set(jwksUri, {});
  const keys = jose.createRemoteJWKSet(new URL(jwksUri), { [jose.jwksCache]: caches.get(jwksUri) });
  return jose.jwtVerify(token, keys, { issuer: ISSUER, audience: CLIENT_ID });
}`,
    // The helper keeps the key set in a module variable.
    `import fetch from 'node-fetch';
import jwt from 'jsonwebtoken';
import jwkToPem from 'jwk-to-pem';
let cachedKeys: { kid: string }[] | undefined;
async function applePublicKey(kid: string) {
  if (!cachedKeys) cachedKeys = (await (await fetch('https://appleid.apple.com/auth/keys')).json()).keys;
  return jwkToPem(cachedKeys.find((k) => k.kid === kid));
}
export async function verifyApple(identityToken: string, kid: string) {
  const key = await applePublicKey(kid);
  return jwt.verify(identityToken, key, { algorithms: ['RS256'], audience: BUNDLE_ID, issuer: 'https://appleid.apple.com' });
}`,
    // A secret fetched from a vault is not a key set (no JWKS path, no `keys`).
    `import axios from 'axios';
import jwt from 'jsonwebtoken';
async function sessionSecret() {
  const { data } = await axios.get(\`\${VAULT_URL}/v1/secret/data/session\`);
  return data.data.value;
}
export async function readSession(token: string) {
  return jwt.verify(token, await sessionSecret(), { algorithms: ['HS256'] });
}`,
    `import jwksClient from 'jwks-rsa';
     export const client = jwksClient({ jwksUri: JWKS_URI, cache: true, cacheMaxAge: 600000, rateLimit: true, jwksRequestsPerMinute: 10 });`,
    // cache defaults to true in jwks-rsa 2+.
    `const jwksRsa = require('jwks-rsa');
     const keys = jwksRsa({ jwksUri: JWKS_URI, rateLimit: true, jwksRequestsPerMinute: 10 });`,
    `import { expressJwtSecret } from 'jwks-rsa';
     export const secret = expressJwtSecret({ cache: true, rateLimit: true, jwksRequestsPerMinute: 5, jwksUri: JWKS_URI });`,
    // jose defaults are fine.
    `import { createRemoteJWKSet } from 'jose';
     export const JWKS = createRemoteJWKSet(new URL('https://idp.example.com/jwks'), { cooldownDuration: 30000, cacheMaxAge: 600000 });`,
    // Lazily created once and kept in a module variable.
    `import { createRemoteJWKSet, jwtVerify } from 'jose';
     let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
     export async function handler(event) { jwks ??= createRemoteJWKSet(new URL(JWKS_URL)); return jwtVerify(event.token, jwks, { audience: A, issuer: I }); }`,
    // Kept in a class field.
    `import { createRemoteJWKSet } from 'jose';
     export class Verifier { private jwks?: ReturnType<typeof createRemoteJWKSet>; keys(req) { if (!this.jwks) this.jwks = createRemoteJWKSet(new URL(U)); return this.jwks; } }`,
    // A factory called once at startup.
    `import { createRemoteJWKSet, jwtVerify } from 'jose';
     export function makeVerifier(issuer: string) {
       const JWKS = createRemoteJWKSet(new URL(issuer + '/jwks'));
       return (token: string) => jwtVerify(token, JWKS, { issuer, audience: 'api' });
     }`,
    // Fetch of a JWKS cached in a module variable.
    `let cachedKeys; let fetchedAt = 0;
     export async function keysFor(req) {
       if (cachedKeys && Date.now() - fetchedAt < 600000) return cachedKeys;
       const res = await fetch('https://idp.example.com/.well-known/jwks.json');
       cachedKeys = await res.json(); fetchedAt = Date.now();
       return cachedKeys;
     }`,
    // Fetching something else per request.
    `export async function GET(req: Request) { const r = await fetch('https://api.example.com/orders'); return r; }`,
    // Fetch of the JWKS at startup.
    `const jwks = await (await fetch('https://idp.example.com/jwks')).json();`,
    // Options from elsewhere.
    `import jwksClient from 'jwks-rsa';
     export const client = jwksClient(config.jwks);`,
  ],
  invalid: [
    {
      // A helper of the file that fetches the key set, called by an Express middleware on every request.
      code: `const JWKS_URI = 'https://auth.example.com/.well-known/jwks.json';
export async function loadKey(req, res, next) {
  const keys = await getJWKS();
  req.key = keys.find((k) => k.kid === req.headers['x-kid']);
  next();
}
async function getJWKS() {
  const response = await fetch(JWKS_URI);
  return (await response.json()).keys;
}`,
      errors: [{ messageId: 'perRequestFetch', line: 8, column: 26, endLine: 8, endColumn: 41 }],
    },
    {
      // The verifying function downloads the key set itself on every call, whatever its URL is called.
      code: `import jwt from 'jsonwebtoken';
import { createPublicKey } from 'node:crypto';
export async function verifyAccessToken(token, jwksUri, kid) {
  const response = await fetch(jwksUri);
  const { keys } = await response.json();
  const jwk = keys.find((k) => k.kid === kid);
  const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  return jwt.verify(token, pem, { algorithms: ['RS256'] });
}`,
      errors: [{ messageId: 'perRequestFetch', line: 4, column: 26, endLine: 4, endColumn: 40 }],
    },
    {
      code: `import jwksClient from 'jwks-rsa';
const CACHE = false;
export const client = jwksClient({ jwksUri: JWKS_URI, cache: CACHE, rateLimit: true });`,
      errors: [{ messageId: 'cacheDisabled', line: 3, column: 62, endLine: 3, endColumn: 67, suggestions: [] }],
    },
    {
      code: `import jwksClient from 'jwks-rsa';
const options = { jwksUri: JWKS_URI };
export const client = jwksClient(options);`,
      errors: [{ messageId: 'missingRateLimit', line: 3, column: 23, endLine: 3, endColumn: 42, suggestions: [] }],
    },
    {
      code: `import jwksClient from 'jwks-rsa';
export const client = jwksClient({
  jwksUri: JWKS_URI,
  cache: true,
});
`,
      errors: [
        {
          messageId: 'missingRateLimit',
          line: 2,
          column: 23,
          endLine: 5,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'enableOption',
              output: `import jwksClient from 'jwks-rsa';
export const client = jwksClient({
  jwksUri: JWKS_URI,
  cache: true,
  rateLimit: true,
});
`,
            },
          ],
        },
      ],
    },
    {
      // A helper fetches Apple's key set for every verification and keeps nothing.
      code: `import fetch from 'node-fetch';
import jwt from 'jsonwebtoken';
import jwkToPem from 'jwk-to-pem';
async function applePublicKey(kid: string) {
  const res = await fetch('https://appleid.apple.com/auth/keys');
  const { keys } = await res.json();
  return jwkToPem(keys.find((k) => k.kid === kid));
}
export async function verifyApple(identityToken: string, kid: string) {
  const key = await applePublicKey(kid);
  return jwt.verify(identityToken, key, { algorithms: ['RS256'], audience: BUNDLE_ID, issuer: 'https://appleid.apple.com' });
}`,
      errors: [{ messageId: 'perRequestFetch', line: 5, column: 21, endLine: 5, endColumn: 65 }],
    },
    {
      code: `import jwksClient from 'jwks-rsa';
export const client = jwksClient({ jwksUri: JWKS_URI, cache: false, rateLimit: true });`,
      errors: [
        {
          messageId: 'cacheDisabled',
          line: 2,
          column: 62,
          endLine: 2,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'enableOption',
              output: `import jwksClient from 'jwks-rsa';
export const client = jwksClient({ jwksUri: JWKS_URI, cache: true, rateLimit: true });`,
            },
          ],
        },
      ],
    },
    {
      code: `import jwksClient from 'jwks-rsa';
export const client = jwksClient({ jwksUri: JWKS_URI });`,
      errors: [
        {
          messageId: 'missingRateLimit',
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'enableOption',
              output: `import jwksClient from 'jwks-rsa';
export const client = jwksClient({ jwksUri: JWKS_URI, rateLimit: true });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { JwksClient } from 'jwks-rsa';
export const client = new JwksClient({ jwksUri: JWKS_URI, rateLimit: false });`,
      errors: [
        {
          messageId: 'rateLimitDisabled',
          line: 2,
          column: 70,
          endLine: 2,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'enableOption',
              output: `import { JwksClient } from 'jwks-rsa';
export const client = new JwksClient({ jwksUri: JWKS_URI, rateLimit: true });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createRemoteJWKSet } from 'jose';
const jwks = createRemoteJWKSet(new URL('https://www.googleapis.com/oauth2/v3/certs'), { cacheMaxAge: Infinity });`,
      errors: [{ messageId: 'badCacheMaxAge', data: { value: 'Infinity' }, line: 2, column: 103, endLine: 2, endColumn: 111 }],
    },
    {
      code: `import * as jose from 'jose';
const OPTIONS = { cooldownDuration: 0 };
const jwks = jose.createRemoteJWKSet(new URL(JWKS_URL), OPTIONS);`,
      errors: [{ messageId: 'noCooldown', line: 2, column: 37, endLine: 2, endColumn: 38 }],
    },
    {
      // A new key set per verification.
      code: `import { createRemoteJWKSet, jwtVerify } from 'jose';
export async function verifyToken(token: string) {
  const JWKS = createRemoteJWKSet(new URL(JWKS_URL));
  return jwtVerify(token, JWKS, { issuer: ISS, audience: AUD });
}`,
      errors: [{ messageId: 'perRequest', line: 3, column: 16, endLine: 3, endColumn: 53 }],
    },
    {
      // A jwks-rsa client inside express middleware.
      code: `import jwksClient from 'jwks-rsa';
app.use(async (req, res, next) => {
  const client = jwksClient({ jwksUri: JWKS_URI, rateLimit: true });
  req.key = await client.getSigningKey(req.kid);
  next();
});`,
      errors: [{ messageId: 'perRequest', line: 3, column: 18, endLine: 3, endColumn: 68 }],
    },
    {
      // Inside a getKey resolver.
      code: `const jwksClient = require('jwks-rsa');
function getKey(header, callback) {
  jwksClient({ jwksUri: JWKS_URI, rateLimit: true }).getSigningKey(header.kid, (err, key) => callback(err, key && key.getPublicKey()));
}`,
      errors: [{ messageId: 'perRequest', line: 3, column: 3, endLine: 3, endColumn: 53 }],
    },
    {
      // Plain fetch of the JWKS in a route handler.
      code: `export async function GET(request: Request) {
  const jwks = await (await fetch(\`\${ISSUER}/.well-known/jwks.json\`)).json();
  return Response.json(jwks.keys.length);
}`,
      errors: [{ messageId: 'perRequestFetch', line: 2, column: 29, endLine: 2, endColumn: 69 }],
    },
    {
      code: `import axios from 'axios';
router.get('/me', async (req, res) => {
  const { data } = await axios.get('https://login.example.com/discovery/v2.0/keys');
  req.user = verifyWith(data, req.headers.authorization);
  res.json(req.user);
});`,
      errors: [{ messageId: 'perRequestFetch', line: 3, column: 26, endLine: 3, endColumn: 84 }],
    },
    {
      code: `import { passportJwtSecret } from 'jwks-rsa';
export const provider = passportJwtSecret({ jwksUri: JWKS_URI, cacheMaxAge: 0, rateLimit: true });`,
      errors: [{ messageId: 'badCacheMaxAge', data: { value: '0' }, line: 2, column: 77, endLine: 2, endColumn: 78 }],
    },
  ],
});

createEspreeRuleTester().run('require-jwks-caching (espree)', rule, {
  valid: [`const jwksRsa = require('jwks-rsa'); module.exports = jwksRsa({ jwksUri: U, rateLimit: true });`],
  invalid: [
    {
      code: `const jwksRsa = require('jwks-rsa');
module.exports = jwksRsa({ jwksUri: U, cache: false, rateLimit: true });`,
      errors: [
        {
          messageId: 'cacheDisabled',
          line: 2,
          column: 47,
          endLine: 2,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'enableOption',
              output: `const jwksRsa = require('jwks-rsa');
module.exports = jwksRsa({ jwksUri: U, cache: true, rateLimit: true });`,
            },
          ],
        },
      ],
    },
  ],
});

// Seen in real code (fresh-2026-12-l): Hono's `jwk` middleware keeps the key set it fetched;
// made inside a middleware, every request fetches it again.
const honoJwk = (placement: 'inside' | 'outside') =>
  placement === 'inside'
    ? `import { createMiddleware } from 'hono/factory';
import { jwk } from 'hono/jwk';
export const authMiddleware = createMiddleware(async (c, next) => {
  const auth = jwk({ jwks_uri: \`\${c.env.SUPABASE_URL}/auth/v1/.well-known/jwks.json\` });
  return auth(c, next);
});`
    : `import { jwk } from 'hono/jwk';
export const authMiddleware = jwk({ jwks_uri: 'https://example.supabase.co/auth/v1/.well-known/jwks.json' });`;
ruleTester.run('require-jwks-caching (real code: Hono jwk middleware)', rule, {
  valid: [honoJwk('outside')],
  invalid: [
    {
      code: honoJwk('inside'),
      errors: [
        { messageId: 'perRequest', ...at(honoJwk('inside'), 'jwk({ jwks_uri: `${c.env.SUPABASE_URL}/auth/v1/.well-known/jwks.json` })') },
      ],
    },
  ],
});
