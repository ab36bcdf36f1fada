import rule from '../../rules/require-exact-redirect-uri';
import { at } from '../helpers/locate';
import { createEspreeRuleTester, createRuleTester } from '../helpers/rule-tester';

const ruleTester = createRuleTester();
const espreeTester = createEspreeRuleTester();

type MessageId = 'looseCheck' | 'hostOnly' | 'originOnly' | 'relativeIncomplete' | 'unvalidated' | 'wildcardRegistration';
function invalid(code: string, messageId: MessageId, snippet: string, nth = 0) {
  return { code, errors: [{ messageId, ...at(code, snippet, nth) }] };
}

// A sanitiser in the same file that returns its parameter or a default.
const sanitiserHelper = `function pickReturnTo(raw) {
  if (typeof raw === 'string' && raw.startsWith('/')) return raw;
  return '/';
}
app.get('/login', (req, res) => res.redirect(pickReturnTo(req.query.returnTo)));`;

// express-openid-connect sends the browser to `returnTo` after the login completes.
const oidcLoginReturnTo = `app.get('/signin', (req, res) => {
  const returnTo = typeof req.query.returnTo === 'string' ? req.query.returnTo : '/';
  if (!returnTo.startsWith('/')) return res.status(400).send('Bad returnTo');
  res.oidc.login({ returnTo });
});`;

const oidcLoginUnchecked = `app.get('/signin', (req, res) => res.oidc.login({ returnTo: req.query.returnTo }));`;

const unvalidatedExpress = `import express from 'express';
const router = express.Router();
router.get('/login/done', (req, res) => {
  res.redirect(req.query.returnTo || '/');
});`;

const relativeOnly = `router.get('/finish', (req, res) => {
  const { next } = req.query;
  if (typeof next === 'string' && next.startsWith('/')) return res.redirect(next);
  return res.redirect('/');
});`;

const relativeHalf = `export function safeNext(next) {
  if (next.startsWith('/') && !next.startsWith('//')) return next;
  return '/';
}
app.get('/cb', (req, res) => res.redirect(safeNext(req.query.next)));`;

const prefixCheck = `const APP_URL = 'https://app.example.com';
app.get('/sso/return', (req, res) => {
  const target = req.query.continue;
  if (target && target.startsWith(APP_URL)) return res.redirect(target);
  res.redirect(APP_URL);
});`;

const hostCheck = `const ALLOWED_HOSTS = new Set(['app.example.com', 'admin.example.com']);
export function GET(request) {
  const url = new URL(request.url);
  const callbackUrl = url.searchParams.get('callbackUrl');
  if (callbackUrl && ALLOWED_HOSTS.has(new URL(callbackUrl).hostname)) return Response.redirect(callbackUrl, 302);
  return Response.redirect(new URL('/', request.url), 302);
}`;

const regexCheck = `fastify.get('/auth/complete', async (request, reply) => {
  const dest = request.query.redirect;
  if (!/example\\.com/.test(dest)) return reply.code(400).send();
  return reply.redirect(dest);
});`;

const suffixCheck = `app.get('/go', (req, res) => {
  const url = new URL(req.query.url);
  if (!url.hostname.endsWith('example.com')) return res.sendStatus(400);
  res.redirect(url.toString());
});`;

const authorizationServer = `async function authorize(req, res) {
  const { client_id, redirect_uri, state } = req.query;
  const client = await clients.find(client_id);
  if (!client.redirectUris.some((registered) => redirect_uri.startsWith(registered))) {
    return res.status(400).json({ error: 'invalid_request' });
  }
  const code = await issueCode(client, req.user);
  res.redirect(\`\${redirect_uri}?code=\${code}&state=\${state}\`);
}`;

const originOnlyAs = `async function authorize(req, res) {
  const redirectUri = req.query.redirect_uri;
  const client = await clients.find(req.query.client_id);
  if (new URL(redirectUri).origin !== new URL(client.redirect_uri).origin) return res.status(400).end();
  res.redirect(redirectUri + '?code=' + (await issueCode(client)));
}`;

const nextAuthPrefix = `export const authOptions = {
  providers: [],
  callbacks: {
    async redirect({ url, baseUrl }) {
      if (url.startsWith(baseUrl)) return url;
      return baseUrl;
    },
  },
};`;

const nextAuthNoCheck = `export const authOptions = {
  callbacks: {
    redirect: async ({ url }) => url,
  },
};`;

const spaLocation = `const params = new URLSearchParams(window.location.search);
const returnTo = params.get('returnTo');
await auth.handleRedirectCallback();
window.location.assign(returnTo ?? '/');`;

const nextMiddleware = `import { NextResponse } from 'next/server';
export function middleware(req) {
  const next = req.nextUrl.searchParams.get('next');
  if (next?.includes('example.com')) return NextResponse.redirect(next);
  return NextResponse.next();
}`;

const koaNoCheck = `authRouter.get('/finish', async (ctx) => {
  const next = ctx.query.next;
  ctx.redirect(typeof next === 'string' && next.length > 0 ? next : '/');
});`;

const nextPage = `import { redirect } from 'next/navigation';
export default async function Page({ searchParams }) {
  const session = await auth();
  if (session) redirect(searchParams.callbackUrl ?? '/dashboard');
  return null;
}`;

