import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { reportOnce } from '../src/report-once';
import type { RedirectParam } from '../src/analysis/redirect-reads';
import { stateCheckFindings, stateChecksApply, type StateFindingKind } from '../src/analysis/state-checks';

export type Options = [{ allowPkceInsteadOfState?: boolean }];
/** One message per kind of finding the engine returns. */
export type MessageIds = StateFindingKind;

const PARAM_LABEL: Readonly<Record<RedirectParam, string>> = {
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
      constantState:
        'This authorization request sends the same `state` on every login, so it does not bind the callback to the browser that started it: an attacker can send a victim a callback with their own code or token (login CSRF, RFC 6749 §10.12). Send a fresh random state per request, keep it, and compare it in the callback.',
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
  applies: (sourceCode) => stateChecksApply(sourceCode),
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const report = reportOnce(context);
    return {
      'Program:exit'() {
        const findings = stateCheckFindings(sourceCode, { allowPkceInsteadOfState: options.allowPkceInsteadOfState === true });
        for (const finding of findings)
          report(finding.node, finding.kind, finding.param ? { what: PARAM_LABEL[finding.param] } : finding.data);
      },
    } satisfies TSESLint.RuleListener;
  },
});
