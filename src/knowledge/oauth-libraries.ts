/**
 * What the OAuth client libraries send, as data: which calls and configs build an
 * authorization request, which calls exchange a grant at the token endpoint, which calls use
 * the resource-owner password grant, and which switches select the implicit flow.
 *
 * Patterns are origins as `module#path` (see `matchesPattern` in src/analysis/modules.ts):
 * `()` is a call or `new`, `*` any one segment, `**` any run of segments.
 */
import { modulesOfPatterns } from './patterns';

/** How a library handles one of the protections (PKCE, state, nonce). */
export type Protection =
  /** The library does it itself; code cannot forget it (it may switch it off, see `off`). */
  | { readonly mode: 'builtin'; readonly off?: { readonly option: string; readonly value: boolean | string } }
  /** The caller passes the parameter (`code_challenge`, `state`, `nonce`) with the request. */
  | { readonly mode: 'params' }
  /** The library does it when an option is on (`pkce: true`, `state: true`); `enable` is the setting as users write it. */
  | { readonly mode: 'option'; readonly option: string; readonly enable: string }
  /** Not applicable / not known for this library: stay silent. */
  | { readonly mode: 'none' };

export interface AuthorizationLibrary {
  readonly library: string;
  /** `call`: the call builds one request; `config`: a client/provider/strategy configuration. */
  readonly kind: 'call' | 'config';
  /** Argument holding the options (or params) object. */
  readonly optionsArg: number;
  /** Where, inside the options, the parameters sent to the authorize endpoint live (besides the top level). */
  readonly paramsPaths?: readonly (readonly string[])[];
  /** response_type sent when the code does not name one. */
  readonly defaultResponseType: string;
  /** True when the library always sends its default (the option cannot change it). */
  readonly fixedResponseType?: boolean;
  readonly pkce: Protection;
  readonly state: Protection;
  readonly nonce: Protection;
}

/** Deno's oauth2_client, by registry URL and by its JSR name. */
const DENO_OAUTH2_CLIENT_MODULES = ['deno.land/x/oauth2_client', '@cmd-johnson/oauth2-client'];

const BUILTIN: Protection = { mode: 'builtin' };
const PARAMS: Protection = { mode: 'params' };
const NONE: Protection = { mode: 'none' };

