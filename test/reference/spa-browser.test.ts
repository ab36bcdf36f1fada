/**
 * The reference SPA login (src/reference/spa.ts) in a real browser: headless Chromium
 * (Debian's `chromium` package, driven by playwright-core; no browser is downloaded) loads a
 * page bundled from the reference module by esbuild, signs in through the in-process
 * oidc-provider's login and consent pages, and exchanges the code from the page itself
 * (a cross-origin, CORS token request). What the Node tests in spa.test.ts stand in for is
 * real here: `crypto.subtle`, per-tab `sessionStorage`, redirects and reloads.
 *
 * The app is served at http://localhost:<port> and the IdP at http://127.0.0.1:<port>, both
 * bound to 127.0.0.1: two sites, so the IdP's cookies are not the page's cookies.
 *
 * No Chromium: fails under CI, skips with a warning elsewhere. Set CHROMIUM_PATH to use
 * another binary. The signed-in page's screenshot goes to test-artifacts/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';

import { build } from 'esbuild';
import { decodeJwt } from 'jose';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestIdp } from './idp.js';

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SpaPageConfig, SpaPageHooks } from './spa-page.js';
import type { TestIdp } from './idp.js';

const ROOT = resolve(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'spa-browser');
const CLIENT_ID = 'spa-in-browser';
/** Short, so that moving the page's clock two minutes on expires the access token. */
const ACCESS_TOKEN_TTL_SECONDS = 60;
const TRANSACTION_KEY = 'oauth.login-transaction';

/** CHROMIUM_PATH, when set, is the only binary tried: a wrong path is reported, not bypassed. */
const CHROMIUM_CANDIDATES = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
const chromiumPath = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0';
const NO_BROWSER =
  chromiumPath === undefined
    ? `no Chromium binary found (looked for ${CHROMIUM_CANDIDATES.join(', ')}). ` +
      `Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`
    : undefined;
if (NO_BROWSER !== undefined && !inCi) {
  console.warn(`\n⚠⚠⚠ SKIPPING the real-browser SPA test (spa-browser.test.ts): ${NO_BROWSER}\n`);
}

/** One write to a store the page's scripts can read back, recorded as it happened. */
interface StorageWrite {
  origin: string;
  store: 'localStorage' | 'sessionStorage' | 'cookie' | 'indexedDB';
  key: string;
  value: string;
}

/** Everything the page's origin holds that a script could read. */
interface PageStorage {
  localStorage: [string, string][];
  sessionStorage: [string, string][];
  indexedDB: (string | undefined)[];
  cacheStorage: string[];
  cookie: string;
}

/** One browser profile (cookies shared by its tabs, sessionStorage per tab) and what it did. */
interface Session {
  context: BrowserContext;
  writes: StorageWrite[];
  /** Every token-endpoint request the pages made: its grant type and Origin header. */
  tokenRequests: { grantType: string | null; origin: string | undefined }[];
  /** Every token value the IdP handed out, to look for anywhere it must not be. */
  tokens: { accessToken: string; refreshToken?: string; idToken?: string }[];
  /** The Authorization header of every API (userinfo) call. */
  apiAuthorizations: string[];
  /** Waits for the response bodies still being read. */
  settle(): Promise<void>;
}

let idp: TestIdp;
let app: Server;
let appOrigin: string;
let browser: Browser | undefined;
/** Set by holdNextCallback. */
let holdCallback: ((url: string) => void) | undefined;
const sessions: Session[] = [];

/**
 * A hang guard, not a speed target. The whole file costs about 19 s of CPU (Vitest, the IdP
 * and Chromium together), yet single tests took up to 17 s of wall time on a two-core
 * machine shared with a dozen other busy processes.
 */
const TEST_TIMEOUT_MS = 60_000;

