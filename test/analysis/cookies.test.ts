import { describe, expect, it } from 'vitest';
import {
  cookieCarries,
  cookieFindingsAt,
  cookieWritesOf,
  mayWriteCookies,
  optionsCallOf,
  type CookieWrite,
} from '../../src/analysis/cookies';
import { analyze, collect } from '../helpers/analyze';

function describeWrite(write: CookieWrite, carries: string | undefined): string {
  const flags = (['secure', 'httpOnly', 'sameSite'] as const).map((flag) => `${flag[0]}=${write.flags[flag].status}`).join(',');
  return `${write.api}:${write.nameText ?? '?'}:${carries ?? '-'}:${flags}${write.clearing ? ':clear' : ''}${write.scriptWritten ? ':script' : ''}`;
}

function cookies(code: string, filename?: string): string[] {
  const found: string[] = [];
  collect(code, ':matches(CallExpression, NewExpression, AssignmentExpression, Property)', (sc, node) => {
    for (const write of cookieWritesOf(sc, node, filename)) found.push(describeWrite(write, cookieCarries(sc, write)));
    return undefined;
  });
  return found;
}

describe('cookies: cookie writes and their flags', () => {
  it('reads Express, Koa and Fastify calls with their defaults', () => {
    expect(cookies(`res.cookie('sid', id, { secure: true });`)).toEqual(['express:sid:session:s=set,h=missing,s=missing']);
    expect(cookies(`import Koa from 'koa'; ctx.cookies.set('access_token', t, { secure: false });`)).toEqual([
      'koa:access_token:token:s=wrong,h=set,s=missing',
    ]);
    expect(cookies(`import f from 'fastify'; reply.setCookie('sid', id);`)).toEqual(['fastify:sid:session:s=unknown,h=unknown,s=unknown']);
  });

  it('reads Next.js, h3, Hono and cookie.serialize', () => {
    expect(cookies(`import { cookies } from 'next/headers'; cookies().set('tz', 'UTC');`)).toEqual([
      'next:tz:-:s=missing,h=missing,s=missing',
    ]);
    expect(
      cookies(`import { setCookie } from 'h3'; setCookie(event, 'nuxt_sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });`),
    ).toEqual(['h3:nuxt_sid:session:s=set,h=set,s=set']);
    expect(
      cookies(
        `import { setCookie } from 'hono/cookie'; setCookie(c, 'tx', JSON.stringify({ verifier, state }), { prefix: 'secure', httpOnly: true });`,
      ),
    ).toEqual(['hono:tx:oauth:s=set,h=set,s=missing']);
    expect(cookies(`import cookie from 'cookie'; cookie.serialize('oauth_state', s, { maxAge: 0 });`)).toEqual([
      'cookie-serialize:oauth_state:oauth:s=missing,h=missing,s=missing:clear',
    ]);
  });

  it('reads Set-Cookie strings, arrays and header objects', () => {
    expect(cookies(`res.setHeader('Set-Cookie', ['sid=' + id + '; HttpOnly; Secure', \`theme=dark\`]);`)).toEqual([
      'set-cookie-header:sid:session:s=set,h=set,s=missing',
      'set-cookie-header:theme:-:s=missing,h=missing,s=missing',
    ]);
    expect(cookies(`new Response(null, { headers: { 'set-cookie': \`rt=\${rt}; \${attrs}\` } });`)).toEqual([
      'set-cookie-header:rt:token:s=unknown,h=unknown,s=unknown',
    ]);
    expect(cookies(`document.cookie = 'jwt=' + token + '; Max-Age=0';`)).toEqual([
      'document-cookie:jwt:token:s=missing,h=missing,s=missing:clear:script',
    ]);
  });

  it('reads session middleware options', () => {
    expect(cookies(`import session from 'express-session'; session({ secret });`)).toEqual([
      'express-session:?:session:s=missing,h=set,s=missing',
    ]);
    expect(cookies(`import session from 'express-session'; session({ secret, cookie: opts });`)).toEqual([]);
    expect(cookies(`import cs from 'cookie-session'; cs({ name: 'sess', sameSite: 'strict', httpOnly: false });`)).toEqual([
      'cookie-session:sess:session:s=set,h=wrong,s=set',
    ]);
  });

  it('treats SameSite=None without Secure as a wrong value', () => {
    expect(cookies(`res.cookie('sid', id, { httpOnly: true, sameSite: 'None' });`)).toEqual([
      'express:sid:session:s=missing,h=set,s=wrong',
    ]);
    expect(cookies(`res.cookie('sid', id, { httpOnly: true, secure: true, sameSite: 'none' });`)).toEqual([
      'express:sid:session:s=set,h=set,s=set',
    ]);
  });

  it('tells which cookies carry a session, token or OAuth state', () => {
    const code = `
      res.cookie('__Host-sid', a); res.cookie('app_session', a); res.cookie('pkce_verifier', a);
      res.cookie('sidebar_state', a); res.cookie('theme', a); res.cookie('x', tokens.access_token);
      res.cookie('x', sessionId); res.cookie('csrf_token', a);`;
    expect(cookies(code).map((line) => line.split(':')[2])).toEqual(['session', 'session', 'oauth', '-', '-', 'token', 'session', '-']);
  });
});

