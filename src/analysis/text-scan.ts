/**
 * Text gates without a regex scan per gate. Every rule's first question is a regex over the
 * whole file ("does it mention oauth, client_id, localStorage…?"); with some thirty such
 * patterns, each an alternation of many words, the scans cost more than the rest of the
 * analysis on files that mention none of them — which is nearly every file.
 *
 * So each gate pattern is reduced to literals one of which any match must contain (every
 * spelling of an alternative that matches a few fixed strings, else a required part of it:
 * a spelling proves a match, a part only allows one), and one pass over the file's text
 * (an Aho–Corasick automaton over every gate's literals, case-folded) tells which literals
 * occur. A pattern none of whose literals occurs cannot match and is not run; otherwise the
 * pattern itself decides. The answer is always the pattern's own: the literals only skip
 * scans that cannot succeed.
 */

/** Literals shorter than this make a poor filter: such a pattern is always run. */
const MIN_LITERAL = 2;

/**
 * Lower-cased literals, one of which every match of `pattern` contains (in the case-folded
 * text), or undefined when the pattern has an alternative without a usable literal.
 * Patterns with the `u` or `v` flag are not reduced: their case folding can match ASCII
 * letters with non-ASCII characters (ſ, K), which the ASCII automaton does not see.
 */
export function requiredLiterals(pattern: RegExp): readonly string[] | undefined {
  return gateOf(pattern)?.literals.map((literal) =>
    literal.replace(EXACT_CASE, '').replace(BOUNDARY_BEFORE, '\\b').replace(BOUNDARY_AFTER, '\\b'),
  );
}

interface Gate {
  /** Lower-cased literals (in the marked form of `marked`), each listed once. */
  readonly literals: readonly string[];
  /** Per literal: its presence alone proves a match (it spells out a whole alternative). */
  readonly proves: readonly boolean[];
  /**
   * Per alternative, the literals it needs, as groups (indexes into `literals`): a match of the
   * alternative contains one literal of every group. The pattern can match only where some
   * alternative has all its groups present.
   */
  readonly clauses: readonly (readonly (readonly number[])[])[];
  /** The pattern's top-level alternatives (one per clause), or undefined when they cannot be run apart. */
  readonly alternatives: readonly string[] | undefined;
}

/** Spellings of one alternative beyond this many are not listed: its required literal stands for it. */
const MAX_SPELLINGS = 64;
/**
 * Nor beyond this many characters in all: each character is a state of the automaton, whose
 * table every file's scan reads (`(req|ctx|…)(\.request)?\.headers\??\.authorization` would be 16
 * spellings, 500 states, where its required `.authorization` is 14).
 */
const MAX_SPELLING_CHARS = 160;

/** Requirements of one alternative kept beyond its best one (each costs a lookup per scanned file). */
const MAX_GROUPS = 3;

// Word-boundary marks of a literal: the scan checks `\b` where the pattern puts it.
const BOUNDARY_BEFORE = '\x02';
const BOUNDARY_AFTER = '\x03';
// Case mark: the scan finds the literal case-folded, then checks its exact spelling at the hit.
const EXACT_CASE = '\x01';

/** A literal with the word boundaries the pattern requires around it; lower-cased unless its case must match. */
function marked(literal: string, before: boolean, after: boolean, exactCase = false): string {
  return (
    (exactCase ? EXACT_CASE : '') +
    (before ? BOUNDARY_BEFORE : '') +
    (exactCase ? literal : literal.toLowerCase()) +
    (after ? BOUNDARY_AFTER : '')
  );
}

/** `\bword\b` → the word and whether a `\b` stands before and after it (an escaped backslash is no `\b`). */
function withoutBoundaries(alternative: string): { body: string; before: boolean; after: boolean } {
  let body = alternative;
  const before = body.startsWith('\\b');
  if (before) body = body.slice(2);
  let slashes = 0;
  for (let i = body.length - 2; i >= 0 && body[i] === '\\'; i--) slashes++;
  const after = body.endsWith('b') && slashes % 2 === 1;
  if (after) body = body.slice(0, -2);
  return { body, before, after };
}

