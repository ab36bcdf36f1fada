import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { reportOnce } from '../src/report-once';
import {
  envObjectKind,
  envRead,
  isBrowserModule,
  isTestFile,
  projectPath,
  publicEnvPrefix,
  type EnvRead,
} from '../src/analysis/environment';
import { fileFacts } from '../src/analysis/file-facts';
import { calleeOrigin, lookup, memberName, originOf, propertyKeyName, skipWrappers } from '../src/analysis/modules';
import { decodeQueryText } from '../src/analysis/urls';
import { definitionOf, propertyNames, stringParts, stringValue, type StringPart } from '../src/analysis/values';
import {
  BUNDLED_ENV_MODULES,
  CLIENT_SECRET_ARGUMENTS,
  CLIENT_SECRET_FORMATS,
  IDP_PROVIDER_KEYS,
  isClientSecretName,
  isPlaceholderSecret,
} from '../src/knowledge/client-secrets';

export type Options = [];
export type MessageIds = 'literalSecret' | 'publicEnvSecret' | 'publicConfigSecret' | 'browserSecret';

type Node = TSESTree.Node;

/** Env names that mean an IdP client secret even without the word "client". */
const IDP_SECRET_ENV =
  /(?:^|_)(?:OAUTH|OAUTH2|OIDC|AUTH0|GOOGLE|GITHUB|GITLAB|OKTA|AZURE|AAD|ENTRA|MSAL|COGNITO|KEYCLOAK|DISCORD|SLACK|FACEBOOK|TWITTER|LINKEDIN|SPOTIFY|MICROSOFT|APPLE|SALESFORCE|DROPBOX|ATLASSIAN|SSO|IDP)_(?:[A-Z0-9]{1,20}_)?SECRET$/i;

function isClientSecretEnvName(name: string): boolean {
  return isClientSecretName(name) || IDP_SECRET_ENV.test(name);
}

