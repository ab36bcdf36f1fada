/**
 * Where a file exposes an OAuth client secret (or another auth secret) — the analysis of
 * no-exposed-client-secret.
 *
 *   clientSecret: 'b1946ac92492d2347c6235b4d2611184'         literal in source
 *   new OAuth2Client(id, process.env.NEXT_PUBLIC_CLIENT_SECRET)  public env read
 *   runtimeConfig: { public: { clientSecret } }                 config shipped to the browser
 *   params.append('client_secret', secret)                      sent from browser code
 *   'Basic ' + btoa(`${id}:s3cr3t-value`)                       HTTP Basic client authentication
 *
 * `clientSecretFindings(sourceCode, path)` returns the findings of a file in source order,
 * each node once: the node, the kind (the rule's message id) and the message data.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { envObjectKind, envRead, isBrowserModule, publicEnvPrefix, runsInBrowserAt, type EnvRead } from './environment';
import { fileFacts } from './file-facts';
import { guarded } from './guard';
import { calleeOrigin, lookup, memberName, originOf, propertyKeyName, skipWrappers } from './modules';
import { decodeQueryText } from './urls';
import { definitionOf, getProperty, propertyNames, stringParts, stringValue, type StringPart } from './values';
import { modulesOfPatterns } from '../knowledge/patterns';
import {
  BUNDLED_ENV_MODULES,
  CLIENT_SECRET_ARGUMENTS,
  CLIENT_SECRET_FORMATS,
  IDP_PROVIDER_KEYS,
  isAppSecretPair,
  isConfigSecretKey,
  namesClientConfig,
  isAuthSecretEnvName,
  isClientSecretEnvName,
  isClientSecretName,
  isPlaceholderSecret,
  MIN_COMPARED_SECRET_LENGTH,
} from '../knowledge/client-secrets';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;

export type ClientSecretFindingKind =
  'literalSecret' | 'publicEnvSecret' | 'publicConfigSecret' | 'browserSecret' | 'browserSecretSent' | 'publicEnvAuthSecret';

export interface ClientSecretFinding {
  readonly node: Node;
  readonly kind: ClientSecretFindingKind;
  /** Message data: `name` and `prefix` of a public env read, `config` of public config. */
  readonly data?: Record<string, string>;
}

/** Keys that only an OAuth client's registration has beside its `id` and `secret`. */
const OAUTH_CLIENT_SIBLINGS = [
  'scope',
  'scopes',
  'redirect_uri',
  'redirectUri',
  'redirect_uris',
  'redirectUris',
  'grant_types',
  'grantTypes',
];