ruleTester.run('require-exact-redirect-uri', rule, {
  valid: [
    // A single registered URI that is exact, a loopback http: one, and a token request sending an http: URI.
    `export const clients = [
  { client_id: 'web', client_secret: process.env.WEB_SECRET, grant_types: ['authorization_code'], redirect_uri: 'https://app.example.com/callback' },
  { client_id: 'cli', grant_types: ['authorization_code'], redirect_uri: 'http://127.0.0.1:8400/callback' },
];
export const tokenRequest = { grant_type: 'authorization_code', code, client_id: 'web', redirect_uri: 'http://dev.example.com/callback' };`,
    // writeHead to a fixed location.
    `app.get('/old', (req, res) => {
  res.writeHead(301, { Location: '/new' });
  res.end();
});`,
    // writeHead to a target checked against an exact allowlist.
    `app.get('/done', (req, res) => {
  const next = req.query.next;
  res.writeHead(302, { Location: ALLOWED_TARGETS.has(next) ? next : '/' });
  res.end();
});`,
    // next-auth's default redirect callback: the relative path is appended to the app's own origin.
    `import NextAuth from 'next-auth';
export default NextAuth({
  providers: [],
  callbacks: {
    async redirect({ url, baseUrl }) {
      if (url.startsWith('/')) return \`\${baseUrl}\${url}\`;
      else if (new URL(url).origin === baseUrl) return url;
      return baseUrl;
    },
  },
});`,
    // The same join with +.
    `app.get('/done', (req, res) => {
  const next = req.query.next;
  if (next.startsWith('/')) return res.redirect(APP_ORIGIN + next);
  res.redirect('/');
});`,
    // The origin of the request-chosen URL is checked against an allowlist before the redirect.
    `import _ from 'lodash';
app.get('/auth/google/callback', (req, res) => {
  const url = new URL(_.get(req.query, 'state.href'));
  if (!ALLOWED_ORIGINS.has(url.origin)) return res.status(400).end();
  res.redirect(url.origin + '/create-profile');
});`,
    // The app's own origin (the URL the request arrived at) joined to a fixed path.
    `export async function GET(request) {
  return Response.redirect(new URL(request.url).origin + '/dashboard', 302);
}`,
    `function safeReturnTo(raw) { if (typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\\\')) return raw; return '/'; }
     app.get('/login', (req, res) => res.redirect(safeReturnTo(req.query.returnTo)));`,
    `const ALLOWED = new Set(['/home', '/settings']);
     function pick(raw) { return ALLOWED.has(raw) ? raw : '/'; }
     app.get('/login', (req, res) => res.redirect(pick(req.query.next)));`,
    `app.get('/signin', (req, res) => res.oidc.login({ returnTo: '/dashboard' }));`,
    `app.get('/signin', (req, res) => { const r = String(req.query.returnTo ?? '/'); res.oidc.login({ returnTo: r.startsWith('/') && !r.startsWith('//') && !r.startsWith('/\\\\') ? r : '/' }); });`,
    `app.get('/out', (req, res) => res.oidc.logout({ returnTo: 'https://portal.example.com/' }));`,
    // Exact comparison against registered URIs.
    `const REGISTERED = new Set(['https://app.example.com/callback']);
     app.get('/authorize', (req, res) => { const uri = req.query.redirect_uri; if (!REGISTERED.has(uri)) return res.status(400).end(); res.redirect(uri + '?code=x'); });`,
    `app.get('/authorize', async (req, res) => { const { redirect_uri } = req.query; const client = await load(req.query.client_id); if (!client.redirect_uris.includes(redirect_uri)) return res.status(400).end(); res.redirect(redirect_uri); });`,
    `app.get('/authorize', async (req, res) => { const { redirect_uri } = req.query; const client = await load(req.query.client_id); if (redirect_uri !== client.redirect_uri) return res.status(400).end(); res.redirect(redirect_uri); });`,
    // Relative path that refuses // and /\\ (string checks, regex, char checks).
    `app.get('/done', (req, res) => { const next = String(req.query.next ?? '/'); if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\\\')) return res.redirect('/'); res.redirect(next); });`,
    `const SAFE = /^\\/(?![\\/\\\\])/; app.get('/done', (req, res) => { const next = req.query.next; res.redirect(SAFE.test(next) ? next : '/'); });`,
    `app.get('/done', (req, res) => { const n = req.query.next; if (n[0] === '/' && n[1] !== '/' && n[1] !== '\\\\') return res.redirect(n); res.redirect('/'); });`,
    // A relative path refusing // and /\\, then a block list of pages (a deny check, whatever it matches).
    `function isSafeNext(next) {
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\\\')) return false;
  if (['/sign-in', '/sign-up'].some((page) => next.startsWith(page))) return false;
  return true;
}
app.get('/done', (req, res) => { const next = String(req.query.next ?? '/'); res.redirect(isSafeNext(next) ? next : '/'); });`,
    // new URL(x, base).origin === EXPECTED_ORIGIN is exact for a post-login target.
    `const ORIGIN = 'https://app.example.com'; app.get('/done', (req, res) => { const u = new URL(req.query.returnTo, ORIGIN); if (u.origin !== ORIGIN) return res.redirect('/'); res.redirect(u.href); });`,
    // A validator from elsewhere decides.
    `import { isSafeRedirect } from './security'; app.get('/done', (req, res) => { const next = req.query.next; res.redirect(isSafeRedirect(next) ? next : '/'); });`,
    // Routing, not redirect checks.
    `import { NextResponse } from 'next/server'; export function middleware(req) { const { pathname } = req.nextUrl; if (pathname.startsWith('/admin')) { const login = new URL('/login', req.url); login.searchParams.set('next', pathname); return NextResponse.redirect(login); } }`,
    `export const config = { callbacks: { authorized({ request, auth }) { return request.nextUrl.pathname.startsWith('/portal') ? !!auth : true; } } };`,
    // Redirects to constants, to a library's authorize URL, or with the input after a fixed prefix.
    `app.get('/connect', (req, res) => { const url = oauth2.generateAuthUrl({ scope: ['email'], state: req.session.state }); res.redirect(url); });`,
    `app.get('/items', (req, res) => res.redirect(\`/items/\${encodeURIComponent(req.query.id)}\`));`,
    `ctx.redirect('/'); res.redirect(303, '/settings');`,
    // RFC 8252 loopback exception with an exact check otherwise.
    `app.get('/authorize', async (req, res) => { const { redirect_uri } = req.query; const u = new URL(redirect_uri); const client = await load(req.query.client_id); if (u.hostname === '127.0.0.1' && client.native) return res.redirect(redirect_uri); if (client.redirect_uris.includes(redirect_uri)) return res.redirect(redirect_uri); res.status(400).end(); });`,
    // RFC 8252 loopback: everything but the port compared.
    `function matches(client, redirectUri) { const requested = new URL(redirectUri); return client.redirectUris.some((r) => { const e = new URL(r); return e.protocol === requested.protocol && e.hostname === requested.hostname && e.pathname === requested.pathname; }); }
     app.get('/authorize', (req, res) => { const { redirect_uri } = req.query; if (!matches(client, redirect_uri)) return res.status(400).end(); res.redirect(redirect_uri); });`,
    // next-auth redirect callback done right.
    `export const authOptions = { callbacks: { async redirect({ url, baseUrl }) { if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\\\')) return baseUrl + url; if (new URL(url).origin === baseUrl) return url; return baseUrl; } } };`,
    // Remix 1.0's \`remix\` package: a redirect to a fixed path, and to a return path checked for same-origin.
    `import { redirect } from 'remix';
     export async function loader({ request }) { const back = new URL(request.url).searchParams.get('origin_uri') || '/home'; if (!back.startsWith('/') || back.startsWith('//') || back.startsWith('/\\\\')) return redirect('/home'); return redirect(back); }`,
  ],
  invalid: [
    // Remix 1.0's \`remix\` package: the callback sends the browser to a path read from its own query.
    invalid(
      `import { redirect } from 'remix';
export async function callback(request) {
  const originURL = new URL(request.url).searchParams.get('origin_uri') || '/home';
  return redirect(originURL);
}`,
      'unvalidated',
      'redirect(originURL)',
    ),
    // A client registration holding one redirect URI with a wildcard.
    invalid(
      `export const clients = [
  { client_id: 'web', client_secret: process.env.WEB_SECRET, grant_types: ['authorization_code'], redirect_uri: 'https://app.example.com/*' },
];`,
      'wildcardRegistration',
      "'https://app.example.com/*'",
    ),
    // A redirect written as the Location key of writeHead's headers, in a file that never says "redirect".
    invalid(
      `app.get('/done', (req, res) => {
  res.writeHead(302, { Location: req.query.next });
  res.end();
});`,
      'unvalidated',
      'res.writeHead(302, { Location: req.query.next })',
    ),
    // Joined to the origin once, but also handed back as it is.
    invalid(
      `import NextAuth from 'next-auth';
export default NextAuth({
  providers: [],
  callbacks: {
    async redirect({ url, baseUrl }) {
      if (url.startsWith('/')) {
        console.log(\`\${baseUrl}\${url}\`);
        return url;
      }
      return baseUrl;
    },
  },
});`,
      'relativeIncomplete',
      "url.startsWith('/')",
    ),
    // The origin of a URL taken from the callback query (read with lodash get), a fixed path after it.
    invalid(
      `import _ from 'lodash';
app.get('/auth/google/callback', (req, res) => {
  const url = new URL(_.get(req.query, 'state.href', null));
  return res.status(301).redirect(url.origin + '/create-profile');
});`,
      'unvalidated',
      "res.status(301).redirect(url.origin + '/create-profile')",
    ),
    invalid(unvalidatedExpress, 'unvalidated', "res.redirect(req.query.returnTo || '/')"),
    invalid(relativeOnly, 'relativeIncomplete', "next.startsWith('/')"),
    invalid(oidcLoginReturnTo, 'relativeIncomplete', "returnTo.startsWith('/')"),
    invalid(sanitiserHelper, 'relativeIncomplete', "raw.startsWith('/')"),
    invalid(oidcLoginUnchecked, 'unvalidated', 'res.oidc.login({ returnTo: req.query.returnTo })'),
    invalid(relativeHalf, 'relativeIncomplete', "next.startsWith('/')"),
    invalid(prefixCheck, 'looseCheck', 'target.startsWith(APP_URL)'),
    // The helper's look-alike: it refuses `//` but not `/\\`.
    invalid(
      `function isSafeNext(next) {
  if (!next.startsWith('/') || next.startsWith('//')) return false;
  return true;
}
app.get('/done', (req, res) => { const next = String(req.query.next ?? '/'); res.redirect(isSafeNext(next) ? next : '/'); });`,
      'relativeIncomplete',
      "next.startsWith('/')",
    ),
    // The block list's look-alike: a list of allowed prefixes, which accepts what starts with one.
    invalid(
      `app.get('/done', (req, res) => { const next = req.query.next; if (ALLOWED_ORIGINS.some((origin) => next.startsWith(origin))) return res.redirect(next); res.redirect('/'); });`,
      'looseCheck',
      'next.startsWith(origin)',
    ),
    invalid(hostCheck, 'hostOnly', 'ALLOWED_HOSTS.has(new URL(callbackUrl).hostname)'),
    invalid(regexCheck, 'looseCheck', '/example\\.com/.test(dest)'),
    invalid(suffixCheck, 'hostOnly', "url.hostname.endsWith('example.com')"),
    invalid(authorizationServer, 'looseCheck', 'redirect_uri.startsWith(registered)'),
    invalid(originOnlyAs, 'originOnly', 'new URL(redirectUri).origin !== new URL(client.redirect_uri).origin'),
    invalid(nextAuthPrefix, 'looseCheck', 'url.startsWith(baseUrl)'),
    invalid(nextAuthNoCheck, 'unvalidated', 'url', 1),
    invalid(spaLocation, 'unvalidated', "window.location.assign(returnTo ?? '/')"),
    invalid(nextMiddleware, 'looseCheck', "next?.includes('example.com')"),
    invalid(koaNoCheck, 'unvalidated', "ctx.redirect(typeof next === 'string' && next.length > 0 ? next : '/')"),
    invalid(nextPage, 'unvalidated', "redirect(searchParams.callbackUrl ?? '/dashboard')"),
  ],
});

