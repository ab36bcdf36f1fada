import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { param, paramWrites, paramsOf, urlPathValues, urlQueryParams } from '../../src/analysis/urls';
import { collect } from '../helpers/analyze';

/** Runs `pick` on the first argument of every `probe(...)` call. */
function probe<T>(code: string, pick: Parameters<typeof collect<T>>[2], typescript = true): T[] {
  return collect(code, 'CallExpression[callee.name="probe"]', (sc, node) => pick(sc, (node as TSESTree.CallExpression).arguments[0]), {
    typescript,
  });
}

const summary = (sc: Parameters<typeof paramsOf>[0], n: TSESTree.Node) => {
  const list = paramsOf(sc, n);
  if (!list) return null;
  return {
    kind: list.kind,
    complete: list.complete,
    params: Object.fromEntries(list.params.filter((p) => !p.inFragment).map((p) => [p.name, p.value ?? '?'])),
  };
};

describe('urls: query parameters however they are built', () => {
  it('reads templates and concatenations, decoding values and keeping holes unknown', () => {
    const code = `const RT = 'code'; probe(\`\${AUTH}/authorize?response_type=\${RT}&client_id=\${id}&scope=openid%20email\`); probe(AUTH + '?response_type=token&state=' + s);`;
    expect(probe(code, summary)).toEqual([
      { kind: 'string', complete: true, params: { response_type: 'code', client_id: '?', scope: 'openid email' } },
      { kind: 'string', complete: true, params: { response_type: 'token', state: '?' } },
    ]);
  });

  it('treats a hole in a name position as unknown parameters, and separates the fragment', () => {
    const code = `probe(\`\${AUTH}?response_type=code&\${extra}\`); probe(\`\${CB}?lang=en#access_token=\${t}&state=\${s}\`); probe(\`\${CB}#access_token=\${t}\`);`;
    const [first, second, third] = probe(code, (sc, n) => paramsOf(sc, n) ?? null);
    expect(first?.complete).toBe(false);
    expect(param(first ?? undefined, 'code_challenge').state).toBe('unknown');
    expect(second?.params.map((p) => p.name + ':' + String(p.inFragment))).toEqual(['lang:false', 'access_token:true', 'state:true']);
    expect(third).toBeNull();
    expect(param(second ?? undefined, 'access_token').state).toBe('absent');
  });

  it('follows URLSearchParams from objects, entries, spreads and later set/append/delete', () => {
    const code = `
      const base = { response_type: 'code', client_id: ID };
      const p = new URLSearchParams({ ...base, state });
      p.set('code_challenge', c);
      p.append('code_challenge_method', 'S256');
      p.delete('state');
      const sent = p;
      probe(sent);
      probe(new URLSearchParams([['grant_type', 'password'], ['username', u]]));
      probe(new URLSearchParams({ ...unknown, response_type: 'code' }));`;
    expect(probe(code, summary)).toEqual([
      {
        kind: 'search-params',
        complete: true,
        params: { response_type: 'code', client_id: '?', state: '?', code_challenge: '?', code_challenge_method: 'S256' },
      },
      { kind: 'search-params', complete: true, params: { grant_type: 'password', username: '?' } },
      { kind: 'search-params', complete: false, params: { response_type: 'code' } },
    ]);
    const [deleted] = probe(code, (sc, n) => param(paramsOf(sc, n), 'state').state);
    expect(deleted).toBe('absent');
  });

  it('reads Angular HttpParams: immutable .set()/.append() chains, fromObject and fromString', () => {
    const code = `
      import { HttpParams } from '@angular/common/http';
      probe(new HttpParams().set('grant_type', 'refresh_token').append('client_id', ID).set('scope', 'openid'));
      const viaObject = new HttpParams({ fromObject: { grant_type: 'client_credentials', audience: AUD } });
      probe(viaObject);
      probe(new HttpParams({ fromString: 'grant_type=password&username=u' }).delete('username'));
      let growing = new HttpParams();
      growing = growing.set('x', '1');
      probe(growing);
      probe(new HttpParams(opts));`;
    expect(probe(code, summary)).toEqual([
      { kind: 'search-params', complete: true, params: { grant_type: 'refresh_token', client_id: '?', scope: 'openid' } },
      { kind: 'search-params', complete: true, params: { grant_type: 'client_credentials', audience: '?' } },
      { kind: 'search-params', complete: true, params: { grant_type: 'password', username: '?' } },
      null,
      { kind: 'search-params', complete: false, params: {} },
    ]);
    // A local class of the same name is not Angular's.
    expect(
      probe(`class HttpParams { set() { return this; } }\nprobe(new HttpParams().set('grant_type', 'refresh_token'));`, summary),
    ).toEqual([null]);
  });

  it('traces new URL() + searchParams writes, copies from Object.entries, and helpers that may add parameters', () => {
    const code = `
      function a() { const u = new URL(AUTH); u.searchParams.set('response_type', 'code'); Object.entries(extra).forEach(([k, v]) => u.searchParams.set(k, v)); const sent = u; return probe(sent); }
      const extra = { scope: 'openid', state: s };
      function b() { const u = new URL(AUTH); u.searchParams.set('response_type', 'code'); addPkce(u); return probe(u.href); }
      function c() { const u = new URL(AUTH); u.search = new URLSearchParams({ response_type: 'token' }).toString(); return probe(u.toString()); }`;
    expect(probe(code, summary)).toEqual([
      { kind: 'url', complete: true, params: { response_type: 'code', scope: 'openid', state: '?' } },
      { kind: 'url', complete: false, params: { response_type: 'code' } },
      { kind: 'url', complete: true, params: { response_type: 'token' } },
    ]);
  });

  it('reads querystring / qs stringify and nested params after a `?`', () => {
    const code = `import qs from 'qs'; import querystring from 'node:querystring';
      probe(\`\${AUTH}?\${qs.stringify({ response_type: 'code', client_id: ID })}\`);
      probe(querystring.stringify({ grant_type: 'refresh_token', refresh_token: rt }));`;
    expect(probe(code, summary)).toEqual([
      { kind: 'string', complete: true, params: { response_type: 'code', client_id: '?' } },
      { kind: 'stringify', complete: true, params: { grant_type: 'refresh_token', refresh_token: '?' } },
    ]);
  });

  it('reads form bodies without a `?` and refuses plain strings', () => {
    const code = `probe('grant_type=password&username=' + u); probe('hello world'); probe('https://idp/authorize');`;
    expect(probe(code, summary)).toEqual([
      { kind: 'string', complete: true, params: { grant_type: 'password', username: '?' } },
      null,
      null,
    ]);
  });

  it('lists every parameter write with where to report it, even in a const elsewhere', () => {
    const code = `const GRANT = 'password';\nconst body = { grant_type: GRANT };\nform.set('response_type', 'token');\nconst q = \`\${A}?access_token=\${t}\`;`;
    const writes: string[] = [];
    collect(code, 'Program', (sc) => {
      for (const w of paramWrites(sc)) writes.push(`${w.name}=${w.value ?? '?'}@${w.reportNode.loc.start.line}:${w.context}`);
      return undefined;
    });
    expect(writes).toEqual(
      expect.arrayContaining(['grant_type=password@1:object', 'response_type=token@3:set', 'access_token=?@4:string']),
    );
  });

  it('lists URL query parameters: strings with `?`, new URL, axios params; not bodies or fragments', () => {
    const code = `
      fetch(\`\${API}/me?access_token=\${t}\`);
      const u = new URL(API); u.searchParams.set('id_token', i);
      axios.get(API, { params: { refresh_token: r } });
      fetch(API, { method: 'POST', body: new URLSearchParams({ token: r }) });
      location.assign(\`\${CB}#access_token=\${t}\`);`;
    const names: string[] = [];
    collect(code, 'Program', (sc) => {
      for (const { param: p } of urlQueryParams(sc)) names.push(p.name);
      return undefined;
    });
    expect(names.sort()).toEqual(['access_token', 'id_token', 'refresh_token']);
  });

  it('works on plain JavaScript', () => {
    const code = `probe(new URLSearchParams({ response_type: 'code' }));`;
    expect(probe(code, summary, false)).toEqual([{ kind: 'search-params', complete: true, params: { response_type: 'code' } }]);
  });
});

