/**
 * Where OAuth client secrets are passed, as data.
 *
 * Keys: any property, variable or env name ending in `client_secret`/`clientSecret`
 * (case, `_` and `-` ignored) names an OAuth client secret. A bare `secret` is one only
 * inside a client config that also names the client id (simple-oauth2 and
 * @fastify/oauth2 `client: { id, secret }`, `{ clientId, secret }`); elsewhere `secret` is
 * an HMAC, session or webhook key, which this catalog leaves alone.
 */

/** Positional arguments that hold a client secret: `pattern` → argument index. */
export const CLIENT_SECRET_ARGUMENTS: ReadonlyMap<string, number> = new Map([
  // new OAuth2Client(clientId, clientSecret, redirectUri)
  ['google-auth-library#OAuth2Client', 1],
  ['google-auth-library#auth.OAuth2', 1],
  ['googleapis#google.auth.OAuth2', 1],
  ['googleapis#auth.OAuth2', 1],
  // openid-client v6 / oauth4webapi client authentication helpers
  ['openid-client#ClientSecretPost', 0],
  ['openid-client#ClientSecretBasic', 0],
  ['openid-client#ClientSecretJwt', 0],
  ['oauth4webapi#ClientSecretPost', 0],
  ['oauth4webapi#ClientSecretBasic', 0],
  ['oauth4webapi#ClientSecretJwt', 0],
  // openid-client v6 discovery(server, clientId, clientSecret | metadata)
  ['openid-client#discovery', 2],
  // node-oauth: new OAuth2(clientId, clientSecret, baseSite, …)
  ['oauth#OAuth2', 1],
]);

/** Keys that hold a client secret whatever object they sit in (compared compact, lowercase). */
export function isClientSecretName(name: string | undefined): boolean {
  // Asked of every name in a file: most are too short, or do not end in `t`, to end in `clientsecret`.
  if (!name || name.length < 12 || (name.charCodeAt(name.length - 1) | 0x20) !== 0x74) return false;
  const compact = name.toLowerCase().replace(/[_\-.\s]/g, '');
  return compact.endsWith('clientsecret');
}

/**
 * Keys that hold the client secret only inside an OAuth client config (one that names the
 * client id and its redirect URL): `secret`, and the app-key spellings of IdPs that call
 * their client secret so (QQ Connect's "APP Key", Weibo's and WeChat's "App Secret").
 */
const CONFIG_SECRET_KEYS: ReadonlySet<string> = new Set(['secret', 'appsecret', 'appkey']);
export function isConfigSecretKey(name: string | undefined): boolean {
  return name !== undefined && CONFIG_SECRET_KEYS.has(name.toLowerCase().replace(/[_\-]/g, ''));
}
/** `appSecret` beside `appId` (compared compact, lowercase): an app credential pair, client id and secret. */
export function isAppSecretPair(key: string, names: ReadonlySet<string>): boolean {
  if (key.toLowerCase().replace(/[_\-]/g, '') !== 'appsecret') return false;
  return [...names].some((name) => name.toLowerCase().replace(/[_\-]/g, '') === 'appid');
}
/** The client id and the redirect URL of a client config (compared compact, lowercase). */
const CLIENT_ID_KEYS: ReadonlySet<string> = new Set(['appid', 'clientid', 'id']);
const REDIRECT_KEYS: ReadonlySet<string> = new Set(['redirecturl', 'redirecturi', 'redirect', 'callbackurl', 'callbackuri', 'callback']);
export function namesClientConfig(names: ReadonlySet<string>): boolean {
  const compact = [...names].map((name) => name.toLowerCase().replace(/[_\-]/g, ''));
  return compact.some((name) => CLIENT_ID_KEYS.has(name)) && compact.some((name) => REDIRECT_KEYS.has(name));
}

/** Env names that mean an IdP client secret even without the word "client" (`GITHUB_SECRET`, `OKTA_OAUTH_SECRET`). */
const IDP_SECRET_ENV =
  /(?:^|_)(?:OAUTH|OAUTH2|OIDC|AUTH0|GOOGLE|GITHUB|GITLAB|OKTA|AZURE|AAD|ENTRA|MSAL|COGNITO|KEYCLOAK|DISCORD|SLACK|FACEBOOK|TWITTER|LINKEDIN|SPOTIFY|MICROSOFT|APPLE|SALESFORCE|DROPBOX|ATLASSIAN|SSO|IDP)_(?:[A-Z0-9]{1,20}_)?SECRET$/i;