function gateOf(pattern: RegExp): Gate | undefined {
  if (pattern.unicode || pattern.flags.includes('v')) return undefined;
  const proves = new Map<string, boolean>();
  const clauses: string[][][] = [];
  const alternatives = topLevelAlternatives(pattern.source);
  for (const alternative of alternatives) {
    const { body, before, after } = withoutBoundaries(alternative);
    const spellings = spellingsOf(body);
    if (
      spellings &&
      spellings.every((spelling) => spelling.length >= MIN_LITERAL) &&
      spellings.reduce((sum, spelling) => sum + spelling.length, 0) <= MAX_SPELLING_CHARS
    ) {
      // A spelling whose case matters is checked as written where the case-folded scan finds it;
      // a sticky pattern matches only at the start.
      const group: string[] = [];
      for (const spelling of spellings) {
        const proof = !pattern.sticky;
        const literal = marked(spelling, before, after, !pattern.ignoreCase && /[a-z]/i.test(spelling));
        proves.set(literal, proves.get(literal) === true || proof);
        group.push(literal);
      }
      clauses.push([group]);
      continue;
    }
    const groups = requirementsOf(alternative);
    if (!groups) return undefined;
    for (const group of groups) for (const literal of group) proves.set(literal, proves.get(literal) === true);
    clauses.push(groups);
  }
  const literals = [...proves.keys()];
  // eslint-disable-next-line no-control-regex -- the automaton reads ASCII only
  if (literals.length === 0 || literals.some((literal) => !/^[\x00-\x7f]+$/.test(literal))) return undefined;
  const index = new Map(literals.map((literal, i) => [literal, i]));
  return {
    literals,
    proves: literals.map((literal) => proves.get(literal) === true),
    clauses: clauses.map((groups) => groups.map((group) => group.map((literal) => index.get(literal)!))),
    // A backreference may name a group of another alternative: such a pattern is only run whole.
    alternatives: alternatives.length > 1 && !BACKREFERENCE.test(pattern.source) ? alternatives : undefined,
  };
}

const BACKREFERENCE = /\\(?:[1-9]|k<)/;

/**
 * Every string the alternative matches, when it matches a few fixed strings: literal
 * characters, escaped punctuation, small classes of plain characters (`['"]`, `ur[il]`),
 * groups of such alternatives, and `?`. Undefined for anything else (anchors, `\s`, `*`, …).
 */
function spellingsOf(alternative: string): string[] | undefined {
  let spellings = [''];
  for (let i = 0; i < alternative.length;) {
    const char = alternative[i];
    let choices: string[] | undefined;
    let next = i + 1;
    if (char === '\\') {
      const escaped = alternative[i + 1] ?? '';
      if (!/[^A-Z0-9]/i.test(escaped)) return undefined;
      choices = [escaped];
      next = i + 2;
    } else if (char === '[') {
      next = skipClass(alternative, i);
      const body = alternative.slice(i + 1, next - 1);
      if (!/^[^\\\]^-]{1,6}$/.test(body)) return undefined;
      choices = [...body];
    } else if (char === '(') {
      next = skipGroup(alternative, i);
      const inner = alternative.slice(i + 1, next - 1);
      if (/^\?(?:[=!]|<[=!])/.test(inner)) return undefined;
      choices = [];
      for (const innerAlternative of topLevelAlternatives(inner.replace(/^\?(?::|<[A-Z_$][\w$]*>)/i, ''))) {
        const inside = spellingsOf(innerAlternative);
        if (!inside) return undefined;
        choices.push(...inside);
      }
    } else if ('.^$|)]*+?{}'.includes(char)) {
      return undefined;
    } else {
      choices = [char];
    }
    const quantifier = alternative[next];
    if (quantifier === '?') {
      choices = [...choices, ''];
      next += alternative[next + 1] === '?' ? 2 : 1;
    } else if (quantifier === '*' || quantifier === '+' || quantifier === '{') {
      return undefined;
    }
    if (spellings.length * choices.length > MAX_SPELLINGS) return undefined;
    spellings = spellings.flatMap((prefix) => choices.map((choice) => prefix + choice));
    i = next;
  }
  return spellings;
}

/** Literals one of which every match of `source` contains: the best requirement of each top-level alternative. */
function literalsOfSource(source: string): string[] | undefined {
  const literals: string[] = [];
  for (const alternative of topLevelAlternatives(source)) {
    const requirement = requirementsOf(alternative)?.[0];
    if (!requirement) return undefined;
    literals.push(...requirement);
  }
  return literals;
}