const koaSessionHelper = `const PORTAL_SUFFIX = '.campus.example';
function onCampus(candidate) {
  let parsed;
  try { parsed = new URL(candidate); } catch (e) { return false; }
  return parsed.hostname.endsWith(PORTAL_SUFFIX);
}
router.get('/sign-in', async (ctx) => {
  const next = ctx.query.next;
  if (next && onCampus(next)) ctx.session.next = next;
  ctx.redirect('/oidc/begin');
});
router.get('/sign-in/done', async (ctx) => {
  const dest = ctx.session.next;
  ctx.session.next = null;
  ctx.redirect(dest && onCampus(dest) ? dest : '/home');
});`;

const storedOnly = `app.get('/enter', (req, res) => {
  const back = req.query.returnTo;
  if (typeof back === 'string' && /partner-site/.test(back)) req.session.returnTo = back;
  res.redirect('/auth/start');
});`;

const cookieStored = `app.get('/enter', (req, res) => {
  const { callbackUrl } = req.query;
  if (callbackUrl && callbackUrl.startsWith(SITE)) res.cookie('callbackUrl', callbackUrl, { httpOnly: true, secure: true });
  res.redirect('/auth/start');
});`;

const storedValid = [
  // Same origin through a base URL, parsed in a try block: exact for a return target.
  `const APP_ORIGIN = 'https://campus.example';
function sameSite(candidate) { let parsed; try { parsed = new URL(candidate, APP_ORIGIN); } catch { return false; } return parsed.origin === APP_ORIGIN; }
app.get('/enter', (req, res) => { const { returnTo } = req.query; if (sameSite(returnTo)) req.session.returnTo = returnTo; res.redirect('/auth/start'); });
app.get('/enter/done', (req, res) => { const t = req.session.returnTo; res.redirect(t && sameSite(t) ? t : '/'); });`,
  // Relative path refusing // and /\\ before storing.
  `app.get('/enter', (req, res) => { const next = String(req.query.next || ''); if (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\\\')) req.session.next = next; res.redirect('/auth/start'); });`,
  // Exact allow-list before storing.
  `const RETURN_URLS = new Set(['https://campus.example/courses', 'https://campus.example/grades']);
app.get('/enter', (req, res) => { const { returnTo } = req.query; if (RETURN_URLS.has(returnTo)) req.session.returnTo = returnTo; res.redirect('/auth/start'); });`,
  // A slug checked by a regex and put into a fixed URL; a non-target session value; a routing check on the path.
  `app.get('/t/:slug', (req, res) => { const { slug } = req.params; if (!/^[a-z0-9-]+$/.test(slug)) return res.sendStatus(400); req.session.returnTo = \`https://\${slug}.campus.example/\`; res.redirect('/auth/start'); });`,
  `app.get('/enter', (req, res) => { if (req.query.lang.startsWith('en')) req.session.lang = req.query.lang; if (req.path.startsWith('/admin')) req.session.returnTo = req.path; res.redirect('/auth/start'); });`,
];

