/**
 * Rules that decide through helpers of other project modules (rules.md, "Across modules and
 * helpers"): a missing protection is reported in the file that hands the request's input to
 * a helper lacking the check; a wrong check is reported where it is written, once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tempProject } from '../helpers/project';

const project = tempProject();
afterAll(() => project.remove());

describe('redirect validators in other modules', () => {
  const lib = `const ALLOWED = new Set(['https://app.example.com/home']);
export function isSafeRedirect(url) { return ALLOWED.has(url); }
export function validateReturnTo(returnTo) { return returnTo.startsWith('https://app.example.com'); }
export function assertTarget(url) { if (!ALLOWED.has(url)) throw new Error('bad target'); }
export function logTarget(url) { console.log(url); }
export function withFallback(next) { return next || '/'; }
export function pickNext(next) { return ALLOWED.has(next) ? next : '/'; }
`;
  const route = (
    body: string,
  ) => `import { isSafeRedirect, validateReturnTo, assertTarget, logTarget, withFallback, pickNext } from './lib/redirects';
export function handler(req, res) {
${body}
}
`;
  const lint = (body: string) =>
    project.lint({ 'lib/redirects.js': lib, 'route.js': route(body) }, 'route.js', ['require-exact-redirect-uri']);

  it('counts an imported exact check, and an imported loose one, as a check (the loose one is reported in its module)', () => {
    expect(lint(`  const to = req.query.returnTo;\n  if (!isSafeRedirect(to)) return res.redirect('/');\n  res.redirect(to);`)).toEqual([]);
    expect(lint(`  const to = req.query.returnTo;\n  if (!validateReturnTo(to)) return res.redirect('/');\n  res.redirect(to);`)).toEqual(
      [],
    );
    expect(project.lint({ 'lib/redirects.js': lib }, 'lib/redirects.js', ['require-exact-redirect-uri'])).toEqual([
      'require-exact-redirect-uri@3',
    ]);
  });

  it('looks into a helper whose name says nothing: a throwing check counts, logging does not', () => {
    expect(lint(`  const next = req.query.next;\n  assertTarget(next);\n  res.redirect(next);`)).toEqual([]);
    expect(lint(`  const next = req.query.next;\n  logTarget(next);\n  res.redirect(next);`)).toEqual(['require-exact-redirect-uri@5']);
  });

  it('follows a helper that hands back its parameter: unchecked reports at the redirect, checked is silent', () => {
    expect(lint(`  res.redirect(withFallback(req.query.next));`)).toEqual(['require-exact-redirect-uri@3']);
    expect(lint(`  res.redirect(pickNext(req.query.next));`)).toEqual([]);
    expect(lint(`  res.redirect(withFallback(req.session.next));`)).toEqual([]);
  });

  it('reports a sanitiser whose check is loose in its own module, and not one that checks relative paths fully', () => {
    const sanitisers = `export function pickNext(next) { return next.indexOf('https://app.example.com') === 0 ? next : '/'; }
export function relativeNext(next) {
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\\\') ? next : '/';
}
export function pad(value) { return value.startsWith('x') ? value : 'x' + value; }
`;
    expect(project.lint({ 'next.js': sanitisers }, 'next.js', ['require-exact-redirect-uri'])).toEqual(['require-exact-redirect-uri@1']);
  });
});