/** The source split at `|` outside groups and character classes. */
function topLevelAlternatives(source: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
    } else if (char === '|' && depth === 0) {
      alternatives.push(source.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(source.slice(start));
  return alternatives;
}

/**
 * What every match of this alternative contains: groups of literals, one literal of each group
 * in any match, best group first. A group is a run of literal characters (with the word
 * boundaries `\b` puts around it) or a group of the pattern that must match (any of its
 * alternatives' literals). Classes, `.`, anchors and escapes other than escaped punctuation end
 * a run; an atom made optional by `?`, `*` or `{0,…}` is dropped and ends it. Undefined when
 * there is none of at least MIN_LITERAL characters, or a construct this reader does not follow.
 */
function requirementsOf(alternative: string): string[][] | undefined {
  const candidates: string[][] = [];
  let run = '';
  let runBefore = false;
  // A `\b` just read: a run starting here has a word boundary before it.
  let boundary = false;
  const endRun = (after: boolean): void => {
    if (run.length >= MIN_LITERAL) candidates.push([marked(run, runBefore, after)]);
    run = '';
  };
  for (let i = 0; i < alternative.length;) {
    const char = alternative[i];
    let atom: string | undefined; // a literal character, or undefined for anything else
    let group: string[] | undefined; // the literals of a group, when it has them
    let isBoundary = false;
    let next = i + 1;
    if (char === '\\') {
      const escaped = alternative[i + 1] ?? '';
      // Escaped punctuation is itself; \b \B \d \D \s \S \w \W are zero-width or classes.
      // Escapes that go on (\u0041, \x41, \cJ, \k<name>, back-references) are not read.
      if (/[^A-Z0-9]/i.test(escaped)) atom = escaped;
      else if (!/[bdsw]/i.test(escaped)) return undefined;
      isBoundary = escaped === 'b';
      next = i + 2;
    } else if (char === '[') {
      next = skipClass(alternative, i);
    } else if (char === '(') {
      next = skipGroup(alternative, i);
      const inner = alternative.slice(i + 1, next - 1);
      // Lookarounds are no requirement here; capturing, non-capturing and named groups are.
      if (!/^\?(?:[=!]|<[=!])/.test(inner)) group = literalsOfSource(inner.replace(/^\?(?::|<[A-Z_$][\w$]*>)/i, ''));
    } else if (!'.^$'.includes(char)) {
      atom = char;
    }
    // The quantifier of this atom, if any.
    const quantifier = alternative[next];
    let optional = false;
    let repeated = false;
    let quantified = true;
    if (quantifier === '?' || quantifier === '*') {
      optional = true;
      next += 1;
    } else if (quantifier === '+') {
      repeated = true;
      next += 1;
    } else if (quantifier === '{') {
      // Only a well-formed {n}, {n,} or {n,m}; a brace that is not one is not read.
      const bounds = /^\{(\d{1,9})(?:,\d{0,9})?\}/.exec(alternative.slice(next, next + 22));
      if (!bounds) return undefined;
      optional = Number(bounds[1]) === 0;
      repeated = !optional;
      next += bounds[0].length;
    } else {
      quantified = false;
    }
    if (quantified && alternative[next] === '?') next += 1; // lazy: the same requirement
    if (atom === undefined || optional) {
      endRun(isBoundary && !quantified);
      if (group && !optional && group.every((literal) => unmarkedLength(literal) >= MIN_LITERAL)) candidates.push(group);
      boundary = isBoundary && !quantified;
    } else {
      if (run === '') {
        runBefore = boundary;
      }
      boundary = false;
      run += atom;
      // `a+` or `a{2,}`: one `a` is required, what follows may not be adjacent to it.
      if (repeated) endRun(false);
    }
    i = next;
  }
  endRun(false);
  if (candidates.length === 0) return undefined;
  // The best filter first: the requirement whose shortest literal is longest, then the fewest literals.
  const score = (candidate: string[]): number => Math.min(...candidate.map(unmarkedLength)) * 1000 - candidate.length;
  return candidates
    .map((candidate, order) => ({ candidate, order, score: score(candidate) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, 1 + MAX_GROUPS)
    .map(({ candidate }) => candidate);
}

function unmarkedLength(literal: string): number {
  const body = literal.startsWith(EXACT_CASE) ? literal.slice(1) : literal;
  return body.length - (body.startsWith(BOUNDARY_BEFORE) ? 1 : 0) - (body.endsWith(BOUNDARY_AFTER) ? 1 : 0);
}

function skipClass(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']' && i > open + 1) return i + 1;
  }
  return source.length;
}

function skipGroup(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === '[') i = skipClass(source, i) - 1;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i + 1;
  }
  return source.length;
}