// A target stored in the session from the request unchecked, then redirected to: reported at the redirect.
const sessionUnchecked = `app.get('/enter', (req, res) => { req.session.returnTo = req.query.returnTo; res.redirect('/auth/start'); });
app.get('/enter/done', (req, res) => { res.redirect(req.session.returnTo || '/'); });`;

const h3SessionUnchecked = `export default eventHandler(async (event) => {
  const session = await useSession(event, { password: SESSION_PASSWORD });
  const { next, code } = getQuery(event);
  if (next) {
    await session.update({ redirect: next });
    return sendRedirect(event, '/login');
  }
  await finishLogin(code);
  return sendRedirect(event, session.data.redirect || '/');
});`;

const sessionValid = [
  // Stored unchecked, checked exactly before the redirect.
  `const RETURN_URLS = new Set(['https://campus.example/courses']);
app.get('/enter', (req, res) => { req.session.returnTo = req.query.returnTo; res.redirect('/auth/start'); });
app.get('/enter/done', (req, res) => { const t = req.session.returnTo; res.redirect(RETURN_URLS.has(t) ? t : '/'); });`,
  // A constant stored; the request's value stored under another key.
  `app.get('/enter', (req, res) => { req.session.returnTo = '/courses'; req.session.lang = req.query.lang; res.redirect('/auth/start'); });
app.get('/enter/done', (req, res) => { res.redirect(req.session.returnTo || '/'); });`,
  // h3: checked before the update.
  `export default eventHandler(async (event) => {
  const session = await useSession(event, { password: SESSION_PASSWORD });
  const { next } = getQuery(event);
  if (next && ALLOWED_NEXT.has(next)) await session.update({ redirect: next });
  return sendRedirect(event, session.data.redirect || '/');
});`,
];

