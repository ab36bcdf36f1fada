import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { requestInput } from '../../src/analysis/request-input';
import { collect } from '../helpers/analyze';

function inputs(code: string, typescript = true): (string | null)[] {
  return collect(
    code,
    'CallExpression[callee.name="probe"]',
    (sc, node) => {
      const found = requestInput(sc, (node as TSESTree.CallExpression).arguments[0]);
      return found ? `${found.part}:${found.key ?? '*'}${found.browser ? ':browser' : ''}` : null;
    },
    { typescript },
  );
}

describe('request-input: values of the incoming request', () => {
  it('reads server frameworks: Express, Koa, Fastify, Hono, Next.js, h3', () => {
    const code = `
      app.get('/a', (req, res) => { probe(req.query.returnTo); const { code, state } = req.query; probe(code); probe(state); probe(req.body.redirect_uri); });
      router.get('/b', (ctx) => { probe(ctx.query.next); probe(ctx.request.body.code); const { query: { next } } = ctx; probe(next); });
      app.get('/c', (c) => { probe(c.req.query('next')); });
      export function GET(req) { probe(req.nextUrl.searchParams.get('code')); const url = new URL(req.url); probe(url.searchParams.get('state')); }
      export default defineEventHandler((event) => { const { next } = getQuery(event); probe(next); });
      export default function Page({ searchParams }) { probe(searchParams.callbackUrl); }`;
    expect(inputs(code)).toEqual([
      'query:returnTo',
      'query:code',
      'query:state',
      'body:redirect_uri',
      'query:next',
      'body:code',
      'query:next',
      'query:next',
      'search-params:code',
      'search-params:state',
      'query:next',
      'search-params:callbackUrl',
    ]);
  });

  it('reads property-path getters as the same read (lodash get), a nested parameter as its top name', () => {
    const code = `
      import _ from 'lodash';
      import get from 'lodash.get';
      app.get('/a', (req, res) => { probe(_.get(req.query, 'next')); probe(get(req, 'query.state.href', null)); probe(_.get(config, 'next')); probe(_.get(req.query, key)); });`;
    expect(inputs(code)).toEqual(['query:next', 'query:state', null, null]);
  });

  it('reads parameters bound by NestJS decorators, and no look-alike decorators', () => {
    const code = `
      import { Body, Controller, Get, Param, Query } from '@nestjs/common';
      import { Query as GqlQuery } from '@nestjs/graphql';
      @Controller('auth')
      export class AuthController {
        @Get('callback') callback(@Query('code') code: string, @Query() query: Record<string, string>, @Body('state') state: string) {
          probe(code); probe(query.state); probe(state);
        }
        @Get(':id') one(@Param('id') id: string, @GqlQuery('code') other: string, plain: string) { probe(id); probe(other); probe(plain); }
      }`;
    expect(inputs(code)).toEqual(['query:code', 'query:state', 'body:state', 'params:id', null, null]);
  });

  it('reads AWS Lambda / API Gateway and Netlify Functions events', () => {
    const code = `export const handler = async (event) => { const { code, state } = event.queryStringParameters; probe(code); probe(event.queryStringParameters.state); };`;
    expect(inputs(code)).toEqual(['query:code', 'query:state']);
  });

  it('reads the browser location and router search params', () => {
    const code = `
      const params = new URLSearchParams(window.location.search); probe(params.get('code'));
      probe(new URLSearchParams(location.search).get('returnTo'));
      const sp = useSearchParams(); probe(sp.get('next'));`;
    expect(inputs(code, false)).toEqual(['search-params:code:browser', 'search-params:returnTo:browser', 'search-params:next:browser']);
  });

  it('reads the request through variables: a URL of the request, a query factory held in a variable, route objects', () => {
    const code = `
      export const h = (req) => { const url = new URL(req.url); const qp = new URLSearchParams(url.search); probe(qp.get('code')); };
      export default defineEventHandler(async (event) => { const query = getQuery(event); probe(query.code); const body = await readBody(event); probe(body.code); probe(getQuery(event).code); probe((await readBody(event)).next); });
      export default eventHandler((event) => { const query = getQuery(event); const { code } = query; probe(code); });
      export default { fetch({ route }) { probe(route.query.code); }, mounted() { probe(this.$route.query.code); } };
      export function setup() { const route = useRoute(); probe(route.query.next); }`;
    expect(inputs(code)).toEqual([
      'search-params:code',
      'query:code',
      'body:code',
      'query:code',
      'body:next',
      'query:code',
      'query:code:browser',
      'query:code:browser',
      'query:next:browser',
    ]);
  });

  it('refuses variables that only look like the request: other URLs, local route tables, reassigned queries', () => {
    const code = `
      export const h = (target) => { const url = new URL(target); probe(new URLSearchParams(url.search).get('code')); };
      const route = routes.find((r) => r.name === 'cb'); probe(route.query.code);
      let query = getQuery(event); query = other; probe(query.code);
      let q2 = getQuery(event); q2 = other; const { code } = q2; probe(code);
      probe(this.$router.query.code); probe(useRoute());`;
    expect(inputs(code)).toEqual([null, null, null, null, null, null]);
  });

  it('refuses look-alikes: config objects, session values, whole URLs, properties of parameters', () => {
    const code = `
      probe(config.query.next); probe(req.session.returnTo); probe(req.originalUrl); probe(location.href);
      const map = new Map(); probe(map.get('next')); probe(req.query.next.length);`;
    expect(inputs(code)).toEqual([null, null, null, null, null, null]);
  });
  it("reads framework cookie getters and Hono's validated input, and no look-alike getters", () => {
    const code = `
      import { getCookie } from 'hono/cookie';
      import { getCookie as h3Cookie } from 'h3';
      import { cookies } from 'next/headers';
      export async function GET({ cookies: jar }) { probe(jar.get('back')); } // renamed, still the jar
      export async function POST({ cookies }) { probe(cookies.get('back')); probe(cookies.get('back').length); }
      app.get('/a', (c) => { probe(getCookie(c, 'next')); const { redirect_uri } = c.req.valid('query'); probe(redirect_uri); probe(c.req.valid('json').next); probe(c.req.valid('other')); });
      export default defineEventHandler((event) => { probe(h3Cookie(event, 'returnTo')); probe(getCookie(event, name)); });
      export async function PUT() { const store = await cookies(); probe(store.get('returnTo')?.value); probe(settings.get('returnTo')); }`;
    expect(inputs(code)).toEqual([
      'cookies:back',
      'cookies:back',
      null,
      'cookies:next',
      'query:redirect_uri',
      'body:next',
      null,
      'cookies:returnTo',
      null,
      'cookies:returnTo',
      null,
    ]);
  });

  it('reads client routers by what they are: Angular ActivatedRoute under any name, SvelteKit page, Next pages router', () => {
    const code = `
      import { ActivatedRoute } from '@angular/router';
      import { page } from '$app/stores';
      import { get } from 'svelte/store';
      import { useRouter } from 'next/router';
      class Callback {
        constructor(private activated: ActivatedRoute, private other: Store) {}
        init() {
          probe(this.activated.snapshot.queryParams.code);
          probe(this.activated.snapshot.queryParamMap.get('code'));
          this.activated.queryParams.subscribe((params) => probe(params.code));
          probe(this.other.snapshot.queryParams.code);
          this.other.changes.subscribe((params) => probe(params.code));
        }
      }
      probe(get(page).url.searchParams.get('code'));
      function useCb() { const router = useRouter(); probe(router.query.code); }`;
    expect(inputs(code)).toEqual([
      'query:code:browser',
      'query:code:browser',
      'query:code:browser',
      null,
      null,
      'search-params:code:browser',
      'query:code:browser',
    ]);
  });

  it('reads a controller holding the request (`this.ctx`), and values parsed out of one parameter', () => {
    const code = `
      class Controller { show() { probe(this.ctx.query.next); probe(this.req.body.code); probe(this.c.query.next); } }
      app.get('/cb', (req, res) => {
        const { redirect } = qs.parse(req.query.state);
        probe(redirect);
        probe(JSON.parse(atob(req.query.state)).returnTo);
        probe(JSON.parse(req.cookies.prefs).theme);
        probe(JSON.parse(localState).returnTo);
      });`;
    expect(inputs(code.replace("app.get('/cb'", "const qs = require('qs');\n      app.get('/cb'"))).toEqual([
      'query:next',
      'body:code',
      null,
      'query:redirect',
      'query:returnTo',
      null,
      null,
    ]);
  });
});