/** Characters the automaton reads: ASCII. Any other character matches no literal and restarts the search. */
const ASCII = 128;
/** Marks an accepting state in a table entry (the rest of the entry is the state's number). */
const ACCEPTS = 0x8000;
const STATE_BITS = 0x7fff;

/**
 * An Aho–Corasick automaton over ASCII, case-folded (A–Z read as a–z); a non-ASCII character
 * matches no literal and restarts the search.
 */
export class LiteralScanner {
  readonly literals: readonly string[];
  /** Each ASCII character's class (A–Z as a–z): 0 for characters no literal has, then one per character used. */
  private readonly classOf = new Uint8Array(ASCII);
  /** Per state, the ids of the literals that end there (its own and its suffix states'). */
  private readonly outputs: (readonly number[] | undefined)[];
  /**
   * The transition table: per state a row of 2^rowShift entries, one per character class, each
   * the next state's number with ACCEPTS set when that state accepts. Undefined when the
   * automaton has more states than an entry holds: the scan then finds nothing and every
   * pattern is run (never the case with this plugin's gates, ~1,400 states).
   */
  private readonly rows: Uint16Array | undefined;
  private readonly rowShift: number;
  /** Per literal: 1 when a word boundary must precede it, 2 when one must follow it, 3 for both. */
  private readonly boundaries: Uint8Array;
  private readonly lengths: Uint32Array;
  /** Per literal: its spelling when its case must match, else undefined. */
  private readonly exactSpellings: (string | undefined)[];
  /** Per literal with a character of the shared class: its (case-folded) text, checked at each hit; else undefined. */
  private readonly sharedClassSpellings: (string | undefined)[];