const legacyAs = `function isAllowedRedirect(client, redirectUri) {
  return new URL(redirectUri).host === new URL(client.redirect_uri).host;
}
async function authorizeV1(req, res) {
  const { client_id: clientId, redirect_uri: redirectUri } = req.query;
  const client = await findClient(clientId);
  if (!isAllowedRedirect(client, redirectUri)) return res.status(400).end();
  const target = new URL(redirectUri);
  target.searchParams.set('code', await createCode(client));
  return res.redirect(target.toString());
}`;

const hono = `app.get('/auth/done', (c) => {
  const next = c.req.query('next');
  return c.redirect(next ?? '/');
});`;

// Serverless responses that redirect without the word "redirect": a Lambda/Netlify response
// object and a Workers `new Response` with an unquoted `Location` key.
const netlifyHandler = `exports.handler = async (event) => {
  const params = event.queryStringParameters;
  const back = params.state || 'https://app.example.com/';
  return {
    statusCode: 302,
    headers: { Location: \`\${back}?code=\${params.code}\`, 'Cache-Control': 'no-cache' },
  };
};`;

const workersResponse = `export default {
  async fetch(request) {
    const target = new URL(request.url).searchParams.get('next');
    return new Response(null, { status: 302, headers: { Location: target } });
  },
};`;

espreeTester.run('require-exact-redirect-uri (espree)', rule, {
  valid: [
    // A Location beside 201 Created is no redirect; a redirect status to a fixed or allow-listed target.
    `exports.handler = async (event) => ({ statusCode: 201, headers: { Location: '/items/' + event.queryStringParameters.id } });`,
    `exports.handler = async (event) => ({ statusCode: 302, headers: { Location: 'https://app.example.com/' } });`,
    `const TARGETS = new Set(['https://app.example.com/a', 'https://app.example.com/b']);
exports.handler = async (event) => {
  const next = event.queryStringParameters.next;
  return { statusCode: 302, headers: { Location: TARGETS.has(next) ? next : '/' } };
};`,
    `export default { async fetch(request) { const next = new URL(request.url).searchParams.get('next'); return new Response(next, { status: 200, headers: { 'Content-Type': 'text/plain' } }); } };`,
    `const params = new URLSearchParams(location.search); const returnTo = params.get('returnTo'); location.href = returnTo && /^\\/[^\\/\\\\]/.test(returnTo) ? returnTo : '/';`,
    `app.get('/logout', (req, res) => { req.session.destroy(); res.redirect(req.session.returnTo || '/'); });`,
    ...storedValid,
    ...sessionValid,
  ],
  invalid: [
    invalid(sessionUnchecked, 'unvalidated', "res.redirect(req.session.returnTo || '/')"),
    invalid(h3SessionUnchecked, 'unvalidated', "sendRedirect(event, session.data.redirect || '/')"),
    invalid(koaSessionHelper, 'hostOnly', 'parsed.hostname.endsWith(PORTAL_SUFFIX)'),
    invalid(storedOnly, 'looseCheck', '/partner-site/.test(back)'),
    invalid(cookieStored, 'looseCheck', 'callbackUrl.startsWith(SITE)'),
    invalid(legacyAs, 'hostOnly', 'new URL(redirectUri).host === new URL(client.redirect_uri).host'),
    invalid(hono, 'unvalidated', "c.redirect(next ?? '/')"),
    invalid(netlifyHandler, 'unvalidated', 'Location: `${back}?code=${params.code}`'),
    invalid(workersResponse, 'unvalidated', 'new Response(null, { status: 302, headers: { Location: target } })'),
  ],
});

