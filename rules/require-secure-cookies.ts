import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { cookieCarries, cookieWritesOf, type CookieContent, type CookieFlag, type CookieWrite } from '../src/analysis/cookies';
import { fileFacts } from '../src/analysis/file-facts';
import { COOKIE_CALLS, OPTION_OBJECT_APIS } from '../src/knowledge/cookies';

export type Options = [];
export type MessageIds =
  'missingFlags' | 'insecureFlag' | 'sameSiteNoneWithoutSecure' | 'tokenInScriptCookie' | 'addFlags' | 'useSafeValue';

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
      addFlags: 'Add {{fix}} to the cookie options.',
      useSafeValue: 'Use `{{value}}` instead.',
      tokenInScriptCookie:
        'A page script writes {{content}} into {{cookie}}; a cookie set from JavaScript can never be HttpOnly, so any script on the page can read it. Set the cookie from the server with HttpOnly, Secure and SameSite, or keep the token in memory.',
    },
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const facts = fileFacts(sourceCode);
    if (!facts.importsAny(COOKIE_MODULES) && !facts.mentions(GATE)) return {};
    const filename = context.filename;

    const reportedValues = new Set<TSESTree.Node>();

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
        if (content !== 'oauth')
          context.report({
            node: write.node,
            messageId: 'tokenInScriptCookie',
            data: { content: CONTENT_LABEL[content], cookie: cookie.charAt(0).toLowerCase() + cookie.slice(1) },
          });
        return;
      }
      const flags = write.flags;
      // One finding per cookie write: the first wrong value if there is one, else the missing flags at the call.
      for (const flag of ['secure', 'httpOnly', 'sameSite'] as const) {
        const status = flags[flag];
        if (status.status !== 'wrong') continue;
        // A session config object is read where it is written and again where it is passed on: one finding.
        if (reportedValues.has(status.node)) return;
        reportedValues.add(status.node);
        const lowered = cookie.charAt(0).toLowerCase() + cookie.slice(1);
        // A literal written in the options can be swapped for the safe value; a Set-Cookie string cannot.
        const replaceable = status.node.type === AST_NODE_TYPES.Literal;
        const safe = flag === 'sameSite' ? "'lax'" : 'true';
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = replaceable
          ? [{ messageId: 'useSafeValue', data: { value: safe }, fix: (fixer) => fixer.replaceText(status.node, safe) }]
          : [];
        if (flag === 'sameSite' && /none/i.test(status.text)) {
          context.report({
            node: status.node,
            messageId: 'sameSiteNoneWithoutSecure',
            data: { cookie, content: CONTENT_LABEL[content] },
            suggest,
          });
        } else {
          context.report({
            node: status.node,
            messageId: 'insecureFlag',
            data: { text: status.text, cookie: lowered, content: CONTENT_LABEL[content] },
            suggest,
          });
        }
        return;
      }
      const missing = (['secure', 'httpOnly', 'sameSite'] as const).filter((flag) => flags[flag].status === 'missing');
      if (missing.length === 0) return;
      const addition = missing.map((flag) => FLAG_FIX[flag]).join(', ');
      const suggestFix = suggestAddFlags(write, addition);
      context.report({
        node: write.node,
        suggest: suggestFix
          ? [{ messageId: 'addFlags', data: { fix: listWords(missing.map((flag) => `\`${FLAG_FIX[flag]}\``)) }, fix: suggestFix }]
          : [],
        messageId: 'missingFlags',
        data: {
          cookie,
          content: CONTENT_LABEL[content],
          flags: listWords(missing.map((flag) => FLAG_LABEL[flag])),
          fix:
            write.api === 'set-cookie-header' || write.api === 'document-cookie'
              ? listWords(missing.map((flag) => (flag === 'sameSite' ? 'SameSite=Lax' : FLAG_LABEL[flag])))
              : listWords(missing.map((flag) => `\`${FLAG_FIX[flag]}\``)),
        },
      });
    }

    /** Adds the missing flags to an inline options object, or a new options argument after the value. */
    function suggestAddFlags(write: CookieWrite, addition: string): TSESLint.ReportFixFunction | undefined {
      if (!OPTION_OBJECT_APIS.has(write.api) || write.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const call = write.node;
      const options = write.options;
      if (options) {
        // Only an object literal written in the call itself: a shared const is changed where it is defined, by hand.
        if (options.type !== AST_NODE_TYPES.ObjectExpression || !call.arguments.includes(options as TSESTree.CallExpressionArgument))
          return undefined;
        const last = options.properties.at(-1);
        if (!last) return (fixer) => fixer.replaceText(options, `{ ${addition} }`);
        const after = sourceCode.getTokenAfter(last);
        const hasTrailingComma = after?.value === ',';
        return (fixer) =>
          fixer.insertTextAfter(hasTrailingComma && after ? after : last, hasTrailingComma ? ` ${addition},` : `, ${addition}`);
      }
      // `res.cookie(name, value)`: the value must be the last argument.
      const value = write.value;
      if (!value || call.arguments.at(-1) !== value) return undefined;
      return (fixer) => fixer.insertTextAfter(value, `, { ${addition} }`);
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
