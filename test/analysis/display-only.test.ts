import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { isOnlyDisplayed } from '../../src/analysis/display-only';
import { collect } from '../helpers/analyze';

/** Whether the value of the `decode(...)` call in the snippet is only displayed. */
function displayed(code: string): boolean[] {
  return collect(code, 'CallExpression', (sourceCode, node) => {
    const call = node as TSESTree.CallExpression;
    return call.callee.type === 'Identifier' && call.callee.name === 'decode' ? [isOnlyDisplayed(sourceCode, call)] : [];
  }).flat();
}

describe('isOnlyDisplayed', () => {
  it('accepts values that are only logged or dumped whole into the page', () => {
    expect(displayed(`console.log('token', decode(t));`)).toEqual([true]);
    expect(displayed(`const claims = decode(t);\nconsole.log('token', claims);\nlogger.debug(\`claims \${claims.sub}\`);`)).toEqual([true]);
    expect(displayed(`const claims = decode(t);\nel.innerText = JSON.stringify(claims, null, 2);`)).toEqual([true]);
    expect(displayed(`const claims = await decode(t);\nel.textContent = \`\${JSON.stringify(claims)}\`;`)).toEqual([true]);
  });

  it('accepts a claim that only decides whether to write a log line', () => {
    const warn = `const payload = decode(t);\nconst cnf = payload['cnf'];\nif (!cnf?.['x5t#S256']) {\n  console.warn('not certificate-bound');\n}`;
    expect(displayed(warn)).toEqual([true]);
    expect(displayed(`const claims = decode(t);\nif (claims.exp < now) console.log('expired');\nelse logger.debug('fresh');`)).toEqual([
      true,
    ]);
  });

  it('refuses a claim that decides anything besides a log line', () => {
    expect(displayed(`const claims = decode(t);\nif (!claims.cnf) {\n  console.warn('no cnf');\n  return;\n}`)).toEqual([false]);
    expect(displayed(`const claims = decode(t);\nif (claims.exp < now) console.log('expired');\nelse signIn(claims);`)).toEqual([false]);
    expect(displayed(`const claims = decode(t);\nif (claims.role === 'admin') alert('welcome, admin');`)).toEqual([false]);
    expect(displayed(`const claims = decode(t);\nconst admin = !claims.admin;\nif (admin) grant();`)).toEqual([false]);
    expect(displayed(`const claims = decode(t);\nconst key = 'role';\nif (claims[key]) console.log(key);`)).toEqual([true]);
    expect(displayed(`const claims = decode(t);\nif (claims[pick()]) console.log('x');\nreturn claims;`)).toEqual([false]);
  });

  it('refuses values used for anything else', () => {
    // A claim read to greet the user presents it as who signed in.
    expect(displayed(`const claims = decode(t);\nel.textContent = claims.name;`)).toEqual([false]);
    expect(displayed(`const claims = decode(t);\nconsole.log(claims);\nif (claims.email === ADMIN) grant();`)).toEqual([false]);
    expect(displayed(`function read(t) {\n  const claims = decode(t);\n  console.log(claims);\n  return claims;\n}`)).toEqual([false]);
    expect(displayed(`const claims = decode(t);\nreq.user = claims;`)).toEqual([false]);
    expect(displayed(`let claims = decode(t);\nclaims = other;\nconsole.log(claims);`)).toEqual([false]);
    expect(displayed(`const claims = decode(t);`)).toEqual([false]);
    expect(displayed(`el.dataset.user = JSON.stringify(decode(t));`)).toEqual([false]);
    expect(displayed(`setUser(decode(t));`)).toEqual([false]);
  });
});
