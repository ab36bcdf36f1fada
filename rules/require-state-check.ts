import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { reportOnce } from '../src/report-once';
import { authorizationRequests, isCodeFlow, requestParam, writtenChecks, type AuthorizationRequest } from '../src/analysis/authorization';
import { callbackOf, checksState, handsCodeToUncheckedExchange } from '../src/analysis/callbacks';
import { fileFacts } from '../src/analysis/file-facts';
import { calleeOrigin, GLOBAL_MODULE, matchesPattern, originOf, skipWrappers } from '../src/analysis/modules';
import { handsBackState, redirectReads, uncheckedAt, type RedirectRead } from '../src/analysis/redirect-reads';
import { HTTP_CLIENT_MODULES } from '../src/knowledge/http';
import { tokenRequests, type TokenRequest } from '../src/analysis/token-requests';
import { booleanValue, getProperty, objectLiteral } from '../src/analysis/values';
import {
  AUTHORIZATION_CLIENT_MODULES,
  AUTH_RESPONSE_VALIDATORS,
  EXCHANGE_AFTER_VALIDATION_LIBRARIES,
  EXPECT_NO_STATE_SYMBOLS,
  NEXTAUTH_LIBRARY,
  PASSPORT_OAUTH2_LIBRARY,
  STATE_CHECK_SKIP_SYMBOLS,
} from '../src/knowledge/oauth-libraries';

export type Options = [{ allowPkceInsteadOfState?: boolean }];
export type MessageIds =
  | 'missingState'
  | 'stateNotCompared'
  | 'stateCheckSkipped'
  | 'stateOptionOff'
  | 'checksWithoutState'
  | 'expectsNoState'
  | 'redirectReadWithoutState';

// Words of OAuth client code; files without any (and without the libraries) are skipped cheaply.
const HINT =
  /authoriz|oauth|openid|oidc|grant_?type|response_?type|client_?id|redirect_?uri|code_?verifier|generateAuthUrl|getAuthCodeUrl|validateAuthResponse|callbackParams|acquireTokenByCode|next-auth|@auth\/|passport|access_?token|id_?token|launchWebAuthFlow/i;
const CODE_MENTION = /\bcode\b/;
/** A module that handles OAuth tokens: a `code` in its URL is an authorization code. */
const OAUTH_CONTEXT = /oauth|authori[sz]|access_?token|refresh_?token|id_?token|client_?id|redirect_?uri|openid|oidc/i;
/** Pages that take one-time codes from links (reset, confirmation, invitation, coupon): their `code` is not OAuth's. */
const ONE_TIME_CODE_CONTEXT =
  /password|reset|confirm|invit|coupon|promo|voucher|referral|magic.?link|verification.?code|verify.?email|\botp\b/i;
const LOGGING_ROOTS = new Set(['console', 'logger', 'log', 'debug']);
const PARAM_LABEL: Readonly<Record<RedirectRead['param'], string>> = {
  access_token: 'the access token',
  id_token: 'the ID token',
  code: 'the authorization code',
};

