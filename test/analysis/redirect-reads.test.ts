import { describe, expect, it } from 'vitest';
import { checksState } from '../../src/analysis/callbacks';
import { comparesNonce, handsBackState, redirectReads, redirectUrlPart, uncheckedAt } from '../../src/analysis/redirect-reads';
import { collect } from '../helpers/analyze';

interface Summary {
  line: number;
  param: string;
  part: string;
  byName: boolean;
}

function reads(code: string): Summary[] {
  return collect(code, 'Program', (sc) =>
    redirectReads(sc).map((read) => ({ line: read.node.loc.start.line, param: read.param, part: read.part, byName: read.byName })),
  ).flat();
}

/** Lines where a state check is missing for each read (the read, or the callers of its helper). */
function uncheckedLines(code: string): number[][] {
  return collect(code, 'Program', (sc) =>
    redirectReads(sc).map((read) => uncheckedAt(sc, read, (scope) => checksState(sc, scope)).map((node) => node.loc.start.line)),
  ).flat();
}

describe('redirect-reads: parameters taken out of the redirect URL', () => {
  it('reads by key: URLSearchParams over the fragment or query, parsed objects, destructuring', () => {
    const code = [
      `const f = new URLSearchParams(window.location.hash.slice(1)); const t = f.get('access_token');`,
      `const q = new URLSearchParams(location.search); const c = q.get('code');`,
      `import qs from 'qs'; const parsed = qs.parse(location.search.slice(1)); const i = parsed.id_token;`,
      `const { access_token } = Object.fromEntries(new URLSearchParams(document.location.hash.substring(1)));`,
    ].join('\n');
    expect(reads(code)).toEqual([
      { line: 1, param: 'access_token', part: 'fragment', byName: false },
      { line: 2, param: 'code', part: 'query', byName: false },
      { line: 3, param: 'id_token', part: 'query', byName: false },
      { line: 4, param: 'access_token', part: 'fragment', byName: false },
    ]);
  });

  it('reads by text: split/find loops, regular expressions, substring after the name', () => {
    const code = [
      `const a = location.hash.substring(1).split('&').find((p) => p.startsWith('access_token'));`,
      `const b = window.location.href.match(/id_token=([^&]*)/);`,
      `const c = /access_token=([^&]+)/.exec(location.hash);`,
      `function cb(url) { return url; } chrome.identity.launchWebAuthFlow({ url: U }, (r) => { const x = r.substring(r.indexOf('id_token=') + 9); });`,
    ].join('\n');
    expect(reads(code).map((r) => [r.line, r.param, r.part])).toEqual([
      [1, 'access_token', 'fragment'],
      [2, 'id_token', 'url'],
      [3, 'access_token', 'fragment'],
      [4, 'id_token', 'url'],
    ]);
  });

  it('follows routers, local parser helpers and fragment getters; positional reads by the binding name', () => {
    const code = [
      `import { useLocation } from 'react-router-dom';`,
      `export function A() { const { hash } = useLocation(); return new URLSearchParams(hash.slice(1)).get('access_token'); }`,
      `function parseHash() { return window.location.hash.slice(1).split('&').reduce((o, kv) => { const [k, v] = kv.split('='); o[k] = v; return o; }, {}); }`,
      `export function B() { return parseHash().access_token; }`,
      `export function C() { return getQueryParam('code'); }`,
      `export function D() { const code = window.location.search.split('=')[1]; return code; }`,
    ].join('\n');
    expect(reads(code)).toEqual([
      { line: 2, param: 'access_token', part: 'fragment', byName: false },
      { line: 4, param: 'access_token', part: 'fragment', byName: false },
      { line: 5, param: 'code', part: 'url', byName: false },
      { line: 6, param: 'code', part: 'query', byName: true },
    ]);
  });

  it('follows a parameter to the arguments of the calls of its function or class method, and nothing else', () => {
    const code = [
      `export class AppComponent {`,
      `  constructor() { this.parseIdToken(window.location.hash); this.parseSaved(localStorage.getItem('saved') ?? ''); }`,
      `  private parseIdToken(hash: string) { const vals = hash.substr(1).split('&').map((v) => v.split('=')); return vals.filter((v) => v[0] == 'id_token'); }`,
      `  private parseSaved(text: string) { const vals = text.split('&').map((v) => v.split('=')); return vals.filter((v) => v[0] == 'id_token'); }`,
      `}`,
      `function parse(text) { return text.split('&').find((p) => p.startsWith('access_token')); }`,
      `export const handed = [location.hash].map(parse);`,
      `export class Keeper { go() { this.keep(location.hash, parse); } keep(text, fn) { this.saved = [text, fn]; } }`,
    ].join('\n');
    expect(reads(code)).toEqual([{ line: 3, param: 'id_token', part: 'fragment', byName: false }]);
  });

  it('follows an object filled or replaced by a generic key=value parse of the URL, and reads it at the parse', () => {
    const code = [
      `export function a() { const p = {}; location.search.slice(1).split('&').forEach((kv) => { const [k, v] = kv.split('='); p[k] = v; }); return p.code; }`,
      `export function b() { const m = new Map(); for (const [k, v] of new URLSearchParams(location.hash.slice(1))) m.set(k, v); return m.get('access_token'); }`,
      `export function c() { let r = {}; r = location.hash.slice(1).split('&').reduce((o, kv) => ({ ...o, [kv.split('=')[0]]: kv.split('=')[1] }), {}); const { id_token } = r; return id_token; }`,
      `export function d() { const s = {}; s['access_token'] = location.hash; s.code = location.search; return [s.access_token, s.code]; }`,
      `export function e(cfg) { const o = {}; for (const k in cfg) o[k] = cfg[k]; let n; n = cfg.x; return [o.access_token, n.code]; }`,
    ].join('\n');
    expect(reads(code).map((r) => [r.line, r.param, r.part])).toEqual([
      [1, 'code', 'query'],
      [2, 'access_token', 'fragment'],
      [3, 'id_token', 'fragment'],
    ]);
    // At the write that fills the object, not at the later read.
    const columns = collect(code, 'Program', (sc) => redirectReads(sc).map((read) => sc.getText(read.node).slice(0, 12))).flat();
    expect(columns).toEqual(['p[k] = v', 'm.set(k, v)', 'r = location']);
  });

  it('follows an undeclared global of sloppy script code to its one assignment', () => {
    const code = [
      `function login() {`,
      `  parameters = location.hash.substring(1).split('&');`,
      `  for (var i = 0; i < parameters.length; i++) if (parameters[i].substr(0, 9) == 'id_token=') idToken = parameters[i].split('=')[1];`,
      `}`,
    ].join('\n');
    expect(
      collect(code, 'Program', (sc) => redirectReads(sc).map((r) => [r.node.loc.start.line, r.param, r.byName]), {
        typescript: false,
        sourceType: 'commonjs',
      }).flat(),
    ).toEqual([[3, 'id_token', true]]);
  });

  it('is silent on presence tests, other URL parts, other objects and server requests', () => {
    const code = [
      `if (location.hash.includes('access_token')) go('/cb');`,
      `if (new URLSearchParams(location.search).get('code')) go('/cb');`,
      `const base = \`\${window.location.origin}/callback\`;`,
      `async function redeem(c) { const r = await fetch(T, { body: new URLSearchParams({ code: c, redirect_uri: \`\${location.origin}/cb\` }) }); return r.json(); }`,
      `export async function E(c) { const tokens = await redeem(c); return tokens.id_token; }`,
      `const cached = JSON.parse(localStorage.getItem('session')).access_token;`,
      `app.get('/cb', (req) => new URL(req.url, B).searchParams.get('code'));`,
      `const params = new Map(); params.get('access_token');`,
    ].join('\n');
    expect(reads(code)).toEqual([]);
  });

  it('tells which part of the URL a value holds', () => {
    const parts = collect(
      `const a = location.hash; const b = window.location.search.slice(1); const c = location.origin; const d = document.location; const e = location.pathname.split('/')[2];`,
      'VariableDeclarator',
      (sc, node) => (node.type === 'VariableDeclarator' && node.init ? (redirectUrlPart(sc, node.init) ?? 'none') : undefined),
    );
    expect(parts).toEqual(['fragment', 'query', 'none', 'url', 'none']);
  });
});

