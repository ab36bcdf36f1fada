import { describe, expect, it } from 'vitest';
import { LiteralScanner, TextGates, requiredLiterals } from '../../src/analysis/text-scan';

describe('requiredLiterals', () => {
  it.each([
    // A literal whose case matters keeps it (the scan checks the spelling at each hit).
    [/\bMath\.random\b/, ['\\bMath.random\\b']],
    // Alternatives that match a few fixed strings are listed in full; the others by a required part.
    [
      /(?:access|id|refresh)_?token|token=|['"]token['"]|\bjwt\b/i,
      [
        'access_token',
        'accesstoken',
        'id_token',
        'idtoken',
        'refresh_token',
        'refreshtoken',
        'token=',
        "'token'",
        '\'token"',
        '"token\'',
        '"token"',
        '\\bjwt\\b',
      ],
    ],
    [/colou?r/, ['colour', 'color']],
    [/x{0,3}yz/, ['yz']],
    [/ab{2}c/, ['ab']],
    [/(?=abc)de/, ['de']],
    // Every requirement of an alternative, best first: a match contains one literal of each.
    [/(?:foo|ba)+baz/, ['baz', 'foo', 'ba']],
    [/(?:verif|decod)[a-z]{0,20}(?:jwt|token)|jwt/i, ['verif', 'decod', 'jwt', 'token']],
    [/[?&]state=/, ['?state=', '&state=']],
    [/(?<name>abc)|de/, ['abc', 'de']],
    [/Basic\s|GOCSPX-/, ['basic', 'GOCSPX-']],
    [/\(\s{0,20}[\w.$]{0,60}(?:id_?token|bearer)/i, ['token', 'bearer']],
    [/fo+bar/, ['bar', 'fo']],
    // Word boundaries next to a literal are checked by the scan; an escaped backslash is no boundary.
    [/\bstate\s*:/, ['\\bstate']],
    [/\bsign(?:Async)?\(/, ['\\bsignAsync(', '\\bsign(']],
    [/ab\\b/, ['ab\\b']],
    [/x\.\bfoo\b/, ['\\bfoo\\b', 'x.\\b']],
    [/fo*?bar/, ['bar']],
    // Spellings too long in all to list (each character a state of every file's automaton): the required part stands for them.
    [
      /\b(?:req|request|ctx|event)(?:\.request)?\.headers\??\.authorization\b|bearer/i,
      ['.authorization\\b', '.headers', 'req', 'request', 'ctx', 'event', 'bearer'],
    ],
  ])('%s needs one of %j', (pattern, literals) => {
    expect(requiredLiterals(pattern)).toEqual(literals);
  });

  it.each([
    /a?b/, // no literal of two characters
    /ab?c?/,
    /\u0041BC/, // an escape this reader does not follow
    /\x41BC/,
    /(a)\1bc/,
    /café/, // not ASCII
    /abc/u, // Unicode case folding reaches ASCII from ſ and K
    /ab{/, // a brace that is no quantifier
    /abc|.x/, // one alternative without a literal
    /(?:abc)?de|f/,
  ])('%s is always run', (pattern) => {
    expect(requiredLiterals(pattern)).toBeUndefined();
  });
});

describe('LiteralScanner', () => {
  it('finds every literal, overlapping ones included, case-folded', () => {
    const scanner = new LiteralScanner(['he', 'she', 'his', 'hers']);
    const found = (text: string) => [...scanner.scan(text)].flatMap((hit, id) => (hit ? [scanner.literals[id]] : []));
    expect(found('ushers')).toEqual(['he', 'she', 'hers']);
    expect(found('USHERS')).toEqual(['he', 'she', 'hers']);
    expect(found('h\u00e9 hi s')).toEqual([]);
    expect(found('this')).toEqual(['his']);
  });

  it('finds a literal whose case matters only where the text spells it so', () => {
    const scanner = new LiteralScanner(['\x01localStorage', 'localstorage']);
    const found = (text: string) => [...scanner.scan(text)].flatMap((hit, id) => (hit ? [id] : []));
    expect(found('LOCALSTORAGE.x')).toEqual([1]);
    expect(found('window.localStorage')).toEqual([0, 1]);
    expect(found('localstorage localStorage')).toEqual([0, 1]);
  });

  it('reads literals over more characters than a 64-wide row has classes for', () => {
    // Every printable ASCII character, A–Z folded: over 64 classes.
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const literals = [printable.slice(0, 40), printable.slice(40, 80), printable.slice(80), 'q~'];
    const scanner = new LiteralScanner(literals);
    const found = (text: string) => [...scanner.scan(text)].flatMap((hit, id) => (hit ? [id] : []));
    expect(found(`x${printable}x`)).toEqual([0, 1, 2]);
    expect(found(`${printable.slice(1, 80)} Q~`)).toEqual([1, 3]);
  });

  it('tells literals apart that differ only in characters sharing a class (quotes, `=`, `?`, `.`…)', () => {
    const scanner = new LiteralScanner(['token=', 'token?', "'token'", '"token"', 'a1', 'a4', '\x02state=']);
    const found = (text: string) => [...scanner.scan(text)].flatMap((hit, id) => (hit ? [scanner.literals[id]] : []));
    expect(found('x.token = 1; y = "token"')).toEqual(['"token"']);
    expect(found("TOKEN? 'token' A4")).toEqual(['token?', "'token'", 'a4']);
    expect(found('?token=&a1')).toEqual(['token=', 'a1']);
    expect(found('xstate= state=')).toEqual(['\x02state=']);
    expect(found('token!token+a2')).toEqual([]);
  });

  it('keeps digits apart, and `.` with the shared characters', () => {
    const scanner = new LiteralScanner(['401', 'router.push']);
    const found = (text: string) => [...scanner.scan(text)].flatMap((hit, id) => (hit ? [scanner.literals[id]] : []));
    expect(found('[1234, 5678, 9012, 3456]')).toEqual([]);
    expect(found('status === 401 && router.push(x)')).toEqual(['401', 'router.push']);
    expect(found("router('push')")).toEqual([]);
  });

  it('answers that it knows nothing when the literals need more states than a table entry holds', () => {
    // 400 literals of 100 characters: some 40,000 states. An empty answer leaves every pattern to decide.
    const prefix = (i: number) => String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
    const literals = Array.from({ length: 400 }, (_, i) => `${prefix(i)}${'x'.repeat(98)}`);
    const scanner = new LiteralScanner(literals);
    expect(scanner.scan(literals[7]).length).toBe(0);
  });
});

describe('TextGates', () => {
  // Texts from pieces that the patterns below are built around, in mixed case, with non-ASCII
  // neighbours (ſ and K fold to ASCII only under the u flag).
  const pieces = [
    'token',
    'TOKEN',
    'Tok',
    'en',
    'jwt',
    'JwT',
    '_',
    '=',
    '"',
    "'",
    'state',
    'ſtate',
    '\u212Aey',
    'key',
    ' ',
    '(',
    'id',
    'bearer',
    'access',
    'Math.random',
    'é',
    '?',
    '&',
    '\n',
    'localStorage',
    'LOCALSTORAGE',
    'abc',
    'ABC',
    'sign(',
    'signAsync(',
    '.',
    ':',
    'next',
    'dest',
    'includes',
    'x',
    '\\',
    'b',
  ];
  const patterns = [
    /(?:access|id|refresh)_?token|token=|['"]token['"]|\bjwt\b/i,
    /[?&]state=/,
    /\bMath\.random\b/,
    /key|state/i,
    /\(\s{0,20}[\w.$]{0,60}(?:id_?token|bearer)/i,
    /state/iu,
    /t.k/,
    // Whole alternatives that are one literal prove a match where the text spells them in the pattern's case.
    /localStorage|token=/,
    /state|nonce|csrf|token/i,
    /abc/y,
    /abc|ABC/,
    // Word boundaries, kept by the scan, and alternatives with several requirements.
    /\bjwt\b|\bsign(?:Async)?\(/i,
    /\bstate\s*:/,
    /\b(?:next|dest)\s*\.\s*(?:includes|match)\s*\(/,
    /x\.\bnext\b/,
    /\.\b/,
    /en\\b/,
    /(?:access|id)_?token[^:]*key/i,
    // Alternatives that need the pattern to decide, beside ones the scan decides: only those run.
    /token=|\bstate\s*:|\b(?:next|dest)\s*\.\s*includes\(|jwt/i,
    /(state)\s*:\1|key\s*=/,
    /^\s*token|bearer$/m,
  ];
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const texts = Array.from({ length: 1500 }, () => Array.from({ length: random(12) }, () => pieces[random(pieces.length)]).join(''));

  it('answers as the pattern itself on every text', () => {
    for (const text of texts) {
      const gates = new TextGates(text);
      for (const pattern of patterns) {
        const answer = gates.mentions(pattern);
        // A sticky pattern's test starts at its lastIndex, which the last test moved.
        pattern.lastIndex = 0;
        expect([text, pattern, answer]).toEqual([text, pattern, pattern.test(text)]);
      }
    }
  });

  it('runs the pattern for a literal learnt after the file was scanned', () => {
    const gates = new TextGates('const zyxwv_late = 1;');
    expect(gates.mentions(/zyxwv_early/)).toBe(false); // scans the text with what is known
    expect(gates.mentions(/zyxwv_late/)).toBe(true); // a literal the scan did not look for
    expect(new TextGates('nothing here').mentions(/zyxwv_late/)).toBe(false);
  });

  it('answers a pattern first asked after the scan whose literals the scan knew', () => {
    const gates = new TextGates('const zyxwv_known = 1;');
    expect(gates.mentions(/zyxwv_known/)).toBe(true);
    // Another pattern object over the same literal: a gate the scan's per-gate answers do not cover.
    expect(gates.mentions(new RegExp('zyxwv_known'))).toBe(true);
    expect(gates.mentions(new RegExp('zyxwv_known|zyxwv_unknown'))).toBe(true);
    expect(new TextGates('zyxwv_unknown').mentions(new RegExp('zyxwv_known'))).toBe(false);
  });

  /** A pattern that counts how often it is run itself. */
  function countingPattern(source: string, flags?: string): { pattern: RegExp; runs: () => number } {
    let runs = 0;
    class CountingRegExp extends RegExp {
      override test(text: string): boolean {
        runs += 1;
        return super.test(text);
      }
    }
    return { pattern: new CountingRegExp(source, flags), runs: () => runs };
  }

  it('decides a case-sensitive alternation of literals without running it', () => {
    const { pattern, runs } = countingPattern('localStorage|sessionStorage');
    expect(new TextGates('LOCALSTORAGE, sessionstorage').mentions(pattern)).toBe(false);
    expect(new TextGates('window.sessionStorage.setItem').mentions(pattern)).toBe(true);
    expect(runs()).toBe(0);
  });

  it('runs only the alternatives whose literals occur in the text', () => {
    const { pattern, runs } = countingPattern('\\bstate\\s*:|\\bnonce\\s*=|csrf\\s*!', 'i');
    expect(new TextGates('const state = 1; nonce : 2').mentions(pattern)).toBe(false);
    expect(new TextGates('x = { state\n: 1 }').mentions(pattern)).toBe(true);
    expect(runs()).toBe(0);
    // All three alternatives possible: the pattern itself runs.
    expect(new TextGates('state nonce csrf').mentions(pattern)).toBe(false);
    expect(runs()).toBe(1);
  });

  it('resets a global pattern before testing', () => {
    const pattern = /token/g;
    pattern.lastIndex = 99;
    expect(new TextGates('a token').mentions(pattern)).toBe(true);
  });
});