describe.skipIf(NO_BROWSER !== undefined && !inCi)(
  'the reference SPA in headless Chromium, against oidc-provider',
  { timeout: TEST_TIMEOUT_MS },
  () => {
    beforeAll(async () => {
      if (NO_BROWSER !== undefined) throw new Error(`cannot start a browser: ${NO_BROWSER}`);
      // Chromium starts while the page is bundled and the servers come up.
      const launching = chromium
        .launch({
          executablePath: chromiumPath,
          headless: true,
          timeout: 20_000,
          // localhost is the server's 127.0.0.1; spares a refused [::1] attempt per connection.
          args: ['--host-resolver-rules=MAP localhost 127.0.0.1'],
        })
        .catch((error: unknown) => {
          throw new Error(`cannot start a browser: ${chromiumPath} did not launch: ${String(error)}`);
        });
      // Settled here too, so a failed launch is not an unhandled rejection while the rest waits.
      launching.catch(() => {});
      const bundle = await buildPage();
      app = createServer((req, res) => {
        const url = new URL(req.url ?? '/', appOrigin);
        const path = url.pathname;
        if (path === '/callback' && holdCallback !== undefined) {
          holdCallback(url.href);
          holdCallback = undefined;
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end('<!doctype html><title>held by the test</title>');
        } else if (path === '/app.js') {
          res.setHeader('content-type', 'text/javascript; charset=utf-8');
          res.end(bundle);
        } else if (path === '/' || path === '/callback') {
          const config: SpaPageConfig = { issuer: idp.issuer, clientId: CLIENT_ID, redirectUri: `${appOrigin}/callback` };
          res.setHeader('content-type', 'text/html; charset=utf-8');
          // The policy the pattern lives under: own scripts only, and fetch to the IdP alone.
          res.setHeader(
            'content-security-policy',
            `default-src 'none'; script-src 'self'; connect-src ${idp.issuer}; style-src 'unsafe-inline'`,
          );
          res.end(pageHtml(config));
        } else {
          res.statusCode = 404;
          res.end();
        }
      });
      await new Promise<void>((done) => app.listen(0, '127.0.0.1', done));
      appOrigin = `http://localhost:${(app.address() as AddressInfo).port}`;
      idp = await startTestIdp({
        loginPages: true,
        accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
        extraClients: [
          {
            client_id: CLIENT_ID,
            redirect_uris: [`${appOrigin}/callback`],
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            token_endpoint_auth_method: 'none',
          },
        ],
      });
      browser = await launching;
    }, TEST_TIMEOUT_MS);

    afterAll(async () => {
      await Promise.all(sessions.map((session) => session.context.close()));
      await browser?.close();
      await idp?.close();
      await new Promise((done) => (app ? app.close(done) : done(undefined)));
    });

    it('signs in through the IdP login and consent pages, and no token ever reaches storage', async () => {
      const session = await newSession();
      const page = await session.context.newPage();
      await openApp(page);
      await page.click('#login');
      await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
      await page.fill('input[name=login]', 'alice');
      await page.click('button[type=submit]');
      await expect.poll(() => page.textContent('#scopes')).toBe('openid profile offline_access');
      await page.click('button[value=allow]');
      await page.waitForSelector('#status[data-state=signed-in]');
      expect(await page.textContent('#user')).toBe('alice');
      // The code and state are out of the address bar.
      expect(page.url()).toBe(`${appOrigin}/`);
      await session.settle();

      // The page itself exchanged the code, cross-origin, and checked the ID token's signature.
      expect(session.tokenRequests).toEqual([{ grantType: 'authorization_code', origin: appOrigin }]);
      expect(idp.count('/jwks')).toBeGreaterThan(0);
      const [issued] = session.tokens;
      expect(issued?.refreshToken).toBeTruthy();
      const idToken = decodeJwt(issued?.idToken ?? '');
      expect(idToken).toMatchObject({ sub: 'alice', aud: CLIENT_ID, iss: idp.issuer });

      // The only write ever made: the login transaction, whose nonce the ID token carries.
      expect(session.writes).toHaveLength(1);
      const [write] = session.writes;
      expect(write).toMatchObject({ origin: appOrigin, store: 'sessionStorage', key: TRANSACTION_KEY });
      const transaction = JSON.parse(write?.value ?? '') as Record<string, string>;
      expect(Object.keys(transaction)).toEqual(['state', 'nonce', 'codeVerifier']);
      expect(idToken.nonce).toBe(transaction['nonce']);
      expectNoTokenIn(session, JSON.stringify(session.writes));

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'signed-in.png') });

      // Used once and gone; nothing else there either.
      expect(await storageOf(page)).toEqual(EMPTY_STORAGE);
      // Tokens lived in memory only: a reload signs the page out and leaves storage empty.
      await page.reload();
      await page.waitForSelector('#status[data-state=signed-out]');
      expect(await storageOf(page)).toEqual(EMPTY_STORAGE);
      expect(session.writes).toHaveLength(1);
    });

    it('refuses a forged callback carrying another login’s state (login CSRF), without a token request', async () => {
      // The attacker completes a login of their own and keeps the callback URL.
      const attacker = await newSession();
      const attackerPage = await attacker.context.newPage();
      await openApp(attackerPage);
      const held = holdNextCallback();
      await signInAtIdp(attackerPage, 'mallory');
      const forgedUrl = await held;

      const victim = await newSession();
      const page = await victim.context.newPage();
      await openApp(page);
      await page.click('#login');
      await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
      const tokenRequestsBefore = idp.count('/token');
      await page.goto(forgedUrl);
      await expect(refusal(page)).resolves.toMatch(/unexpected "state" response parameter value/);
      expect(idp.count('/token')).toBe(tokenRequestsBefore);
      expect(await storageOf(page)).toEqual(EMPTY_STORAGE);
      expect(victim.writes.map((write) => write.key)).toEqual([TRANSACTION_KEY]);
    });

    it('refuses a replayed callback URL: the transaction was single-use', async () => {
      const session = await newSession();
      const page = await session.context.newPage();
      await openApp(page);
      const callback = page.waitForRequest((request) => new URL(request.url()).pathname === '/callback');
      await signInAtIdp(page, 'alice');
      await page.waitForSelector('#status[data-state=signed-in]');
      const callbackUrl = (await callback).url();

      const tokenRequestsBefore = idp.count('/token');
      await page.goto(callbackUrl);
      await expect(refusal(page)).resolves.toBe('Error: no login in progress in this tab');
      expect(idp.count('/token')).toBe(tokenRequestsBefore);
      expect(await storageOf(page)).toEqual(EMPTY_STORAGE);
      await session.settle();
      expectNoTokenIn(session, JSON.stringify(session.writes));
    });

    it('refuses a callback for another tab’s transaction; that tab then completes its own', async () => {
      const session = await newSession();
      const tabA = await session.context.newPage();
      await openApp(tabA);
      await tabA.click('#login');
      await tabA.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));

      const tabB = await session.context.newPage();
      await openApp(tabB);
      const held = holdNextCallback();
      await signInAtIdp(tabB, 'alice');
      const callbackOfB = await held;

      const tokenRequestsBefore = idp.count('/token');
      await tabA.goto(callbackOfB);
      await expect(refusal(tabA)).resolves.toMatch(/unexpected "state" response parameter value/);
      expect(idp.count('/token')).toBe(tokenRequestsBefore);
      expect(await storageOf(tabA)).toEqual(EMPTY_STORAGE);

      // Tab B's transaction sat in B's own sessionStorage all along, and its code is unspent.
      await tabB.goto(callbackOfB);
      await tabB.waitForSelector('#status[data-state=signed-in]');
      expect(idp.count('/token')).toBe(tokenRequestsBefore + 1);
      expect(await storageOf(tabB)).toEqual(EMPTY_STORAGE);
      // One transaction per tab was all either tab ever wrote.
      expect(session.writes.map((write) => write.key)).toEqual([TRANSACTION_KEY, TRANSACTION_KEY]);
      await session.settle();
      expectNoTokenIn(session, JSON.stringify(session.writes));
    });

    it('two concurrent API calls on an expired access token lead to one refresh request at the IdP', async () => {
      const session = await newSession({ controlledClock: true });
      const page = await session.context.newPage();
      await openApp(page);
      await signInAtIdp(page, 'alice');
      await page.waitForSelector('#status[data-state=signed-in]');
      const callApi = () => page.evaluate(() => (window as unknown as { spaPage: SpaPageHooks }).spaPage.callApi());

      // A fresh token: the API call uses it, no refresh.
      const tokenRequestsAtLogin = idp.count('/token');
      await expect(callApi()).resolves.toMatchObject({ status: 200, body: { sub: 'alice' } });
      expect(idp.count('/token')).toBe(tokenRequestsAtLogin);

      await page.clock.fastForward((ACCESS_TOKEN_TTL_SECONDS + 60) * 1000);
      const results = await page.evaluate(async () => {
        const { spaPage } = window as unknown as { spaPage: SpaPageHooks };
        return Promise.all([spaPage.callApi(), spaPage.callApi()]);
      });
      expect(results).toEqual([
        { status: 200, body: expect.objectContaining({ sub: 'alice' }) },
        { status: 200, body: expect.objectContaining({ sub: 'alice' }) },
      ]);
      expect(idp.count('/token')).toBe(tokenRequestsAtLogin + 1);
      await session.settle();
      expect(session.tokenRequests.map((request) => request.grantType)).toEqual(['authorization_code', 'refresh_token']);
      // Both calls carried the refreshed token, not the expired one.
      const [first, refreshed] = session.tokens;
      expect(refreshed?.accessToken).not.toBe(first?.accessToken);
      expect(session.apiAuthorizations).toEqual([
        `Bearer ${first?.accessToken}`,
        `Bearer ${refreshed?.accessToken}`,
        `Bearer ${refreshed?.accessToken}`,
      ]);
      expect(await storageOf(page)).toEqual(EMPTY_STORAGE);
      expectNoTokenIn(session, JSON.stringify(session.writes));
    });
  },
);

