import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { enclosingFunctionOrProgram } from '../src/analysis/ast';
import { authorizationRequests, requestParam, writtenChecks, type AuthorizationRequest } from '../src/analysis/authorization';
import { fileFacts } from '../src/analysis/file-facts';
import {
  claimComparedByHand,
  claimStatus,
  isFromTokenResponse,
  jwtFacts,
  tokenOf,
  type JwtFacts,
  type JwtOperation,
} from '../src/analysis/jwt';
import { calleeOrigin, lookup, matchesPattern } from '../src/analysis/modules';
import { comparesNonce, redirectReads, uncheckedAt } from '../src/analysis/redirect-reads';
import { definitionOf, getProperty, stringValue } from '../src/analysis/values';
import { ID_TOKEN_EXCHANGES, ID_TOKEN_MODULES, VALIDATE_ID_TOKEN, type IdTokenExchangeSpec } from '../src/knowledge/jwt';
import { AUTHORIZATION_CLIENT_MODULES } from '../src/knowledge/oauth-libraries';

export type Options = [];
export type MessageIds = 'missingNonceCheck' | 'providerChecksWithoutNonce' | 'redirectIdTokenWithoutNonce';

type Node = TSESTree.Node;
type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** next-auth / Auth.js built-in providers that are OpenID Connect providers (they receive an ID token). */
const OIDC_PROVIDER =
  /\/(?:google|okta|auth0|azure-ad|azure-ad-b2c|microsoft-entra-id|keycloak|cognito|apple|onelogin|zitadel|authentik|fusionauth|identity-server4|duende-identity-server6|salesforce|gitlab|line|yandex|descope|kinde|logto|passage|ping-id|asgardeo|boxyhq-saml|workos|wikimedia|osso|united-effects|beyondidentity|frontegg|hubspot|mattermost|nextcloud|oidc)$/;

const GATE_MODULES = [...ID_TOKEN_MODULES, ...AUTHORIZATION_CLIENT_MODULES];

