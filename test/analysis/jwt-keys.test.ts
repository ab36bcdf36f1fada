import { describe, expect, it } from 'vitest';
import { jwksCachingFindings } from '../../src/analysis/jwt-keys';
import { collect } from '../helpers/analyze';

/** The findings of a snippet as kind and line, with the option or value a message names. */
function findings(code: string): Record<string, unknown>[] {
  return collect(code, 'Program', (sourceCode) => jwksCachingFindings(sourceCode))
    .flat()
    .map((finding) => ({
      kind: finding.kind,
      line: finding.node.loc.start.line,
      ...('option' in finding ? { option: finding.option } : {}),
      ...('value' in finding ? { value: finding.value } : {}),
    }));
}

describe('jwksCachingFindings', () => {
  it('finds jwks-rsa clients with the cache or rate limit off or missing', () => {
    expect(
      findings(`import jwksClient from 'jwks-rsa';\nexport const client = jwksClient({ jwksUri: URI, cache: false, rateLimit: true });`),
    ).toEqual([{ kind: 'cacheDisabled', line: 2, option: 'cache' }]);
    expect(findings(`import jwksClient from 'jwks-rsa';\nexport const client = jwksClient({ jwksUri: URI });`)).toEqual([
      { kind: 'missingRateLimit', line: 2 },
    ]);
    expect(
      findings(
        `import { JwksClient } from 'jwks-rsa';\nexport const client = new JwksClient({ jwksUri: URI, rateLimit: false, cacheMaxAge: 0 });`,
      ),
    ).toEqual([
      { kind: 'badCacheMaxAge', line: 2, value: 0 },
      { kind: 'rateLimitDisabled', line: 2, option: 'rateLimit' },
    ]);
  });

  it('finds a jose key set with no cooldown, and one created per request', () => {
    expect(
      findings(`import * as jose from 'jose';\nconst jwks = jose.createRemoteJWKSet(new URL(JWKS_URL), { cooldownDuration: 0 });`),
    ).toEqual([{ kind: 'noCooldown', line: 2 }]);
    const perRequest = `import { createRemoteJWKSet, jwtVerify } from 'jose';
export async function verifyToken(token: string) {
  const JWKS = createRemoteJWKSet(new URL(JWKS_URL));
  return jwtVerify(token, JWKS, { issuer: ISS, audience: AUD });
}`;
    expect(findings(perRequest)).toEqual([{ kind: 'perRequest', line: 3 }]);
  });

  it('finds a JWKS fetched with an HTTP client in per-request code, not one kept in a module cache', () => {
    const uncached = `import axios from 'axios';
app.use(async (req, res, next) => {
  const { data } = await axios.get('https://idp.example.com/.well-known/jwks.json');
  req.keys = data.keys;
  next();
});`;
    expect(findings(uncached)).toEqual([{ kind: 'perRequestFetch', line: 3 }]);
    const cached = `import axios from 'axios';
let keys;
app.use(async (req, res, next) => {
  keys ??= (await axios.get('https://idp.example.com/.well-known/jwks.json')).data.keys;
  next();
});`;
    expect(findings(cached)).toEqual([]);
  });

  it('finds a key fetched by the verifying function itself, whatever its URL is called', () => {
    const inline = `import Jwt from '@hapi/jwt';
export async function verifyToken(token, jwksUri) {
  const artifacts = Jwt.token.decode(token);
  const { keys } = await (await fetch(jwksUri)).json();
  Jwt.token.verify(artifacts, { key: keys[0], algorithm: 'RS256' }, { aud: A, iss: I });
}`;
    expect(findings(inline)).toEqual([{ kind: 'perRequestFetch', line: 4 }]);
  });

  it('is silent on a module-level client with its defaults', () => {
    expect(
      findings(
        `import jwksClient from 'jwks-rsa';\nexport const client = jwksClient({ jwksUri: URI, rateLimit: true, jwksRequestsPerMinute: 10 });`,
      ),
    ).toEqual([]);
  });
});