/** Env (and bundled-config) names that hold an OAuth client secret. */
export function isClientSecretEnvName(name: string): boolean {
  return isClientSecretName(name) || IDP_SECRET_ENV.test(name);
}

/** Literal formats that are client secrets whatever their name (Google: `GOCSPX-…`). */
export const CLIENT_SECRET_FORMATS: readonly RegExp[] = [/^GOCSPX-[\w-]{20,60}$/];

/**
 * Values that are not secrets: documentation placeholders, template markers, repeated
 * filler characters, and the key's own name. Linear regexes over short strings.
 */
const PLACEHOLDER_WORDS =
  /(?:your|my)[-_ ]?(?:client|app|oauth|own)?[-_ ]?secret|^(?:your|enter)(?:[-_ .]|$)|placeholder|change[-_ ]?me|replace|redacted|censored|dummy|example|sample|insert|fixme|todo|not[-_ ]?set|secret[-_ ]?here|here$|^fake|^test|^mock|^none$|^null$|^undefined$|^xxx|^\*+$|^\.{3}|\.{3}$/i;
const TEMPLATE_MARKER = /<[^>]{0,80}>|\{\{|\$\{|%[A-Z_]{2,40}%|^\$[A-Z_]{2,40}$/;
const GENERIC_NAMES = new Set(['secret', 'clientsecret', 'client-secret', 'client_secret', 'password', 'changeit', 'string', 'value']);

/** References to a secret store, not the secret: AWS/GCP/Azure/Vault/1Password/CI references. */
const SECRET_REFERENCE =
  /^(?:arn:aws:secretsmanager:|arn:aws:ssm:|projects\/[^/]{1,100}\/secrets\/|https:\/\/[a-z0-9-]{1,63}\.vault\.azure\.net\/|vault:|op:\/\/|secret:\/\/|sm:\/\/|ssm:|\$\{\{)/i;

/**
 * IdPs issue client secrets of 15 or more generated characters (Dropbox 15, most 24–64); a
 * shorter literal is filler or an instruction (`'Your'`, `'abc'`, `'todo'`), not a credential.
 */
const MIN_SECRET_LENGTH = 8;

/**
 * A literal an authorization server compares the client's secret with
 * (`req.body.client_secret === '123456'`) is the secret itself, however weak: only this many
 * characters are needed there.
 */
export const MIN_COMPARED_SECRET_LENGTH = 4;

export function isPlaceholderSecret(value: string, minLength = MIN_SECRET_LENGTH): boolean {
  const trimmed = value.trim();
  if (trimmed.length < minLength) return true;
  if (SECRET_REFERENCE.test(trimmed)) return true;
  if (GENERIC_NAMES.has(trimmed.toLowerCase())) return true;
  if (/^(.)\1*$/.test(trimmed)) return true;
  if (/^[A-Z][A-Z0-9_]{2,60}$/.test(trimmed) && trimmed.includes('_')) return true; // an env var name, `GITHUB_CLIENT_SECRET`
  return PLACEHOLDER_WORDS.test(trimmed) || TEMPLATE_MARKER.test(trimmed);
}

/** Env modules whose values are compiled into the app bundle (React Native): a secret read there ships to devices. */
export const BUNDLED_ENV_MODULES: readonly string[] = ['react-native-config'];

/** Provider keys of grant-style configs (`{ github: { key, secret } }`). */
export const IDP_PROVIDER_KEYS: ReadonlySet<string> = new Set([
  'github',
  'gitlab',
  'google',
  'facebook',
  'twitter',
  'linkedin',
  'slack',
  'discord',
  'microsoft',
  'azure',
  'okta',
  'auth0',
  'bitbucket',
  'dropbox',
  'spotify',
  'twitch',
  'salesforce',
  'atlassian',
  'apple',
]);

/**
 * Env names (after a public prefix is removed) of auth secrets other than OAuth client
 * secrets: JWT signing secrets, private keys, API secret keys, session and Auth.js secrets.
 * `API_KEY`, `PUBLISHABLE_KEY`, `ANON_KEY` are public by design and do not match.
 */
const AUTH_SECRET_ENV =
  /(?:^|_)(?:SECRET|SECRET_?KEY|PRIVATE_?KEY|SIGNING_?(?:KEY|SECRET)|JWT_?(?:SIGNING_?)?KEY|(?:JWT|API|AUTH|NEXTAUTH|SESSION|HMAC|TOKEN|APP|ENCRYPTION|COOKIE)_?SECRET)$/i;

export function isAuthSecretEnvName(name: string): boolean {
  return name.length <= 100 && AUTH_SECRET_ENV.test(name);
}
