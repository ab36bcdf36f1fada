import { describe, expect, it } from 'vitest';
import { durationSeconds, jwtVerificationFindings, type JwtVerificationOptions } from '../../src/analysis/jwt-verification';
import { collect } from '../helpers/analyze';

/** The findings of a snippet as `kind@line` with the finding's data. */
function findings(code: string, options?: JwtVerificationOptions): Record<string, unknown>[] {
  return collect(code, 'Program', (sourceCode) => jwtVerificationFindings(sourceCode, options))
    .flat()
    .map(({ node, ...rest }) => ({ ...rest, line: node.loc.start.line }));
}

describe('jwtVerificationFindings', () => {
  it('finds an ID token decoded without verification', () => {
    expect(findings(`import { decodeJwt } from 'jose';\nconst claims = decodeJwt(tokens.id_token);`)).toEqual([
      { kind: 'unverifiedDecode', token: 'ID token', line: 2 },
    ]);
  });

  it('finds a request token decoded without verification, labelled by its source', () => {
    const code = `import jwt from 'jsonwebtoken';
app.get('/me', (req, res) => {
  const claims = jwt.decode(req.headers.authorization.split(' ')[1]);
  res.json({ sub: claims.sub });
});`;
    expect(findings(code)).toEqual([{ kind: 'unverifiedDecode', token: expect.stringContaining('from the incoming request'), line: 3 }]);
  });

  it('accepts a decode of a token the same code verifies, and token-endpoint ID tokens when allowed', () => {
    expect(
      findings(`import jwt from 'jsonwebtoken';
export function read(idToken) { jwt.verify(idToken, KEY, { algorithms: ['RS256'] }); return jwt.decode(idToken); }`),
    ).toEqual([]);
    const tokenEndpoint = `import { decodeJwt } from 'jose';
const tokens = await (await fetch(TOKEN_ENDPOINT, { method: 'POST', body })).json();
const claims = decodeJwt(tokens.id_token);`;
    expect(findings(tokenEndpoint)).toHaveLength(1);
    expect(findings(tokenEndpoint, { allowTokenEndpointIdTokens: true })).toEqual([]);
  });

  it('finds verify options that weaken the checks', () => {
    const code = `import jwt from 'jsonwebtoken';
import { jwtVerify } from 'jose';
jwt.verify(token, '', { algorithms: ['HS256'], ignoreExpiration: true });
await jwtVerify(token, JWKS, { clockTolerance: '10 minutes', currentDate: new Date('2024-01-01') });`;
    expect(findings(code)).toEqual([
      { kind: 'emptyKey', line: 3 },
      { kind: 'checkDisabled', option: 'ignoreExpiration', line: 3 },
      { kind: 'clockTolerance', seconds: 600, max: 300, line: 4 },
      { kind: 'pinnedDate', line: 4 },
    ]);
  });

  it('leaves sane options alone', () => {
    expect(
      findings(`import { jwtVerify } from 'jose';
await jwtVerify(token, JWKS, { clockTolerance: 5, currentDate: new Date() });`),
    ).toEqual([]);
  });
});

describe('durationSeconds', () => {
  it('reads jose duration strings', () => {
    expect(durationSeconds('30')).toBe(30);
    expect(durationSeconds('2h')).toBe(7200);
    expect(durationSeconds('10 minutes')).toBe(600);
    expect(durationSeconds('1 fortnight')).toBeUndefined();
    expect(durationSeconds('soon')).toBeUndefined();
  });
});
