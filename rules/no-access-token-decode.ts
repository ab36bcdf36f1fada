import { createRule } from '../src/create-rule';
import { isOnlyDisplayed } from '../src/analysis/display-only';
import { fileFacts } from '../src/analysis/file-facts';
import { isVerifiedElsewhere, jwtFacts, mayHaveJwtOperations, tokenOf, type JwtOperation } from '../src/analysis/jwt';
import { JWT_MODULES } from '../src/knowledge/jwt';

// Reads of an incoming request's header (not a client setting `config.headers.Authorization`).
const BEARER_READS =
  /\b(?:req|request|ctx|event)(?:\.request)?\.headers\??\.authorization\b|\.(?:get|header)\(\s*['"]authorization['"]\s*\)|fromAuthHeaderAsBearerToken/i;

export type Options = [];
export type MessageIds = 'accessTokenDecoded';

export default createRule<Options, MessageIds>({
  name: 'no-access-token-decode',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow OAuth clients reading claims out of access tokens',
      recommended: 'error',
    },
    messages: {
      accessTokenDecoded:
        "This client decodes an access token to read its claims. Access tokens are meant for the API, not the client: their format may change or become opaque, and a decoded claim has not been validated. Read the user from the ID token or the userinfo endpoint, and the expiry from the token response's `expires_in`.",
    },
    schema: [],
    defaultOptions: [],
  },
  applies: (sourceCode) => mayHaveJwtOperations(sourceCode, JWT_MODULES),
  create(context) {
    const sourceCode = context.sourceCode;

    /** An access token the code of `file` holds as a client: from a token response, an SDK or storage — not a bearer credential it received. */
    function isClientAccessToken(file: typeof sourceCode, op: JwtOperation): boolean {
      const info = tokenOf(file, op.token);
      if (info === undefined || info.kind !== 'access' || info.fromRequest) return false;
      // Known only by its name in a module that reads bearer tokens from requests: an API helper, not a client.
      return !(info.basis === 'name' && fileFacts(file).mentions(BEARER_READS));
    }

    return {
      'Program:exit'() {
        const facts = jwtFacts(sourceCode);
        for (const op of facts.operations) {
          if (op.kind !== 'decode') continue;
          const helper = op.innerSourceCode ?? sourceCode;
          if (op.inner && isClientAccessToken(helper, op.inner)) continue; // reported inside the helper
          if (!isClientAccessToken(sourceCode, op)) continue;
          if (isVerifiedElsewhere(sourceCode, facts, op) || (op.inner && isVerifiedElsewhere(helper, jwtFacts(helper), op.inner))) continue;
          // Claims only logged or shown are not trusted (rules.md, second round).
          if (isOnlyDisplayed(sourceCode, op.node)) continue;
          context.report({ node: op.node, messageId: 'accessTokenDecoded' });
        }
      },
    };
  },
});