export default createRule<Options, MessageIds>({
  name: 'require-state-check',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require OAuth authorization requests to send `state` and callbacks to compare it before exchanging the code',
      recommended: 'error',
      check: 1,
    },
    messages: {
      missingState:
        "This authorization request sends no `state`. Without it an attacker can make a victim's browser finish the attacker's login (login CSRF, RFC 9700 §4.7). Send a fresh random state, keep it in the session and compare it in the callback.",
      stateNotCompared:
        'The authorization code is exchanged without comparing the returned `state` to the one stored with the request, so a forged callback is accepted (login CSRF, RFC 6749 §10.12). Compare them (=== or timingSafeEqual) or pass the stored value to the library (checks.state, expectedState) before the exchange.',
      stateCheckSkipped:
        '{{what}} switches off the state check, so forged callbacks are accepted (login CSRF). Pass the state stored with the request instead.',
      stateOptionOff:
        '{{library}} sends and checks `state` only with `state: true` (or a state `store`, or `pkce: true`); without it, forged callbacks are accepted (login CSRF). Set `state: true`.',
      checksWithoutState:
        "`checks` does not include 'state', so this provider's callbacks are not bound to the browser that started the login (login CSRF). Add 'state' to checks (with 'pkce').",
      expectsNoState:
        'validateAuthResponse is told to expect no state, so the callback is not bound to the request that started it (login CSRF). Send a state with the request and pass the stored value here.',
      redirectReadWithoutState:
        'This callback takes {{what}} out of the redirect URL without comparing the returned `state` to the one stored before the redirect, so a token or code an attacker injects is accepted (login CSRF, token injection; RFC 6749 §10.12). Send a random state, keep it, and compare it with the state in the same URL before using anything from it.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowPkceInsteadOfState: {
            type: 'boolean',
            description:
              'Accept PKCE (code_challenge sent, code_verifier checked) as the CSRF protection of the code flow when no state is used (OAuth 2.1 allows it when the server is known to enforce PKCE).',
          },
        },
      },
    ],
    defaultOptions: [{ allowPkceInsteadOfState: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    // A file that reads a `code` and imports its own modules may hand it to an exchange helper there.
    const exchangeElsewhere = facts.importsProjectModules && facts.mentions(CODE_MENTION);
    const oauthHere = facts.importsAny(AUTHORIZATION_CLIENT_MODULES) || facts.mentions(HINT);
    if (!oauthHere && !exchangeElsewhere) return {};
    const allowPkce = options.allowPkceInsteadOfState === true;
    const report = reportOnce(context);

    function isSkipSymbol(node: TSESTree.Node, symbols: readonly string[]): boolean {
      const origin = originOf(sourceCode, node);
      return origin !== undefined && symbols.some((pattern) => matchesPattern(origin, pattern));
    }

    function checkAuthorizationRequest(request: AuthorizationRequest): void {
      const knowledge = request.knowledge;
      if (request.library === NEXTAUTH_LIBRARY) {
        const values = writtenChecks(sourceCode, request);
        if (!values || request.checks?.status !== 'present') return;
        if (values.includes('state') || (allowPkce && values.includes('pkce'))) return;
        report(request.checks.property, 'checksWithoutState');
        return;
      }
      const mode = knowledge?.state.mode ?? 'params';
      switch (mode) {
        case 'params': {
          if (isCodeFlow(request) !== true) return;
          if (requestParam(request, 'state').state !== 'absent') return;
          if (allowPkce && requestParam(request, 'code_challenge').state === 'present') return;
          report(request.node, 'missingState');
          return;
        }
        case 'option': {
          // passport-oauth2: no state unless `state: true`, a `store`, or `pkce: true` (which brings its state store).
          if (!request.options || !objectLiteral(sourceCode, request.options)) return;
          const state = getProperty(sourceCode, request.options, 'state');
          if (state.status === 'present') {
            if (booleanValue(sourceCode, state.value) === false)
              report(state.property, 'stateOptionOff', { library: knowledge?.library ?? PASSPORT_OAUTH2_LIBRARY });
            return;
          }
          if (state.status === 'unknown') return;
          if (getProperty(sourceCode, request.options, 'store').status !== 'absent') return;
          const pkce = getProperty(sourceCode, request.options, 'pkce');
          if (pkce.status === 'unknown' || (pkce.status === 'present' && booleanValue(sourceCode, pkce.value) !== false)) return;
          report(request.node, 'stateOptionOff', { library: knowledge?.library ?? PASSPORT_OAUTH2_LIBRARY });
          return;
        }
        case 'builtin': {
          // angular-oauth2-oidc `disableOAuth2StateCheck: true`.
          if (!request.options) return;
          const off = getProperty(sourceCode, request.options, 'disableOAuth2StateCheck');
          if (off.status === 'present' && booleanValue(sourceCode, off.value) === true)
            report(off.property, 'stateCheckSkipped', { what: '`disableOAuth2StateCheck: true`' });
          return;
        }
        default:
          return;
      }
    }

    /** The library's own state check in the exchange call: v5 `checks.state`, v6 `expectedState`. Undefined when not applicable. */
    function libraryCheck(request: TokenRequest): 'checked' | 'missing' | 'skipped' | 'unknown' | undefined {
      if (!request.exchange || request.exchange.checksArg === undefined) return undefined;
      const call = request.node as TSESTree.CallExpression;
      const checks = call.arguments[request.exchange.checksArg];
      if (!checks) return 'missing';
      if (!objectLiteral(sourceCode, checks)) return 'unknown';
      for (const key of ['expectedState', 'state']) {
        const found = getProperty(sourceCode, checks, key);
        if (found.status === 'unknown') return 'unknown';
        if (found.status !== 'present') continue;
        if (isSkipSymbol(found.value, STATE_CHECK_SKIP_SYMBOLS)) {
          report(found.property, 'stateCheckSkipped', { what: 'skipStateCheck' });
          return 'skipped';
        }
        return 'checked';
      }
      return 'missing';
    }

    function checkExchange(request: TokenRequest): void {
      if (request.grantType !== 'authorization_code') return;
      // oauth4webapi: the exchange takes the params validateAuthResponse returned; the check is judged there.
      if (EXCHANGE_AFTER_VALIDATION_LIBRARIES.has(request.library)) return;
      const library = libraryCheck(request);
      if (library === 'checked' || library === 'skipped' || library === 'unknown') return;
      if (allowPkce && request.codeVerifier.state === 'present') return;
      const callback = callbackOf(sourceCode, request);
      if (!callback.fromRedirect || callback.stateChecked || callback.behindMiddleware) return;
      // The code handed to the exchanging helper: reported at that call, as for a helper in another module.
      for (const at of callback.handOffs.length > 0 ? callback.handOffs : [request.node]) report(at, 'stateNotCompared');
    }

    /** oauth4webapi `validateAuthResponse(as, client, params, expectedState)`. */
    function checkValidateAuthResponse(call: TSESTree.CallExpression): void {
      const origin = calleeOrigin(sourceCode, call);
      if (!origin || !AUTH_RESPONSE_VALIDATORS.some((pattern) => matchesPattern(origin, pattern))) return;
      if (call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return;
      const expected = call.arguments[3];
      if (!expected) {
        if (call.arguments.length === 3) report(call, 'expectsNoState');
        return;
      }
      if (isSkipSymbol(expected, STATE_CHECK_SKIP_SYMBOLS)) report(expected, 'stateCheckSkipped', { what: 'oauth.skipStateCheck' });
      else if (isSkipSymbol(expected, EXPECT_NO_STATE_SYMBOLS)) report(expected, 'expectsNoState');
    }

    /** Where a value (a variable's, or the expression itself) goes: the calls it is an argument of. */
    function callsTaking(value: TSESTree.Node): TSESTree.CallExpression[] {
      const uses: TSESTree.Node[] = [value];
      const declarator = value.parent;
      if (
        declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
        declarator.init === value &&
        declarator.id.type === AST_NODE_TYPES.Identifier
      ) {
        const variable = sourceCode.getDeclaredVariables(declarator)[0];
        for (const reference of variable?.references ?? []) if (!reference.init) uses.push(reference.identifier);
      }
      const calls: TSESTree.CallExpression[] = [];
      for (const use of uses) {
        // Up through objects, templates and JSON.stringify to the call that receives it.
        let child: TSESTree.Node = use;
        for (let current = use.parent; current; child = current, current = current.parent) {
          if (current.type === AST_NODE_TYPES.CallExpression) {
            if (current.callee !== child) calls.push(current);
            if (!isJsonStringify(current)) break;
            continue;
          }
          if (
            current.type !== AST_NODE_TYPES.Property &&
            current.type !== AST_NODE_TYPES.ObjectExpression &&
            current.type !== AST_NODE_TYPES.TemplateLiteral &&
            current.type !== AST_NODE_TYPES.ArrayExpression &&
            current.type !== AST_NODE_TYPES.BinaryExpression &&
            current.type !== AST_NODE_TYPES.TSAsExpression &&
            current.type !== AST_NODE_TYPES.TSNonNullExpression
          )
            break;
        }
      }
      return calls;
    }

    function isJsonStringify(call: TSESTree.CallExpression): boolean {
      const origin = calleeOrigin(sourceCode, call);
      return origin?.module === GLOBAL_MODULE && origin.path.join('.') === 'JSON.stringify';
    }

    /**
     * The code is sent on for an exchange: to the backend (fetch, an HTTP client), to the opener
     * (`postMessage`), or to a function of the app. A package's own call (an SDK that completes
     * the login itself) is that package's business.
     */
    function sendsCodeOn(read: RedirectRead): boolean {
      return callsTaking(read.node).some((call) => {
        const callee = skipWrappers(call.callee);
        let root: TSESTree.Node = callee;
        while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
        if (root.type === AST_NODE_TYPES.Identifier && LOGGING_ROOTS.has(root.name)) return false;
        const origin = calleeOrigin(sourceCode, call);
        if (!origin || origin.module === GLOBAL_MODULE) return !/Storage|setState|useState/.test(sourceCode.getText(callee));
        return origin.module.startsWith('.') || origin.module.startsWith('/') || HTTP_CLIENT_MODULES.has(origin.module);
      });
    }

    function checkRedirectReads(): void {
      const reads = redirectReads(sourceCode);
      if (reads.length === 0) return;
      let codeReads: boolean | undefined;
      const codeReadsCount = (): boolean =>
        (codeReads ??=
          facts.mentions(OAUTH_CONTEXT) &&
          !facts.mentions(ONE_TIME_CODE_CONTEXT) &&
          // An exchange in this module is judged at the exchange (stateNotCompared).
          !tokenRequests(sourceCode).some((request) => request.grantType === 'authorization_code'));
      // One finding per callback: the first read in a function stands for the others.
      const done = new Set<TSESTree.Node | undefined>();
      for (const read of reads) {
        if (done.has(read.fn)) continue;
        if (read.param === 'code' && (!codeReadsCount() || !sendsCodeOn(read))) continue;
        if (handsBackState(sourceCode, read.fn)) continue;
        const at = uncheckedAt(sourceCode, read, (scope) => checksState(sourceCode, scope));
        done.add(read.fn);
        for (const node of at) report(node, 'redirectReadWithoutState', { what: PARAM_LABEL[read.param] });
      }
    }

    return {
      ...(oauthHere && facts.mentions(/validateAuthResponse/) ? { CallExpression: checkValidateAuthResponse } : {}),
      'Program:exit'() {
        if (exchangeElsewhere) {
          for (const call of facts.nodesOfType(AST_NODE_TYPES.CallExpression)) {
            if (call.arguments.length > 0 && handsCodeToUncheckedExchange(sourceCode, call)) report(call, 'stateNotCompared');
          }
        }
        if (!oauthHere) return;
        for (const request of authorizationRequests(sourceCode)) checkAuthorizationRequest(request);
        for (const request of tokenRequests(sourceCode)) checkExchange(request);
        checkRedirectReads();
      },
    };
  },
});
