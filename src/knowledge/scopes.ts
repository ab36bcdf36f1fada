/**
 * The catalog of over-broad OAuth scopes, as data, and a matcher.
 *
 * Every entry is a scope (or a family of scopes, `*` standing for any run of characters)
 * that the identity provider's own documentation describes as full access, admin, or
 * tenant/organisation-wide — with why it is broad and what to ask for instead. The docs
 * page of `no-broad-scopes` renders this table.
 *
 * Generic names (`repo`, `user`, `api`, `full`, `rpc`) are broad only at their IdP, so those
 * entries are `contextual`: they match only when the code around the scope says which IdP
 * it is talking to (see `src/analysis/scopes.ts`). Distinctive spellings (Google scope URLs,
 * Microsoft Graph `Directory.Read.All`, GitHub `admin:org`) match anywhere.
 */

export type Idp =
  | 'google'
  | 'microsoft'
  | 'github'
  | 'gitlab'
  | 'slack'
  | 'okta'
  | 'auth0-management'
  | 'salesforce'
  | 'dropbox'
  | 'discord'
  | 'atlassian'
  | 'generic';

export interface BroadScopeEntry {
  readonly idp: Idp;
  /** The scope as the IdP spells it; `*` matches any run of characters. */
  readonly pattern: string;
  /** Only broad when the surrounding code is about this IdP. */
  readonly contextual?: boolean;
  /** Compared case-insensitively (Microsoft Graph permission names are). */
  readonly ignoreCase?: boolean;
  readonly why: string;
  readonly narrower: string;
}

const G = 'https://www.googleapis.com/auth/';

/** Auth0 Management API write scopes of one resource (`create:`, `update:`, `delete:`). */
function adminVerbs(resource: string, why: string, narrower: string): BroadScopeEntry[] {
  return ['create', 'update', 'delete'].map((verb) => ({
    idp: 'auth0-management' as const,
    pattern: `${verb}:${resource}`,
    contextual: true,
    why,
    narrower,
  }));
}