export default createRule<Options, MessageIds>({
  name: 'require-nonce-check',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the `nonce` claim of ID tokens to be compared with the nonce sent in the authorization request',
      recommended: 'error',
      check: 2,
    },
    messages: {
      missingNonceCheck:
        'This ID token is validated without comparing its `nonce` claim to the nonce sent with the authorization request, so a stolen or replayed ID token is accepted (OIDC Core 3.1.3.7). Pass the stored nonce ({{how}}) or compare `claims.nonce` with it.',
      redirectIdTokenWithoutNonce:
        'This ID token is taken out of the redirect URL (implicit or hybrid flow) without comparing its `nonce` claim to the nonce sent with the request, so an ID token replayed or injected into the redirect is accepted (OIDC Core 3.2.2.11). Send a fresh nonce, keep it, and compare it with the claim of the verified token.',
      providerChecksWithoutNonce:
        "These `checks` hold neither 'nonce' nor 'pkce', so nothing binds the ID token to this login and a replayed one is accepted. Add 'pkce' (and 'state'), or 'nonce'.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    if (!facts.importsAny(GATE_MODULES) && !facts.mentions(/\bnonce\b|id_?token|\bchecks\s*:/i)) return {};

    let context_: { requests: readonly AuthorizationRequest[]; sendsNonce: boolean; showsPkce: boolean } | undefined;
    /** What the module's flow shows: authorization requests, a nonce sent, PKCE used. */
    function flow(): NonNullable<typeof context_> {
      if (context_) return context_;
      const requests = authorizationRequests(sourceCode);
      const sendsNonce = requests.some(
        (request) => request.knowledge?.nonce.mode !== 'builtin' && requestParam(request, 'nonce').state === 'present',
      );
      const showsPkce =
        requests.some(
          (request) => requestParam(request, 'code_challenge').state === 'present' || request.knowledge?.pkce.mode === 'builtin',
        ) || facts.mentions(/code_?verifier|pkceCodeVerifier|code_?challenge/i);
      context_ = { requests, sendsNonce, showsPkce };
      return context_;
    }

    /** The nonce is what binds the ID token to this login: sent by the module, or the only defence (no PKCE). */
    function nonceNeeded(): boolean {
      const { sendsNonce, showsPkce } = flow();
      return sendsNonce || !showsPkce;
    }

    function report(node: Node, how: string): void {
      context.report({ node, messageId: 'missingNonceCheck', data: { how } });
    }

    function checkExchange(call: CallLike, spec: IdTokenExchangeSpec, jwt: JwtFacts): void {
      const arg = call.arguments[spec.checksArg];
      if (arg?.type === AST_NODE_TYPES.SpreadElement) return;
      if (spec.nonceProperty) {
        if (arg) {
          const nonce = getProperty(sourceCode, arg, spec.nonceProperty);
          if (nonce.status !== 'absent') return;
        }
      } else if (arg) {
        return;
      }
      // A hand comparison after the exchange (`tokens.claims().nonce !== expected`) counts too.
      if (claimComparedByHand(jwt, { scope: enclosingFunctionOrProgram(call) }, 'nonce')) return;
      // oauth4webapi is also used for plain OAuth 2.0: only a nonce the module sends makes it OIDC.
      if (!spec.oidc && !flow().sendsNonce) return;
      if (!nonceNeeded()) return;
      report(call, `\`${spec.nonceProperty ?? 'expectedNonce'}\``);
    }

    function checkOperation(op: JwtOperation, jwt: JwtFacts): void {
      if (op.inner) return;
      if (op.kind === 'verify') {
        const info = tokenOf(sourceCode, op.token);
        const isIdToken = op.spec.idToken === true || info?.kind === 'id';
        if (!isIdToken || info?.fromRequest) return;
        // Out of scope: an ID token received from elsewhere, in a module that shows no OIDC flow.
        if (flow().requests.length === 0 && !isFromTokenResponse(sourceCode, op.token)) return;
        if (claimStatus(sourceCode, jwt, op, 'nonce') !== 'missing') return;
        if (!nonceNeeded()) return;
        report(op.node, op.spec.nonce ? '`nonce` option' : 'compare `payload.nonce`');
        return;
      }
      if (op.kind === 'decode') {
        // A hand-rolled validation: the ID token is decoded and some claims are compared, but not the nonce.
        const info = tokenOf(sourceCode, op.token);
        if (info?.kind !== 'id' || info.fromRequest) return;
        const fromResponse = isFromTokenResponse(sourceCode, op.token);
        if (flow().requests.length === 0 && !fromResponse) return;
        // Claims read from a decode are trusted; when the module sent a nonce, it must be compared.
        const validated = claimComparedByHand(jwt, op, 'iss') || claimComparedByHand(jwt, op, 'aud');
        // A decode that validates nothing and reads a token not just received from a response — a
        // stored session's ID token, one handed in from a grant that sends no nonce (token
        // exchange, passwordless, passkey) — only reads claims: there is no login to bind it to.
        if (!validated && !fromResponse) return;
        if ((!validated && !flow().sendsNonce) || claimComparedByHand(jwt, op, 'nonce')) return;
        if (!nonceNeeded()) return;
        report(op.node, 'compare `payload.nonce`');
      }
    }

    function checkProvider(request: AuthorizationRequest): void {
      const values = writtenChecks(sourceCode, request);
      if (!values || request.checks?.status !== 'present' || !isOidcProvider(request)) return;
      if (values.includes('nonce') || values.includes('pkce')) return;
      context.report({ node: definitionOf(sourceCode, request.checks.value), messageId: 'providerChecksWithoutNonce' });
    }

    function isOidcProvider(request: AuthorizationRequest): boolean {
      const options = request.options;
      const type = getProperty(sourceCode, options, 'type');
      if (type.status === 'present') {
        const value = stringValue(sourceCode, type.value);
        if (value === 'oidc') return true;
        if (value === 'oauth') {
          // An OAuth provider that asks for `openid` (or reads an ID token) runs OIDC.
          const scope = requestParam(request, 'scope');
          if (scope.state === 'present' && scope.value !== undefined && scope.value.split(/\s+/).includes('openid')) return true;
          return (
            getProperty(sourceCode, options, 'idToken').status === 'present' ||
            getProperty(sourceCode, options, 'wellKnown').status === 'present'
          );
        }
      }
      // The provider factory call: `Okta({ … })` (the request node is its options object).
      const call = request.node.type === AST_NODE_TYPES.ObjectExpression ? request.node.parent : request.node;
      if (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) {
        const origin = calleeOrigin(sourceCode, call);
        return origin !== undefined && OIDC_PROVIDER.test(origin.module);
      }
      return false;
    }

    return {
      'Program:exit'() {
        const jwt = jwtFacts(sourceCode);
        for (const op of jwt.operations) checkOperation(op, jwt);
        for (const request of flow().requests) checkProvider(request);
        // The implicit and hybrid flows: an ID token read from the redirect URL needs its nonce compared there.
        const done = new Set<Node | undefined>();
        for (const read of redirectReads(sourceCode)) {
          if (read.param !== 'id_token' || done.has(read.fn)) continue;
          done.add(read.fn);
          for (const node of uncheckedAt(sourceCode, read, (scope) => comparesNonce(sourceCode, scope)))
            context.report({ node, messageId: 'redirectIdTokenWithoutNonce' });
        }
      },
      CallExpression(node) {
        const origin = calleeOrigin(sourceCode, node);
        if (!origin) return;
        const spec = lookup(origin, ID_TOKEN_EXCHANGES);
        if (spec) {
          checkExchange(node, spec, jwtFacts(sourceCode));
          return;
        }
        if (VALIDATE_ID_TOKEN.some((pattern) => matchesPattern(origin, pattern))) {
          // openid-client v5 `client.validateIdToken(tokenSet, nonce)`
          const nonce = node.arguments[1];
          if (nonce && !(nonce.type === AST_NODE_TYPES.Identifier && nonce.name === 'undefined')) return;
          if (!nonceNeeded()) return;
          report(node, 'second argument');
        }
      },
    };
  },
});