// Authorization-server code: oauth2orize validation callbacks and client registrations.
type ServerMessageId = MessageId | 'unregisteredRedirectUri' | 'wildcardRegistration' | 'httpRegistration';
function serverInvalid(code: string, messageId: ServerMessageId, snippet: string, nth = 0) {
  return { code, errors: [{ messageId, ...at(code, snippet, nth) }] };
}

const unchecked = `const oauth2orize = require('oauth2orize');
const server = oauth2orize.createServer();
app.get('/authorize', server.authorization((clientID, redirectURI, done) => {
  Clients.findOne({ id: clientID }, (err, client) => {
    if (err) return done(err);
    return done(null, client, redirectURI);
  });
}));`;

const prefixChecked = `const oauth2orize = require('oauth2orize');
const server = oauth2orize.createServer();
app.get('/authorize', server.authorize((clientID, redirectURI, done) => {
  const client = clients.get(clientID);
  if (!redirectURI.startsWith(client.baseUrl)) return done(null, false);
  done(null, client, redirectURI);
}));`;

const withScope = `import oauth2orize from 'oauth2orize';
const server = oauth2orize.createServer();
export const authorize = server.authorization(async (clientId, redirectUri, scope, type, done) => {
  const client = await db.clients.find(clientId);
  done(null, client, redirectUri);
});`;

const registrations = `export const clients = [
  { client_id: 'wiki', redirect_uris: ['https://*.wiki.example.com/callback'] },
  { client_id: 'reports', redirect_uris: ['http://reports.example.com/oauth/cb', 'https://reports.example.com/oauth/cb'] },
];`;

ruleTester.run('require-exact-redirect-uri (authorization servers)', rule, {
  valid: [
    // Exact comparison with the registered URIs.
    `const oauth2orize = require('oauth2orize');
const server = oauth2orize.createServer();
app.get('/authorize', server.authorization((clientID, redirectURI, done) => {
  const client = clients.get(clientID);
  if (!client || !client.redirectUris.includes(redirectURI)) return done(null, false);
  return done(null, client, redirectURI);
}));`,
    `const oauth2orize = require('oauth2orize');
const server = oauth2orize.createServer();
server.authorization((clientID, redirectURI, done) => {
  const client = clients.get(clientID);
  if (client.redirectUri !== redirectURI) return done(new Error('redirect_uri mismatch'));
  done(null, client, redirectURI);
});`,
    // The registered URI is handed back, not the requested one.
    `const oauth2orize = require('oauth2orize');
const server = oauth2orize.createServer();
server.authorization((clientID, redirectURI, done) => {
  const client = clients.get(clientID);
  done(null, client, client.redirectUri);
});`,
    // Not oauth2orize: an app's own `authorization` method.
    `const server = createApi();
server.authorization((clientID, redirectURI, done) => done(null, clientID, redirectURI));`,
    // Loopback http (RFC 8252), private-use schemes and exact https URIs.
    `export const clients = [{ client_id: 'cli', redirect_uris: ['http://127.0.0.1/callback', 'http://localhost:8080/cb', 'http://[::1]/cb'] }];`,
    `export const clients = [{ client_id: 'app', redirect_uris: ['com.example.app:/oauth2redirect', 'https://app.example.com/callback'] }];`,
    // A singular redirect_uri in a client's own request config is not a registration.
    `export const config = { client_id: 'x', redirect_uri: 'http://app.example.com/cb' };`,
    // Values from config are not known.
    `export const client = { client_id: 'x', redirect_uris: [process.env.REDIRECT_URI] };`,
    // Deny checks and separator choices next to an exact check allow nothing.
    `const oauth2orize = require('oauth2orize');
const server = oauth2orize.createServer();
server.authorization((clientID, redirectURI, done) => {
  if (redirectURI.includes('#')) return done(new Error('fragment not allowed'));
  const client = clients.get(clientID);
  if (!client.redirectUris.includes(redirectURI)) return done(null, false);
  done(null, client, redirectURI);
});`,
    `app.get('/login', (req, res) => {
  const returnTo = req.query.returnTo;
  if (returnTo.startsWith('//') || returnTo.startsWith('/\\\\')) return res.status(400).send('bad returnTo');
  if (!ALLOWED_RETURN_PATHS.has(returnTo)) return res.status(400).end();
  res.redirect(returnTo + (returnTo.includes('?') ? '&' : '?') + 'welcome=1');
});`,
  ],
  invalid: [
    serverInvalid(unchecked, 'unregisteredRedirectUri', 'done(null, client, redirectURI)'),
    serverInvalid(prefixChecked, 'looseCheck', 'redirectURI.startsWith(client.baseUrl)'),
    serverInvalid(withScope, 'unregisteredRedirectUri', 'done(null, client, redirectUri)'),
    {
      code: registrations,
      errors: [
        { messageId: 'wildcardRegistration', ...at(registrations, "'https://*.wiki.example.com/callback'") },
        { messageId: 'httpRegistration', ...at(registrations, "'http://reports.example.com/oauth/cb'") },
      ],
    },
    serverInvalid(
      `const REDIRECTS = ['https://shop.example.com/*'];\nexport const client = { clientId: 'shop', redirectUris: REDIRECTS };`,
      'wildcardRegistration',
      "'https://shop.example.com/*'",
    ),
    // A deny check alone leaves every other URI accepted.
    serverInvalid(
      `const oauth2orize = require('oauth2orize');
const server = oauth2orize.createServer();
server.authorization((clientID, redirectURI, done) => {
  if (redirectURI.startsWith('javascript:')) return done(null, false);
  done(null, clients.get(clientID), redirectURI);
});`,
      'unregisteredRedirectUri',
      'done(null, clients.get(clientID), redirectURI)',
    ),
    // An allow check written as `if (x.startsWith(a)) return accept` stays a prefix check.
    serverInvalid(
      `app.get('/login', (req, res) => {
  const next = req.query.next;
  if (next.startsWith(APP_ORIGIN)) return res.redirect(next);
  res.redirect('/');
});`,
      'looseCheck',
      'next.startsWith(APP_ORIGIN)',
    ),
    serverInvalid(
      `const oauth2orize = require('oauth2orize');\nconst server = oauth2orize.createServer();\nserver.authorization(function (clientID, redirectURI, done) { done(null, { id: clientID }, redirectURI); });`,
      'unregisteredRedirectUri',
      'done(null, { id: clientID }, redirectURI)',
    ),
  ],
});

