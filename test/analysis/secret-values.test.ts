import { describe, expect, it } from 'vitest';
import { isClientMadeSecret, mayMakeSecrets, secretValueFindingsAt } from '../../src/analysis/secret-values';
import { analyze, collect } from '../helpers/analyze';

const VISITED =
  ':matches(VariableDeclarator, AssignmentExpression, Property, PropertyDefinition, CallExpression, TemplateLiteral, BinaryExpression, Literal, ReturnStatement, ArrowFunctionExpression)';

/** Each finding as `kind:secret@text of the node reported`. */
function findings(code: string): string[] {
  return collect(code, VISITED, (sourceCode, node) => {
    const found = secretValueFindingsAt(sourceCode, node);
    if (found.length === 0) return undefined;
    return found.map(({ finding, secret }) => `${finding.kind}:${secret}@${sourceCode.getText(finding.node)}`).join(' | ');
  });
}

function gate(code: string): boolean {
  let answer = false;
  analyze(code, 'Program', (sourceCode) => {
    answer = mayMakeSecrets(sourceCode);
  });
  return answer;
}

describe('secret-values: the gate', () => {
  it('opens on OAuth words next to a secret name, shuts elsewhere', () => {
    expect(gate('const state = Math.random(); const url = `/authorize?client_id=${id}&state=${state}`;')).toBe(true);
    expect(gate('const id = Math.random(); render(id);')).toBe(false);
    expect(gate('const state = useState(0);')).toBe(false);
  });
});

describe('secret-values: values that become a secret', () => {
  it('judges variables, properties and assignments named for a secret', () => {
    const code = `
      import crypto from 'node:crypto';
      const state = Math.random().toString(36).slice(2);
      const params = { client_id: id, nonce: Date.now() };
      session.csrfToken = crypto.randomBytes(8).toString('hex');
      const other = Math.random();`;
    expect(findings(code)).toEqual(['weak:state@Math.random()', 'weak:nonce@Date.now()', 'few-bits:csrf@crypto.randomBytes(8)']);
  });

  it('is silent on strong sources and library generators', () => {
    const code = `
      import { generators } from 'openid-client';
      const state = crypto.randomBytes(32).toString('hex');
      const nonce = generators.nonce();
      const codeVerifier = crypto.randomUUID() + crypto.randomUUID();`;
    expect(findings(code)).toEqual([]);
  });

  it('follows URL parameters, setters and a short verifier', () => {
    const code = [
      "import crypto from 'crypto';",
      'const url = `https://idp/authorize?client_id=${id}&state=${Date.now()}`;',
      "params.set('nonce', String(Math.random()));",
      "const codeVerifier = crypto.randomBytes(16).toString('hex');",
    ].join('\n');
    expect(findings(code)).toEqual(['weak:state@Date.now()', 'weak:nonce@Math.random()', 'short-verifier:verifier@crypto.randomBytes(16)']);
  });

  it('reports a constant only where the context is plainly an OAuth parameter', () => {
    const code = `
      const a = { client_id: id, redirect_uri: uri, state: 'xyz' };
      const state = 'fixed';
      const url = 'https://idp/authorize?response_type=code&client_id=abc&state=static';`;
    expect(findings(code)).toEqual([
      "constant:state@'xyz'",
      "constant:state@'https://idp/authorize?response_type=code&client_id=abc&state=static'",
    ]);
  });

  it('follows generator helpers by name and helper parameters named for a secret', () => {
    const code = `
      function generateState() { return Math.random().toString(36); }
      const createNonce = () => Date.now().toString();
      function buildAuthorizeUrl(state) { return '/authorize?state=' + state; }
      buildAuthorizeUrl(Math.random());`;
    expect(findings(code)).toEqual(['weak:state@Math.random()', 'weak:nonce@Date.now()', 'weak:state@Math.random()']);
  });
});

describe('secret-values: isClientMadeSecret', () => {
  it('holds for what a client makes, not what a server mints', () => {
    expect(['state', 'nonce', 'csrf', 'verifier'].every((kind) => isClientMadeSecret(kind as never))).toBe(true);
    expect(isClientMadeSecret('access-token')).toBe(false);
    expect(isClientMadeSecret('code')).toBe(false);
  });
});