describe('redirect-reads: where a read lacks its check', () => {
  it('at the read when nothing around it checks, silent when its function or an enclosing one does', () => {
    const code = [
      `export function a() { return new URLSearchParams(location.hash.slice(1)).get('access_token'); }`,
      `export function b() {`,
      `  const f = new URLSearchParams(location.hash.slice(1));`,
      `  if (f.get('state') !== sessionStorage.getItem('st')) throw new Error('state');`,
      `  return [1].map(() => f.get('access_token'));`,
      `}`,
    ].join('\n');
    expect(uncheckedLines(code)).toEqual([[1], []]);
  });

  it('at the callers of a helper that lack the check when only some callers check', () => {
    const code = [
      `function read() { return new URLSearchParams(location.hash.slice(1)).get('access_token'); }`,
      `export function checked() { if (new URLSearchParams(location.hash.slice(1)).get('state') !== saved()) return; return read(); }`,
      `export function unchecked() { return read(); }`,
    ].join('\n');
    expect(uncheckedLines(code)).toEqual([[3]]);
  });

  it('a decoded state or a freshly made one is no comparison', () => {
    const code = [
      `export function a() {`,
      `  const token = getHashKey('access_token');`,
      `  const { returnTo } = JSON.parse(atob(decodeURIComponent(getHashKey('state'))));`,
      `  const state = generateKey(); start(state);`,
      `  window.history.replaceState(history.state, '', returnTo);`,
      `  return token;`,
      `}`,
    ].join('\n');
    expect(uncheckedLines(code)).toEqual([[2]]);
  });

  it('knows nonce comparisons and parsers that hand the state back', () => {
    const results = collect(
      [
        `function a(t) { if (decode(t).nonce !== sessionStorage.getItem('nonce')) throw 1; }`,
        `function b(t) { return verifyIdToken(t, { nonce: expected }); }`,
        `function c(t) { const n = createNonce(); return decode(t).email; }`,
        `function d() { const f = new URLSearchParams(location.hash.slice(1)); return { token: f.get('access_token'), state: f.get('state') }; }`,
      ].join('\n'),
      'FunctionDeclaration',
      (sc, node) => (node.type === 'FunctionDeclaration' ? [comparesNonce(sc, node), handsBackState(sc, node)] : undefined),
    );
    expect(results).toEqual([
      [true, false],
      [true, false],
      [false, false],
      [false, true],
    ]);
  });
});