/** Text that a secret named or formatted as one needs somewhere in the file. */
const SECRET_HINT = /secret|GOCSPX-|app_?key/i;
/** Auth secrets other than client secrets are reported only as public env reads (`NEXT_PUBLIC_PRIVATE_KEY`). */
const AUTH_KEY_HINT = /private_?key|signing_?key|jwt_?key/i;
const ENV_HINT = /\benv\b/;
/** Basic client authentication is read only in files that talk to a token endpoint. */
const BASIC_HINT = /Basic\s/i;
const OAUTH_HINT = /grant_type|grantType|oauth|\/token\b/i;
/** `client_secret=VALUE` inside a query/body string; VALUE is the literal text up to `&`. */
const QUERY_SECRET = /(?:^|[?&\s])client_secret=([^&\s#'"]{0,200})/;

const MAX_DEPTH = 6;

/** The cheap gate: whether the file may hold an exposed secret at all. */
export function mayExposeSecrets(sourceCode: SourceCode): boolean {
  const facts = fileFacts(sourceCode);
  // "basic" and "privateKey" alone are common words of prose and crypto code: each counts only with what makes it a finding.
  return (
    facts.mentions(SECRET_HINT) ||
    (facts.mentions(AUTH_KEY_HINT) && facts.mentions(ENV_HINT)) ||
    (facts.mentions(BASIC_HINT) && facts.mentions(OAUTH_HINT))
  );
}

/** The file's exposed secrets, in source order; `path` is the project-relative path (browser folders, next.config). */
export function clientSecretFindings(sourceCode: SourceCode, path: string): readonly ClientSecretFinding[] {
  if (!mayExposeSecrets(sourceCode)) return [];
  return fileFacts(sourceCode).memo(`client-secrets:${path}`, () => guarded(() => scan(sourceCode, path), []));
}

const CLIENT_SECRET_ARGUMENT_MODULES = modulesOfPatterns(CLIENT_SECRET_ARGUMENTS.keys());

const isConcatenation = (node: Node | undefined): boolean => node?.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+';

function scan(sourceCode: SourceCode, path: string): ClientSecretFinding[] {
  const facts = fileFacts(sourceCode);
  const oauthFile = facts.mentions(OAUTH_HINT);
  // Library calls that take a client secret positionally can only be made by files importing them.
  const secretLibraries = facts.importsAny(CLIENT_SECRET_ARGUMENT_MODULES);
  const findings: ClientSecretFinding[] = [];
  const reported = new WeakSet<Node>();
  // One finding per node: the same construct is often reached along two paths (a const and its use).
  const report = (node: Node, kind: ClientSecretFindingKind, data?: Record<string, string>): void => {
    if (reported.has(node)) return;
    reported.add(node);
    findings.push(data ? { node, kind, data } : { node, kind });
  };
  let browser: boolean | undefined;
  const inBrowser = (): boolean => (browser ??= isBrowserModule(sourceCode, path));
  // A send in an isomorphic module counts when it sits on the browser side of a `typeof window` guard.
  const sentInBrowser = (at: Node): boolean => inBrowser() || runsInBrowserAt(sourceCode, at, path);
  const isEmptyOrPlaceholder = (node: Node): boolean => {
    const text = stringValue(sourceCode, node);
    return text !== undefined && isPlaceholderSecret(text);
  };

  function reportEnv(read: EnvRead): void {
    if (read.publicPrefix) report(read.node, 'publicEnvSecret', { name: read.name, prefix: read.publicPrefix });
    else if (inBrowser()) report(read.node, 'browserSecret');
  }

  /** The value given to a client-secret slot: a literal, an env read, or something we leave alone. */
  function checkSecretValue(input: Node, depth = 0): void {
    if (depth > MAX_DEPTH) return;
    const node = skipWrappers(input);
    switch (node.type) {
      case AST_NODE_TYPES.LogicalExpression: {
        // `process.env.X ?? 'dev-secret'`: each side is a value the slot may get (a very short
        // fallback, `|| 'dev'`, is filler: isPlaceholderSecret's length floor).
        checkSecretValue(node.left, depth + 1);
        checkSecretValue(node.right, depth + 1);
        return;
      }
      case AST_NODE_TYPES.ConditionalExpression:
        checkSecretValue(node.consequent, depth + 1);
        checkSecretValue(node.alternate, depth + 1);
        return;
      case AST_NODE_TYPES.Literal:
        if (typeof node.value === 'string' && !isPlaceholderSecret(node.value)) report(node, 'literalSecret');
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        if (node.expressions.length === 0 && !isPlaceholderSecret(node.quasis[0]?.value.cooked ?? '')) report(node, 'literalSecret');
        return;
      default:
        break;
    }
    const read = envRead(sourceCode, node);
    if (read) {
      reportEnv(read);
      return;
    }
    const definition = definitionOf(sourceCode, node);
    if (definition !== node) checkSecretValue(definition, depth + 1);
  }

  /**
   * A client secret handed to a request from browser code is reported where it is sent; a
   * literal or public env read written right there is already reported at the value.
   */
  function reportSentFromBrowser(at: Node, value: Node): void {
    if (!sentInBrowser(at)) return;
    const inner = skipWrappers(value);
    if (inner.type === AST_NODE_TYPES.Literal || (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0)) return;
    const definition = definitionOf(sourceCode, inner);
    if (isEmptyOrPlaceholder(definition) || envRead(sourceCode, inner)) return;
    // An env read in this file behind a config object's property (`oauth.clientSecret`) is reported where read.
    const held = inner.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, inner) : undefined;
    const property = held === undefined ? undefined : getProperty(sourceCode, (inner as TSESTree.MemberExpression).object, held);
    if (property?.status === 'present' && envRead(sourceCode, property.value)) return;
    report(at, 'browserSecretSent');
  }

  /** A query or form string that carries `client_secret=…`: literal value, or a hole after it. */
  function checkQueryString(node: TSESTree.Literal | TSESTree.TemplateLiteral | TSESTree.BinaryExpression): void {
    const parts = stringParts(sourceCode, node);
    for (let i = 0; i < parts.length; i++) {
      const text = parts[i].text;
      if (text === undefined || !text.includes('client_secret=')) continue;
      const match = QUERY_SECRET.exec(text);
      if (!match) continue;
      if (match[1].length > 0) {
        if (!isPlaceholderSecret(decodeQueryText(match[1]))) report(partNode(parts[i]), 'literalSecret');
      } else if (text.endsWith('client_secret=') && parts[i + 1] && parts[i + 1].text === undefined) {
        // `…&client_secret=${SECRET}`: the hole is the value; from browser code it is sent right there.
        checkSecretValue(parts[i + 1].node);
        reportSentFromBrowser(parts[i + 1].node, parts[i + 1].node);
      } else if (text.endsWith('client_secret=') && parts[i + 1]?.text !== undefined) {
        // `…&client_secret=${CLIENT_SECRET}` with a const holding a literal: the literal is reported
        // where it is written, and the send from browser code here.
        const hole = holeAfter(parts[i].node);
        if (!hole || isPlaceholderSecret(parts[i + 1].text ?? '')) continue;
        report(partNode(parts[i + 1]), 'literalSecret');
        if (sentInBrowser(hole)) report(hole, 'browserSecretSent');
      }
    }
  }

  /** `id:secret` text before base64: the secret is the literal after the colon, or the hole after it. */
  function checkClientCredentialsText(node: Node, sentAt: Node): void {
    const parts = stringParts(sourceCode, node);
    for (let i = 0; i < parts.length; i++) {
      const text = parts[i].text;
      if (text === undefined) continue;
      const colon = text.indexOf(':');
      if (colon === -1) continue;
      // `id + ':' + SECRET` with SECRET a const: the secret is the next part's text.
      const inNext = colon === text.length - 1 && parts[i + 1]?.text !== undefined;
      const after = inNext ? (parts[i + 1].text ?? '') : text.slice(colon + 1);
      if (after.length > 0) {
        if (!isPlaceholderSecret(after)) {
          const at = partNode(parts[inNext ? i + 1 : i]);
          report(at, 'literalSecret');
          // A secret const sent from here: the send is a finding of its own.
          if (sentInBrowser(sentAt) && !(at.range[0] >= sentAt.range[0] && at.range[1] <= sentAt.range[1]))
            report(sentAt, 'browserSecretSent');
        }
      } else if (parts[i + 1] && parts[i + 1].text === undefined) {
        checkSecretValue(parts[i + 1].node);
        if (holdsClientSecret(sourceCode, parts[i + 1].node)) reportSentFromBrowser(sentAt, parts[i + 1].node);
      }
      return;
    }
  }

  /** `Authorization: 'Basic ' + btoa('client:secret')` or a literal `Basic <base64 of id:secret>` in OAuth code. */
  function checkBasicAuthorization(value: Node): void {
    const parts = stringParts(sourceCode, value);
    const head = parts[0]?.text;
    if (head === undefined || !/^Basic\s/i.test(head)) return;
    if (parts.length === 1) {
      const decoded = decodeBase64(head.replace(/^Basic\s+/i, ''));
      const colon = decoded?.indexOf(':') ?? -1;
      if (decoded && colon > 0 && !isPlaceholderSecret(decoded.slice(colon + 1))) report(partNode(parts[0]), 'literalSecret');
      return;
    }
    for (const part of parts) {
      if (part.text !== undefined) continue;
      const input = base64Input(sourceCode, part.node);
      if (input) checkClientCredentialsText(input, value);
    }
  }

  function checkProperty(node: TSESTree.Property): void {
    if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
    const key = propertyKeyName(sourceCode, node);
    if (key && /^authorization$/i.test(key) && oauthFile) {
      checkBasicAuthorization(node.value);
      return;
    }
    // axios `auth: { username: clientId, password: clientSecret }`: HTTP Basic client authentication.
    if (key === 'password' && node.parent.parent?.type === AST_NODE_TYPES.Property && holderKey(sourceCode, node.parent) === 'auth') {
      if (holdsClientSecret(sourceCode, node.value)) reportSentFromBrowser(node, node.value);
      return;
    }
    if (!(isClientSecretName(key) || (isConfigSecretKey(key) && isClientConfigSecret(sourceCode, node)))) {
      // Public runtime config ships whole to the browser: any secret put there is exposed
      // (`runtimeConfig.public.googleSecret`, a signing secret read from `NUXT_SECRET`).
      if (key && SECRET_KEY.test(key)) {
        const publicConfig = publicConfigKind(sourceCode, node, path);
        if (publicConfig && publicConfig !== 'define' && !isEmptyOrPlaceholder(node.value))
          report(node.value, 'publicConfigSecret', { config: publicConfig });
      }
      return;
    }
    const publicConfig = publicConfigKind(sourceCode, node, path);
    if (publicConfig && !isEmptyOrPlaceholder(node.value)) report(node.value, 'publicConfigSecret', { config: publicConfig });
    else {
      checkSecretValue(node.value);
      // `client_secret` is the wire name of the token request's body field.
      if (key === 'client_secret') reportSentFromBrowser(node, node.value);
    }
  }

  function checkDeclarator(node: TSESTree.VariableDeclarator): void {
    if (!node.init) return;
    if (node.id.type === AST_NODE_TYPES.Identifier) {
      if (isClientSecretName(node.id.name)) checkSecretValue(node.init);
      return;
    }
    // `const { VITE_CLIENT_SECRET } = import.meta.env`
    if (node.id.type !== AST_NODE_TYPES.ObjectPattern || !envObjectKind(sourceCode, node.init)) return;
    const keyed = node.id.properties.flatMap((property) => {
      const key = property.type === AST_NODE_TYPES.Property ? propertyKeyName(sourceCode, property) : undefined;
      return property.type === AST_NODE_TYPES.Property && key ? [{ property, key }] : [];
    });
    for (const { property, key } of keyed) {
      if (!isClientSecretEnvName(key)) continue;
      const prefix = publicEnvPrefix(key);
      if (prefix) report(property.key, 'publicEnvSecret', { name: key, prefix });
      else if (inBrowser()) report(property.key, 'browserSecret');
    }
    for (const { property, key } of keyed) {
      const prefix = publicEnvPrefix(key);
      if (prefix && !isClientSecretEnvName(key) && isAuthSecretEnvName(key.slice(prefix.length)))
        report(property.key, 'publicEnvAuthSecret', { name: key, prefix });
    }
  }

  function checkJsxAttribute(node: TSESTree.JSXAttribute): void {
    if (node.name.type !== AST_NODE_TYPES.JSXIdentifier || !isClientSecretName(node.name.name) || !node.value) return;
    if (node.value.type === AST_NODE_TYPES.Literal) checkSecretValue(node.value);
    else if (node.value.type === AST_NODE_TYPES.JSXExpressionContainer && node.value.expression.type !== AST_NODE_TYPES.JSXEmptyExpression)
      checkSecretValue(node.value.expression);
  }

  function checkCall(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
    const callee = skipWrappers(node.callee);
    // params.set('client_secret', value) / body.append('client_secret', value)
    if (callee.type === AST_NODE_TYPES.MemberExpression && node.arguments.length >= 2) {
      const method = memberName(sourceCode, callee);
      // `xhr.setRequestHeader('Authorization', 'Basic ' + btoa(id + ':' + secret))`, `headers.set(…)`.
      if (
        oauthFile &&
        (method === 'setRequestHeader' || method === 'set' || method === 'append') &&
        /^authorization$/i.test(stringValue(sourceCode, node.arguments[0]) ?? '')
      ) {
        checkBasicAuthorization(node.arguments[1]);
        return;
      }
      if ((method === 'set' || method === 'append') && isClientSecretName(parameterName(sourceCode, node.arguments[0]))) {
        checkSecretValue(node.arguments[1]);
        reportSentFromBrowser(node, node.arguments[1]);
        return;
      }
    }
    if (!secretLibraries) return;
    const index = lookup(calleeOrigin(sourceCode, node), CLIENT_SECRET_ARGUMENTS);
    if (index === undefined) return;
    const argument = node.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || skipWrappers(argument).type === AST_NODE_TYPES.ObjectExpression)
      return;
    checkSecretValue(argument);
  }

  /** `req.body.client_secret === '123456'`: the server's own client secret, written in the code. */
  function checkComparedSecret(node: TSESTree.BinaryExpression): void {
    for (const [named, other] of [
      [node.left, node.right],
      [node.right, node.left],
    ] as const) {
      if (other.type !== AST_NODE_TYPES.Literal || typeof other.value !== 'string') continue;
      if (!isClientSecretName(assignedName(sourceCode, skipWrappers(named)))) continue;
      if (!isPlaceholderSecret(other.value, MIN_COMPARED_SECRET_LENGTH)) report(other, 'literalSecret');
    }
  }

  function checkMember(node: TSESTree.MemberExpression): void {
    // Public env variables named like a client secret are exposed wherever they are read.
    const read = envObjectKind(sourceCode, node.object) ? envRead(sourceCode, node) : undefined;
    if (read && isClientSecretEnvName(read.name)) {
      reportEnv(read);
      return;
    }
    // JWT signing secrets, private keys and API secrets behind a public prefix ship to browsers too.
    if (read?.publicPrefix && isAuthSecretEnvName(read.name.slice(read.publicPrefix.length))) {
      report(read.node, 'publicEnvAuthSecret', { name: read.name, prefix: read.publicPrefix });
      return;
    }
    // react-native-config values are compiled into the app binary.
    const name = memberName(sourceCode, node);
    if (name && isClientSecretEnvName(name) && facts.importsAny(BUNDLED_ENV_MODULES)) {
      const origin = originOf(sourceCode, node);
      if (origin && BUNDLED_ENV_MODULES.includes(origin.module) && origin.path.length === 1) report(node, 'browserSecret');
    }
  }

  // In source order, as ESLint would visit them, so the first finding on a node wins as before.
  for (const node of facts.nodesOfType(
    AST_NODE_TYPES.Property,
    AST_NODE_TYPES.VariableDeclarator,
    AST_NODE_TYPES.AssignmentExpression,
    AST_NODE_TYPES.JSXAttribute,
    AST_NODE_TYPES.CallExpression,
    AST_NODE_TYPES.NewExpression,
    AST_NODE_TYPES.MemberExpression,
    AST_NODE_TYPES.Literal,
    AST_NODE_TYPES.TemplateLiteral,
    AST_NODE_TYPES.BinaryExpression,
  )) {
    switch (node.type) {
      case AST_NODE_TYPES.Property:
        checkProperty(node);
        break;
      case AST_NODE_TYPES.VariableDeclarator:
        checkDeclarator(node);
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        if (isClientSecretName(assignedName(sourceCode, node.left))) checkSecretValue(node.right);
        break;
      case AST_NODE_TYPES.JSXAttribute:
        checkJsxAttribute(node);
        break;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        checkCall(node);
        break;
      case AST_NODE_TYPES.MemberExpression:
        checkMember(node);
        break;
      case AST_NODE_TYPES.Literal:
        if (typeof node.value !== 'string') break;
        if (CLIENT_SECRET_FORMATS.some((format) => format.test(node.value as string))) report(node, 'literalSecret');
        else if (node.value.includes('client_secret=') && !isConcatenation(node.parent)) checkQueryString(node);
        break;
      case AST_NODE_TYPES.TemplateLiteral:
        if (!isConcatenation(node.parent) && node.quasis.some((quasi) => (quasi.value.cooked ?? '').includes('client_secret=')))
          checkQueryString(node);
        break;
      case AST_NODE_TYPES.BinaryExpression:
        if (COMPARISONS.has(node.operator)) {
          checkComparedSecret(node);
          break;
        }
        // The outermost `a + b + c` of a string built by concatenation.
        if (node.operator === '+' && !isConcatenation(node.parent) && sourceCode.getText(node).includes('client_secret='))
          checkQueryString(node);
        break;
    }
  }
  return findings;
}

