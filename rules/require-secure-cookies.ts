import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { cookieCarries, cookieWritesOf, type CookieContent, type CookieFlag, type CookieWrite } from '../src/analysis/cookies';
import { fileFacts } from '../src/analysis/file-facts';
import { COOKIE_CALLS } from '../src/knowledge/cookies';

export type Options = [];
export type MessageIds = 'missingFlags' | 'insecureFlag' | 'sameSiteNoneWithoutSecure' | 'tokenInScriptCookie';

// Cheap text gate: a file that never says "cookie" sets none (Set-Cookie, res.cookie, setCookie, cookies.set, session middleware).
const GATE = /cookie|session/i;
const COOKIE_MODULES = [...new Set([...COOKIE_CALLS.keys()].map((pattern) => pattern.split('#')[0]))];

const FLAG_LABEL: Readonly<Record<CookieFlag, string>> = { secure: 'Secure', httpOnly: 'HttpOnly', sameSite: 'SameSite' };
const FLAG_FIX: Readonly<Record<CookieFlag, string>> = { secure: 'secure: true', httpOnly: 'httpOnly: true', sameSite: "sameSite: 'lax'" };
const CONTENT_LABEL: Readonly<Record<CookieContent, string>> = {
  session: 'a session',
  token: 'a token',
  oauth: 'OAuth login state (state, nonce or PKCE verifier)',
};

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export default createRule<Options, MessageIds>({
  name: 'require-secure-cookies',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require Secure, HttpOnly and SameSite on cookies that carry a session, a token or OAuth login state',
      recommended: 'error',
      check: 7,
    },
    messages: {
      missingFlags:
        '{{cookie}} carries {{content}} but is set without {{flags}}. Without them it can travel over plain HTTP, be read by page scripts or ride along on cross-site requests. Set {{fix}}.',
      insecureFlag:
        '`{{text}}` switches off a protection of {{cookie}}, which carries {{content}}: it can then travel over plain HTTP or be read by page scripts. Set it to true (or leave the library default).',
      sameSiteNoneWithoutSecure:
        '{{cookie}} carries {{content}} with SameSite=None but without Secure; browsers reject such cookies or send them on cross-site requests over plain HTTP. Use SameSite=Lax or Strict, or add Secure.',
      tokenInScriptCookie:
        'A page script writes {{content}} into {{cookie}}; a cookie set from JavaScript can never be HttpOnly, so any script on the page can read it. Set the cookie from the server with HttpOnly, Secure and SameSite, or keep the token in memory.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    if (!facts.importsAny(COOKIE_MODULES) && !facts.mentions(GATE)) return {};
    const filename = context.filename;

    function cookieLabel(write: CookieWrite): string {
      if (write.isSessionCookie) return write.nameText ? `The session cookie '${write.nameText}'` : 'The session cookie';
      return write.nameText ? `Cookie '${write.nameText}'` : 'This cookie';
    }

    function check(write: CookieWrite): void {
      if (write.clearing) return;
      const content = cookieCarries(sourceCode, write);
      if (!content) return;
      const cookie = cookieLabel(write);
      if (write.scriptWritten) {
        // Only credentials matter here: a script may keep its own OAuth state in a cookie.
        if (content !== 'oauth') context.report({ node: write.node, messageId: 'tokenInScriptCookie', data: { content: CONTENT_LABEL[content], cookie: cookie.charAt(0).toLowerCase() + cookie.slice(1) } });
        return;
      }
      const flags = write.flags;
      // One finding per cookie write: the first wrong value if there is one, else the missing flags at the call.
      for (const flag of ['secure', 'httpOnly', 'sameSite'] as const) {
        const status = flags[flag];
        if (status.status !== 'wrong') continue;
        const lowered = cookie.charAt(0).toLowerCase() + cookie.slice(1);
        if (flag === 'sameSite' && /none/i.test(status.text)) {
          context.report({ node: status.node, messageId: 'sameSiteNoneWithoutSecure', data: { cookie, content: CONTENT_LABEL[content] } });
        } else {
          context.report({ node: status.node, messageId: 'insecureFlag', data: { text: status.text, cookie: lowered, content: CONTENT_LABEL[content] } });
        }
        return;
      }
      const missing = (['secure', 'httpOnly', 'sameSite'] as const).filter((flag) => flags[flag].status === 'missing');
      if (missing.length === 0) return;
      context.report({
        node: write.node,
        messageId: 'missingFlags',
        data: {
          cookie,
          content: CONTENT_LABEL[content],
          flags: listWords(missing.map((flag) => FLAG_LABEL[flag])),
          fix: write.api === 'set-cookie-header' || write.api === 'document-cookie' ? listWords(missing.map((flag) => (flag === 'sameSite' ? 'SameSite=Lax' : FLAG_LABEL[flag]))) : listWords(missing.map((flag) => `\`${FLAG_FIX[flag]}\``)),
        },
      });
    }

    function visit(node: TSESTree.Node): void {
      for (const write of cookieWritesOf(sourceCode, node, filename)) check(write);
    }

    return {
      CallExpression: visit,
      NewExpression: visit,
      'AssignmentExpression[left.type="MemberExpression"]': visit,
      Property: visit,
    };
  },
});