/** Calls and constructors that build an authorization request (origin pattern → knowledge). */
export const AUTHORIZATION_LIBRARIES: ReadonlyMap<string, AuthorizationLibrary> = new Map<string, AuthorizationLibrary>([
  // openid-client v5: client.authorizationUrl(params); the client comes from `new issuer.Client()`.
  [
    'openid-client#**.Client.().authorizationUrl',
    { library: 'openid-client', kind: 'call', optionsArg: 0, defaultResponseType: 'code', pkce: PARAMS, state: PARAMS, nonce: PARAMS },
  ],
  [
    'openid-client#**.FAPI1Client.().authorizationUrl',
    { library: 'openid-client', kind: 'call', optionsArg: 0, defaultResponseType: 'code', pkce: PARAMS, state: PARAMS, nonce: PARAMS },
  ],
  // openid-client v5's passport strategy: new Strategy({ client, params, usePKCE }, verify); it
  // makes and checks state (and nonce) itself, and PKCE unless `usePKCE: false`.
  [
    'openid-client#Strategy.()',
    {
      library: 'openid-client',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['params']],
      defaultResponseType: 'code',
      pkce: { mode: 'builtin', off: { option: 'usePKCE', value: false } },
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  // openid-client v6: buildAuthorizationUrl(config, params).
  [
    'openid-client#buildAuthorizationUrl',
    { library: 'openid-client', kind: 'call', optionsArg: 1, defaultResponseType: 'code', pkce: PARAMS, state: PARAMS, nonce: PARAMS },
  ],
  [
    'openid-client#buildAuthorizationUrlWithPAR',
    { library: 'openid-client', kind: 'call', optionsArg: 1, defaultResponseType: 'code', pkce: PARAMS, state: PARAMS, nonce: PARAMS },
  ],
  [
    'openid-client#buildAuthorizationUrlWithJAR',
    { library: 'openid-client', kind: 'call', optionsArg: 1, defaultResponseType: 'code', pkce: PARAMS, state: PARAMS, nonce: PARAMS },
  ],
  // simple-oauth2 v4+: new AuthorizationCode(config).authorizeURL(params); v1–3: create(config).authorizationCode.authorizeURL.
  [
    'simple-oauth2#AuthorizationCode.().authorizeURL',
    {
      library: 'simple-oauth2',
      kind: 'call',
      optionsArg: 0,
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: PARAMS,
      state: PARAMS,
      nonce: PARAMS,
    },
  ],
  [
    'simple-oauth2#**.authorizationCode.authorizeURL',
    {
      library: 'simple-oauth2',
      kind: 'call',
      optionsArg: 0,
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: PARAMS,
      state: PARAMS,
      nonce: PARAMS,
    },
  ],
  // google-auth-library / googleapis: oauth2Client.generateAuthUrl(opts).
  [
    'google-auth-library#**.generateAuthUrl',
    {
      library: 'google-auth-library',
      kind: 'call',
      optionsArg: 0,
      defaultResponseType: 'code',
      pkce: PARAMS,
      state: PARAMS,
      nonce: PARAMS,
    },
  ],
  [
    'googleapis#**.generateAuthUrl',
    {
      library: 'google-auth-library',
      kind: 'call',
      optionsArg: 0,
      defaultResponseType: 'code',
      pkce: PARAMS,
      state: PARAMS,
      nonce: PARAMS,
    },
  ],
  // msal-node: cca.getAuthCodeUrl({ scopes, redirectUri, codeChallenge, state }).
  [
    '@azure/msal-node#**.getAuthCodeUrl',
    {
      library: '@azure/msal-node',
      kind: 'call',
      optionsArg: 0,
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: PARAMS,
      state: PARAMS,
      nonce: PARAMS,
    },
  ],
  // WorkOS (AuthKit and SSO): getAuthorizationUrl({ provider, redirectUri, clientId, state, codeChallenge }).
  [
    '@workos-inc/node#WorkOS.().*.getAuthorizationUrl',
    {
      library: '@workos-inc/node',
      kind: 'call',
      optionsArg: 0,
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: PARAMS,
      state: PARAMS,
      nonce: NONE,
    },
  ],
  // Browser SDKs that run the code flow with PKCE, state and nonce themselves.
  [
    'oidc-client-ts#UserManager.()',
    {
      library: 'oidc-client-ts',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['extraQueryParams']],
      defaultResponseType: 'code',
      pkce: BUILTIN,
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  [
    'oidc-client-ts#OidcClient.()',
    {
      library: 'oidc-client-ts',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['extraQueryParams']],
      defaultResponseType: 'code',
      pkce: BUILTIN,
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  [
    'oidc-client#UserManager.()',
    {
      library: 'oidc-client',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['extraQueryParams']],
      defaultResponseType: 'id_token',
      pkce: BUILTIN,
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  [
    'oidc-client#OidcClient.()',
    {
      library: 'oidc-client',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['extraQueryParams']],
      defaultResponseType: 'id_token',
      pkce: BUILTIN,
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  [
    '@auth0/auth0-spa-js#createAuth0Client',
    {
      library: '@auth0/auth0-spa-js',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['authorizationParams']],
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: BUILTIN,
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  [
    '@auth0/auth0-spa-js#Auth0Client.()',
    {
      library: '@auth0/auth0-spa-js',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['authorizationParams']],
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: BUILTIN,
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  [
    '@azure/msal-browser#PublicClientApplication.()',
    {
      library: '@azure/msal-browser',
      kind: 'config',
      optionsArg: 0,
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: BUILTIN,
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  [
    '@azure/msal-browser#**.createPublicClientApplication',
    {
      library: '@azure/msal-browser',
      kind: 'config',
      optionsArg: 0,
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: BUILTIN,
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  // Okta's SDK: PKCE on unless `pkce: false`.
  [
    '@okta/okta-auth-js#OktaAuth.()',
    {
      library: '@okta/okta-auth-js',
      kind: 'config',
      optionsArg: 0,
      defaultResponseType: 'code',
      pkce: { mode: 'builtin', off: { option: 'pkce', value: false } },
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  // auth0-js: state and nonce built in; it has no PKCE of its own (code flow there is a server's).
  [
    'auth0-js#WebAuth.()',
    { library: 'auth0-js', kind: 'config', optionsArg: 0, defaultResponseType: 'token', pkce: NONE, state: BUILTIN, nonce: BUILTIN },
  ],
  [
    'auth0-js#WebAuth.().authorize',
    { library: 'auth0-js', kind: 'call', optionsArg: 0, defaultResponseType: 'token', pkce: NONE, state: BUILTIN, nonce: BUILTIN },
  ],
  [
    'auth0-js#WebAuth.().popup.authorize',
    { library: 'auth0-js', kind: 'call', optionsArg: 0, defaultResponseType: 'token', pkce: NONE, state: BUILTIN, nonce: BUILTIN },
  ],
  // express-openid-connect runs the whole flow (PKCE for code, state, nonce).
  [
    'express-openid-connect#auth',
    {
      library: 'express-openid-connect',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['authorizationParams']],
      defaultResponseType: 'id_token',
      pkce: BUILTIN,
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  // angular-oauth2-oidc: AuthConfig; an empty responseType means the implicit flow; PKCE on for code unless disablePKCE.
  [
    'angular-oauth2-oidc#AuthConfig.()',
    {
      library: 'angular-oauth2-oidc',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['customQueryParams']],
      defaultResponseType: '',
      pkce: { mode: 'builtin', off: { option: 'disablePKCE', value: true } },
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  [
    'angular-oauth2-oidc#**.configure',
    {
      library: 'angular-oauth2-oidc',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['customQueryParams']],
      defaultResponseType: '',
      pkce: { mode: 'builtin', off: { option: 'disablePKCE', value: true } },
      state: BUILTIN,
      nonce: BUILTIN,
    },
  ],
  // expo-auth-session: useAuthRequest(config, discovery) / new AuthRequest(config). It makes and
  // checks the state and does PKCE unless `usePKCE: false`; a nonce goes in `extraParams`.
  ...['expo-auth-session#useAuthRequest', 'expo-auth-session#AuthRequest.()'].map((pattern): [string, AuthorizationLibrary] => [
    pattern,
    {
      library: 'expo-auth-session',
      kind: 'config',
      optionsArg: 0,
      paramsPaths: [['extraParams']],
      defaultResponseType: 'code',
      pkce: { mode: 'builtin', off: { option: 'usePKCE', value: false } },
      state: BUILTIN,
      nonce: PARAMS,
    },
  ]),
  // Deno's oauth2_client: new OAuth2Client(config).code.getAuthorizationUri({ state }). PKCE is
  // automatic from v1 and absent before, so it is not judged here (the version is rarely pinned).
  ...DENO_OAUTH2_CLIENT_MODULES.map((module): [string, AuthorizationLibrary] => [
    `${module}#OAuth2Client.().code.getAuthorizationUri`,
    {
      library: 'oauth2_client',
      kind: 'call',
      optionsArg: 0,
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: NONE,
      state: PARAMS,
      nonce: NONE,
    },
  ]),
  // passport-oauth2 and the strategies built on it: PKCE and state are options of the strategy.
  ...[
    'passport-oauth2',
    'passport-google-oauth20',
    'passport-google-oauth2',
    'passport-github2',
    'passport-github',
    'passport-facebook',
    'passport-gitlab2',
    'passport-discord',
    'passport-spotify',
    'passport-linkedin-oauth2',
    'passport-microsoft',
    'passport-slack-oauth2',
    'passport-dropbox-oauth2',
    'passport-bitbucket-oauth2',
    'passport-oauth2-client-password',
  ].flatMap((module): [string, AuthorizationLibrary][] => {
    const knowledge: AuthorizationLibrary = {
      library: module,
      kind: 'config',
      optionsArg: 0,
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: { mode: 'option', option: 'pkce', enable: 'pkce: true, state: true' },
      state: { mode: 'option', option: 'state', enable: 'state: true' },
      nonce: NONE,
    };
    return [
      [`${module}#Strategy.()`, knowledge],
      [`${module}#OAuth2Strategy.()`, knowledge],
      [`${module}#()`, knowledge],
    ];
  }),
]);

/**
 * OAuth client plugins installed with their options, `fastify.register(plugin, options)`:
 * @fastify/oauth2 makes and checks the state itself (a cookie), sends PKCE only with
 * `pkce: 'S256'` (or `'plain'`), and runs the code flow only.
 */
export const REGISTERED_AUTHORIZATION_PLUGINS: ReadonlyMap<string, AuthorizationLibrary> = new Map(
  ['@fastify/oauth2', 'fastify-oauth2'].map((module): [string, AuthorizationLibrary] => [
    module,
    {
      library: module,
      kind: 'config',
      optionsArg: 1,
      defaultResponseType: 'code',
      fixedResponseType: true,
      pkce: { mode: 'option', option: 'pkce', enable: "pkce: 'S256'" },
      state: BUILTIN,
      nonce: NONE,
    },
  ]),
);

/** Module prefixes of next-auth / Auth.js provider factories (`Okta({...})`). */
export const NEXTAUTH_PROVIDER_MODULES: readonly string[] = [
  'next-auth/providers/',
  '@auth/core/providers/',
  '@auth/sveltekit/providers/',
  '@auth/express/providers/',
  '@auth/solid-start/providers/',
  '@auth/qwik/providers/',
];
/** next-auth / Auth.js built-in providers that are OpenID Connect providers (they receive an ID token): the last segment of the provider module. */
export const NEXTAUTH_OIDC_PROVIDERS: ReadonlySet<string> = new Set([
  'google',
  'okta',
  'auth0',
  'azure-ad',
  'azure-ad-b2c',
  'microsoft-entra-id',
  'keycloak',
  'cognito',
  'apple',
  'onelogin',
  'zitadel',
  'authentik',
  'fusionauth',
  'identity-server4',
  'duende-identity-server6',
  'salesforce',
  'gitlab',
  'line',
  'yandex',
  'descope',
  'kinde',
  'logto',
  'passage',
  'ping-id',
  'asgardeo',
  'boxyhq-saml',
  'workos',
  'wikimedia',
  'osso',
  'united-effects',
  'beyondidentity',
  'frontegg',
  'hubspot',
  'mattermost',
  'nextcloud',
  'oidc',
]);
/** Modules whose default export takes a config with `providers: [...]`. */
export const NEXTAUTH_MODULES: readonly string[] = [
  'next-auth',
  '@auth/core',
  '@auth/sveltekit',
  '@auth/express',
  '@auth/nextjs',
  '@auth/solid-start',
  '@auth/qwik',
];

/** Token-endpoint calls of the libraries. `grantType` is fixed, or read from an argument. */
export interface ExchangeCall {
  readonly library: string;
  readonly grantType?: string;
  /** Argument holding the grant type (`genericGrantRequest(config, 'password', params)`). */
  readonly grantTypeArg?: number;
  /** Argument holding the parameters sent (an object or URLSearchParams). */
  readonly paramsArg?: number;
  /** Where the PKCE code verifier goes: an argument (positional) or a key of an options argument. */
  readonly verifier?: { readonly arg: number; readonly key?: string; readonly positional?: boolean; readonly extraParamsKey?: string };
  /** Argument holding the library's checks (expected state, nonce), for callers that need them. */
  readonly checksArg?: number;
  /** A plain string argument at this position means "code only" (google-auth-library `getToken(code)`). */
  readonly codeStringArg?: number;
  /** The library's flow posts the authorization response to the callback (`response_mode=form_post`): a code in the body is the redirect's. */
  readonly formPost?: boolean;
  /** The key of the call's result that holds the token response (google-auth-library `{ tokens }`, simple-oauth2 `.token`). */
  readonly tokensKey?: string;
}

export const EXCHANGE_CALLS: ReadonlyMap<string, ExchangeCall> = new Map<string, ExchangeCall>([
  // openid-client v5: client.callback(redirectUri, params, checks) / oauthCallback / grant / refresh.
  [
    'openid-client#**.Client.().callback',
    { library: 'openid-client', grantType: 'authorization_code', paramsArg: 1, checksArg: 2, verifier: { arg: 2, key: 'code_verifier' } },
  ],
  [
    'openid-client#**.Client.().oauthCallback',
    { library: 'openid-client', grantType: 'authorization_code', paramsArg: 1, checksArg: 2, verifier: { arg: 2, key: 'code_verifier' } },
  ],
  ['openid-client#**.Client.().grant', { library: 'openid-client', paramsArg: 0 }],
  ['openid-client#**.Client.().refresh', { library: 'openid-client', grantType: 'refresh_token' }],
  // openid-client v6.
  [
    'openid-client#authorizationCodeGrant',
    { library: 'openid-client', grantType: 'authorization_code', checksArg: 2, verifier: { arg: 2, key: 'pkceCodeVerifier' } },
  ],
  ['openid-client#refreshTokenGrant', { library: 'openid-client', grantType: 'refresh_token' }],
  // Deno's oauth2_client: code.getToken(currentUrl, { state, codeVerifier }) compares the state it is given.
  ...DENO_OAUTH2_CLIENT_MODULES.flatMap((module): [string, ExchangeCall][] => [
    [
      `${module}#OAuth2Client.().code.getToken`,
      { library: 'oauth2_client', grantType: 'authorization_code', checksArg: 1, verifier: { arg: 1, key: 'codeVerifier' } },
    ],
    [`${module}#OAuth2Client.().refreshToken.refresh`, { library: 'oauth2_client', grantType: 'refresh_token' }],
  ]),
  ['openid-client#clientCredentialsGrant', { library: 'openid-client', grantType: 'client_credentials', paramsArg: 1 }],
  ['openid-client#genericGrantRequest', { library: 'openid-client', grantTypeArg: 1, paramsArg: 2 }],
  // oauth4webapi v3: authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, codeVerifier).
  [
    'oauth4webapi#authorizationCodeGrantRequest',
    { library: 'oauth4webapi', grantType: 'authorization_code', verifier: { arg: 5, positional: true } },
  ],
  ['oauth4webapi#refreshTokenGrantRequest', { library: 'oauth4webapi', grantType: 'refresh_token' }],
  ['oauth4webapi#clientCredentialsGrantRequest', { library: 'oauth4webapi', grantType: 'client_credentials', paramsArg: 3 }],
  ['oauth4webapi#genericGrantRequest', { library: 'oauth4webapi', grantTypeArg: 3, paramsArg: 4 }],
  // simple-oauth2.
  [
    'simple-oauth2#AuthorizationCode.().getToken',
    {
      library: 'simple-oauth2',
      grantType: 'authorization_code',
      paramsArg: 0,
      verifier: { arg: 0, key: 'code_verifier' },
      tokensKey: 'token',
    },
  ],
  [
    'simple-oauth2#**.authorizationCode.getToken',
    {
      library: 'simple-oauth2',
      grantType: 'authorization_code',
      paramsArg: 0,
      verifier: { arg: 0, key: 'code_verifier' },
      tokensKey: 'token',
    },
  ],
  ['simple-oauth2#ClientCredentials.().getToken', { library: 'simple-oauth2', grantType: 'client_credentials', paramsArg: 0 }],
  ['simple-oauth2#**.clientCredentials.getToken', { library: 'simple-oauth2', grantType: 'client_credentials', paramsArg: 0 }],
  ['simple-oauth2#ResourceOwnerPassword.().getToken', { library: 'simple-oauth2', grantType: 'password', paramsArg: 0 }],
  ['simple-oauth2#**.ownerPassword.getToken', { library: 'simple-oauth2', grantType: 'password', paramsArg: 0 }],
  // google-auth-library: getToken(code) or getToken({ code, codeVerifier }).
  [
    'google-auth-library#**.getToken',
    {
      library: 'google-auth-library',
      grantType: 'authorization_code',
      paramsArg: 0,
      codeStringArg: 0,
      verifier: { arg: 0, key: 'codeVerifier' },
      tokensKey: 'tokens',
    },
  ],
  [
    'googleapis#**.getToken',
    {
      library: 'google-auth-library',
      grantType: 'authorization_code',
      paramsArg: 0,
      codeStringArg: 0,
      verifier: { arg: 0, key: 'codeVerifier' },
      tokensKey: 'tokens',
    },
  ],
  // WorkOS: userManagement.authenticateWithCode({ code, clientId, codeVerifier }), sso.getProfileAndToken({ code, clientId }).
  [
    '@workos-inc/node#WorkOS.().userManagement.authenticateWithCode',
    { library: '@workos-inc/node', grantType: 'authorization_code', paramsArg: 0, verifier: { arg: 0, key: 'codeVerifier' } },
  ],
  ['@workos-inc/node#WorkOS.().sso.getProfileAndToken', { library: '@workos-inc/node', grantType: 'authorization_code' }],
  // spotify-web-api-node: new SpotifyWebApi(credentials).authorizationCodeGrant(code) (no PKCE in this client).
  [
    'spotify-web-api-node#().authorizationCodeGrant',
    { library: 'spotify-web-api-node', grantType: 'authorization_code', codeStringArg: 0 },
  ],
  // apple-auth: new AppleAuth(config, privateKey, 'text').accessToken(code) (Sign in with Apple; no PKCE in this client).
  ['apple-auth#().accessToken', { library: 'apple-auth', grantType: 'authorization_code', codeStringArg: 0, formPost: true }],
  // apple-signin-auth: appleSignin.getAuthorizationToken(code, { clientID, redirectUri, clientSecret }) (no PKCE in this client).
  [
    'apple-signin-auth#getAuthorizationToken',
    { library: 'apple-signin-auth', grantType: 'authorization_code', codeStringArg: 0, formPost: true },
  ],
  // msal-node.
  [
    '@azure/msal-node#**.acquireTokenByCode',
    { library: '@azure/msal-node', grantType: 'authorization_code', paramsArg: 0, verifier: { arg: 0, key: 'codeVerifier' } },
  ],
  ['@azure/msal-node#**.acquireTokenByClientCredential', { library: '@azure/msal-node', grantType: 'client_credentials', paramsArg: 0 }],
  ['@azure/msal-node#**.acquireTokenByRefreshToken', { library: '@azure/msal-node', grantType: 'refresh_token', paramsArg: 0 }],
  ['@azure/msal-node#**.acquireTokenByUsernamePassword', { library: '@azure/msal-node', grantType: 'password', paramsArg: 0 }],
  // discord-oauth2: new DiscordOauth2().tokenRequest({ clientId, clientSecret, code, grantType, redirectUri, scope }).
  ['discord-oauth2#().tokenRequest', { library: 'discord-oauth2', paramsArg: 0, verifier: { arg: 0, key: 'codeVerifier' } }],
  // expo-auth-session: exchangeCodeAsync({ code, codeVerifier } or { extraParams: { code_verifier } }, discovery).
  [
    'expo-auth-session#exchangeCodeAsync',
    {
      library: 'expo-auth-session',
      grantType: 'authorization_code',
      paramsArg: 0,
      verifier: { arg: 0, key: 'codeVerifier', extraParamsKey: 'extraParams' },
    },
  ],
  [
    'expo-auth-session#AccessTokenRequest.()',
    {
      library: 'expo-auth-session',
      grantType: 'authorization_code',
      paramsArg: 0,
      verifier: { arg: 0, key: 'codeVerifier', extraParamsKey: 'extraParams' },
    },
  ],
]);

/** grant_type values of the resource-owner password grant. */
export const PASSWORD_GRANT_TYPES: ReadonlySet<string> = new Set(['password', 'http://auth0.com/oauth/grant-type/password-realm']);

/** Parameter names (in option objects) that carry a grant type. */
export const GRANT_TYPE_KEYS: ReadonlySet<string> = new Set(['grant_type', 'grantType']);

/**
 * SDK calls and constructors that use the resource-owner password grant (user's password sent
 * by the client). Names marked `byName` are specific enough to count in any file importing
 * the library, even when the receiver cannot be traced.
 */
export const PASSWORD_GRANT_CALLS: ReadonlyMap<string, { readonly library: string; readonly what: string }> = new Map([
  ['simple-oauth2#ResourceOwnerPassword.()', { library: 'simple-oauth2', what: 'simple-oauth2 ResourceOwnerPassword' }],
  ['simple-oauth2#**.ownerPassword.getToken', { library: 'simple-oauth2', what: 'simple-oauth2 ownerPassword.getToken' }],
  ['@azure/msal-node#**.acquireTokenByUsernamePassword', { library: '@azure/msal-node', what: 'msal acquireTokenByUsernamePassword' }],
  ['@azure/msal-common#**.acquireTokenByUsernamePassword', { library: '@azure/msal-common', what: 'msal acquireTokenByUsernamePassword' }],
  [
    'oidc-client-ts#**.signinResourceOwnerCredentials',
    { library: 'oidc-client-ts', what: 'oidc-client-ts signinResourceOwnerCredentials' },
  ],
  [
    'oidc-client-ts#**.processResourceOwnerPasswordCredentials',
    { library: 'oidc-client-ts', what: 'oidc-client-ts processResourceOwnerPasswordCredentials' },
  ],
  [
    'angular-oauth2-oidc#**.fetchTokenUsingPasswordFlow',
    { library: 'angular-oauth2-oidc', what: 'angular-oauth2-oidc fetchTokenUsingPasswordFlow' },
  ],
  [
    'angular-oauth2-oidc#**.fetchTokenUsingPasswordFlowAndLoadUserProfile',
    { library: 'angular-oauth2-oidc', what: 'angular-oauth2-oidc fetchTokenUsingPasswordFlowAndLoadUserProfile' },
  ],
  ['auth0-js#**.client.login', { library: 'auth0-js', what: 'auth0-js client.login (password-realm grant)' }],
  ['auth0-js#**.client.loginWithDefaultDirectory', { library: 'auth0-js', what: 'auth0-js client.loginWithDefaultDirectory' }],
  ['auth0-js#**.client.loginWithResourceOwner', { library: 'auth0-js', what: 'auth0-js client.loginWithResourceOwner' }],
  ['auth0-js#Authentication.().login', { library: 'auth0-js', what: 'auth0-js Authentication.login (password-realm grant)' }],
  [
    'auth0-js#Authentication.().loginWithDefaultDirectory',
    { library: 'auth0-js', what: 'auth0-js Authentication.loginWithDefaultDirectory' },
  ],
  ['auth0-js#Authentication.().loginWithResourceOwner', { library: 'auth0-js', what: 'auth0-js Authentication.loginWithResourceOwner' }],
  ['auth0#**.passwordGrant', { library: 'auth0', what: 'auth0 passwordGrant' }],
  ['client-oauth2#**.owner.getToken', { library: 'client-oauth2', what: 'client-oauth2 owner.getToken' }],
]);

/** Method names that only ever mean the password grant, counted when the file imports the library. */
export const PASSWORD_GRANT_METHODS: ReadonlyMap<string, readonly string[]> = new Map([
  ['acquireTokenByUsernamePassword', ['@azure/msal-node', '@azure/msal-common']],
  ['signinResourceOwnerCredentials', ['oidc-client-ts']],
  ['fetchTokenUsingPasswordFlow', ['angular-oauth2-oidc']],
  ['fetchTokenUsingPasswordFlowAndLoadUserProfile', ['angular-oauth2-oidc']],
  ['loginWithResourceOwner', ['auth0-js']],
  ['passwordGrant', ['auth0']],
]);

/** Calls and options that select the implicit flow whatever response_type says. */
export const IMPLICIT_FLOW_CALLS: ReadonlyMap<string, { readonly library: string; readonly what: string }> = new Map([
  // msal.js 1.x runs the implicit flow only.
  ['msal#UserAgentApplication.()', { library: 'msal', what: 'msal 1.x UserAgentApplication (implicit flow only)' }],
  ['angular-oauth2-oidc#**.initImplicitFlow', { library: 'angular-oauth2-oidc', what: 'angular-oauth2-oidc initImplicitFlow' }],
  [
    'angular-oauth2-oidc#**.initImplicitFlowInPopup',
    { library: 'angular-oauth2-oidc', what: 'angular-oauth2-oidc initImplicitFlowInPopup' },
  ],
  // client-oauth2: `client.token` is the implicit flow (`client.code` the code flow); getUri builds its authorize URL.
  ['client-oauth2#**.token.getUri', { library: 'client-oauth2', what: 'client-oauth2 token.getUri (implicit flow)' }],
]);

export const IMPLICIT_FLOW_METHODS: ReadonlyMap<string, readonly string[]> = new Map([
  ['initImplicitFlow', ['angular-oauth2-oidc']],
  ['initImplicitFlowInPopup', ['angular-oauth2-oidc']],
]);

/** `keycloak.init({ flow: 'implicit' | 'hybrid' })`: both return tokens from the authorization endpoint. */
export const KEYCLOAK_INIT_PATTERNS: readonly string[] = ['keycloak-js#().init', 'keycloak-js#Keycloak.().init'];
export const KEYCLOAK_IMPLICIT_FLOWS: ReadonlySet<string> = new Set(['implicit', 'hybrid']);

/** Values of an OAuth response_type list. */
export const RESPONSE_TYPE_VALUES: ReadonlySet<string> = new Set(['code', 'token', 'id_token', 'none']);

/** Option names (camelCase and others) that libraries use for the standard parameters. */
export const PARAM_ALIASES: Readonly<Record<string, string>> = {
  responseType: 'response_type',
  codeChallenge: 'code_challenge',
  codeChallengeMethod: 'code_challenge_method',
  codeVerifier: 'code_verifier',
  pkceCodeVerifier: 'code_verifier',
  redirectUri: 'redirect_uri',
  redirectURI: 'redirect_uri',
  redirect_url: 'redirect_uri',
  callbackURL: 'redirect_uri',
  callbackUrl: 'redirect_uri',
  clientId: 'client_id',
  clientID: 'client_id',
  grantType: 'grant_type',
  responseMode: 'response_mode',
};

/** The same for token requests, which also send the client's secret (`clientSecret` in discord-oauth2, simple-oauth2 style bodies). */
export const TOKEN_PARAM_ALIASES: Readonly<Record<string, string>> = { ...PARAM_ALIASES, clientSecret: 'client_secret' };

/** oauth4webapi / openid-client symbols that switch the callback's state comparison off, or expect no state. */
export const STATE_CHECK_SKIP_SYMBOLS: readonly string[] = ['oauth4webapi#skipStateCheck', 'openid-client#skipStateCheck'];
export const EXPECT_NO_STATE_SYMBOLS: readonly string[] = ['oauth4webapi#expectNoState', 'openid-client#expectNoState'];

/** oauth4webapi's explicit opt-out of PKCE in the code exchange. */
export const PKCE_SKIP_SYMBOLS: readonly string[] = ['oauth4webapi#nopkce'];

/** The library label of passport-oauth2, whose strategies take `state` as an option. */
export const PASSPORT_OAUTH2_LIBRARY = 'passport-oauth2';

/** The library label of next-auth / Auth.js provider configurations (their `checks` option decides state and PKCE). */
export const NEXTAUTH_LIBRARY = 'next-auth';

/** OpenAPI generators whose security schemes can declare the implicit flow. */
export const OPENAPI_MODULES: readonly string[] = ['swagger-jsdoc', '@nestjs/swagger'];

/** Authorization-server frameworks: the scopes they name are what they grant, not what a client requests. */
export const AUTHORIZATION_SERVER_MODULES: readonly string[] = [
  'oidc-provider',
  '@node-oauth/oauth2-server',
  'oauth2-server',
  'oauth2orize',
  '@jmondi/oauth2-server',
];

/** Client libraries that build authorization requests or exchange codes: the gate of the state, PKCE and nonce rules. */
export const AUTHORIZATION_CLIENT_MODULES: readonly string[] = modulesOfPatterns(
  AUTHORIZATION_LIBRARIES.keys(),
  REGISTERED_AUTHORIZATION_PLUGINS.keys(),
  EXCHANGE_CALLS.keys(),
  NEXTAUTH_MODULES,
  NEXTAUTH_PROVIDER_MODULES,
);

/**
 * Names of client libraries whose mere mention (an import type, a re-export from another
 * module, a comment) marks a file as OAuth client code: `@auth/` is the Auth.js scope, and
 * `passport` every passport strategy.
 */
export const OAUTH_CLIENT_LIBRARY_MENTIONS: readonly string[] = ['next-auth', '@auth/', 'passport'];

/** Libraries whose calls can use the password grant. */
export const PASSWORD_GRANT_MODULES: readonly string[] = modulesOfPatterns(
  PASSWORD_GRANT_CALLS.keys(),
  [...PASSWORD_GRANT_METHODS.values()].flat(),
  EXCHANGE_CALLS.keys(),
);

/** Libraries whose calls or settings can select the implicit flow. */
export const IMPLICIT_FLOW_MODULES: readonly string[] = modulesOfPatterns(
  AUTHORIZATION_LIBRARIES.keys(),
  IMPLICIT_FLOW_CALLS.keys(),
  [...IMPLICIT_FLOW_METHODS.values()].flat(),
  KEYCLOAK_INIT_PATTERNS,
  OPENAPI_MODULES,
);

/** oauth4webapi validates the callback (state included) before the exchange: its exchange is judged at this call. */
export const AUTH_RESPONSE_VALIDATORS: readonly string[] = ['oauth4webapi#validateAuthResponse'];

/** Libraries whose code exchange takes parameters an auth-response validator returned (see AUTH_RESPONSE_VALIDATORS). */
export const EXCHANGE_AFTER_VALIDATION_LIBRARIES: ReadonlySet<string> = new Set(modulesOfPatterns(AUTH_RESPONSE_VALIDATORS));

/**
 * Authorization-server libraries that hand the client's requested redirect URI to an app
 * callback for validation (the app must compare it with the client's registered URIs):
 * oauth2orize `server.authorization(validate)` / `server.authorize(validate)`, whose
 * `validate(clientID, redirectURI, …, done)` answers `done(err, client, redirectURI)`.
 * `redirectUriParam` is the callback parameter holding the requested URI.
 */
export const REDIRECT_URI_VALIDATORS: ReadonlyMap<string, { readonly redirectUriParam: number }> = new Map([
  ['oauth2orize#createServer.().authorization', { redirectUriParam: 1 }],
  ['oauth2orize#createServer.().authorize', { redirectUriParam: 1 }],
]);

/** Keys of a client registration that list its redirect URIs (RFC 7591 and common spellings). */
export const REGISTERED_REDIRECT_URI_KEYS: ReadonlySet<string> = new Set(['redirect_uris', 'redirectUris', 'redirectURIs']);

/** A single registered redirect URI: judged only in an object that is a client registration (see below). */
export const SINGLE_REDIRECT_URI_KEYS: ReadonlySet<string> = new Set(['redirect_uri', 'redirectUri', 'redirectURI']);
/** Keys only a client registration has (RFC 7591 metadata, a client's secret next to its grant list). */
export const CLIENT_REGISTRATION_KEYS: ReadonlySet<string> = new Set([
  'grant_types',
  'grantTypes',
  'response_types',
  'token_endpoint_auth_method',
  'client_name',
  'clientName',
]);
/** Keys of a request (authorize, token exchange), where a redirect_uri is sent, not registered. */
export const REQUEST_PARAMETER_KEYS: ReadonlySet<string> = new Set([
  'code',
  'grant_type',
  'response_type',
  'state',
  'code_verifier',
  'code_challenge',
]);

/** Keys whose value is one response_type list. */
export const RESPONSE_TYPE_KEYS: ReadonlySet<string> = new Set(['response_type']);
/** SDK option keys that hold a response_type list too (also used for unrelated things, `responseType: 'json'`: the value decides). */
export const RESPONSE_TYPE_SDK_KEYS: ReadonlySet<string> = new Set(['responseType']);
/** Registration keys whose value is an array of allowed response types. */
export const RESPONSE_TYPES_ARRAY_KEYS: ReadonlySet<string> = new Set(['response_types', 'responseTypes']);
/** angular-oauth2-oidc's method that runs the code flow whatever the config's responseType says. */
export const ANGULAR_CODE_FLOW_METHOD = 'initCodeFlow';

/** Registration keys that list a client's grant types (RFC 7591 `grant_types`, oauth2-server `grants`). */
export const GRANT_TYPES_ARRAY_KEYS: ReadonlySet<string> = new Set(['grant_types', 'grantTypes', 'grants']);

/** The grant types OAuth defines: a list of only these is a grant-type list, not some other array. */
export const GRANT_TYPE_VALUES: ReadonlySet<string> = new Set([
  'authorization_code',
  'refresh_token',
  'client_credentials',
  'password',
  'implicit',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:token-exchange',
]);

/**
 * Words of a file that may build an authorization request or exchange a code without a known
 * client library; `client_id` / `redirect_uri`: GitHub-style authorization requests name no
 * response_type.
 */
export const AUTHORIZATION_REQUEST_HINT =
  /code_?challenge|grant_?type|authorizationUrl|generateAuthUrl|getAuthCodeUrl|\bchecks\s*:|pkce|client_?id|redirect_?uri|passport/i;
/**
 * `response_type` alone is no authorization request: every request names its `client_id`
 * (and `responseType` is also XMLHttpRequest's). It counts with the rest of the request's
 * parameters in another project module (`{ ...baseParams, response_type: 'code' }`). Also
 * matches `response_types` (client registrations), of which it is a prefix.
 */
export const RESPONSE_TYPE_WORD = /response_?type/i;