const COMPARISONS = new Set(['===', '==', '!==', '!=']);
/** A config key that names a secret: `googleSecret`, `authSecret`, `jwt_secret`, `SECRET` (not `secretName`). */
const SECRET_KEY = /secret$/i;

function assignedName(sourceCode: SourceCode, left: Node): string | undefined {
  if (left.type === AST_NODE_TYPES.Identifier) return left.name;
  return left.type === AST_NODE_TYPES.MemberExpression ? memberName(sourceCode, left) : undefined;
}

/** A value that holds a client secret: named so (`clientSecret`, `this.client_secret`), or a client-secret env read. */
function holdsClientSecret(sourceCode: SourceCode, value: Node): boolean {
  const inner = skipWrappers(value);
  if (isClientSecretName(assignedName(sourceCode, inner))) return true;
  const read = envRead(sourceCode, inner);
  return read !== undefined && isClientSecretEnvName(read.name);
}

/** The key of the property whose value is `object`, if any. */
function holderKey(sourceCode: SourceCode, object: Node): string | undefined {
  const holder = object.parent;
  return holder?.type === AST_NODE_TYPES.Property && holder.value === object ? propertyKeyName(sourceCode, holder) : undefined;
}

/**
 * `secret` is a client secret only in an OAuth client config: simple-oauth2 /
 * @fastify/oauth2 `client: { id, secret }`, keycloak-connect `credentials: { secret }`
 * next to `resource`, grant's `{ github: { key, secret } }`, a registration naming the
 * client id and redirect URL (`{ appID, appKEY, redirectURL }`, also for the app-key
 * spellings). Elsewhere (express-session, express-openid-connect, next-auth) `secret` signs
 * or encrypts sessions.
 */
