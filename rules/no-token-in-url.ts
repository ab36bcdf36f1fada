import { createRule } from '../src/create-rule';
import { mayHaveUrlTokens, urlTokenFindings, type UrlToken, type UrlTokenPlace } from '../src/analysis/url-tokens';

export type Options = [];
export type MessageIds = 'tokenInQuery' | 'tokenInPath' | 'tokenFromQuery' | 'tokenFromPath' | 'clientSecretInQuery';

const MESSAGE: Record<UrlTokenPlace, MessageIds> = {
  query: 'tokenInQuery',
  path: 'tokenInPath',
  read: 'tokenFromQuery',
  'read-path': 'tokenFromPath',
};

const KIND_LABEL: Record<UrlToken, string> = {
  access: 'access token',
  id: 'ID token',
  refresh: 'refresh token',
  'unknown-jwt': 'token',
  issued: 'a token the app signed (a bearer credential)',
  'client-secret': 'the client secret',
};

export default createRule<Options, MessageIds>({
  name: 'no-token-in-url',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow access, ID, refresh and session tokens in URL query strings and paths',
      recommended: 'error',
      check: 7,
    },
    messages: {
      tokenInQuery:
        'This puts {{kind}} in a URL query string, where server and proxy logs, browser history and Referer headers leak it (RFC 6750 §5.3, RFC 9700 §4.3.2). Send it in the Authorization header (or a POST body), never in the URL.',
      tokenInPath:
        'This puts {{kind}} in a URL path, where server and proxy logs, browser history and Referer headers leak it (RFC 6750 §5.3, RFC 9700 §4.3.2). Send it in the Authorization header (or a POST body), never in the URL.',
      clientSecretInQuery:
        'This puts the client secret in a URL query string, where server and proxy logs leak it; OAuth forbids client credentials in the request URI (RFC 6749 §2.3.1). Send it in the Authorization header (HTTP Basic) or the POST body.',
      tokenFromQuery:
        'This reads {{kind}} from the URL query string, so clients must put the token in URLs, where logs, history and Referer headers leak it (RFC 6750 §2.3, §5.3). Accept bearer tokens only from the Authorization header.',
      tokenFromPath:
        'This reads {{kind}} from a URL path segment, so clients must put the token in URLs, where logs, history and Referer headers leak it (RFC 6750 §5.3). Accept bearer tokens only from the Authorization header.',
    },
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => mayHaveUrlTokens(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const { node, place, token } of urlTokenFindings(sourceCode))
          context.report({
            node,
            messageId: token === 'client-secret' ? 'clientSecretInQuery' : MESSAGE[place],
            data: { kind: KIND_LABEL[token] },
          });
      },
    };
  },
});
