/**
 * Minified code: build output (a vendored `jquery.min.js`, a bundle under `public/`) that
 * escaped the configs' build-folder ignores. A finding there is at column 40,000 of line 1
 * of code nobody edits — the fix belongs in the source it was built from — and such files
 * are the largest part of what the rules would read in a typical repository's vendored
 * code. So the rules skip them, as CodeQL skips `*.min.js` and Semgrep's editor
 * integration skips minified files; `settings.oauth.lintMinifiedFiles: true` lints them.
 *
 * Told apart from hand-written code with long lines (an SVG path in a template, a base64
 * string, a table of data on one line) by what the long lines hold: minified code is
 * statements packed without whitespace, so its long lines have many `;`, `{`, `}` and
 * almost no spaces, where data lines have few of those or many spaces.
 */
import type { TSESLint } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Files shorter than this are read whatever their shape: they cost little. */
const MIN_LENGTH = 4096;
/** A line this long is not written by hand as code. */
const LONG_LINE = 1000;
/** How much of the long lines' text is inspected (a sample keeps the check's cost bounded). */
const SAMPLE = 100_000;
/** Minified code has under 8% whitespace in its long lines (ajv.min.js: 5.4%, from its message strings; hand-written code has 15–30%). */
const MAX_WHITESPACE_SHARE = 0.08;
/** …and at least 5 statement or block delimiters per 1,000 characters (data lines have about none). */
const MIN_DELIMITERS_PER_1000 = 5;

const SPACE = 32;
const TAB = 9;
const SEMICOLON = 59;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** True when most of the text sits on long lines of packed code. Linear in the text's length. */
export function looksMinified(text: string): boolean {
  if (text.length < MIN_LENGTH) return false;
  const lines: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lines.push(text.slice(start, end));
    start = end + 1;
  }
  return linesLookMinified(lines, text.length);
}

/**
 * `looksMinified` over the text's lines (ESLint's SourceCode has them split already, so the
 * text is not read again: only long lines are, up to the sample).
 */
export function linesLookMinified(lines: readonly string[], length: number): boolean {
  if (length < MIN_LENGTH) return false;
  let longChars = 0;
  let sampled = 0;
  let whitespace = 0;
  let delimiters = 0;
  // Hand-written code is all short lines: the answer is no once they hold half the text.
  let shortChars = 0;
  for (const line of lines) {
    if (line.length <= LONG_LINE) {
      shortChars += line.length;
      if (shortChars * 2 >= length) return false;
      continue;
    }
    longChars += line.length;
    for (let i = 0; i < line.length && sampled < SAMPLE; i++, sampled++) {
      const code = line.charCodeAt(i);
      if (code === SPACE || code === TAB) whitespace++;
      else if (code === SEMICOLON || code === OPEN_BRACE || code === CLOSE_BRACE) delimiters++;
    }
  }
  if (longChars * 2 <= length || sampled === 0) return false;
  return whitespace < MAX_WHITESPACE_SHARE * sampled && delimiters * 1000 >= MIN_DELIMITERS_PER_1000 * sampled;
}

/** `looksMinified` of the file's text. The rule wrapper asks once per file for all rules (src/create-rule.ts). */
export function isMinifiedFile(sourceCode: SourceCode): boolean {
  return linesLookMinified(sourceCode.lines, sourceCode.text.length);
}
