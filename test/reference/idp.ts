/**
 * A real OpenID Provider (oidc-provider) for the reference tests, in-process on
 * 127.0.0.1 with a random port, its own keys and clients.
 *
 * Transport choice: plain HTTP on loopback, with the reference functions' test-only
 * `allowInsecureRequests` option (oauth4webapi's escape hatch, which our code honours only
 * for loopback hosts). The alternative, HTTPS with a self-signed certificate, would need a
 * certificate generator and a custom trust store threaded through both oauth4webapi's and
 * jose's fetch, for no extra coverage of the logic under test.
 *
 * Interactions (login, consent) are a tiny auto-approving handler instead of HTML forms,
 * unless `loginPages` asks for real pages (the browser test fills them in); the device-flow
 * pages are oidc-provider's own, driven with fetch and a cookie jar.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import type { ClientMetadata, Configuration, InteractionResults, KoaContextWithOIDC } from 'oidc-provider';

export const WEB_APP = {
  clientId: 'web-app',
  // Made per test run: the in-process IdP and the clients read it from here.
  clientSecret: randomBytes(32).toString('base64url'),
  redirectUri: 'https://app.example.test/callback',
  postLogoutRedirectUri: 'https://app.example.test/signed-out',
} as const;
export const SPA = { clientId: 'spa', redirectUri: 'https://spa.example.test/callback' } as const;
export const CLI = { clientId: 'cli' } as const;
export const SERVICE = {
  clientId: 'billing-service',
  clientSecret: randomBytes(32).toString('base64url'),
} as const;
export const API_AUDIENCE = 'https://api.example.test';
export const OTHER_API_AUDIENCE = 'https://other-api.example.test';
export const ACCOUNT_ID = 'alice';

/** ES256: key generation is instant, where RSA costs ~0.1-0.5 s per test IdP. */
export const SIGNING_ALG = 'ES256';

export interface SigningKey {
  readonly privateJwk: JWK;
  readonly kid: string;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG, use: 'sig' };
  return { privateJwk, kid };
}

export interface TestIdp {
  readonly issuer: string;
  /** Every request the IdP served, as `METHOD /path`. */
  readonly requests: string[];
  /** The key new tokens are signed with. */
  signingKey: SigningKey;
  /** Replaces the provider with one signing with `key` (old keys dropped): key rotation. */
  rotateKeys(key: SigningKey): Promise<void>;
  /** Set to make the next interactions deny instead of approve. */
  denyInteractions: boolean;
  count(path: string): number;
  close(): Promise<void>;
}

export interface TestIdpOptions {
  deviceCodeTtlSeconds?: number;
  /** RFC 8628 §3.5 rate limit in front of the token endpoint (oidc-provider has none). */
  enforceDevicePollingInterval?: boolean;
  /** Clients registered besides the four above (e.g. one whose redirect URI is a test server's). */
  extraClients?: ClientMetadata[];
  /** Login and consent as HTML forms a browser fills in, instead of the auto-approving handler. */
  loginPages?: boolean;
  /** Access-token lifetime (default an hour); short for a test that lets one expire. */
  accessTokenTtlSeconds?: number;
}

export async function startTestIdp(options: TestIdpOptions = {}): Promise<TestIdp> {
  const requests: string[] = [];
  let provider: Provider | undefined;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const lastDevicePoll = new Map<string, { at: number; interval: number }>();

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(`${req.method} ${path}`);
    const dispatch = async (): Promise<void> => {
      if (provider === undefined || handler === undefined) throw new Error('IdP not ready');
      if (path.startsWith('/interaction/')) {
        if (options.loginPages) await interactionPage(provider, req, res);
        else await finishInteraction(provider, req, res, idp.denyInteractions);
        return;
      }
      if (options.enforceDevicePollingInterval && req.method === 'POST' && path === '/token') {
        const body = await readBody(req);
        // The body was consumed here; oidc-provider reads a pre-parsed `req.body` instead.
        (req as IncomingMessage & { body?: string }).body = body;
        const params = new URLSearchParams(body);
        const deviceCode = params.get('device_code');
        if (params.get('grant_type') === 'urn:ietf:params:oauth:grant-type:device_code' && deviceCode) {
          const previous = lastDevicePoll.get(deviceCode);
          const now = Date.now();
          if (previous !== undefined && now - previous.at < previous.interval * 1000) {
            const interval = previous.interval + 5;
            lastDevicePoll.set(deviceCode, { at: now, interval });
            res.statusCode = 400;
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({ error: 'slow_down' }));
            return;
          }
          lastDevicePoll.set(deviceCode, { at: now, interval: previous?.interval ?? 5 });
        }
      }
      handler(req, res);
    };
    dispatch().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const install = (key: SigningKey): void => {
    provider = new Provider(issuer, providerConfiguration(key, options));
    handler = provider.callback();
  };

  const idp: TestIdp = {
    issuer,
    requests,
    signingKey: await createSigningKey('key-1'),
    denyInteractions: false,
    async rotateKeys(key) {
      idp.signingKey = key;
      install(key);
    },
    count: (path) => requests.filter((entry) => entry.endsWith(` ${path}`)).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  install(idp.signingKey);
  return idp;
}