// Seen in real code (fresh-2026-12-d): a validator written as a method of the controller's class.
const classMethodValidator = `export class LoginController {
  login = async (req, res) => {
    const returnUrl = typeof req.body.return_url === 'string' ? req.body.return_url : undefined;
    if (returnUrl && this.isInternalUrl(returnUrl)) return res.redirect(returnUrl);
    return res.redirect('/');
  };
  isInternalUrl(url) {
    if (url.startsWith('//') || url.toLowerCase().startsWith('javascript:')) return false;
    if (url.startsWith('/')) return true;
    try {
      const target = new URL(url);
      const service = new URL(this.serviceUrl);
      return target.protocol === service.protocol && target.hostname === service.hostname && target.port === service.port;
    } catch {
      return false;
    }
  }
}`;

ruleTester.run('require-exact-redirect-uri (real code: class validators)', rule, {
  valid: [
    // Scheme, host and port compared together: the origin, right for a return target.
    `app.get('/done', (req, res) => {
  const next = req.query.next;
  const target = new URL(next);
  if (target.protocol === APP.protocol && target.hostname === APP.hostname && target.port === APP.port) return res.redirect(next);
  res.redirect('/');
});`,
  ],
  invalid: [
    // `/\\evil.example` passes: the method refuses only `//`. Its origin comparison is not reported.
    invalid(classMethodValidator, 'relativeIncomplete', "url.startsWith('/')"),
    // The host alone, without scheme and port, still is.
    invalid(
      `app.get('/done', (req, res) => {
  const next = req.query.next;
  if (new URL(next).hostname === APP.hostname) return res.redirect(next);
  res.redirect('/');
});`,
      'hostOnly',
      'new URL(next).hostname === APP.hostname',
    ),
  ],
});

// Seen in real code (fresh-2026-12-f): a getter that reads the return URL itself and returns it under
// loose checks, a controller holding the request as `this.ctx`, a target parsed out of the state, and a
// function that forces its own host into the URL it is given.
const returnUrlGetter = `export function getRedirectURL() {
  const urlParams = new URLSearchParams(window.location.search);
  const return_url = urlParams.get('return_url');
  if (return_url) {
    try {
      const url = new URL(return_url);
      if (url.hostname.endsWith('example.com')) {
        return return_url;
      }
    } catch (e) {
      if (return_url.startsWith('/')) {
        return return_url;
      }
    }
  }
}`;
const controllerContext = `module.exports = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  async getUserInfo() {
    const { code, redirect, state } = this.ctx.params;
    if (redirect) {
      return this.ctx.redirect(redirect + (redirect.includes('?') ? '&' : '?') + qs.stringify({ code, state }));
    }
    return this.ctx.body = await this.exchange(code);
  }
};`;
const targetInState = `const qs = require('querystring');
app.get('/google', async (req, res) => {
  const { code, state: packed } = req.query;
  const { redirect } = qs.parse(packed);
  return res.redirect(redirect + '?code=' + code);
});`;
const forcesHost = `const checkCurrentUrlAndRedirectToPreConfiguredUrl = async (currentUrl: URL) => {
  const preconfiguredHost = import.meta.env.VITE_FRONT_HOST;
  if (currentUrl.host !== preconfiguredHost) {
    currentUrl.host = preconfiguredHost;
    await goto(currentUrl);
  }
};`;

ruleTester.run('require-exact-redirect-uri (real code: getters, controllers, targets in the state)', rule, {
  valid: [
    forcesHost,
    returnUrlGetter
      .replace("url.hostname.endsWith('example.com')", 'ALLOWED.includes(url.origin + url.pathname)')
      .replace(
        "return_url.startsWith('/')",
        "return_url.startsWith('/') && !return_url.startsWith('//') && !return_url.startsWith('/\\\\')",
      ),
    controllerContext.replace('if (redirect) {', 'if (redirect && ALLOWED_REDIRECTS.includes(redirect)) {'),
    targetInState.replace(
      "return res.redirect(redirect + '?code=' + code);",
      "if (!ALLOWED.includes(redirect)) return res.sendStatus(400);\n  return res.redirect(redirect + '?code=' + code);",
    ),
  ],
  invalid: [
    {
      code: returnUrlGetter,
      errors: [
        { messageId: 'hostOnly', ...at(returnUrlGetter, "url.hostname.endsWith('example.com')") },
        { messageId: 'relativeIncomplete', ...at(returnUrlGetter, "return_url.startsWith('/')") },
      ],
    },
    invalid(
      controllerContext,
      'unvalidated',
      "this.ctx.redirect(redirect + (redirect.includes('?') ? '&' : '?') + qs.stringify({ code, state }))",
    ),
    invalid(targetInState, 'unvalidated', "res.redirect(redirect + '?code=' + code)"),
  ],
});