function isClientConfigSecret(sourceCode: SourceCode, property: TSESTree.Property): boolean {
  const object = property.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const names = propertyNames(sourceCode, object);
  if (!names) return false;
  // `{ appID, appKEY, redirectURL }`: a client registration with its id and redirect URL.
  if (namesClientConfig(names)) return true;
  const key = propertyKeyName(sourceCode, property);
  // `{ appId, appSecret }`: the app credentials of IdPs that name their client so (Facebook, WeChat, Weibo).
  if (key !== undefined && isAppSecretPair(key, names)) return true;
  if (key !== 'secret') return false;
  const holder = holderKey(sourceCode, object);
  if (holder === 'client' && names.has('id')) return true;
  // `{ id, secret, scope: 'openid …' }`: an OAuth client registration under any name (a `cart` app's client).
  if (names.has('id') && OAUTH_CLIENT_SIBLINGS.some((name) => names.has(name))) return true;
  if (holder === 'credentials') {
    const outer = object.parent?.parent;
    const outerNames = outer?.type === AST_NODE_TYPES.ObjectExpression ? propertyNames(sourceCode, outer) : undefined;
    return outerNames !== undefined && (outerNames.has('resource') || outerNames.has('realm'));
  }
  return names.has('key') && holder !== undefined && IDP_PROVIDER_KEYS.has(holder.toLowerCase());
}