function providerConfiguration(key: SigningKey, options: TestIdpOptions): Configuration {
  return {
    clients: [
      {
        client_id: WEB_APP.clientId,
        client_secret: WEB_APP.clientSecret,
        redirect_uris: [WEB_APP.redirectUri],
        post_logout_redirect_uris: [WEB_APP.postLogoutRedirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: SPA.clientId,
        redirect_uris: [SPA.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      },
      {
        client_id: CLI.clientId,
        redirect_uris: [],
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
        response_types: [],
        token_endpoint_auth_method: 'none',
        application_type: 'native',
      },
      {
        client_id: SERVICE.clientId,
        client_secret: SERVICE.clientSecret,
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      ...(options.extraClients ?? []),
    ],
    // A browser may call the token, userinfo and revocation endpoints only from the origin of
    // one of the client's registered redirect URIs, and only for a public client (this is
    // oidc-provider's default, stated so the policy is visible and its notice stays quiet).
    clientBasedCORS: (_ctx: KoaContextWithOIDC, origin: string, client) =>
      client.clientAuthMethod === 'none' && (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin),
    jwks: { keys: [key.privateJwk as never] },
    clientDefaults: { id_token_signed_response_alg: SIGNING_ALG },
    cookies: { keys: ['reference-tests-cookie-signing-key'] },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'api:read'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, accountId) => ({
      accountId,
      claims: () => ({ sub: accountId, email: `${accountId}@example.test`, email_verified: true, name: accountId }),
    }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Rotate on every use, for confidential clients too (the default waits for 70% of the TTL).
    rotateRefreshToken: true,
    // Explicit TTLs (seconds); also keeps oidc-provider's "default ttl" notices out of the output.
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      DeviceCode: options.deviceCodeTtlSeconds ?? 600,
      Grant: 3600,
      IdToken: 3600,
      Interaction: 600,
      RefreshToken: 86_400,
      Session: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined as unknown as string,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== API_AUDIENCE && resourceIndicator !== OTHER_API_AUDIENCE) {
            throw new Error(`unknown resource ${resourceIndicator}`);
          }
          return {
            scope: 'api:read',
            audience: resourceIndicator,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
      },
    },
  };
}

/** Auto-approving login + consent, or a denial when the test asks for one. */
async function finishInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse, deny: boolean): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (deny) {
    await provider.interactionFinished(req, res, DENIED, { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: ACCOUNT_ID } }, { mergeWithLastSubmission: false });
    return;
  }
  await provider.interactionFinished(req, res, await grantConsent(provider, details), { mergeWithLastSubmission: true });
}

const DENIED: InteractionResults = { error: 'access_denied', error_description: 'the user said no' };

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Grants what the consent prompt asks for, on the existing grant or a new one. */
async function grantConsent(provider: Provider, details: InteractionDetails): Promise<InteractionResults> {
  const { accountId } = details.session ?? {};
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: String(details.params['client_id']) });
  if (grant === undefined) throw new Error('grant vanished');
  const promptDetails = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (promptDetails.missingOIDCScope) grant.addOIDCScope(promptDetails.missingOIDCScope.join(' '));
  if (promptDetails.missingOIDCClaims) grant.addOIDCClaims(promptDetails.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(promptDetails.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  return { consent: { grantId: await grant.save() } };
}

/**
 * Real login and consent pages: GET renders a form, POST submits it. Any user name signs
 * in (the account store invents the account); consent can be allowed or denied.
 */
async function interactionPage(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const action = `/interaction/${encodeURIComponent(details.uid)}`;
  if (req.method !== 'POST') {
    const scopes = String(details.params['scope'] ?? '');
    const form =
      details.prompt.name === 'login'
        ? `<h1>Sign in</h1>
<form method="post" action="${action}">
<label>User name <input name="login" autocomplete="username" required autofocus></label>
<button type="submit">Sign in</button>
</form>`
        : `<h1>Authorize ${escapeHtml(String(details.params['client_id']))}</h1>
<p>It asks for: <span id="scopes">${escapeHtml(scopes)}</span></p>
<form method="post" action="${action}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Test IdP</title>${form}</html>`);
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  if (form.get('decision') === 'deny') {
    await provider.interactionFinished(req, res, DENIED, { mergeWithLastSubmission: false });
  } else if (details.prompt.name === 'login') {
    const accountId = form.get('login')?.trim();
    if (!accountId) throw new Error('login form submitted without a user name');
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  } else {
    await provider.interactionFinished(req, res, await grantConsent(provider, details), { mergeWithLastSubmission: true });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
