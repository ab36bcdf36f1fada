import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { calleeOrigin, formatOrigin, matchesPattern, normaliseModule, originOf } from '../../src/analysis/modules';
import { collect, type AnalyzeOptions } from '../helpers/analyze';

/** Origins of every call's callee in the snippet, as `module.path`. */
function calleeOrigins(code: string, options?: AnalyzeOptions): string[] {
  return collect(
    code,
    'CallExpression',
    (sourceCode, node) => {
      const origin = calleeOrigin(sourceCode, node as TSESTree.CallExpression);
      return origin ? formatOrigin(origin) : undefined;
    },
    options,
  ).filter((name) => !name.startsWith('<global>.require'));
}

describe('originOf: where a name comes from', () => {
  it('resolves ESM default, named, aliased and namespace imports', () => {
    expect(calleeOrigins(`import jwt from 'jsonwebtoken'; jwt.verify(t, k);`)).toEqual(['jsonwebtoken.verify']);
    expect(calleeOrigins(`import { verify as v } from 'jsonwebtoken'; v(t, k);`)).toEqual(['jsonwebtoken.verify']);
    expect(calleeOrigins(`import * as jose from 'jose'; jose.jwtVerify(t, k);`)).toEqual(['jose.jwtVerify']);
    expect(calleeOrigins(`import { jwtDecode } from 'jwt-decode'; jwtDecode(t);`)).toEqual(['jwt-decode.jwtDecode']);
  });

  it('resolves require with and without destructuring, in CommonJS and ESM files', () => {
    expect(calleeOrigins(`const jwt = require('jsonwebtoken'); jwt.decode(t);`, { sourceType: 'commonjs', typescript: false })).toEqual([
      'jsonwebtoken.decode',
    ]);
    expect(
      calleeOrigins(`const { decode: peek } = require('jsonwebtoken'); peek(t);`, { sourceType: 'commonjs', typescript: false }),
    ).toEqual(['jsonwebtoken.decode']);
    expect(calleeOrigins(`const { a: { b } } = require('m'); b();`, { typescript: false })).toEqual(['m.a.b']);
  });

  it('resolves `import x = require()` in TypeScript', () => {
    expect(calleeOrigins(`import jwt = require('jsonwebtoken'); jwt.verify(t, k);`)).toEqual(['jsonwebtoken.verify']);
  });

  it('resolves await import() and helpers that return a module', () => {
    expect(calleeOrigins(`async function f() { const { jwtVerify } = await import('jose'); jwtVerify(t, k); }`)).toEqual([
      'jose.jwtVerify',
    ]);
    const code = `
      let josePromise;
      async function getJose() { josePromise ??= import('jose'); return josePromise; }
      async function g() { const { createRemoteJWKSet } = await getJose(); createRemoteJWKSet(u); }`;
    expect(calleeOrigins(code, { typescript: false })).toContain('jose.createRemoteJWKSet');
  });

  it('follows const aliases, instances and util.promisify', () => {
    const code = `
      import { Issuer } from 'openid-client';
      import { promisify } from 'node:util';
      import jwt from 'jsonwebtoken';
      const issuer = await Issuer.discover(url);
      const client = new issuer.Client({ client_id: 'x' });
      client.callback(uri, params, checks);
      const verifyAsync = promisify(jwt.verify);
      verifyAsync(t, k);`;
    const origins = calleeOrigins(code);
    expect(origins).toContain('openid-client.Issuer.discover.().Client.().callback');
    expect(origins).toContain('jsonwebtoken.verify');
  });

  it('resolves class fields and typed constructor parameter properties', () => {
    const code = `
      import { Issuer } from 'openid-client';
      import { JwtService } from '@nestjs/jwt';
      class Auth {
        oidcClient = new Issuer(meta).Client(opts);
        constructor(private readonly jwt: JwtService) {}
        run() { this.oidcClient.callback(a, b, c); this.jwt.verifyAsync(t); }
      }`;
    expect(calleeOrigins(code)).toEqual(
      expect.arrayContaining(['openid-client.Issuer.().Client.().callback', '@nestjs/jwt.JwtService.().verifyAsync']),
    );
  });

  it('resolves `this.x = value` assignments of the class itself, not of a nested or a sibling class', () => {
    const code = `
      import jwt from 'jsonwebtoken';
      import { decode } from 'jwt-decode';
      class First {
        constructor() { this.check = jwt.verify; }
        run() {
          this.check(t);
          const Inner = class { constructor() { this.check = decode; } run() { this.check(t); } };
        }
      }
      class Second { init() { this.check = decode; } run() { this.check(t); } }
      class Mixed { a() { this.check = decode; } b() { this.check = jwt.verify; } run() { this.check(t); } }`;
    // Mixed writes two different functions: no single origin.
    expect(calleeOrigins(code)).toEqual(['jsonwebtoken.verify', 'jwt-decode.decode', 'jwt-decode.decode']);
  });

  it('resolves super(...) to the base class constructor, through NestJS PassportStrategy', () => {
    const code = `
      import { PassportStrategy } from '@nestjs/passport';
      import { Strategy } from 'passport-oauth2';
      import { Strategy as JwtStrategy } from 'passport-jwt';
      class Crm extends PassportStrategy(Strategy, 'crm') { constructor() { super({ state: false }); } }
      class Api extends JwtStrategy { constructor() { super({ secretOrKey: k }); } }
      class Plain extends Base { constructor() { super(); } }`;
    // An undeclared base is a global, like any undeclared name.
    expect(calleeOrigins(code)).toEqual([
      '@nestjs/passport.PassportStrategy',
      'passport-oauth2.Strategy',
      'passport-jwt.Strategy',
      '<global>.Base',
    ]);
  });

  it('gives no origin to shadowed names, parameters and reassigned bindings', () => {
    expect(calleeOrigins(`import jwt from 'jsonwebtoken'; function f(jwt) { jwt.verify(t); }`)).toEqual([]);
    expect(calleeOrigins(`import { verify } from 'jsonwebtoken'; { const verify = (x) => x; verify(t); }`)).toEqual([]);
    expect(calleeOrigins(`let jwt = require('jsonwebtoken'); jwt = other; jwt.verify(t);`, { typescript: false })).toEqual([]);
  });

  it('reads TypeScript ambient declarations as the global they describe, not as shadowing', () => {
    const code = `
      declare const localStorage: Storage;
      declare function jwt_decode(token: string): unknown;
      declare var fetch: typeof globalThis.fetch;
      localStorage.setItem('a', b); jwt_decode(t); fetch(u);`;
    expect(calleeOrigins(code)).toEqual(['<global>.localStorage.setItem', '<global>.jwt_decode', '<global>.fetch']);
    // A real binding still shadows: a const with a value, an overloaded local function.
    const local = `
      const localStorage = makeStore();
      function jwt_decode(token: string): unknown;
      function jwt_decode(token: unknown) { return token; }
      localStorage.setItem('a', b); jwt_decode(t);`;
    expect(calleeOrigins(local)).toEqual(['<global>.makeStore', '<global>.makeStore.().setItem']);
  });

  it('treats globals and window/globalThis/self aliases alike', () => {
    expect(
      calleeOrigins(`window.localStorage.setItem('a', b); globalThis.fetch(u); self.sessionStorage.getItem('k');`, { typescript: false }),
    ).toEqual(['<global>.localStorage.setItem', '<global>.fetch', '<global>.sessionStorage.getItem']);
  });

  it('normalises node: specifiers and matches wildcard patterns', () => {
    const [origin] = collect(`import crypto from 'node:crypto'; crypto.randomBytes(16);`, 'CallExpression', (sourceCode, node) =>
      originOf(sourceCode, (node as TSESTree.CallExpression).callee),
    );
    expect(origin).toEqual({ module: 'crypto', path: ['randomBytes'] });
    expect(matchesPattern(origin!, 'crypto#randomBytes')).toBe(true);
    expect(matchesPattern(origin!, 'node:crypto#*')).toBe(true);
    expect(matchesPattern(origin!, 'crypto#**.randomBytes')).toBe(true);
    expect(matchesPattern(origin!, 'crypto#randomUUID')).toBe(false);
    expect(
      matchesPattern(
        { module: 'openid-client', path: ['Issuer', 'discover', '()', 'Client', '()', 'callback'] },
        'openid-client#**.Client.().callback',
      ),
    ).toBe(true);
  });
  it('resolves a lazily created client returned from several places', () => {
    const code = `
      const { Issuer } = require('openid-client');
      let client;
      async function getClient() {
        if (client) return client;
        const issuer = await Issuer.discover(process.env.ISSUER);
        client = new issuer.Client({ client_id: 'x' });
        return client;
      }
      async function login() { const c = await getClient(); c.authorizationUrl({}); }`;
    expect(calleeOrigins(code, { typescript: false, sourceType: 'commonjs' })).toContain(
      'openid-client.Issuer.discover.().Client.().authorizationUrl',
    );
  });
});

