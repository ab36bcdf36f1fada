import { createRule } from '../src/create-rule';
import { redirectValidationApplies, redirectValidationFindings, type RedirectFindingKind } from '../src/analysis/redirect-validation';

export type Options = [];
export type MessageIds = RedirectFindingKind;

export default createRule<Options, MessageIds>({
  name: 'require-exact-redirect-uri',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require redirect URIs and post-login return targets to be checked by exact comparison with registered values',
      recommended: 'error',
      check: 6,
    },
    messages: {
      looseCheck:
        'This {{how}} check ({{method}}) accepts look-alike URLs such as `https://app.example.com.evil.io` or `https://evil.io/?https://app.example.com`, so an attacker can send the code or the user elsewhere. Compare the full URI with === against registered values (a Set or array of exact URIs).',
      hostOnly:
        'Comparing only the host ({{method}}) accepts any path, port and scheme on that host (an open redirect or a mix-up on a shared host). Compare the full URI with === against the registered redirect URIs.',
      originOnly:
        "Comparing only the origin of a client's redirect_uri accepts any path on that origin, which lets an attacker capture the code through an open redirect there (RFC 9700 §4.1). Compare the full URI with === against the client's registered redirect URIs.",
      relativeIncomplete:
        "A `startsWith('/')`-style check also accepts `//evil.example` and `/\\evil.example`, which browsers open as another host. Also refuse a leading `//` and `/\\`, or parse with `new URL(target, base)` and compare its origin with ===.",
      unregisteredRedirectUri:
        "This accepts the client's requested `{{name}}` without comparing it to the redirect URIs registered for the client, so an attacker can have the authorization code sent to a site of theirs (RFC 6749 §10.6, RFC 9700 §4.1). Compare it with === against the client's registered redirect URIs and refuse anything else.",
      wildcardRegistration:
        'A wildcard in a registered redirect URI cannot be matched exactly: any URI it covers (another subdomain, another path with an open redirect) can receive the authorization code (RFC 9700 §4.1). Register each full redirect URI.',
      httpRegistration:
        'This registered redirect URI uses plain http: on a host other than the loopback, so the authorization code travels unencrypted and can be intercepted (RFC 9700 §4.1; RFC 8252 §7.3 allows http only for 127.0.0.1, [::1] or localhost). Register an https: URI.',
      unvalidated:
        'This redirects to `{{name}}` taken from the request without checking it: an open redirect that phishing and token theft rely on. Allow only relative paths (refusing `//` and `/\\`) or exact URIs from an allow-list.',
    },
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => redirectValidationApplies(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const finding of redirectValidationFindings(sourceCode))
          context.report({ node: finding.node, messageId: finding.kind, data: finding.data });
      },
    };
  },
});
