import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { reportOnce } from '../src/report-once';
import { authorizationRequests, isCodeFlow, requestParam, writtenChecks, type AuthorizationRequest } from '../src/analysis/authorization';
import { callbackOf } from '../src/analysis/callbacks';
import { fileFacts } from '../src/analysis/file-facts';
import { calleeOrigin, matchesPattern, originOf } from '../src/analysis/modules';
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
  'missingState' | 'stateNotCompared' | 'stateCheckSkipped' | 'stateOptionOff' | 'checksWithoutState' | 'expectsNoState';

// Words of OAuth client code; files without any (and without the libraries) are skipped cheaply.
const HINT =
  /authoriz|oauth|openid|oidc|grant_?type|response_?type|client_?id|redirect_?uri|code_?verifier|generateAuthUrl|getAuthCodeUrl|validateAuthResponse|callbackParams|acquireTokenByCode|next-auth|@auth\/|passport/i;

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
    if (!facts.importsAny(AUTHORIZATION_CLIENT_MODULES) && !facts.mentions(HINT)) return {};
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
      report(request.node, 'stateNotCompared');
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

    return {
      ...(facts.mentions(/validateAuthResponse/) ? { CallExpression: checkValidateAuthResponse } : {}),
      'Program:exit'() {
        for (const request of authorizationRequests(sourceCode)) checkAuthorizationRequest(request);
        for (const request of tokenRequests(sourceCode)) checkExchange(request);
      },
    };
  },
});
