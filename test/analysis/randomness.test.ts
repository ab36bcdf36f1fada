import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { assessRandomness, randomnessVerdict, secretKindFromFunctionName, secretKindFromName } from '../../src/analysis/randomness';
import { collect } from '../helpers/analyze';

/** Verdict for the first argument of every `probe(value, kind)` call. */
function verdicts(code: string, kind: 'state' | 'nonce' | 'verifier' | 'csrf' = 'state'): (string | null)[] {
  return collect(code, 'CallExpression[callee.name="probe"]', (sc, node) => {
    const value = (node as TSESTree.CallExpression).arguments[0];
    const finding = randomnessVerdict(sc, assessRandomness(sc, value), kind, true);
    if (!finding) return null;
    return `${finding.kind}:${sc.getText(finding.node)}`;
  });
}

describe('randomness: names of secrets', () => {
  it('knows state, nonce, verifier and CSRF names, and refuses keys and look-alikes', () => {
    expect(
      [
        'state',
        'oauthState',
        'OAUTH_STATE',
        'expectedState',
        'nonce',
        'oneTapNonce',
        'code_verifier',
        'pkceVerifier',
        'verifier',
        'csrfToken',
        '_csrf',
        'XSRF-TOKEN',
      ].map(secretKindFromName),
    ).toEqual(['state', 'state', 'state', 'state', 'nonce', 'nonce', 'verifier', 'verifier', 'verifier', 'csrf', 'csrf', 'csrf']);
    expect(
      [
        'STATE_KEY',
        'stateStore',
        'readyState',
        'appState',
        'nonceLength',
        'codeVerifierKey',
        'csrfHeaderName',
        'codeChallenge',
        'setState',
        'statement',
        // `once` after a word ending in n: the letters of `nonce`, no nonce.
        'runOnce',
        'listenOnce',
      ].map(secretKindFromName),
    ).toEqual(Array(12).fill(undefined));
    expect(['generateState', 'createNonce', 'makeCodeVerifier', 'randomString', 'getStateKey'].map(secretKindFromFunctionName)).toEqual([
      'state',
      'nonce',
      'verifier',
      undefined,
      undefined,
    ]);
  });
});

describe('randomness: where a value comes from', () => {
  it('finds predictable sources through transformations and helpers', () => {
    const code = `
      function rand(n) { let s = ''; for (let i = 0; i < n; i++) s += 'abc'.charAt(Math.floor(Math.random() * 3)); return s; }
      probe(Math.random().toString(36).slice(2));
      probe(rand(43));
      probe(\`\${Date.now()}\`);
      let c = 0; probe(String(c++));
      probe('fixed');
      probe(Array.from({ length: 43 }, () => 'abc'[Math.floor(Math.random() * 3)]).join(''));`;
    expect(verdicts(code)).toEqual([
      'weak:Math.random()',
      'weak:Math.random()',
      'weak:Date.now()',
      'weak:c++',
      "constant:'fixed'",
      'weak:Math.random()',
    ]);
  });

  it('counts bytes of CSPRNG calls, through typed arrays, encodings and helper parameters', () => {
    const code = `
      import crypto from 'node:crypto';
      function hex(n) { return crypto.randomBytes(n).toString('hex'); }
      probe(crypto.randomBytes(32).toString('hex'));
      probe(crypto.randomBytes(8).toString('hex'));
      probe(hex(8));
      probe(hex(16));
      const buf = new Uint32Array(2); crypto.getRandomValues(buf); probe(buf);
      probe(crypto.randomBytes(32).toString('hex').slice(0, 8));
      probe(crypto.randomUUID());`;
    expect(verdicts(code)).toEqual([
      null,
      'few-bits:crypto.randomBytes(8)',
      'few-bits:hex(8)',
      null,
      'few-bits:crypto.getRandomValues(buf)',
      'few-bits:crypto.randomBytes(32)',
      null,
    ]);
  });

  it('checks code_verifier length (43 characters at least)', () => {
    const code = `
      import { randomBytes } from 'crypto';
      probe(randomBytes(32).toString('base64url'));
      probe(randomBytes(16).toString('base64url'));
      probe(randomBytes(24).toString('hex'));
      probe(randomBytes(16).toString('hex') + randomBytes(16).toString('hex'));`;
    expect(verdicts(code, 'verifier')).toEqual([null, 'short-verifier:randomBytes(16)', null, null]);
  });

  it('stays silent when a part is unknown or when a strong source is mixed in', () => {
    const code = `
      import { randomBytes } from 'crypto';
      probe(\`\${userId}-\${Date.now()}\`);
      probe(\`\${Date.now()}.\${randomBytes(16).toString('hex')}\`);
      probe(Math.random().toString(36) + secretSalt);
      probe(req.query.state);
      probe(someImportedGenerator());`;
    expect(verdicts(code)).toEqual([null, null, null, null, null]);
  });
});
