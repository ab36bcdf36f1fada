import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { secureRandomReplacement } from '../src/fixes';
import { fileFacts } from '../src/analysis/file-facts';
import { calledFunction } from '../src/analysis/functions';
import { propertyKeyName, skipWrappers } from '../src/analysis/modules';
import {
  assessRandomness,
  issuedValues,
  randomnessVerdict,
  secretKindFromFunctionName,
  secretKindFromName,
  secretKindFromParamName,
  type RandomnessFinding,
  type SecretKind,
} from '../src/analysis/randomness';
import { stringParts, stringValue, tailName } from '../src/analysis/values';
import { AUTHORIZATION_CLIENT_MODULES } from '../src/knowledge/oauth-libraries';
import { AUTH_RANDOM_MODULES } from '../src/knowledge/randomness';

export type Options = [];
export type MessageIds = 'weakSource' | 'tooFewBits' | 'shortVerifier' | 'constantValue' | 'useCsprng';

const WHAT: Readonly<Record<SecretKind, string>> = {
  state: 'OAuth `state`',
  nonce: 'OIDC `nonce`',
  verifier: 'PKCE `code_verifier`',
  csrf: 'CSRF token',
  code: 'authorization code',
  'access-token': 'access token',
  'refresh-token': 'refresh token',
  'device-code': 'device code',
  'user-code': 'device-flow user code',
};

const GATE_MODULES = [...AUTHORIZATION_CLIENT_MODULES, ...AUTH_RANDOM_MODULES];
// Words that show OAuth/OIDC or CSRF code; anything else is skipped cheaply.
const AUTH_WORDS =
  /oauth|openid|oidc|pkce|authoriz|code_?verifier|nonce|csrf|xsrf|redirect_?uri|response_?type|client_?id|access_?token|refresh_?token|device_?code|grant_?type|(?:generate|create|make|random|new)_?state/i;