/** `client_secret=VALUE` inside a query/body string; VALUE is the literal text up to `&`. */
const QUERY_SECRET = /(?:^|[?&\s])client_secret=([^&\s#'"]{0,200})/;

const MAX_DEPTH = 6;

export default createRule<Options, MessageIds>({
  name: 'no-exposed-client-secret',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow OAuth client secrets written in source code or shipped to browsers',
      recommended: 'error',
    },
    messages: {
      literalSecret:
        'OAuth client secret written in source code. Anyone who can read the repository or the bundle can impersonate this client. Load it at runtime from a secret manager or a server-side environment variable.',
      publicEnvSecret:
        "Client secret read from '{{name}}': bundlers inline '{{prefix}}' variables into browser code, so every visitor can read it. Keep the secret in a server-only variable, or make the app a public client using PKCE.",
      publicConfigSecret:
        "Client secret put in '{{config}}', which is shipped to the browser bundle where every visitor can read it. Keep it in server-only config, or make the app a public client using PKCE.",
      browserSecret:
        'Client secret read in code that ships to browsers or devices, where anyone can extract it. Do the token exchange on a server (backend-for-frontend), or make the app a public client using PKCE.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    if (isTestFile(context.filename)) return {};
    const facts = fileFacts(sourceCode);
    if (!facts.mentions(/secret|GOCSPX-|Basic\s/i)) return {};

    const path = projectPath(context.filename, context.cwd);
    // Basic client authentication is read only in files that talk to a token endpoint.
    const oauthFile = facts.mentions(/grant_type|grantType|oauth|\/token\b/i);
    const isEmptyOrPlaceholder = (node: Node): boolean => {
      const text = stringValue(sourceCode, node);
      return text !== undefined && isPlaceholderSecret(text);
    };
    const report = reportOnce(context);
    let browser: boolean | undefined;
    const inBrowser = (): boolean => (browser ??= isBrowserModule(sourceCode, path));

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
          // `process.env.X ?? 'dev-secret'`: each side is a value the slot may get; a very short
          // fallback (`|| 'dev'`) is a local-development marker rather than a credential.
          checkSecretValue(node.left, depth + 1);
          const fallback = stringValue(sourceCode, node.right);
          if (fallback === undefined || fallback.trim().length >= 8) checkSecretValue(node.right, depth + 1);
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
          if (node.expressions.length === 0) {
            const text = node.quasis[0]?.value.cooked ?? '';
            if (!isPlaceholderSecret(text)) report(node, 'literalSecret');
          }
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

    /** The key of the property whose value is `object`, if any. */
    function holderKey(object: Node): string | undefined {
      const holder = object.parent;
      return holder?.type === AST_NODE_TYPES.Property && holder.value === object ? propertyKeyName(sourceCode, holder) : undefined;
    }

    /**
     * `secret` is a client secret only in an OAuth client config: simple-oauth2 /
     * @fastify/oauth2 `client: { id, secret }`, keycloak-connect `credentials: { secret }`
     * next to `resource`, grant's `{ github: { key, secret } }`. Elsewhere (express-session,
     * express-openid-connect, next-auth) `secret` signs or encrypts sessions.
     */
    function isClientConfigSecret(property: TSESTree.Property): boolean {
      const object = property.parent;
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
      const names = propertyNames(sourceCode, object);
      if (!names) return false;
      const holder = holderKey(object);
      if (holder === 'client' && names.has('id')) return true;
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
    function publicConfigKind(property: TSESTree.Property): string | undefined {
      const object = property.parent;
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const holder = holderKey(object);
      if (holder === 'publicRuntimeConfig') return 'publicRuntimeConfig';
      if (
        holder === 'public' &&
        object.parent?.parent?.type === AST_NODE_TYPES.ObjectExpression &&
        holderKey(object.parent.parent) === 'runtimeConfig'
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

    /** A query or form string that carries `client_secret=…`: literal value, or a hole after it. */
    function checkQueryString(node: TSESTree.Literal | TSESTree.TemplateLiteral | TSESTree.BinaryExpression): void {
      const parts = stringParts(sourceCode, node);
      for (let i = 0; i < parts.length; i++) {
        const text = parts[i].text;
        if (text === undefined || !text.includes('client_secret=')) continue;
        const match = QUERY_SECRET.exec(text);
        if (!match) continue;
        if (match[1].length > 0) {
          if (!isPlaceholderSecret(decodeQueryText(match[1]))) {
            const at = parts[i].node;
            report(at.type === AST_NODE_TYPES.TemplateElement ? at.parent : at, 'literalSecret');
          }
        } else if (text.endsWith('client_secret=') && parts[i + 1] && parts[i + 1].text === undefined) {
          // `…&client_secret=${SECRET}`: the hole is the value.
          checkSecretValue(parts[i + 1].node);
        }
      }
    }

    /** The argument of `btoa(x)` / `Buffer.from(x)` (optionally `.toString('base64')`). */
    function base64Input(node: Node): Node | undefined {
      let inner = skipWrappers(node);
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

    /** `id:secret` text before base64: the secret is the literal after the colon, or the hole after it. */
    function checkClientCredentialsText(node: Node): void {
      const parts = stringParts(sourceCode, node);
      for (let i = 0; i < parts.length; i++) {
        const text = parts[i].text;
        if (text === undefined) continue;
        const colon = text.indexOf(':');
        if (colon === -1) continue;
        const after = text.slice(colon + 1);
        if (after.length > 0) {
          if (!isPlaceholderSecret(after)) report(partNode(parts[i]), 'literalSecret');
        } else if (parts[i + 1] && parts[i + 1].text === undefined) {
          checkSecretValue(parts[i + 1].node);
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
        const input = base64Input(part.node);
        if (input) checkClientCredentialsText(input);
      }
    }

    const isConcatenation = (node: Node | undefined): boolean => node?.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+';

    return {
      Property(node) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        const key = propertyKeyName(sourceCode, node);
        if (key && /^authorization$/i.test(key) && oauthFile) {
          checkBasicAuthorization(node.value);
          return;
        }
        if (!(isClientSecretName(key) || (key === 'secret' && isClientConfigSecret(node)))) return;
        const publicConfig = publicConfigKind(node);
        if (publicConfig && !isEmptyOrPlaceholder(node.value)) report(node.value, 'publicConfigSecret', { config: publicConfig });
        else checkSecretValue(node.value);
      },
      VariableDeclarator(node) {
        if (!node.init) return;
        if (node.id.type === AST_NODE_TYPES.Identifier) {
          if (isClientSecretName(node.id.name)) checkSecretValue(node.init);
          return;
        }
        // `const { VITE_CLIENT_SECRET } = import.meta.env`
        if (node.id.type === AST_NODE_TYPES.ObjectPattern && envObjectKind(sourceCode, node.init)) {
          for (const property of node.id.properties) {
            if (property.type !== AST_NODE_TYPES.Property) continue;
            const key = propertyKeyName(sourceCode, property);
            if (!key || !isClientSecretEnvName(key)) continue;
            const prefix = publicEnvPrefix(key);
            if (prefix) report(property.key, 'publicEnvSecret', { name: key, prefix });
            else if (inBrowser()) report(property.key, 'browserSecret');
          }
        }
      },
      AssignmentExpression(node) {
        const left = node.left;
        const name =
          left.type === AST_NODE_TYPES.Identifier
            ? left.name
            : left.type === AST_NODE_TYPES.MemberExpression
              ? memberName(sourceCode, left)
              : undefined;
        if (isClientSecretName(name)) checkSecretValue(node.right);
      },
      JSXAttribute(node) {
        if (node.name.type !== AST_NODE_TYPES.JSXIdentifier || !isClientSecretName(node.name.name) || !node.value) return;
        if (node.value.type === AST_NODE_TYPES.Literal) checkSecretValue(node.value);
        else if (
          node.value.type === AST_NODE_TYPES.JSXExpressionContainer &&
          node.value.expression.type !== AST_NODE_TYPES.JSXEmptyExpression
        ) {
          checkSecretValue(node.value.expression);
        }
      },
      'CallExpression, NewExpression'(node: TSESTree.CallExpression | TSESTree.NewExpression) {
        const callee = skipWrappers(node.callee);
        // params.set('client_secret', value) / body.append('client_secret', value)
        if (callee.type === AST_NODE_TYPES.MemberExpression && node.arguments.length >= 2) {
          const method = memberName(sourceCode, callee);
          if ((method === 'set' || method === 'append') && isClientSecretName(stringValue(sourceCode, node.arguments[0]))) {
            checkSecretValue(node.arguments[1]);
            return;
          }
        }
        const index = lookup(calleeOrigin(sourceCode, node), CLIENT_SECRET_ARGUMENTS);
        if (index === undefined) return;
        const argument = node.arguments[index];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || skipWrappers(argument).type === AST_NODE_TYPES.ObjectExpression)
          return;
        checkSecretValue(argument);
      },
      MemberExpression(node) {
        // Public env variables named like a client secret are exposed wherever they are read.
        const read = envObjectKind(sourceCode, node.object) ? envRead(sourceCode, node) : undefined;
        if (read && isClientSecretEnvName(read.name)) {
          reportEnv(read);
          return;
        }
        // react-native-config values are compiled into the app binary.
        const name = memberName(sourceCode, node);
        if (name && isClientSecretEnvName(name) && facts.importsAny(BUNDLED_ENV_MODULES)) {
          const origin = originOf(sourceCode, node);
          if (origin && BUNDLED_ENV_MODULES.includes(origin.module) && origin.path.length === 1) report(node, 'browserSecret');
        }
      },
      Literal(node) {
        if (typeof node.value !== 'string') return;
        if (CLIENT_SECRET_FORMATS.some((format) => format.test(node.value as string))) report(node, 'literalSecret');
        else if (node.value.includes('client_secret=') && !isConcatenation(node.parent)) checkQueryString(node);
      },
      TemplateLiteral(node) {
        if (isConcatenation(node.parent)) return;
        if (node.quasis.some((quasi) => (quasi.value.cooked ?? '').includes('client_secret='))) checkQueryString(node);
      },
      'BinaryExpression[operator="+"]'(node: TSESTree.BinaryExpression) {
        // The outermost `a + b + c` of a string built by concatenation.
        if (isConcatenation(node.parent)) return;
        if (sourceCode.getText(node).includes('client_secret=')) checkQueryString(node);
      },
    } satisfies TSESLint.RuleListener;
  },
});

function partNode(part: StringPart): Node {
  return part.node.type === AST_NODE_TYPES.TemplateElement ? part.node.parent : part.node;
}

/** Base64 text decoded when it is printable ASCII, else undefined. */
function decodeBase64(text: string): string | undefined {
  if (!/^[A-Z0-9+/]{4,400}={0,2}$/i.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
}