export const BROAD_SCOPES: readonly BroadScopeEntry[] = [
  // Google
  {
    idp: 'google',
    pattern: 'https://mail.google.com/',
    why: 'full access to the Gmail account: read, send and permanently delete all mail, and change settings',
    narrower: '`gmail.readonly`, `gmail.send`, `gmail.labels` or `gmail.metadata`, whichever the feature needs',
  },
  {
    idp: 'google',
    pattern: `${G}gmail.modify`,
    why: 'read, write and send all mail and manage labels in the Gmail account',
    narrower: '`gmail.readonly` to read, `gmail.send` to send, `gmail.labels` to label',
  },
  {
    idp: 'google',
    pattern: `${G}drive`,
    why: "read, edit, share and delete every file in the user's Google Drive",
    narrower: '`drive.file` (only files the user opens or creates with the app)',
  },
  {
    idp: 'google',
    pattern: `${G}cloud-platform`,
    why: 'it acts as the user on every Google Cloud API and project they can access',
    narrower: "the service's own scope (for example `devstorage.read_only`, `bigquery.readonly`, `cloud-platform.read-only`)",
  },
  {
    idp: 'google',
    pattern: `${G}admin.*`,
    why: "Google Workspace Admin SDK: manage the organisation's users, groups, devices or settings",
    narrower: 'the `.readonly` variant of the Admin SDK scope, with a service account and domain-wide delegation limited to it',
  },
  {
    idp: 'google',
    pattern: `${G}devstorage.full_control`,
    why: 'full control of Cloud Storage buckets and objects, including their access policies',
    narrower: '`devstorage.read_only` or `devstorage.read_write`',
  },
  // Microsoft Graph (permission names are case-insensitive)
  {
    idp: 'microsoft',
    pattern: '*.ReadWrite.All',
    ignoreCase: true,
    why: "read and write that resource for every user or object in the tenant, not only the signed-in user's",
    narrower: 'the user-scoped permission (`Files.ReadWrite`, `Calendars.ReadWrite`) or `.Read.All` when writes are not needed',
  },
  {
    idp: 'microsoft',
    pattern: 'Directory.*',
    ignoreCase: true,
    why: 'the whole Microsoft Entra directory: every user, group, application and device of the tenant',
    narrower: '`User.Read`, `User.ReadBasic.All` or `GroupMember.Read.All`',
  },
  {
    idp: 'microsoft',
    pattern: 'RoleManagement.*',
    ignoreCase: true,
    why: 'read or assign directory and app roles, including admin roles',
    narrower: 'none for end-user apps; an admin tool should use a dedicated app with admin consent',
  },
  {
    idp: 'microsoft',
    pattern: 'Sites.FullControl.All',
    ignoreCase: true,
    why: 'full control of every SharePoint site in the tenant',
    narrower: '`Sites.Selected` (only the sites an admin grants)',
  },
  {
    idp: 'microsoft',
    pattern: 'Mail.ReadWrite*',
    ignoreCase: true,
    why: "read, change and delete all of the user's mail",
    narrower: '`Mail.Read` to read, `Mail.Send` only when the app must send, or `Mail.ReadBasic`',
  },
  {
    idp: 'microsoft',
    pattern: 'Mail.Send*',
    ignoreCase: true,
    why: 'send mail as the user to anyone, which makes a stolen token a phishing tool',
    narrower: 'send from a shared mailbox or service with its own identity, or drop sending',
  },
  {
    idp: 'microsoft',
    pattern: 'https://management.azure.com/user_impersonation',
    ignoreCase: true,
    why: 'it acts as the user on the whole Azure Resource Manager API (every subscription they can reach)',
    narrower: 'a managed identity or service principal with a narrow RBAC role',
  },
  // GitHub
  {
    idp: 'github',
    pattern: 'repo',
    contextual: true,
    why: 'read and write access to all public and private repositories, including code, issues and settings',
    narrower: '`public_repo`, `repo:status`, or a fine-grained GitHub App permission for the repositories the app needs',
  },
  {
    idp: 'github',
    pattern: 'user',
    contextual: true,
    why: 'read and write access to the profile, including email addresses and follows',
    narrower: '`read:user` and `user:email`',
  },
  { idp: 'github', pattern: 'admin:org', why: 'full control of the organisation, its teams and memberships', narrower: '`read:org`' },
  {
    idp: 'github',
    pattern: 'admin:org_hook',
    why: 'create, change and delete organisation webhooks',
    narrower: 'a GitHub App with webhook permission on the repositories it needs',
  },
  {
    idp: 'github',
    pattern: 'admin:repo_hook',
    why: 'create, change and delete webhooks on every repository the user can reach',
    narrower: '`write:repo_hook` or `read:repo_hook`',
  },
  { idp: 'github', pattern: 'admin:public_key', why: "add and delete the user's SSH keys", narrower: '`read:public_key`' },
  { idp: 'github', pattern: 'admin:gpg_key', why: "add and delete the user's GPG keys", narrower: '`read:gpg_key`' },
  {
    idp: 'github',
    pattern: 'admin:ssh_signing_key',
    why: "add and delete the user's SSH signing keys",
    narrower: '`read:ssh_signing_key`',
  },
  { idp: 'github', pattern: 'admin:enterprise', why: 'full control of the GitHub enterprise', narrower: '`read:enterprise`' },
  {
    idp: 'github',
    pattern: 'delete_repo',
    why: 'delete any repository the user administers',
    narrower: 'nothing: ask for it only in a dedicated admin tool',
  },
  { idp: 'github', pattern: 'write:org', why: 'change organisation and team membership', narrower: '`read:org`' },
  { idp: 'github', pattern: 'delete:packages', why: 'delete packages from GitHub Packages', narrower: '`read:packages`' },
  // GitLab
  {
    idp: 'gitlab',
    pattern: 'api',
    contextual: true,
    why: 'complete read/write access to the API: all groups and projects, the container registry and the package registry',
    narrower: '`read_user`, `read_api` or `read_repository`',
  },
  {
    idp: 'gitlab',
    pattern: 'sudo',
    why: "perform API actions as any user (when the token's owner is an admin)",
    narrower: 'nothing for an app; use `read_api` or `api` without impersonation',
  },
  { idp: 'gitlab', pattern: 'admin_mode', why: 'perform API actions as an administrator with admin mode on', narrower: '`read_api`' },
  // Slack
  {
    idp: 'slack',
    pattern: 'admin.*',
    why: 'Enterprise Grid administration: manage users, conversations, apps or the whole organisation',
    narrower: 'the specific non-admin scope (`users:read`, `channels:read`, `chat:write`)',
  },
  {
    idp: 'slack',
    pattern: 'client',
    contextual: true,
    why: 'the legacy scope that grants everything the Slack client can do',
    narrower: 'granular bot or user scopes such as `channels:read` and `chat:write`',
  },
  // Okta Management API
  {
    idp: 'okta',
    pattern: 'okta.*.manage',
    why: 'create, change and delete that kind of object for the whole Okta org (users, groups, apps, policies, roles)',
    narrower: 'the `okta.*.read` scope, or `okta.users.manage.self` / `okta.users.read.self` for the signed-in user',
  },
  // Auth0 Management API (only with the Management API audience)
  {
    idp: 'auth0-management',
    pattern: 'create:users',
    contextual: true,
    why: 'create users in the Auth0 tenant',
    narrower: '`read:current_user` / `update:current_user_metadata` for the signed-in user',
  },
  {
    idp: 'auth0-management',
    pattern: 'update:users',
    contextual: true,
    why: 'change any user in the Auth0 tenant, including their metadata and credentials',
    narrower: '`update:current_user_metadata`',
  },
  {
    idp: 'auth0-management',
    pattern: 'delete:users',
    contextual: true,
    why: 'delete any user in the Auth0 tenant',
    narrower: '`delete:current_user_device_credentials` or a server-side admin flow',
  },
  ...adminVerbs(
    'clients',
    "manage the tenant's applications, including their secrets",
    '`read:clients` in an admin tool, never in a user-facing app',
  ),
  ...adminVerbs('client_grants', 'grant any application access to any API', 'nothing for a user-facing app'),
  ...adminVerbs('connections', "manage the tenant's identity connections (where users sign in)", '`read:connections` in an admin tool'),
  ...adminVerbs('resource_servers', 'manage every API registered in the tenant', '`read:resource_servers`'),
  ...adminVerbs('roles', 'create and assign roles, including admin roles', '`read:roles`'),
  {
    idp: 'auth0-management',
    pattern: 'read:client_keys',
    contextual: true,
    why: 'read application secrets and signing keys',
    narrower: 'nothing for a user-facing app',
  },
  {
    idp: 'auth0-management',
    pattern: 'update:tenant_settings',
    contextual: true,
    why: 'change tenant-wide settings',
    narrower: '`read:tenant_settings`',
  },
  // Salesforce
  {
    idp: 'salesforce',
    pattern: 'full',
    contextual: true,
    why: 'all data the user can access, through every API',
    narrower: "`api`, `id` and `refresh_token` (or the Connected App's narrower scopes)",
  },
  // Dropbox
  {
    idp: 'dropbox',
    pattern: 'files.permanent_delete',
    why: 'permanently delete files, bypassing version history',
    narrower: '`files.content.write` (deletes are recoverable)',
  },
  {
    idp: 'dropbox',
    pattern: 'team_data.member',
    why: 'act as any member of the Dropbox team',
    narrower: 'user-scoped `files.*` and `account_info.read`',
  },
  { idp: 'dropbox', pattern: 'members.delete', why: 'remove members from the Dropbox team', narrower: '`members.read`' },
  // Discord
  {
    idp: 'discord',
    pattern: 'guilds.join',
    why: 'add the user to any guild the bot is in',
    narrower: '`guilds` (list guilds) or `identify`',
  },
  { idp: 'discord', pattern: 'gdm.join', why: 'add the user to group DMs', narrower: '`identify`' },
  { idp: 'discord', pattern: 'rpc', contextual: true, why: "control the user's local Discord client over RPC", narrower: '`identify`' },
  // Atlassian
  {
    idp: 'atlassian',
    pattern: 'manage:jira-*',
    why: 'Jira administration: project, configuration, webhook or data-provider management',
    narrower: '`read:jira-work` / `write:jira-work` or granular scopes',
  },
  {
    idp: 'atlassian',
    pattern: 'manage:confluence-*',
    why: 'Confluence administration',
    narrower: '`read:confluence-content.summary` or granular scopes',
  },
  {
    idp: 'atlassian',
    pattern: 'manage:servicedesk-*',
    why: 'Jira Service Management administration',
    narrower: '`read:servicedesk-request`',
  },
  // Generic
  {
    idp: 'generic',
    pattern: '*',
    why: 'every scope the authorization server knows',
    narrower: 'the scopes the feature uses, named one by one',
  },
  { idp: 'generic', pattern: 'all', why: 'every permission the API offers', narrower: 'the scopes the feature uses, named one by one' },
  {
    idp: 'generic',
    pattern: 'admin',
    why: 'administrative access to the whole API or workspace',
    narrower: 'the specific read/write scopes the feature uses',
  },
];