const SECRET_WORDS = /state|nonce|verifier|csrf|xsrf|token|code/i;
// Keys that make an object an authorization request's parameters (where a constant state is a finding).
const AUTH_PARAM_KEYS = new Set([
  'client_id',
  'clientId',
  'redirect_uri',
  'redirectUri',
  'response_type',
  'responseType',
  'code_challenge',
  'codeChallenge',
  'scope',
]);
// `?state=${x}` / `&nonce=` / `?code=` (a code handed out) in a URL built as a string.
const QUERY_SECRET = /[?&#](state|nonce|code_verifier|code|access_token|refresh_token)=$/;
const QUERY_CONSTANT = /[?&](state|nonce)=[^&#${}]{1,200}/;

export default createRule<Options, MessageIds>({
  name: 'require-secure-random',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require OAuth state, nonce, PKCE code_verifier and CSRF tokens to come from a cryptographically secure random source',
      recommended: 'error',
    },
    messages: {
      weakSource:
        '{{source}} is predictable, and its value becomes the {{what}}. An attacker who can guess it can forge the login callback or replay the response. Use crypto.getRandomValues / crypto.randomBytes(32) or the library generator (generators.state(), randomState(), randomPKCECodeVerifier()).',
      tooFewBits:
        'The {{what}} carries only {{bits}} random bits from {{source}}, few enough to brute-force (under 128). Use at least 16 random bytes (32 recommended).',
      shortVerifier:
        'This PKCE `code_verifier` is {{chars}} characters long, outside the 43 to 128 that RFC 7636 requires. Use 32 random bytes, base64url-encoded (43 characters; 256 bits of entropy is recommended).',
      constantValue:
        'The {{what}} is a constant, which protects nothing: anyone can send it. Generate a fresh value per request with crypto.getRandomValues / crypto.randomBytes(32).',
      useCsprng: 'Use {{replacement}} instead.',
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    if (!facts.mentions(SECRET_WORDS) || !(facts.importsAny(GATE_MODULES) || facts.mentions(AUTH_WORDS))) return {};

    const reported = new Set<TSESTree.Node>();

    // Where a CSPRNG call can replace the whole expression: the OAuth/CSRF values a client makes (not codes or tokens a server mints).
    const REPLACEABLE: Readonly<Record<SecretKind, boolean>> = {
      state: true,
      nonce: true,
      csrf: true,
      verifier: true,
      code: false,
      'access-token': false,
      'refresh-token': false,
      'device-code': false,
      'user-code': false,
    };

    /** `Math.random().toString(36).slice(2)` and the like, as a whole → a CSPRNG call the file can make. */
    function suggestions(
      finding: RandomnessFinding,
      kind: SecretKind,
      expression: TSESTree.Node | undefined,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      if (!expression || finding.kind !== 'weak' || finding.reason !== 'math-random' || !REPLACEABLE[kind]) return [];
      const replacement = secureRandomReplacement(sourceCode, expression, kind === 'verifier');
      if (!replacement) return [];
      const target = skipWrappers(expression);
      return [
        { messageId: 'useCsprng', data: { replacement: replacement.label }, fix: (fixer) => fixer.replaceText(target, replacement.text) },
      ];
    }

    function report(finding: RandomnessFinding, kind: SecretKind, expression?: TSESTree.Node): void {
      if (reported.has(finding.node)) return;
      reported.add(finding.node);
      const what = WHAT[kind];
      switch (finding.kind) {
        case 'weak':
          context.report({
            node: finding.node,
            messageId: 'weakSource',
            data: { source: finding.label, what },
            suggest: suggestions(finding, kind, expression),
          });
          return;
        case 'few-bits':
          context.report({
            node: finding.node,
            messageId: 'tooFewBits',
            data: { what, bits: String(finding.bits), source: finding.label },
          });
          return;
        case 'short-verifier':
          context.report({ node: finding.node, messageId: 'shortVerifier', data: { chars: String(finding.chars) } });
          return;
        case 'constant':
          context.report({ node: finding.node, messageId: 'constantValue', data: { what } });
      }
    }

    function check(value: TSESTree.Node | null | undefined, kind: SecretKind | undefined, allowConstant = false): void {
      if (!value || !kind) return;
      const inner = skipWrappers(value);
      // Functions, classes and structured objects are not the secret itself.
      if (
        inner.type === AST_NODE_TYPES.ArrowFunctionExpression ||
        inner.type === AST_NODE_TYPES.FunctionExpression ||
        inner.type === AST_NODE_TYPES.ClassExpression ||
        inner.type === AST_NODE_TYPES.ObjectExpression
      ) {
        return;
      }
      const finding = randomnessVerdict(sourceCode, assessRandomness(sourceCode, inner), kind, allowConstant);
      if (finding) report(finding, kind, inner);
    }

    /** `url.query`, `u.searchParams`: the query object of a URL being built. */
    function isQueryObject(node: TSESTree.Node): boolean {
      const inner = skipWrappers(node);
      return inner.type === AST_NODE_TYPES.MemberExpression && /^(?:query|searchParams)$/.test(tailName(sourceCode, inner) ?? '');
    }

    function isAuthorizationParams(object: TSESTree.ObjectExpression): boolean {
      return object.properties.some(
        (property) => property.type === AST_NODE_TYPES.Property && AUTH_PARAM_KEYS.has(propertyKeyName(sourceCode, property) ?? ''),
      );
    }

    /** Holes right after `state=` in a URL written as a template or concatenation. */
    function checkQueryString(node: TSESTree.Node): void {
      const parts = stringParts(sourceCode, node);
      for (let i = 0; i + 1 < parts.length; i++) {
        const text = parts[i].text;
        const match = text === undefined ? null : QUERY_SECRET.exec(text);
        if (match && parts[i + 1].text === undefined) check(parts[i + 1].node, secretKindFromParamName(match[1]));
      }
    }

    return {
      VariableDeclarator(node) {
        if (node.id.type === AST_NODE_TYPES.Identifier) check(node.init, secretKindFromName(node.id.name));
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' && node.operator !== '??=' && node.operator !== '||=') return;
        const left = skipWrappers(node.left);
        if (left.type === AST_NODE_TYPES.Identifier) check(node.right, secretKindFromName(left.name));
        else if (left.type === AST_NODE_TYPES.MemberExpression)
          // `url.query.code = code`: a parameter of a URL being built.
          check(
            node.right,
            isQueryObject(left.object)
              ? secretKindFromParamName(tailName(sourceCode, left))
              : secretKindFromName(tailName(sourceCode, left)),
          );
      },
      Property(node) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectExpression || node.kind !== 'init') return;
        const kind = secretKindFromName(propertyKeyName(sourceCode, node));
        if (kind) check(node.value, kind, (kind === 'state' || kind === 'nonce') && isAuthorizationParams(node.parent));
      },
      PropertyDefinition(node) {
        check(node.value, secretKindFromName(propertyKeyName(sourceCode, node)));
      },
      CallExpression(node) {
        // `params.set('state', v)`, `sessionStorage.setItem('pkce_verifier', v)`, `res.cookie('csrf', v)`, `setCookie(c, 'state', v)`.
        const args = node.arguments;
        for (let i = 0; i + 1 < args.length; i++) {
          const arg = args[i];
          if (arg.type !== AST_NODE_TYPES.Literal && arg.type !== AST_NODE_TYPES.TemplateLiteral && arg.type !== AST_NODE_TYPES.Identifier)
            continue;
          const key = stringValue(sourceCode, arg);
          const method = tailName(sourceCode, node.callee);
          const kind = method === 'set' || method === 'append' ? secretKindFromParamName(key) : secretKindFromName(key);
          if (!kind) continue;
          check(args[i + 1], kind, (method === 'set' || method === 'append') && (kind === 'state' || kind === 'nonce') && key === kind);
          break;
        }
        // Codes and tokens an authorization-server library's issue callback hands out; a constant is a finding there.
        for (const issued of issuedValues(sourceCode, node)) check(issued.node, issued.kind, true);
        // `buildAuthorizeUrl(Math.random())` where the helper's parameter (here or in an imported module) is `state`.
        const fn = calledFunction(sourceCode, node.callee)?.fn;
        if (fn) {
          fn.params.forEach((param, index) => {
            const id = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
            const argument = args[index];
            if (id.type === AST_NODE_TYPES.Identifier && argument && argument.type !== AST_NODE_TYPES.SpreadElement)
              check(argument, secretKindFromName(id.name));
          });
        }
      },
      TemplateLiteral(node) {
        if (node.expressions.length > 0) checkQueryString(node);
      },
      'BinaryExpression[operator="+"]'(node: TSESTree.BinaryExpression) {
        // Only the outermost `+` of a chain, so each hole is looked at once.
        if (node.parent.type === AST_NODE_TYPES.BinaryExpression && node.parent.operator === '+') return;
        checkQueryString(node);
      },
      Literal(node) {
        // A constant state written into an authorization URL: `...&client_id=x&state=abc`.
        if (typeof node.value !== 'string' || !/client_id=|response_type=/.test(node.value)) return;
        const match = QUERY_CONSTANT.exec(node.value);
        if (match) report({ kind: 'constant', node }, match[1] as SecretKind);
      },
      ReturnStatement(node) {
        // Generator helpers named for what they make: `function generateState() { return … }`.
        let fn: TSESTree.Node | undefined = node.parent;
        while (
          fn &&
          fn.type !== AST_NODE_TYPES.FunctionDeclaration &&
          fn.type !== AST_NODE_TYPES.FunctionExpression &&
          fn.type !== AST_NODE_TYPES.ArrowFunctionExpression
        )
          fn = fn.parent;
        if (!fn) return;
        check(node.argument, secretKindFromFunctionName(functionName(fn)));
      },
      'ArrowFunctionExpression[expression=true]'(node: TSESTree.ArrowFunctionExpression) {
        check(node.body, secretKindFromFunctionName(functionName(node)));
      },
    };
  },
});

/** `function generateState()`, `const createNonce = () => …`, `{ makeVerifier() {} }`. */
function functionName(fn: TSESTree.Node): string | undefined {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (
    (parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition) &&
    parent.key.type === AST_NODE_TYPES.Identifier
  )
    return parent.key.name;
  return undefined;
}
