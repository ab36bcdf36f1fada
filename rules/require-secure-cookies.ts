import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule';
import { addCallOptions } from '../src/fixes';
import {
  cookieFindingsAt,
  mayWriteCookies,
  optionsCallOf,
  type CookieContent,
  type CookieFinding,
  type CookieFlag,
  type CookieWrite,
} from '../src/analysis/cookies';

export type Options = [];
export type MessageIds =
  'missingFlags' | 'insecureFlag' | 'sameSiteNoneWithoutSecure' | 'tokenInScriptCookie' | 'addFlags' | 'useSafeValue';

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

function cookieLabel(write: CookieWrite): string {
  if (write.isSessionCookie) return write.nameText ? `The session cookie '${write.nameText}'` : 'The session cookie';
  return write.nameText ? `Cookie '${write.nameText}'` : 'This cookie';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
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
  applies: (sourceCode) => mayWriteCookies(sourceCode),
  create(context) {
    const sourceCode = context.sourceCode;
    const filename = context.filename;
    // A session config object is read where it is written and again where it is passed on: one finding.
    const reportedValues = new Set<TSESTree.Node>();
    const reportedWrites = new Set<TSESTree.Node>();

    function report(finding: CookieFinding): void {
      const cookie = cookieLabel(finding.write);
      const content = CONTENT_LABEL[finding.content];
      if (finding.kind === 'script-written') {
        context.report({ node: finding.write.node, messageId: 'tokenInScriptCookie', data: { content, cookie: lowerFirst(cookie) } });
      } else if (finding.kind === 'wrong-flag') {
        if (reportedValues.has(finding.node)) return;
        reportedValues.add(finding.node);
        // A literal written in the options can be swapped for the safe value; a Set-Cookie string cannot.
        const safe = finding.flag === 'sameSite' ? "'lax'" : 'true';
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] =
          finding.node.type === AST_NODE_TYPES.Literal
            ? [{ messageId: 'useSafeValue', data: { value: safe }, fix: (fixer) => fixer.replaceText(finding.node, safe) }]
            : [];
        if (finding.sameSiteNone)
          context.report({ node: finding.node, messageId: 'sameSiteNoneWithoutSecure', data: { cookie, content }, suggest });
        else
          context.report({
            node: finding.node,
            messageId: 'insecureFlag',
            data: { text: finding.text, cookie: lowerFirst(cookie), content },
            suggest,
          });
      } else {
        const { write, missing } = finding;
        // A cookie string a helper builds for several callers is reported once, where it is written.
        if (reportedWrites.has(write.node)) return;
        reportedWrites.add(write.node);
        const call = optionsCallOf(write);
        const fix = call && addCallOptions(sourceCode, call, write.options, write.value, missing.map((flag) => FLAG_FIX[flag]).join(', '));
        const codeFlags = listWords(missing.map((flag) => `\`${FLAG_FIX[flag]}\``));
        const headerFlags = listWords(missing.map((flag) => (flag === 'sameSite' ? 'SameSite=Lax' : FLAG_LABEL[flag])));
        context.report({
          node: write.node,
          suggest: fix ? [{ messageId: 'addFlags', data: { fix: codeFlags }, fix }] : [],
          messageId: 'missingFlags',
          data: {
            cookie,
            content,
            flags: listWords(missing.map((flag) => FLAG_LABEL[flag])),
            fix: write.api === 'set-cookie-header' || write.api === 'document-cookie' ? headerFlags : codeFlags,
          },
        });
      }
    }

    function visit(node: TSESTree.Node): void {
      for (const finding of cookieFindingsAt(sourceCode, node, filename)) report(finding);
    }

    return {
      CallExpression: visit,
      NewExpression: visit,
      'AssignmentExpression[left.type="MemberExpression"]': visit,
      Property: visit,
    };
  },
});