describe('urls: separators chosen at run time, unnamed parameters, path segments', () => {
  it('reads a `? : &` choice as the query separator, inline or through a const', () => {
    const code = `const sep = next.includes('?') ? '&' : '?'; probe(\`\${next}\${sep}token=\${t}&page=2\`); probe(next + (flag ? '&' : '?') + 'lang=en');`;
    expect(probe(code, summary)).toEqual([
      { kind: 'string', complete: true, params: { token: '?', page: '2' } },
      { kind: 'string', complete: true, params: { lang: 'en' } },
    ]);
  });

  it('does not take any conditional for a separator', () => {
    const code = `probe(\`\${base}\${mode ? '/a' : '/b'}token=\${t}\`);`;
    expect(probe(code, summary)).toEqual([null]);
  });

  it('keeps `?${KEY}=value` pairs apart, with the value node', () => {
    const code = `probe(\`/?\${KEY}=\${tokens.accessToken()}&tab=1\`);`;
    const [list] = probe(code, (sc, n) => paramsOf(sc, n) ?? null);
    expect(list?.params.map((p) => p.name)).toEqual(['tab']);
    expect(list?.unnamed?.map((p) => [p.nameUnknown, p.valueNode.type])).toEqual([[true, 'CallExpression']]);
    expect(list?.complete).toBe(false);
  });

  it('lists holes that fill a whole path segment, before any query', () => {
    const code = `const a = \`https://api.example.com/v1/\${t}\`; const b = base + '/done/' + tok + '?x=' + y; const c = \`/files/\${id}.png\`; const d = \`/q?next=/\${v}\`; const sep = q ? "&" : "?"; const e = \`\${root}/\${u}\${sep}k=1\`;`;
    const values = collect(code, 'Program', (sc) => urlPathValues(sc))[0];
    expect(
      values.map((v) => [
        v.valueNode.type === 'Identifier' ? (v.valueNode as TSESTree.Identifier).name : v.valueNode.type,
        v.absolute,
        v.pathText,
      ]),
    ).toEqual([
      ['t', true, 'https://api.example.com/v1/'],
      ['tok', false, '/done/'],
      ['u', false, '/'],
    ]);
  });
});