/**
 * Config that bundlers and frameworks ship to the browser: Nuxt `runtimeConfig.public`,
 * `publicRuntimeConfig`, Next.js `next.config` `env`, Vite/webpack `define`.
 */
function publicConfigKind(sourceCode: SourceCode, property: TSESTree.Property, path: string): string | undefined {
  const object = property.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const holder = holderKey(sourceCode, object);
  if (holder === 'publicRuntimeConfig') return 'publicRuntimeConfig';
  if (
    holder === 'public' &&
    object.parent?.parent?.type === AST_NODE_TYPES.ObjectExpression &&
    holderKey(sourceCode, object.parent.parent) === 'runtimeConfig'
  ) {
    return 'runtimeConfig.public';
  }
  if (holder === 'env' && /(?:^|\/)next\.config\.[cm]?[jt]s$/.test(path)) return 'next.config env';
  if (
    holder === 'define' ||
    (object.parent?.type === AST_NODE_TYPES.NewExpression && /DefinePlugin$/.test(sourceCode.getText(object.parent.callee)))
  ) {
    return 'define';
  }
  return undefined;
}

/** The argument of `btoa(x)` / `Buffer.from(x)` (optionally `.toString('base64')`). */
function base64Input(sourceCode: SourceCode, node: Node): Node | undefined {
  // `const encoded = btoa(idAndSecret)` … `'Basic ' + encoded`: the const's value.
  let inner = skipWrappers(definitionOf(sourceCode, node));
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(sourceCode, inner.callee) === 'toString'
  ) {
    inner = skipWrappers(inner.callee.object);
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression || inner.arguments.length === 0) return undefined;
  const callee = skipWrappers(inner.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? `${sourceCode.getText(callee.object)}.${memberName(sourceCode, callee)}`
        : '';
  return name === 'btoa' || name === 'Buffer.from' ? inner.arguments[0] : undefined;
}