export const IDP_LABEL: Readonly<Record<Idp, string>> = {
  google: 'Google',
  microsoft: 'Microsoft Graph',
  github: 'GitHub',
  gitlab: 'GitLab',
  slack: 'Slack',
  okta: 'Okta',
  'auth0-management': 'Auth0 Management API',
  salesforce: 'Salesforce',
  dropbox: 'Dropbox',
  discord: 'Discord',
  atlassian: 'Atlassian',
  generic: 'generic',
};

/** `*` → any run of characters; everything else literal. Linear: no nested quantifiers. */
export function globToRegExp(pattern: string, ignoreCase = false): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
}

interface CompiledEntry {
  readonly entry: BroadScopeEntry;
  readonly exact: string | undefined;
  readonly regexp: RegExp | undefined;
}

const COMPILED: readonly CompiledEntry[] = BROAD_SCOPES.map((entry) => {
  const hasWildcard = entry.pattern.includes('*') && entry.pattern !== '*';
  return {
    entry,
    exact: hasWildcard ? undefined : entry.ignoreCase ? entry.pattern.toLowerCase() : entry.pattern,
    regexp: hasWildcard ? globToRegExp(entry.pattern, entry.ignoreCase) : undefined,
  };
});

/**
 * Scopes that a broad entry's pattern would also match but that are narrow: each with why.
 * Checked before the catalog.
 */