const EMPTY_STORAGE: PageStorage = { localStorage: [], sessionStorage: [], indexedDB: [], cacheStorage: [], cookie: '' };

async function buildPage(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'spa-page.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild produced no bundle');
  return output.text;
}

function pageHtml(config: SpaPageConfig): string {
  // `<` escaped so the JSON cannot close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Reference SPA</title>
<script id="config" type="application/json">${json}</script>
<script type="module" src="/app.js"></script>
<style>
  body { font: 16px system-ui, sans-serif; margin: 2rem; }
  #status[data-state=signed-in]::before { content: "Signed in as "; }
  #status[data-state=signed-out]::before { content: "Signed out"; }
  #status[data-state=error]::before { content: "Not signed in"; }
  #error { color: #b00020; }
  #status[data-state=signed-in] ~ #login { display: none; }
</style>
<body>
<h1>Reference SPA</h1>
<p id="status" data-state="loading"><strong id="user"></strong></p>
<p id="error" role="alert"></p>
<button id="login">Sign in</button>
</body>
</html>`;
}

async function newSession(options: { controlledClock?: boolean } = {}): Promise<Session> {
  if (browser === undefined) throw new Error('no browser');
  const context = await browser.newContext();
  const session: Session = { context, writes: [], tokenRequests: [], tokens: [], apiAuthorizations: [], settle: async () => {} };
  sessions.push(session);
  // The page's clock runs on from now; the test moves it forward (the IdP's stays put).
  if (options.controlledClock) await context.clock.install();
  await context.exposeBinding('__recordStorageWrite', (_source, write: StorageWrite) => {
    session.writes.push(write);
  });
  await context.addInitScript(recordStorageWrites);
  const pending: Promise<unknown>[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== idp.issuer) return;
    if (url.pathname === '/token') {
      pending.push(
        request.allHeaders().then((headers) => {
          session.tokenRequests.push({
            grantType: new URLSearchParams(request.postData() ?? '').get('grant_type'),
            origin: headers['origin'],
          });
        }),
      );
    } else if (url.pathname === '/me' && request.method() === 'GET') {
      pending.push(request.allHeaders().then((headers) => session.apiAuthorizations.push(headers['authorization'] ?? '')));
    }
  });
  context.on('response', (response) => {
    if (response.url() !== `${idp.issuer}/token` || response.request().method() !== 'POST') return;
    pending.push(
      response.json().then((body: { access_token: string; refresh_token?: string; id_token?: string }) => {
        session.tokens.push({ accessToken: body.access_token, refreshToken: body.refresh_token, idToken: body.id_token });
      }),
    );
  });
  session.settle = async () => {
    while (pending.length > 0) await Promise.all(pending.splice(0));
  };
  return session;
}

/**
 * Runs in every page before its own scripts: reports each write to web storage, a cookie or
 * IndexedDB to the test. (A write through `storage.key = value` bypasses setItem; the final
 * look at the stores in storageOf catches those.)
 */
function recordStorageWrites(): void {
  const report = (store: StorageWrite['store'], key: string, value: unknown): void => {
    const write: StorageWrite = { origin: location.origin, store, key, value: String(value) };
    void (window as unknown as { __recordStorageWrite(write: StorageWrite): Promise<void> }).__recordStorageWrite(write);
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
    report(this === window.localStorage ? 'localStorage' : 'sessionStorage', key, value);
    setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get(this: Document) {
      return cookie?.get?.call(this) as string;
    },
    set(this: Document, value: string) {
      report('cookie', '', value);
      cookie?.set?.call(this, value);
    },
  });
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    report('indexedDB', name, '(open)');
    return open.call(this, name, version);
  };
  for (const method of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      report('indexedDB', this.name, JSON.stringify(value));
      return original.call(this, value, key);
    };
  }
}

/** What the app's origin holds, read from the page as any script there could. */
function storageOf(page: Page): Promise<PageStorage> {
  return page.evaluate(async () => ({
    localStorage: Object.entries(localStorage),
    sessionStorage: Object.entries(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((database) => database.name),
    cacheStorage: await caches.keys(),
    cookie: document.cookie,
  }));
}

function expectNoTokenIn(session: Session, text: string): void {
  const values = session.tokens.flatMap((issued) => [issued.accessToken, issued.refreshToken, issued.idToken]).filter(Boolean);
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) expect(text).not.toContain(value);
}

async function openApp(page: Page): Promise<void> {
  await page.goto(`${appOrigin}/`);
  await page.waitForSelector('#status[data-state=signed-out]');
}

/** From the app's Sign in button through the IdP's login and consent pages. */
async function signInAtIdp(page: Page, user: string): Promise<void> {
  await page.click('#login');
  await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
  await page.fill('input[name=login]', user);
  await page.click('button[type=submit]');
  await page.waitForSelector('button[value=allow]');
  await page.click('button[value=allow]');
}

/**
 * The app server answers the next request for the callback with an empty page instead of the
 * app, and gives its URL: the code stays unspent and the tab's sessionStorage untouched. (A
 * Playwright route cannot do this: the callback is the end of a redirect chain, and routes
 * see only a chain's first request.)
 */
function holdNextCallback(): Promise<string> {
  return new Promise((done) => (holdCallback = done));
}

/** The error the page shows, once it shows one. */
async function refusal(page: Page): Promise<string | null> {
  await page.waitForSelector('#status[data-state=error]', { state: 'attached' });
  return page.textContent('#error');
}