/** `'client_secret'`, or a constant of a class or module we cannot read named for it (`this.CLIENT_SECRET`). */
function parameterName(sourceCode: SourceCode, node: Node): string | undefined {
  const text = stringValue(sourceCode, node);
  if (text !== undefined) return text;
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.ThisExpression) {
    const name = memberName(sourceCode, inner);
    // Only SCREAMING_CASE names: constants holding the parameter's name, not the secret itself.
    return name !== undefined && /^[A-Z][A-Z0-9_]*$/.test(name) ? name : undefined;
  }
  return undefined;
}

/** The expression written right after a piece of text: a template's next hole, or the right side of `'…' + x`. */
function holeAfter(text: Node): Node | undefined {
  const parent = text.parent;
  if (text.type === AST_NODE_TYPES.TemplateElement && parent?.type === AST_NODE_TYPES.TemplateLiteral)
    return parent.expressions[parent.quasis.indexOf(text)];
  if (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+' && parent.left === text) return parent.right;
  return undefined;
}

function partNode(part: StringPart): Node {
  return part.node.type === AST_NODE_TYPES.TemplateElement ? part.node.parent : part.node;
}

/** Base64 text decoded when it is printable ASCII, else undefined. */
function decodeBase64(text: string): string | undefined {
  if (!/^[A-Z0-9+/]{4,400}={0,2}$/i.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
}
