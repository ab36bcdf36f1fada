import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import globals from 'globals';
import { linesLookMinified, looksMinified } from '../../src/analysis/minified';
import plugin from '../../src/index';

/** Minifier-shaped code: statements packed on one line, no indentation. */
const packed = (units: number): string =>
  Array.from(
    { length: units },
    (_, i) => `function f${i}(e,t){if(!e)return t;var n=e.split(".");for(var r=0;r<n.length;r++){t=t[n[r]]}return{value:t,index:${i}}}`,
  ).join(';');

/** Hand-written code around it, indented, with short lines. */
const handWritten = Array.from({ length: 60 }, (_, i) => `export function step${i}(input) {\n  return input + ${i};\n}\n`).join('\n');

describe('looksMinified', () => {
  it('is true for packed code on long lines (one line, or a few with a license header)', () => {
    expect(looksMinified(packed(200))).toBe(true);
    expect(looksMinified(`/*! lib v1.2.3 | MIT */\n${packed(100)}\n${packed(100)}\n//# sourceMappingURL=lib.min.js.map\n`)).toBe(true);
    // Packed code with message strings in it has a little more whitespace (ajv.min.js: 5.4%).
    const withMessages = Array.from(
      { length: 150 },
      (_, i) =>
        `function g${i}(e,t){if(!e)throw new Error("should be an object");var n=e.split(".");for(var r=0;r<n.length;r++){t=t[n[r]]}return t}`,
    ).join(';');
    expect(looksMinified(withMessages)).toBe(true);
  });

  it('is false for hand-written code, even with a long line of data, a template or a base64 string in it', () => {
    expect(looksMinified(handWritten)).toBe(false);
    const svgPath = `M${Array.from({ length: 900 }, (_, i) => `${i} ${i + 1}`).join(' L')}`;
    expect(looksMinified(`<template>\n  <svg><path d="${svgPath}"/></svg>\n</template>\n<script setup>\nconst a = 1;\n</script>\n`)).toBe(
      false,
    );
    expect(looksMinified(`export const logo = 'data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAA'.repeat(400)}';\n`)).toBe(false);
    const table = `export const codes = [${Array.from({ length: 800 }, (_, i) => `'c${i}'`).join(',')}];\n`;
    expect(looksMinified(`${table}${handWritten}`)).toBe(false);
  });

  it('is false for short files and for long files whose long lines are a minority', () => {
    expect(looksMinified(packed(20))).toBe(false);
    expect(looksMinified(`${packed(40)}\n${handWritten.repeat(4)}`)).toBe(false);
  });

  it('answers the same from the lines ESLint splits (the rules read those)', () => {
    const samples = [packed(200), packed(20), handWritten, `${packed(40)}\n${handWritten.repeat(4)}`, `/*! x */\r\n${packed(100)}\r\n`];
    for (const text of samples) expect(linesLookMinified(text.split(/\r\n|[\r\n\u2028\u2029]/), text.length)).toBe(looksMinified(text));
  });
});

describe('the rules on minified files', () => {
  const bundle = `/*! app bundle */\n${packed(60)};function s(e){localStorage.setItem("access_token",e.access_token)}${packed(60)}\n`;
  const lint = (settings?: Record<string, unknown>) =>
    new Linter({ configType: 'flat' }).verify(
      bundle,
      [
        {
          files: ['**/*.js'],
          languageOptions: { ecmaVersion: 'latest', sourceType: 'script', globals: { ...globals.browser } },
          plugins: { oauth: plugin as never },
          rules: { 'oauth/no-token-in-web-storage': 'error' },
          ...(settings ? { settings } : {}),
        },
      ],
      'public/app.js',
    );

  it('skips them by default, and lints them with settings.oauth.lintMinifiedFiles', () => {
    expect(looksMinified(bundle)).toBe(true);
    expect(lint()).toEqual([]);
    expect(lint({ oauth: { lintMinifiedFiles: false } })).toEqual([]);
    const messages = lint({ oauth: { lintMinifiedFiles: true } });
    expect(messages.map((message) => `${message.ruleId}:${message.messageId}@${message.line}`)).toEqual([
      'oauth/no-token-in-web-storage:tokenInStorage@2',
    ]);
  });
});