  /**
   * Literals may carry word-boundary and case marks (`marked`): a hit counts only where the
   * boundary holds and, for a literal whose case matters, where the text spells it exactly.
   */
  constructor(markedLiterals: readonly string[]) {
    this.literals = markedLiterals;
    this.boundaries = new Uint8Array(markedLiterals.length);
    this.exactSpellings = new Array<string | undefined>(markedLiterals.length);
    const literals = markedLiterals.map((literal, id) => {
      let text = literal;
      const exactCase = text.startsWith(EXACT_CASE);
      if (exactCase) text = text.slice(1);
      if (text.startsWith(BOUNDARY_BEFORE)) {
        this.boundaries[id] |= 1;
        text = text.slice(1);
      }
      if (text.endsWith(BOUNDARY_AFTER)) {
        this.boundaries[id] |= 2;
        text = text.slice(0, -1);
      }
      if (exactCase) this.exactSpellings[id] = text;
      return text;
    });
    this.lengths = Uint32Array.from(literals, (literal) => literal.length);
    // Letters, digits and `_` get a class each; the other characters the literals have (`.`,
    // quotes, `=`, `(`…) share one, and a hit on a literal with one of them is checked against
    // the text. Rows of 32 entries (64 bytes) are one cache line each, and the table, which
    // ESLint's work evicts between files, half the size of one class per character.
    let classes = 1;
    let sharedClass = 0;
    for (const literal of literals)
      for (let i = 0; i < literal.length; i++) {
        const code = fold(literal.charCodeAt(i));
        if (this.classOf[code] !== 0) continue;
        if (hasOwnClass(code)) this.classOf[code] = classes++;
        else this.classOf[code] = sharedClass ||= classes++;
      }
    for (let code = 65; code <= 90; code++) this.classOf[code] = this.classOf[code + 32];
    this.sharedClassSpellings = literals.map((literal) =>
      sharedClass !== 0 && [...literal].some((char) => !hasOwnClass(char.charCodeAt(0))) ? literal.toLowerCase() : undefined,
    );
    // Rows of a power-of-two width of two-byte entries: a state's row is found with a shift.
    this.rowShift = Math.max(3, Math.ceil(Math.log2(classes)));
    const width = 1 << this.rowShift;
    // The trie: child[state * width + symbol] is the next state, 0 for none (state 0 is no one's child).
    let capacity = 1;
    for (const literal of literals) capacity += literal.length;
    const child = new Int32Array(capacity * width);
    const own: number[][] = [[]];
    literals.forEach((literal, id) => {
      let state = 0;
      for (let i = 0; i < literal.length; i++) {
        const slot = state * width + this.classOf[literal.charCodeAt(i)];
        if (child[slot] === 0) {
          child[slot] = own.length;
          own.push([]);
        }
        state = child[slot];
      }
      own[state].push(id);
    });
    const states = own.length;
    const delta = new Int32Array(states * width);
    const failure = new Int32Array(states);
    const outputs: (number[] | undefined)[] = own.map((ids) => (ids.length > 0 ? ids : undefined));
    // Breadth-first: a state's failure link is a shorter state, finished before it.
    const queue: number[] = [];
    for (let symbol = 1; symbol < classes; symbol++) {
      const next = child[symbol];
      if (next !== 0) {
        delta[symbol] = next;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const fallback = failure[state];
      const inherited = outputs[fallback];
      if (inherited) outputs[state] = [...(outputs[state] ?? []), ...inherited];
      for (let symbol = 1; symbol < classes; symbol++) {
        const next = child[state * width + symbol];
        if (next !== 0) {
          failure[next] = delta[fallback * width + symbol];
          delta[state * width + symbol] = next;
          queue.push(next);
        } else {
          delta[state * width + symbol] = delta[fallback * width + symbol];
        }
      }
    }
    this.outputs = outputs;
    if (states > STATE_BITS) {
      this.rows = undefined;
      return;
    }
    // Class 0 (a character no literal has) leads back to state 0, as delta's zeros say.
    const rows = new Uint16Array(states * width);
    for (let entry = 0; entry < rows.length; entry++) {
      const next = delta[entry];
      rows[entry] = outputs[next] ? next | ACCEPTS : next;
    }
    this.rows = rows;
  }

  /** Which literals occur in `text` (by id); an empty answer (every literal unknown) when the automaton has no table. */
  scan(text: string): Uint8Array {
    const bits = this.scanBits(text);
    const found = new Uint8Array(bits.length === 0 ? 0 : this.literals.length);
    for (let id = 0; id < found.length; id++) found[id] = hasBit(bits, id) ? 1 : 0;
    return found;
  }

  /**
   * `scan` as a bit set (bit `id % 32` of word `id >> 5`): a few words, which V8 keeps on its
   * heap, where a typed array of one entry per literal is an allocation of its own per file.
   * Empty when the automaton has no table.
   */
  scanBits(text: string): Int32Array {
    const rows = this.rows;
    if (rows === undefined) return new Int32Array(0);
    const found = new Int32Array((this.literals.length + 31) >> 5);
    const classOf = this.classOf;
    const shift = this.rowShift;
    let state = 0;
    for (let i = 0, length = text.length; i < length; i++) {
      const code = text.charCodeAt(i);
      // Non-ASCII characters restart the search.
      const entry = code < ASCII ? rows[(state << shift) | classOf[code]] : 0;
      state = entry & STATE_BITS;
      if (entry > STATE_BITS) this.record(found, text, i, state);
    }
    return found;
  }

  /** The literals that end at `last` in this state, where their word boundaries hold. */
  private record(found: Int32Array, text: string, last: number, state: number): void {
    const ids = this.outputs[state]!;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      if (hasBit(found, id)) continue;
      const shared = this.sharedClassSpellings[id];
      if (shared !== undefined && !spelledAt(text, last - shared.length + 1, shared)) continue;
      if (this.boundaries[id] !== 0 && !this.boundariesHold(text, last, id)) continue;
      const exact = this.exactSpellings[id];
      if (exact === undefined || text.startsWith(exact, last - exact.length + 1)) found[id >> 5] |= 1 << (id & 31);
    }
  }

  /** `\b` semantics: a word character on exactly one side of the literal's start (end). */
  private boundariesHold(text: string, last: number, id: number): boolean {
    const first = last - this.lengths[id] + 1;
    const wanted = this.boundaries[id];
    if (wanted & 1 && isWordAt(text, first - 1) === isWordAt(text, first)) return false;
    if (wanted & 2 && isWordAt(text, last) === isWordAt(text, last + 1)) return false;
    return true;
  }
}