export const NARROW_LOOK_ALIKES: readonly { readonly idp: Idp; readonly pattern: string; readonly why: string }[] = [
  {
    idp: 'okta',
    pattern: 'okta.myAccount.*',
    why: "Okta's MyAccount API: the signed-in user's own profile, email, phone and authenticators (self-service), not the org's users",
  },
];

const COMPILED_NARROW = NARROW_LOOK_ALIKES.map((entry) => globToRegExp(entry.pattern));

const GRAPH_PREFIX = /^https:\/\/graph\.microsoft\.com\//i;

/**
 * Normalises a scope as written: trims, drops Microsoft Graph's resource prefix
 * (`https://graph.microsoft.com/Mail.Send` → `Mail.Send`).
 */
export function normaliseScope(scope: string): string {
  return scope.trim().replace(GRAPH_PREFIX, '');
}

/**
 * The catalog entry that makes `scope` broad, given the IdPs the code is talking to
 * (`contextIdps`): contextual entries need their IdP there; others match anywhere.
 */
export function matchBroadScope(scope: string, contextIdps: ReadonlySet<Idp>): BroadScopeEntry | undefined {
  const normalised = normaliseScope(scope);
  if (normalised.length === 0 || normalised.length > 200) return undefined;
  // A scope of a custom resource (`api://app/Mail.Send`) is not Graph's.
  const qualified = normalised !== scope.trim() ? false : /^[a-z][a-z0-9+.-]*:\/\//i.test(normalised);
  if (COMPILED_NARROW.some((regexp) => regexp.test(normalised))) return undefined;
  for (const { entry, exact, regexp } of COMPILED) {
    if (entry.contextual && !contextIdps.has(entry.idp)) continue;
    if (qualified && !entry.pattern.includes('://')) continue;
    const matched =
      exact !== undefined ? (entry.ignoreCase ? normalised.toLowerCase() === exact : normalised === exact) : regexp!.test(normalised);
    if (matched) return entry;
  }
  return undefined;
}

