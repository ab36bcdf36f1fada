/**
 * Location of a snippet in a test case's code, as ESLint reports it (1-based lines and
 * columns, end exclusive), so invalid cases can state where a report lands by naming the
 * code it must cover: `{ messageId, ...at(code, 'Math.random()') }`.
 */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The `nth` (0-based) occurrence of `snippet` in `code`. Throws when there is none. */
export function at(code: string, snippet: string, nth = 0): Location {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = code.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`snippet not found (occurrence ${i}): ${snippet}`);
  }
  const position = (offset: number) => {
    const before = code.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const start = position(index);
  const end = position(index + snippet.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
