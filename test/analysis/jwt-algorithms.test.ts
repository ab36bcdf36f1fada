import { describe, expect, it } from 'vitest';
import { jwtAlgorithmFindings, type JwtAlgorithmOptions } from '../../src/analysis/jwt-algorithms';
import { collect } from '../helpers/analyze';

/** The findings of a snippet as kind, line and (for the missing allowlist) the suggested algorithm. */
function findings(code: string, options?: JwtAlgorithmOptions): Record<string, unknown>[] {
  return collect(code, 'Program', (sourceCode) => jwtAlgorithmFindings(sourceCode, options))
    .flat()
    .map((finding) => ({
      kind: finding.kind,
      line: finding.node.loc.start.line,
      ...(finding.kind === 'missingAlgorithms' ? { alg: finding.alg } : {}),
      ...(finding.kind === 'noneAlgorithm' ? { removable: finding.removable } : {}),
    }));
}

describe('jwtAlgorithmFindings', () => {
  it('finds allowlists the sender of the token chooses: request input, the token header', () => {
    const code = `import jwt from 'jsonwebtoken';
app.post('/a', (req, res) => jwt.verify(req.body.token, KEY, { algorithms: req.query.algs }));
app.post('/b', (req, res) => jwt.verify(req.body.token, KEY, { algorithms: [jwt.decode(req.body.token, { complete: true }).header.alg] }));
app.post('/c', (req, res) => jwt.verify(req.body.token, KEY, { algorithms: [settings.alg, 'RS256'] }));`;
    expect(findings(code)).toEqual([
      { kind: 'untrustedAllowlist', line: 2 },
      { kind: 'untrustedAllowlist', line: 3 },
    ]);
  });

  it('finds a jsonwebtoken verify without an allowlist, suggesting HS256 for a secret and RS256 otherwise', () => {
    expect(findings(`import jwt from 'jsonwebtoken';\njwt.verify(token, process.env.JWT_SECRET);`)).toEqual([
      { kind: 'missingAlgorithms', line: 2, alg: 'HS256' },
    ]);
    expect(findings(`import jwt from 'jsonwebtoken';\njwt.verify(token, publicKey, {});`)).toEqual([
      { kind: 'missingAlgorithms', line: 2, alg: 'RS256' },
    ]);
  });

  it('asks jose for an allowlist only with requireForJose', () => {
    const code = `import { jwtVerify } from 'jose';\nawait jwtVerify(token, JWKS, { issuer: ISS });`;
    expect(findings(code)).toEqual([]);
    expect(findings(code, { requireForJose: true })).toEqual([{ kind: 'missingAlgorithms', line: 2, alg: 'RS256' }]);
  });

  it('finds `none` in an allowlist and in a sign call, once per written value', () => {
    const code = `import jwt from 'jsonwebtoken';
const ALGS = ['RS256', 'none'];
jwt.verify(a, key, { algorithms: ALGS });
jwt.verify(b, key, { algorithms: ALGS });
jwt.sign(payload, '', { algorithm: 'none' });`;
    expect(findings(code)).toEqual([
      { kind: 'noneAlgorithm', line: 2, removable: true },
      { kind: 'noneAlgorithm', line: 5, removable: false },
    ]);
  });

  it('finds an allowlist that mixes HMAC with asymmetric algorithms', () => {
    expect(findings(`import jwt from 'jsonwebtoken';\njwt.verify(token, key, { algorithms: ['HS256', 'RS256'] });`)).toEqual([
      { kind: 'mixedAlgorithms', line: 2 },
    ]);
  });

  it('is silent on a sound allowlist and on options it cannot read', () => {
    expect(findings(`import jwt from 'jsonwebtoken';\njwt.verify(token, key, { algorithms: ['RS256'] });`)).toEqual([]);
    expect(findings(`import jwt from 'jsonwebtoken';\nexport const check = (token, options) => jwt.verify(token, key, options);`)).toEqual(
      [],
    );
  });
});