// Seen in real code (fresh-2026-12-g): a target appended to a lone `/`, which `/evil.com` turns
// into the protocol-relative `//evil.com`.
const slashPlusTarget = `import express from 'express';
const app = express();
app.get('/auth/callback', async (req, res) => {
  await finishLogin(req);
  res.redirect('/' + decodeURIComponent(req.query.state || ''));
});`;

ruleTester.run('require-exact-redirect-uri (real code: a target after a lone slash)', rule, {
  valid: [
    // After a fixed path the target is only a path below it.
    slashPlusTarget.replace("'/' + decodeURIComponent", "'/app/' + decodeURIComponent"),
    slashPlusTarget.replace("'/' + decodeURIComponent(req.query.state || '')", '`/app/${req.query.state}`'),
    // Checked exactly first.
    slashPlusTarget.replace(
      '  res.redirect(',
      "  if (!['home', 'settings'].includes(req.query.state)) return res.redirect('/');\n  res.redirect(",
    ),
  ],
  invalid: [
    invalid(slashPlusTarget, 'unvalidated', "res.redirect('/' + decodeURIComponent(req.query.state || ''))"),
    invalid(
      slashPlusTarget.replace("'/' + decodeURIComponent(req.query.state || '')", '`/${req.query.state}`'),
      'unvalidated',
      'res.redirect(`/${req.query.state}`)',
    ),
  ],
});

// Real code (fresh-2026-12-i): Astro's context `redirect`, and a Worker building its Location in
// `new Headers` from a target carried in the state (parsed in a `try`).
const astroNext = `import type { APIRoute } from 'astro';
export const GET: APIRoute = async ({ url, locals, redirect }) => {
  const code = url.searchParams.get('code');
  const next = url.searchParams.get('next') || '/';
  if (code) {
    const res = await locals.sb.auth.exchangeCodeForSession(code);
    if (!res.error) return redirect(next);
  }
  return redirect('/auth/login', 307);
};`;

const workerHeaders = `export async function callback(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const stateParam = url.searchParams.get('state');
  let state: { redirectTo?: string };
  try {
    state = JSON.parse(atob(stateParam));
  } catch {
    return new Response('Invalid state', { status: 400 });
  }
  const headers = new Headers({ Location: state.redirectTo || '/' });
  headers.append('Set-Cookie', 'oauth_state=; Max-Age=0');
  return new Response(null, { status: 302, headers });
}`;

ruleTester.run('require-exact-redirect-uri (real code: context redirect, Location in new Headers)', rule, {
  valid: [
    astroNext.replace("url.searchParams.get('next') || '/'", "'/dashboard'"),
    astroNext.replace(
      'return redirect(next);',
      "return redirect(next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\\\') ? next : '/');",
    ),
    // A `redirect` of the module, not the context's, is judged by what it is.
    astroNext
      .replace('({ url, locals, redirect })', '({ url, locals })')
      .replace('import type', 'const redirect = (to) => console.log(to);\nimport type'),
    workerHeaders.replace("state.redirectTo || '/'", "'/'"),
    workerHeaders.replace("state.redirectTo || '/'", "ALLOWED.has(state.redirectTo) ? state.redirectTo : '/'"),
  ],
  invalid: [
    { code: astroNext, errors: [{ messageId: 'unvalidated', data: { name: 'next' }, ...at(astroNext, 'redirect(next)') }] },
    {
      code: workerHeaders,
      errors: [{ messageId: 'unvalidated', data: { name: 'redirectTo' }, ...at(workerHeaders, "Location: state.redirectTo || '/'") }],
    },
  ],
});

// Seen in real code (fresh-2026-12-l): next-auth v3 hands the redirect callback `(url, baseUrl)`;
// its documented default of that time was a prefix check on the origin.
const nextAuthV3 = (body: string) => `import NextAuth from 'next-auth';
export default NextAuth({
  providers: [],
  callbacks: {
    async redirect(url, baseUrl) {
      ${body}
    },
  },
});`;
const v3Prefix = nextAuthV3('return url.startsWith(baseUrl) ? url : baseUrl;');
ruleTester.run('require-exact-redirect-uri (real code: next-auth v3 redirect callback)', rule, {
  valid: [
    nextAuthV3('return new URL(url, baseUrl).origin === baseUrl ? url : baseUrl;'),
    // A path appended to the app's own origin (next-auth v4's default, written for v3).
    nextAuthV3("if (url.startsWith('/')) return `${baseUrl}${url}`;\n      return baseUrl;"),
  ],
  invalid: [{ code: v3Prefix, errors: [{ messageId: 'looseCheck', ...at(v3Prefix, 'url.startsWith(baseUrl)') }] }],
});