describe('cookies: helpers and later assignments', () => {
  it('resolves same-file document.cookie helpers to their callers', () => {
    const code = `
      function setCookie(name, value, days) { document.cookie = name + '=' + encodeURIComponent(value) + '; path=/'; }
      setCookie('refresh_token', tokens.refresh_token, 30);
      setCookie('theme', theme, 30);`;
    expect(cookies(code)).toEqual([
      'document-cookie:?:-:s=missing,h=missing,s=missing:script',
      'document-cookie:refresh_token:token:s=unknown,h=missing,s=unknown:script',
      'document-cookie:theme:-:s=unknown,h=missing,s=unknown:script',
    ]);
  });

  it('counts a flag assigned later through the options variable as set', () => {
    const code = `import session from 'express-session'; const s = { secret, cookie: { secure: false } }; if (prod) s.cookie.secure = true; session(s);`;
    expect(cookies(code)).toEqual(['express-session:?:session:s=set,h=set,s=missing']);
  });
});

/** Each finding as `kind:content@text`, with the flag or the missing flags. */
function findings(code: string): string[] {
  const found: string[] = [];
  collect(code, ':matches(CallExpression, NewExpression, AssignmentExpression, Property)', (sc, node) => {
    for (const finding of cookieFindingsAt(sc, node)) {
      if (finding.kind === 'wrong-flag')
        found.push(`wrong-flag:${finding.content}@${sc.getText(finding.node)}:${finding.flag}${finding.sameSiteNone ? ':none' : ''}`);
      else if (finding.kind === 'missing-flags') found.push(`missing-flags:${finding.content}:${finding.missing.join(',')}`);
      else found.push(`script-written:${finding.content}`);
    }
    return undefined;
  });
  return found;
}

describe('cookies: findings for require-secure-cookies', () => {
  it('gives each wrong value of a write, else its missing flags', () => {
    expect(findings(`res.cookie('sid', id, { secure: false, httpOnly: false });`)).toEqual([
      'wrong-flag:session@false:secure',
      'wrong-flag:session@false:httpOnly',
    ]);
    // SameSite=None is wrong for want of Secure: `secure: false` is the one finding for both.
    expect(findings(`res.cookie('sid', id, { secure: false, sameSite: 'none', httpOnly: true });`)).toEqual([
      'wrong-flag:session@false:secure',
    ]);
    expect(findings(`res.cookie('access_token', t, { secure: true, sameSite: 'none', httpOnly: true });`)).toEqual([]);
    expect(findings(`res.cookie('access_token', t, { sameSite: 'none', httpOnly: true });`)).toEqual([
      "wrong-flag:token@'none':sameSite:none",
    ]);
    expect(findings(`res.cookie('access_token', t, { secure: true });`)).toEqual(['missing-flags:token:httpOnly,sameSite']);
  });

  it('reports credentials a page script writes, not its OAuth state, and is silent on clearing and harmless cookies', () => {
    expect(findings('document.cookie = `access_token=${token}; path=/`;')).toEqual(['script-written:token']);
    expect(findings('document.cookie = `oauth_state=${state}; path=/`;')).toEqual([]);
    expect(findings(`res.cookie('access_token', '', { maxAge: 0 });`)).toEqual([]);
    expect(findings(`res.cookie('theme', 'dark');`)).toEqual([]);
  });

  it('knows which writes take an options object a suggestion can extend', () => {
    const calls = collect(
      `res.cookie('sid', id); document.cookie = 'sid=' + id;`,
      ':matches(CallExpression, AssignmentExpression)',
      (sc, node) =>
        cookieWritesOf(sc, node)
          .map((write) => (optionsCallOf(write) ? 'call' : 'none'))
          .join(),
    );
    expect(calls).toEqual(['call', 'none']);
  });

  it('gates on cookie words and cookie modules', () => {
    const gate = (code: string): boolean => {
      let answer = false;
      analyze(code, 'Program', (sc) => {
        answer = mayWriteCookies(sc);
      });
      return answer;
    };
    expect(gate(`res.cookie('a', b);`)).toBe(true);
    expect(gate(`import { serialize } from 'cookie';`)).toBe(true);
    expect(gate(`res.json({ ok: true });`)).toBe(false);
  });
});
