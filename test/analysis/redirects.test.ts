import { describe, expect, it } from 'vitest';
import {
  classifyRedirectRegex,
  isRedirectTargetName,
  redirectChecks,
  redirectRoots,
  redirectSink,
  storedRedirectTarget,
  urlDestinationOf,
} from '../../src/analysis/redirects';
import { collect } from '../helpers/analyze';

function sinks(code: string): string[] {
  return collect(code, 'CallExpression, NewExpression, AssignmentExpression', (sc, node) => {
    const sink = redirectSink(sc, node);
    return sink ? sc.getText(sink.target) : undefined;
  });
}

function checksOf(code: string): string[][] {
  return collect(code, 'CallExpression, AssignmentExpression', (sc, node) => {
    const sink = redirectSink(sc, node);
    if (!sink) return undefined;
    const result = redirectChecks(sc, redirectRoots(sc, sink.target), node);
    return [
      ...result.checks.map((check) => `${check.kind}:${sc.getText(check.node)}`),
      ...(result.refusesDoubleSlash ? ['refuses //'] : []),
      ...(result.refusesBackslash ? ['refuses /\\'] : []),
    ];
  });
}

describe('redirects: sinks', () => {
  it('finds server and browser redirects and their targets', () => {
    const code = `
      import { redirect } from 'next/navigation';
      import { NextResponse } from 'next/server';
      res.redirect(302, a); reply.redirect(b, 301); ctx.redirect(c); NextResponse.redirect(d); Response.redirect(e);
      redirect(f); res.setHeader('Location', g); res.writeHead(302, { Location: h }); new Response(null, { status: 302, headers: { location: i } });
      location.href = j; window.location.assign(k); res.location(l);
      res.set('Content-Type', 'x'); map.set('location', m); res.json(n);`;
    expect(sinks(code)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm']);
  });
});

describe('redirects: checks applied to the target', () => {
  it('tells exact checks from loose ones, through variables, URL objects and helpers', () => {
    const code = `
      function okHost(u) { return new URL(u).host === 'app.example.com'; }
      app.get('/a', (req, res) => {
        const next = req.query.next;
        if (ALLOWED.has(next)) res.redirect(next);
      });
      app.get('/b', (req, res) => {
        const next = req.query.next;
        if (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\\\')) res.redirect(next);
      });
      app.get('/c', (req, res) => {
        if (okHost(req.query.next)) res.redirect(req.query.next);
      });`;
    expect(checksOf(code)).toEqual([
      ['exact:ALLOWED.has(next)'],
      ["relative:next.startsWith('/')", 'refuses //', 'refuses /\\'],
      ["host:new URL(u).host === 'app.example.com'"],
    ]);
  });

  it('follows URL objects assigned inside try blocks, through helpers', () => {
    const code = `
      function onTenant(value) { let parsed; try { parsed = new URL(value); } catch { return false; } return parsed.host.endsWith('.tenant.example'); }
      function sameOrigin(value) { let parsed; try { parsed = new URL(value, BASE); } catch { return false; } return parsed.origin === BASE; }
      app.get('/a', (req, res) => { const back = req.session.back; if (onTenant(back)) res.redirect(back); });
      app.get('/b', (req, res) => { const back = req.query.back; if (sameOrigin(back)) res.redirect(back); });`;
    // (The session read is also seen through its alias: the helper, already judged, stays an opaque validator there.)
    expect(checksOf(code)).toEqual([
      ["host:parsed.host.endsWith('.tenant.example')", 'validator:onTenant(back)'],
      ['origin:parsed.origin === BASE'],
    ]);
  });

  it('finds redirect targets stored for a later redirect', () => {
    const code = `
      req.session.returnTo = a; ctx.session.next = b; req.session.user = c; res.cookie('redirect_to', d);
      res.cookie('theme', e); cache.returnTo = f; this.session.callbackUrl = g;`;
    const stored = collect(code, 'AssignmentExpression, CallExpression', (sc, node) => {
      const value = storedRedirectTarget(sc, node);
      return value ? sc.getText(value) : undefined;
    });
    expect(stored).toEqual(['a', 'b', 'd', 'g']);
  });

  it('classifies regexes applied to targets', () => {
    expect(
      [
        '^\\/(?![\\/\\\\])',
        '^\\/[^\\/\\\\]',
        '^\\/(?!\\/)',
        '^https:\\/\\/app\\.example\\.com\\/cb$',
        '^https:\\/\\/.*\\.example\\.com',
      ].map((p) => classifyRedirectRegex(p).kind),
    ).toEqual(['relative-safe', 'relative-safe', 'relative', 'exact', 'regex']);
  });

  it('allows loopback patterns (RFC 8252 §7.3: any port), not look-alike hosts', () => {
    const patterns = [
      String.raw`^http:\/\/127\.0\.0\.1(:\d+)?(\/.*)$`,
      String.raw`^http://localhost:\d+/cb$`,
      String.raw`^http:\/\/\[::1\](:\d+)?\/cb$`,
      String.raw`^http:\/\/127\.0\.0\.1\.evil\.com`,
      String.raw`^http:\/\/localhost\.evil\.com`,
    ];
    expect(patterns.map((p) => classifyRedirectRegex(p).kind)).toEqual(['exact', 'exact', 'exact', 'regex', 'regex']);
  });

  it('knows redirect target names', () => {
    expect(['returnTo', 'return_to', 'redirect_uri', 'next', 'callbackUrl', 'continue', 'state', 'url'].map(isRedirectTargetName)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('redirects: where a URL goes', () => {
  it('follows a URL to a redirect, a request or window.open, through a const and one URL-building call', () => {
    const code = `import axios from 'axios';
export function f(res, a, b, c, d, e, g, h) {
  res.redirect(\`/x/\${a}\`);
  const u = \`/y/\${b}\`; fetch(u);
  res.redirect(toClient('/z/' + c));
  axios.get(\`/w/\${d}\`);
  window.open(\`/v/\${e}\`);
  console.log(\`/l/\${g}\`);
  cache.set(\`/c/\${h}\`, 1);
}`;
    const found = collect(code, 'TemplateLiteral, BinaryExpression', (sc, node) => urlDestinationOf(sc, node) ?? null);
    expect(found).toEqual(['redirect', 'request', 'redirect', 'request', 'request', null, null]);
  });
});
