import rule from '../../rules/require-jwt-algorithms';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('require-jwt-algorithms', rule, {
  valid: [
    // Allowlists from configuration, not from the request or the token.
    `import jwt from 'jsonwebtoken';
app.post('/api', (req, res) => jwt.verify(req.body.token, KEY, { algorithms: config.jwt.algorithms }));`,
    `import jwt from 'jsonwebtoken';
app.post('/api', (req, res) => jwt.verify(req.body.token, KEY, { algorithms: [config.jwt.alg] }));`,
    // promisify(jwt.verify.bind(jwt)) with an allowlist.
    `import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
const verifyAsync = promisify(jwt.verify.bind(jwt));
export const check = (token: string) => verifyAsync(token, PUBLIC_KEY, { algorithms: ['RS256'] });`,
    // Allowlist given inline.
    `import jwt from 'jsonwebtoken';
     jwt.verify(token, publicKey, { algorithms: ['RS256'], audience: 'api' });`,
    // Allowlist in a const options object.
    `import { verify } from 'jsonwebtoken';
     const VERIFY_OPTIONS = { algorithms: ['ES256'], issuer: ISSUER };
     export const check = (t: string) => verify(t, KEY, VERIFY_OPTIONS);`,
    // Options from a parameter: cannot tell, silent.
    `import jwt from 'jsonwebtoken';
     export function check(t: string, opts: jwt.VerifyOptions) { return jwt.verify(t, KEY, opts); }`,
    // jose without algorithms: only with requireForJose.
    `import { jwtVerify, createRemoteJWKSet } from 'jose';
     const JWKS = createRemoteJWKSet(new URL('https://idp.example.com/jwks'));
     export const check = (t: string) => jwtVerify(t, JWKS, { issuer: 'https://idp.example.com' });`,
    // A local function called verify is not jsonwebtoken's.
    `import { verify } from './signatures';
     verify(signature, body, secret);`,
    // Shadowed binding.
    `import jwt from 'jsonwebtoken';
     function run(jwt: { verify(a: string, b: string): void }) { jwt.verify(token, key); }`,
    // Only HMAC family.
    `import jwt from 'jsonwebtoken';
     jwt.verify(token, process.env.SESSION_SECRET, { algorithms: ['HS256', 'HS512'] });`,
    // Only asymmetric family.
    `import jwt from 'jsonwebtoken';
     jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] });`,
    // Sign with a real algorithm.
    `import jwt from 'jsonwebtoken';
     jwt.sign({ sub: user.id }, PRIVATE_KEY, { algorithm: 'RS256', expiresIn: '10m' });`,
    // express-jwt with allowlist.
    `import { expressjwt } from 'express-jwt';
     export const auth = expressjwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] });`,
    // passport-jwt strategy through Nest with allowlist.
    `import { PassportStrategy } from '@nestjs/passport';
     import { ExtractJwt, Strategy } from 'passport-jwt';
     export class JwtStrategy extends PassportStrategy(Strategy) {
       constructor() { super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET, algorithms: ['HS256'] }); }
     }`,
    // Nest JwtService calls merge the module's verifyOptions: silent without algorithms.
    `import { JwtService } from '@nestjs/jwt';
     export class Auth { constructor(private readonly jwt: JwtService) {} check(t: string) { return this.jwt.verifyAsync(t); } }`,
    // Nest module with a verify allowlist.
    `import { JwtModule } from '@nestjs/jwt';
     export const jwtModule = JwtModule.register({ secret: process.env.JWT_SECRET, verifyOptions: { algorithms: ['HS256'] } });`,
    // Decoding is not verification.
    `import jwt from 'jsonwebtoken';
     const header = jwt.decode(token, { complete: true })?.header;`,
    // 'none' as an unrelated string.
    `const mode = 'none'; const algorithms = ['none'];`,
    // Unresolvable spread could carry algorithms.
    `import jwt from 'jsonwebtoken';
     jwt.verify(token, key, { ...baseOptions, audience: 'api' });`,
  ],
  invalid: [
    {
      // The request picks the allowlist.
      code: `import jwt from 'jsonwebtoken';
app.post('/api', (req, res) => jwt.verify(req.body.token, KEY, { algorithms: req.body.algorithms }));`,
      errors: [{ messageId: 'untrustedAllowlist', line: 2, column: 78, endLine: 2, endColumn: 97 }],
    },
    {
      // A request header inside the list.
      code: `import jwt from 'jsonwebtoken';
app.post('/api', (req, res) => jwt.verify(req.body.token, KEY, { algorithms: [req.headers['x-alg']] }));`,
      errors: [{ messageId: 'untrustedAllowlist', line: 2, column: 79, endLine: 2, endColumn: 99 }],
    },
    {
      // The token's own header chooses its algorithm.
      code: `import jwt from 'jsonwebtoken';
export function check(token) {
  const { header } = jwt.decode(token, { complete: true });
  return jwt.verify(token, KEY, { algorithms: [header.alg] });
}`,
      errors: [{ messageId: 'untrustedAllowlist', line: 4, column: 48, endLine: 4, endColumn: 58 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
jwt.verify(token, key, { algorithms: ['none'] });`,
      errors: [{ messageId: 'noneAlgorithm', line: 2, column: 39, endLine: 2, endColumn: 45, suggestions: [] }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
jwt.verify(token, key, { algorithms: ['none', 'HS256'] });
`,
      errors: [
        {
          messageId: 'noneAlgorithm',
          line: 2,
          column: 39,
          endLine: 2,
          endColumn: 45,
          suggestions: [
            {
              messageId: 'removeNone',
              output: `import jwt from 'jsonwebtoken';
jwt.verify(token, key, { algorithms: ['HS256'] });
`,
            },
          ],
        },
      ],
    },
    {
      // promisify(jwt.verify.bind(jwt)) is jsonwebtoken's verify.
      code: `import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
const verifyAsync = promisify(jwt.verify.bind(jwt));
export const check = (token: string) => verifyAsync(token, PUBLIC_KEY);`,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 4,
          column: 41,
          endLine: 4,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
const verifyAsync = promisify(jwt.verify.bind(jwt));
export const check = (token: string) => verifyAsync(token, PUBLIC_KEY, { algorithms: ['RS256'] });`,
            },
          ],
        },
      ],
    },
    {
      code: `import jwt from 'jsonwebtoken';
jwt.verify(token, publicKey);`,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `import jwt from 'jsonwebtoken';
jwt.verify(token, publicKey, { algorithms: ['RS256'] });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { verify as verifyJwt } from 'jsonwebtoken';
const claims = verifyJwt(token, LEGACY_PUBLIC_KEY, { audience: AUDIENCE, issuer: ISSUER });`,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 2,
          column: 16,
          endLine: 2,
          endColumn: 91,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `import { verify as verifyJwt } from 'jsonwebtoken';
const claims = verifyJwt(token, LEGACY_PUBLIC_KEY, { audience: AUDIENCE, issuer: ISSUER, algorithms: ['RS256'] });`,
            },
          ],
        },
      ],
    },
    {
      // Callback form: the options go before the callback; a local secret suggests HS256.
      code: `const jwt = require('jsonwebtoken');
jwt.verify(token, process.env.JWT_SECRET, (err, claims) => {});`,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `const jwt = require('jsonwebtoken');
jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] }, (err, claims) => {});`,
            },
          ],
        },
      ],
    },
    {
      // Empty options object.
      code: `import * as jwt from 'jsonwebtoken';
const OPTS = {};
jwt.verify(token, key, OPTS);`,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `import * as jwt from 'jsonwebtoken';
const OPTS = { algorithms: ['RS256'] };
jwt.verify(token, key, OPTS);`,
            },
          ],
        },
      ],
    },
    {
      code: `import jwt from 'jsonwebtoken';
jwt.verify(token, key, { algorithms: ['RS256', 'none'] });`,
      errors: [
        {
          messageId: 'noneAlgorithm',
          line: 2,
          column: 48,
          endLine: 2,
          endColumn: 54,
          suggestions: [
            {
              messageId: 'removeNone',
              output: `import jwt from 'jsonwebtoken';
jwt.verify(token, key, { algorithms: ['RS256'] });`,
            },
          ],
        },
      ],
    },
    {
      // Mixed families in a const elsewhere: reported at the array.
      code: `import jwt from 'jsonwebtoken';
const ALLOWED = ['RS256', 'HS256'];
jwt.verify(token, key, { algorithms: ALLOWED });`,
      errors: [{ messageId: 'mixedAlgorithms', line: 2, column: 17, endLine: 2, endColumn: 35 }],
    },
    {
      code: `import jwt from 'jsonwebtoken';
const token = jwt.sign(payload, '', { algorithm: 'none' });`,
      errors: [{ messageId: 'noneAlgorithm', line: 2, column: 50, endLine: 2, endColumn: 56 }],
    },
    {
      code: `import { expressjwt } from 'express-jwt';
export const auth = expressjwt({ secret: process.env.JWT_SECRET });`,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `import { expressjwt } from 'express-jwt';
export const auth = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';
import { passportJwtSecret } from 'jwks-rsa';
passport.use(new JwtStrategy({
  jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
  secretOrKeyProvider: passportJwtSecret({ jwksUri, rateLimit: true }),
}, verifyUser));`,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 3,
          column: 14,
          endLine: 6,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';
import { passportJwtSecret } from 'jwks-rsa';
passport.use(new JwtStrategy({
  jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
  secretOrKeyProvider: passportJwtSecret({ jwksUri, rateLimit: true }), algorithms: ['RS256'],
}, verifyUser));`,
            },
          ],
        },
      ],
    },
    {
      code: `import { JwtModule } from '@nestjs/jwt';
export const jwtModule = JwtModule.registerAsync({ useFactory: () => ({ publicKey: PUBLIC_KEY, signOptions: { expiresIn: '1h' } }) });`,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 134,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `import { JwtModule } from '@nestjs/jwt';
export const jwtModule = JwtModule.registerAsync({ useFactory: () => ({ publicKey: PUBLIC_KEY, signOptions: { expiresIn: '1h' }, verifyOptions: { algorithms: ['RS256'] } }) });`,
            },
          ],
        },
      ],
    },
    {
      // jose only with requireForJose.
      code: `import { jwtVerify } from 'jose';
await jwtVerify(token, JWKS, { issuer: ISSUER });`,
      options: [{ requireForJose: true }],
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `import { jwtVerify } from 'jose';
await jwtVerify(token, JWKS, { issuer: ISSUER, algorithms: ['RS256'] });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { JwtService } from '@nestjs/jwt';
export class Tokens { constructor(private readonly jwt: JwtService) {} mint(sub: string) { return this.jwt.sign({ sub }, { algorithm: 'none' }); } }`,
      errors: [{ messageId: 'noneAlgorithm', line: 2, column: 135, endLine: 2, endColumn: 141 }],
    },
  ],
});

createEspreeRuleTester().run('require-jwt-algorithms (espree)', rule, {
  valid: [`import jwt from 'jsonwebtoken'; jwt.verify(token, getKey, { algorithms: ['RS256'] }, (err, claims) => {});`],
  invalid: [
    {
      code: `const { verify } = require('jsonwebtoken');
verify(token, getKey, (err, claims) => {});`,
      errors: [
        {
          messageId: 'missingAlgorithms',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'addAlgorithms',
              output: `const { verify } = require('jsonwebtoken');
verify(token, getKey, { algorithms: ['RS256'] }, (err, claims) => {});`,
            },
          ],
        },
      ],
    },
  ],
});