describe('normaliseModule: one name per module, whatever the runtime spells', () => {
  it('names Node built-ins and Deno packages without their prefixes and versions', () => {
    expect(normaliseModule('node:crypto')).toBe('crypto');
    expect(normaliseModule('npm:jose@5.2.0')).toBe('jose');
    expect(normaliseModule('npm:@panva/hkdf@1/dist')).toBe('@panva/hkdf/dist');
    expect(normaliseModule('jsr:@std/http@1.0.0/cookie')).toBe('@std/http/cookie');
    expect(normaliseModule('jsr:@std/http')).toBe('@std/http');
  });

  it("names Deno's standard library by URL and by Fresh's import-map alias", () => {
    expect(normaliseModule('https://deno.land/std@0.150.0/http/cookie.ts')).toBe('@std/http/cookie');
    expect(normaliseModule('https://deno.land/std/http/mod.ts')).toBe('@std/http');
    expect(normaliseModule('$std/http/cookie.ts')).toBe('@std/http/cookie');
    // Other URLs and aliases stay as written.
    expect(normaliseModule('$fresh/server.ts')).toBe('$fresh/server.ts');
  });

  it("names Deno's third-party registry by package and esm.sh URLs by their npm name", () => {
    expect(normaliseModule('https://deno.land/x/oak@v12/mod.ts')).toBe('deno.land/x/oak');
    expect(normaliseModule('https://deno.land/x/oauth2_client/mod.ts')).toBe('deno.land/x/oauth2_client');
    expect(normaliseModule('https://deno.land/x/djwt@v2.8/mod.ts')).toBe('deno.land/x/djwt');
    expect(normaliseModule('https://deno.land/x/oak@v12/middleware/proxy.ts')).toBe('deno.land/x/oak/middleware/proxy');
    // Packages their authors mirror there from npm: the entry file is the npm package.
    expect(normaliseModule('https://deno.land/x/jose@v4.14.4/index.ts')).toBe('jose');
    expect(normaliseModule('https://deno.land/x/oauth4webapi@v2.3.0/mod.ts')).toBe('oauth4webapi');
    expect(normaliseModule('https://deno.land/x/jose@v4.14.4/jwt/verify.ts')).toBe('deno.land/x/jose/jwt/verify');
    expect(normaliseModule('https://esm.sh/jose@5.2.0')).toBe('jose');
    expect(normaliseModule('https://esm.sh/@panva/hkdf@1?target=deno')).toBe('@panva/hkdf');
    // Other hosts stay as written.
    expect(normaliseModule('https://example.com/x/oak@v12/mod.ts')).toBe('https://example.com/x/oak@v12/mod.ts');
    expect(normaliseModule('jose')).toBe('jose');
  });
});
