/**
 * Messages as an editor shows them. VS Code's hover shows the whole message, but the first
 * sentence is what people read: it must end with a period and name the problem on its own
 * (not open with the fix), and its placeholders must be well formed so nothing like
 * `{{what}}` or a stray brace reaches the user. Suggestion titles (a code action's label)
 * are the one-sentence imperatives: "Use …", "Add …".
 *
 * The second suite renders real findings: every rule over the fixtures, through ESLint,
 * with no placeholder left unresolved in any message.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { rules } from '../../rules/index';
import { ROOT } from './support';

/** Verbs a fix starts with: a suggestion title may start with one, a problem message may not. */
const IMPERATIVE =
  /^(?:Use|Add|Set|Remove|Keep|Pass|Replace|Send|Compare|Switch|Declare|Register|Allow|Accept|Verify|Load|Do|Make|Generate|Request|Leave|Move|Store)\b/;

/** Replaces `{{name}}` with a word, so sentence rules see the message as it reads. */
const rendered = (message: string): string => message.replace(/\{\{\s*\w+\s*\}\}/g, 'X');

/**
 * The first sentence: up to the first `.`, `!` or `?` followed by a space or the end, outside
 * backticks, parentheses and quotes, and not the dot of "e.g."/"i.e.". Undefined when the
 * message has no sentence end at all.
 */
export function firstSentence(message: string): string | undefined {
  let depth = 0;
  let code = false;
  let quote: string | undefined;
  for (let i = 0; i < message.length; i++) {
    const char = message[i];
    if (char === '`') code = !code;
    if (code) continue;
    if (quote) {
      if (char === quote) quote = undefined;
      continue;
    }
    // A straight quote opens a quoted value only at a word start: `client's` is an apostrophe.
    if ((char === "'" || char === '"') && (i === 0 || /[\s(]/.test(message[i - 1]))) {
      quote = char;
      continue;
    }
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (depth > 0 || !/[.!?]/.test(char)) continue;
    if (i + 1 < message.length && message[i + 1] !== ' ') continue;
    if (/\b(?:e\.g|i\.e|vs)$/.test(message.slice(0, i))) continue;
    return message.slice(0, i + 1);
  }
  return undefined;
}

describe('firstSentence', () => {
  it('stops at the first sentence end outside code, parentheses and quotes', () => {
    expect(firstSentence('The `a.b` call (see RFC 1. 2) fails. Fix it.')).toBe('The `a.b` call (see RFC 1. 2) fails.');
    expect(firstSentence("Scope 'a. b' is broad. Ask less.")).toBe("Scope 'a. b' is broad.");
    expect(firstSentence("The client's secret leaks, e.g. in logs. Move it.")).toBe("The client's secret leaks, e.g. in logs.");
    expect(firstSentence('No sentence end')).toBeUndefined();
  });
});

const messages = Object.entries(rules).flatMap(([id, rule]) =>
  Object.entries(rule.meta.messages).map(([messageId, message]) => ({ id, messageId, message: message as string })),
);

describe.each(messages)('oauth/$id $messageId', ({ message }) => {
  it('has only well-formed placeholders', () => {
    expect(message.replace(/\{\{\s*\w+\s*\}\}/g, '')).not.toMatch(/[{}]{2}/);
  });

  it('has a first sentence that ends with a period and reads alone', () => {
    const sentence = firstSentence(rendered(message));
    expect(sentence, message).toBeDefined();
    expect(sentence!.endsWith('.'), sentence).toBe(true);
    // A hover line, not a paragraph: the first sentence names one problem.
    expect(sentence!.split(/\s+/).length, sentence).toBeGreaterThanOrEqual(3);
    expect(sentence!.length, sentence).toBeLessThanOrEqual(240);
  });

  it('names the problem first, or is a one-sentence suggestion title', () => {
    const text = rendered(message);
    const sentence = firstSentence(text)!;
    const oneSentence = sentence.length === text.length;
    if (IMPERATIVE.test(text)) expect(oneSentence, `a message that opens with the fix: ${text}`).toBe(true);
    else expect(oneSentence, `a problem message with no second sentence saying why or what to do: ${text}`).toBe(false);
  });
});

describe('messages of real findings', () => {
  it('resolve every placeholder and end their first sentence with a period', { timeout: 300_000 }, async () => {
    const eslint = new ESLint({
      cwd: `${ROOT}/fixtures`,
      overrideConfigFile: true,
      // Every rule, test code included: the fixtures hold an instance of each finding.
      overrideConfig: plugin.configs.all.map((config) => ({ ...config, ignores: [] })),
    });
    const results = await eslint.lintFiles(['.']);
    const seen = new Set<string>();
    for (const result of results) {
      for (const finding of result.messages) {
        expect(finding.ruleId, `${result.filePath}: ${finding.message}`).toMatch(/^oauth\//);
        seen.add(`${finding.ruleId}:${finding.messageId}`);
        expect(finding.message, finding.message).not.toMatch(/\{\{|\}\}|undefined/);
        expect(firstSentence(finding.message)?.endsWith('.'), finding.message).toBe(true);
      }
    }
    // Most message ids are exercised, so the rendered check covers them (suggestion titles are not findings).
    expect(seen.size).toBeGreaterThan(60);
  });
});