/** Which IdP a scope's spelling reveals (for the other scopes in the same list). */
export function idpOfScopeSpelling(scope: string): Idp | undefined {
  const s = normaliseScope(scope);
  if (/^https:\/\/(?:www\.googleapis\.com\/auth\/|mail\.google\.com\/)/.test(s)) return 'google';
  if (/^https:\/\/graph\.microsoft\.com\//i.test(scope.trim())) return 'microsoft';
  if (/^[A-Z][A-Za-z]{1,40}\.(?:Read|ReadWrite|ReadBasic|Send|Manage|AccessAsUser|FullControl)(?:\.[A-Za-z]{1,20}){0,2}$/.test(s))
    return 'microsoft';
  if (/^(?:read|write|manage|delete):(?:jira|confluence|servicedesk)-/.test(s)) return 'atlassian';
  if (/^(?:read|write|admin):(?:org|user|public_key|repo_hook|org_hook|gpg_key|packages|discussion|enterprise|ssh_signing_key)$/.test(s))
    return 'github';
  if (
    /^(?:user:email|user:follow|public_repo|repo:status|repo_deployment|repo:invite|gist|notifications|workflow|delete_repo|security_events)$/.test(
      s,
    )
  )
    return 'github';
  if (/^(?:read_user|read_api|read_repository|write_repository|read_registry|write_registry|admin_mode|sudo)$/.test(s)) return 'gitlab';
  if (
    /^(?:chatter_api|refresh_token|visualforce|wave_api|custom_permissions|cdp_[a-z_]{1,30}|pardot_api|content|eclair_api|lightning|sfap_api)$/.test(
      s,
    )
  )
    return 'salesforce';
  if (
    /^(?:identify|guilds|guilds\.join|guilds\.members\.read|connections|gdm\.join|rpc|rpc\.[a-z.]{1,40}|applications\.[a-z.]{1,40}|bot|webhook\.incoming|messages\.read|relationships\.read|role_connections\.write|dm_channels\.read)$/.test(
      s,
    )
  )
    return 'discord';
  if (/^(?:account_info|files|sharing|file_requests|contacts|team_info|team_data|members|groups|sessions|events)\.[a-z_.]{1,40}$/.test(s))
    return 'dropbox';
  if (/^okta\.[A-Za-z]{1,40}\.[a-z.]{1,20}$/.test(s)) return 'okta';
  if (/^(?:read|update|create|delete):current_user(?:_[a-z_]{1,40})?$/.test(s)) return 'auth0-management';
  if (
    /^(?:admin\.)?[a-z_.]{1,40}:(?:read|write|history|manage)(?:\.[a-z_]{1,20})?$/.test(s) ||
    /^(?:incoming-webhook|commands|identity\.[a-z]{1,20})$/.test(s)
  )
    return 'slack';
  return undefined;
}

/** Imported modules (prefixes) → the IdP a file talks to. */
export const IDP_MODULES: ReadonlyArray<readonly [string, Idp]> = [
  ['googleapis', 'google'],
  ['@googleapis', 'google'],
  ['google-auth-library', 'google'],
  ['@react-oauth/google', 'google'],
  ['passport-google-oauth20', 'google'],
  ['passport-google-oauth2', 'google'],
  ['passport-google-oauth', 'google'],
  ['@azure/msal-browser', 'microsoft'],
  ['@azure/msal-node', 'microsoft'],
  ['@azure/msal-react', 'microsoft'],
  ['@azure/msal-angular', 'microsoft'],
  ['@microsoft/microsoft-graph-client', 'microsoft'],
  ['passport-azure-ad', 'microsoft'],
  ['passport-github', 'github'],
  ['passport-github2', 'github'],
  ['@octokit', 'github'],
  ['octokit', 'github'],
  ['passport-gitlab2', 'gitlab'],
  ['@gitbeaker', 'gitlab'],
  ['@slack', 'slack'],
  ['passport-slack', 'slack'],
  ['passport-slack-oauth2', 'slack'],
  ['@okta', 'okta'],
  ['jsforce', 'salesforce'],
  ['passport-salesforce', 'salesforce'],
  ['passport-forcedotcom', 'salesforce'],
  ['dropbox', 'dropbox'],
  ['passport-dropbox-oauth2', 'dropbox'],
  ['passport-discord', 'discord'],
  ['discord-oauth2', 'discord'],
  ['passport-atlassian-oauth2', 'atlassian'],
  // node-auth0: ManagementClient / AuthenticationClient for the Management API.
  ['auth0', 'auth0-management'],
];

/** Provider names as written in configs (`provider: 'github'`, `passport.authenticate('github')`, next-auth provider modules). */
export const IDP_NAMES: Readonly<Record<string, Idp>> = {
  google: 'google',
  'google-oauth2': 'google',
  github: 'github',
  gitlab: 'gitlab',
  slack: 'slack',
  okta: 'okta',
  salesforce: 'salesforce',
  dropbox: 'dropbox',
  discord: 'discord',
  atlassian: 'atlassian',
  azure: 'microsoft',
  'azure-ad': 'microsoft',
  azuread: 'microsoft',
  'azure-ad-b2c': 'microsoft',
  microsoft: 'microsoft',
  'microsoft-entra-id': 'microsoft',
  entra: 'microsoft',
  azure_ad: 'microsoft',
};

/** Hosts in URLs → IdP. Checked against the host part only. */
export const IDP_HOSTS: ReadonlyArray<readonly [RegExp, Idp]> = [
  [/(?:^|\.)(?:accounts\.google\.com|googleapis\.com|mail\.google\.com)$/i, 'google'],
  [/(?:^|\.)(?:login\.microsoftonline\.com|graph\.microsoft\.com|login\.live\.com|microsoftonline\.com|b2clogin\.com)$/i, 'microsoft'],
  [/(?:^|\.)github\.com$/i, 'github'],
  [/(?:^|\.)gitlab\.com$|^gitlab\./i, 'gitlab'],
  [/(?:^|\.)slack\.com$/i, 'slack'],
  [/(?:^|\.)(?:okta\.com|oktapreview\.com|okta-emea\.com)$/i, 'okta'],
  [/(?:^|\.)(?:salesforce\.com|force\.com)$/i, 'salesforce'],
  [/(?:^|\.)(?:dropbox\.com|dropboxapi\.com)$/i, 'dropbox'],
  [/(?:^|\.)(?:discord\.com|discordapp\.com)$/i, 'discord'],
  [/(?:^|\.)(?:atlassian\.com|atlassian\.net)$/i, 'atlassian'],
];

/** The IdP of a URL (or of a bare host), from its host. */
export function idpOfUrl(text: string): Idp | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]{0,20}:)?\/\/([^/?#:\s]{1,253})/i.exec(text.trim());
  const host = match ? match[1] : /^[a-z0-9.-]{1,253}$/i.test(text.trim()) ? text.trim() : undefined;
  if (!host) return undefined;
  // The Auth0 Management API is its own audience.
  if (/(?:^|\.)auth0\.com$/i.test(host)) return /\/api\/v2\/?/.test(text) ? 'auth0-management' : undefined;
  for (const [pattern, idp] of IDP_HOSTS) if (pattern.test(host)) return idp;
  return undefined;
}

/** Words that say a file is about OAuth at all; generic and contextual scopes need one. */
export const OAUTH_WORDS =
  /oauth|openid|authoriz|client_?id|redirect_?ur[il]|callbackURL|passport|next-auth|@auth\/|msal|googleapis|google-auth|access_type|response_type|grant_type|okta|auth0|signInWithOAuth|\bgetToken\b|accessToken/i;

/**
 * Scope spellings only an IdP uses (scope URLs, Graph-style names): they count outside OAuth
 * code too. The URLs are those of the catalog's URL scopes (Google, Microsoft Graph, Azure);
 * a link to github.com in an error message is no scope.
 */
export const IDP_SCOPE_SPELLING =
  /https?:\/\/(?:www\.googleapis\.com\/auth\/|mail\.google\.com\/|graph\.microsoft\.com\/|management\.azure\.com\/)|\b[A-Z][A-Za-z]{1,40}\.(?:Read|ReadWrite|Send|FullControl|Manage|AccessAsUser)\b|\b(?:Directory|RoleManagement)\./;

/** Request parameters and client options that sit next to `scope` in an OAuth request. */
export const OAUTH_SIBLINGS: ReadonlySet<string> = new Set([
  'client_id',
  'clientId',
  'clientID',
  'redirect_uri',
  'redirectUri',
  'redirectURI',
  'callbackURL',
  'callbackUrl',
  'response_type',
  'responseType',
  'grant_type',
  'grantType',
  'audience',
  'state',
  'prompt',
  'access_type',
  'accessType',
  'authority',
  'authorizationURL',
  'tokenURL',
  'code_challenge',
  'nonce',
  'login_hint',
  'loginHint',
  'include_granted_scopes',
  'resource',
  'account',
  'provider',
  'issuer',
  'domain',
]);

/** Keys whose object value holds request parameters (`authorizationParams: { scope }`). */
export const OAUTH_HOLDERS: ReadonlySet<string> = new Set([
  'params',
  'authorizationParams',
  'authorization',
  'extraQueryParameters',
  'customParameters',
  'options',
]);

/** Names of lists that hold scopes to refuse, not to request. */
export const DENYLIST_NAME = /broad|forbid|block|deny|disallow|danger|banned|restricted|sensitive|exclude|reject/i;

/** Scopes that say the list is an OAuth request. */
export const OIDC_SCOPES = /^(?:openid|profile|email|offline_access|https?:\/\/\S+)$/;