/** A `\w` character (ASCII letters, digits, `_`) at this index; false outside the text. */
function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/**
 * Letters (either case), digits and `_`: the characters with a class of their own in the
 * automaton. Digits keep theirs: a run of digits in a shared class would hit `401` at every digit
 * of a table of numbers.
 */
function hasOwnClass(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** Whether the text at `start` spells `lowered` (the literal case-folded), A–Z read as a–z. */
function spelledAt(text: string, start: number, lowered: string): boolean {
  if (start < 0) return false;
  for (let i = 0; i < lowered.length; i++) if (fold(text.charCodeAt(start + i)) !== lowered.charCodeAt(i)) return false;
  return true;
}

function fold(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * The process-wide set of gate literals. Patterns are registered as rules first ask about
 * them; a file scanned before a pattern's literals were known has that pattern run directly,
 * so a file's answers never depend on which files were linted before it.
 */
class GateRegistry {
  private readonly ids = new Map<string, number>();
  private readonly literals: string[] = [];
  private readonly gates = new WeakMap<RegExp, RegisteredGate>();
  private scanner: LiteralScanner | undefined;
  /** How many patterns have a registered gate (each has an index below this). */
  patterns = 0;
  /** Per literal id, the indexes of the gates that have it: a file's hits tell which gates can be anything but "no". */
  readonly gatesOfLiteral: number[][] = [];

  /** The registered gate of a pattern (`ids` empty when it has to be run on every file). */
  gateOf(pattern: RegExp): RegisteredGate {
    let gate = this.gates.get(pattern);
    if (gate === undefined) {
      const found = gateOf(pattern);
      gate = {
        index: this.patterns++,
        alwaysRun: !found,
        ids: found ? found.literals.map((literal) => this.idOf(literal)) : [],
        proves: found?.proves ?? [],
        clauses: found?.clauses ?? [],
        alternatives: found?.alternatives,
        narrowed: new Map(),
      };
      this.gates.set(pattern, gate);
      for (const id of gate.ids) this.gatesOfLiteral[id].push(gate.index);
    }
    return gate;
  }

  private idOf(literal: string): number {
    let id = this.ids.get(literal);
    if (id === undefined) {
      id = this.literals.length;
      this.literals.push(literal);
      this.gatesOfLiteral.push([]);
      this.ids.set(literal, id);
      this.scanner = undefined;
    }
    return id;
  }

  currentScanner(): LiteralScanner {
    this.scanner ??= new LiteralScanner([...this.literals]);
    return this.scanner;
  }
}

interface RegisteredGate {
  /** The pattern's own number, for per-file answers kept in an array. */
  readonly index: number;
  /** No literal decides the pattern: it is run on every file that asks. */
  readonly alwaysRun: boolean;
  /** The registry's id of each of the gate's literals. */
  readonly ids: readonly number[];
  readonly proves: readonly boolean[];
  /** As in Gate: per alternative, groups of indexes into `ids`. */
  readonly clauses: readonly (readonly (readonly number[])[])[];
  readonly alternatives: readonly string[] | undefined;
  /** The pattern cut down to the alternatives that can match, by which ones (a bit mask in a string). */
  readonly narrowed: Map<string, RegExp>;
}

const registry = new GateRegistry();

/** Narrowed patterns kept per gate pattern. */
const MAX_NARROWED = 64;

/** A file's text with the gate literals found in it: `mentions(pattern)` answers as `pattern.test(text)`. */
export class TextGates {
  /** The literals found (a bit set by id), and how many literals the scan knew: later ones are unknown. */
  private found: Int32Array | undefined;
  private knownLiterals = 0;
  /**
   * The gates registered before the scan that have a literal in the text (a bit set by gate
   * index), and how many gates there were: most files have few of the literals, so most gates
   * answer "no" from one bit.
   */
  private touched: Int32Array | undefined;
  private knownGates = 0;
  /** Per registered pattern (bit by its index): asked already, and then whether it matched. */
  private asked = new Int32Array(((registry.patterns + 32) >> 5) + 1);
  private matched = new Int32Array(this.asked.length);

  constructor(private readonly text: string) {}

  mentions(pattern: RegExp): boolean {
    const gate = registry.gateOf(pattern);
    const index = gate.index;
    if (index >> 5 >= this.asked.length) this.grow();
    if (hasBit(this.asked, index)) return hasBit(this.matched, index);
    const scanned = this.scanned(gate);
    const answer = scanned === 'maybe' ? testFromStart(this.patternToRun(pattern, gate), this.text) : scanned === 'yes';
    this.asked[index >> 5] |= 1 << (index & 31);
    if (answer) this.matched[index >> 5] |= 1 << (index & 31);
    return answer;
  }

  private grow(): void {
    const asked = new Int32Array(((registry.patterns + 32) >> 5) + 1);
    const matched = new Int32Array(asked.length);
    asked.set(this.asked);
    matched.set(this.matched);
    this.asked = asked;
    this.matched = matched;
  }

  /** Whether the scan found this literal; false for a literal it did not know. */
  private foundLiteral(id: number): boolean {
    return id < this.knownLiterals && hasBit(this.found!, id);
  }

  /** Whether each group has a literal in the text; a literal registered after the scan counts as present (unknown). */
  private everyGroupPresent(groups: readonly (readonly number[])[], ids: readonly number[]): boolean {
    for (const group of groups) {
      let present = false;
      for (const k of group) {
        if (ids[k] >= this.knownLiterals || hasBit(this.found!, ids[k])) {
          present = true;
          break;
        }
      }
      if (!present) return false;
    }
    return true;
  }

  /**
   * The pattern, or only those of its top-level alternatives whose literals the text has: a
   * pattern matches where one of its alternatives does, and one common word (`state` of
   * `\bstate\s*:`) should not run twenty alternatives over the whole text.
   */
  private patternToRun(pattern: RegExp, gate: RegisteredGate): RegExp {
    const { alternatives, clauses, ids } = gate;
    if (alternatives === undefined || this.found === undefined) return pattern;
    let mask = '';
    let kept = 0;
    for (const groups of clauses) {
      const present = this.everyGroupPresent(groups, ids);
      mask += present ? '1' : '0';
      if (present) kept++;
    }
    if (kept === alternatives.length) return pattern;
    let narrowed = gate.narrowed.get(mask);
    if (narrowed === undefined) {
      narrowed = new RegExp(
        alternatives.filter((_, i) => mask[i] === '1').join('|'),
        pattern.flags.replace(/[gy]/g, '') + (pattern.sticky ? 'y' : ''),
      );
      // Kept for the next file with the same words; a bounded number per pattern (each holds compiled code).
      if (gate.narrowed.size < MAX_NARROWED) gate.narrowed.set(mask, narrowed);
    }
    return narrowed;
  }

  private scan(): void {
    const scanner = registry.currentScanner();
    const found = scanner.scanBits(this.text);
    this.found = found;
    this.knownLiterals = found.length === 0 ? 0 : scanner.literals.length;
    this.knownGates = registry.patterns;
    const touched = new Int32Array((this.knownGates + 31) >> 5);
    const gatesOfLiteral = registry.gatesOfLiteral;
    for (let id = 0; id < this.knownLiterals; id++) {
      if (!hasBit(found, id)) continue;
      const gates = gatesOfLiteral[id];
      for (let k = 0; k < gates.length; k++) touched[gates[k] >> 5] |= 1 << (gates[k] & 31);
    }
    this.touched = touched;
  }

  /** What the literal scan says about the pattern: no match, a match, or the pattern must decide. */
  private scanned(gate: RegisteredGate): 'no' | 'yes' | 'maybe' {
    if (gate.alwaysRun) return 'maybe';
    if (this.found === undefined) this.scan();
    // With no table every literal is unknown; otherwise a gate known at the scan with none of its literals found cannot match.
    if (this.knownLiterals > 0 && gate.index < this.knownGates && !hasBit(this.touched!, gate.index)) return 'no';
    const { ids, proves, clauses } = gate;
    for (let k = 0; k < ids.length; k++) if (proves[k] && this.foundLiteral(ids[k])) return 'yes';
    // Some alternative has one literal of each of its groups: only the pattern can tell.
    for (const groups of clauses) if (this.everyGroupPresent(groups, ids)) return 'maybe';
    return 'no';
  }
}

function hasBit(bits: Int32Array, index: number): boolean {
  return ((bits[index >> 5] >>> (index & 31)) & 1) === 1;
}

function testFromStart(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}
