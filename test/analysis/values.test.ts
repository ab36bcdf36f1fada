import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  arrayElements,
  definitionOf,
  getPath,
  getProperty,
  stringParts,
  stringValue,
  withoutEmptyFallback,
} from '../../src/analysis/values';
import { collect } from '../helpers/analyze';

/** Runs `pick` on the first argument of every `probe(...)` call. */
function probe<T>(code: string, pick: Parameters<typeof collect<T>>[2]): T[] {
  return collect(code, 'CallExpression[callee.name="probe"]', (sourceCode, node) =>
    pick(sourceCode, (node as TSESTree.CallExpression).arguments[0]),
  );
}

describe('values: what a value is', () => {
  it('sees the value past an empty fallback, and nothing else', () => {
    const code = `probe(token ?? ''); probe(token || null); probe(token ?? undefined); probe(token || 'guest'); probe(token && ''); probe(token);`;
    expect(probe(code, (sc, n) => sc.getText(withoutEmptyFallback(sc, n)))).toEqual([
      'token',
      'token',
      'token',
      "token || 'guest'",
      "token && ''",
      'token',
    ]);
  });

  it('follows a binding declared bare and assigned once, not one assigned twice or compounded', () => {
    const code = `
      let parsed; try { parsed = JSON.parse(raw); } catch { parsed = undefined; } probe(parsed);
      let once; try { once = JSON.parse(raw); } catch {} probe(once);
      let counter; counter += 1; probe(counter);
      let initialised = 'a'; probe(initialised);`;
    expect(probe(code, (sc, n) => sc.getText(definitionOf(sc, n)))).toEqual(['parsed', 'JSON.parse(raw)', 'counter', "'a'"]);
  });

  it('resolves constant strings through consts, templates and concatenation', () => {
    const code = `const BASE = 'https://idp'; const PATH = BASE + '/authorize'; probe(\`\${PATH}?response_type=code\`); probe(unknownThing);`;
    expect(probe(code, (sc, n) => stringValue(sc, n) ?? null)).toEqual(['https://idp/authorize?response_type=code', null]);
  });

  it('reads class constants that nothing else writes: this.NAME and ClassName.NAME', () => {
    const code = `
      class Client {
        static readonly SCOPE = 'openid email';
        static BASE = 'https://idp';
        private readonly tokenPath = '/token';
        readonly AUTHORIZE = \`\${Client.BASE}/authorize\`;
        private mutable = 'first';
        public open = 'public';
        private assigned = 'a';
        constructor() { this.assigned = 'b'; }
        run() {
          probe(Client.SCOPE); probe(Client.BASE + this.tokenPath); probe(this.AUTHORIZE); probe(this.mutable);
          probe(this.open); probe(this.assigned); probe(this.SCOPE);
          const later = () => probe(this.tokenPath);
          later();
          function inner() { probe(this.tokenPath); }
        }
        static create() { probe(this.SCOPE); probe(this.tokenPath); }
      }
      class Writable { static KEY = 'a'; }
      Writable.KEY = 'b';
      probe(Writable.KEY);
      const other = { tokenPath: '/x' };
      probe(other.tokenPath);`;
    expect(probe(code, (sc, n) => stringValue(sc, n) ?? null)).toEqual([
      'openid email',
      'https://idp/token',
      'https://idp/authorize',
      // A TypeScript-private field the class never assigns.
      'first',
      // A public mutable field may be written from outside; an assigned one has two values.
      null,
      null,
      // An instance's \`this\` has no static fields.
      null,
      '/token',
      // A \`function\` has its own \`this\`.
      null,
      // In a static method \`this\` is the class.
      'openid email',
      null,
      null,
      '/x',
    ]);
  });

  it('keeps unknown holes in place in template strings', () => {
    const code = `const AUTH = 'https://a/authorize'; probe(\`\${AUTH}?response_type=token&client_id=\${clientId}&state=\${s}\`);`;
    const [parts] = probe(code, (sc, n) =>
      stringParts(sc, n)
        .map((p) => p.text ?? '<?>')
        .join(''),
    );
    expect(parts).toBe('https://a/authorize?response_type=token&client_id=<?>&state=<?>');
  });

  it('keeps an unreadable binding as the hole, so its name can be classified', () => {
    const code = `const idToken = readCookie('id'); probe(\`id=\${idToken}; Secure\`);`;
    const [holes] = probe(code, (sc, n) =>
      stringParts(sc, n)
        .filter((p) => p.text === undefined)
        .map((p) => sc.getText(p.node)),
    );
    expect(holes).toEqual(['idToken']);
  });

  it('reads object properties through consts, spreads and helper functions', () => {
    const code = `
      const base = { algorithms: ['RS256'], audience: AUD };
      const opts = { ...base, issuer: ISS };
      function verifyOptions() { return { ...opts, ignoreExpiration: true }; }
      probe(opts); probe(verifyOptions()); probe({ ...unknownSpread }); probe({ ...unknownSpread, audience: 'x' });`;
    const results = probe(code, (sc, n) => ({
      algorithms: getProperty(sc, n, 'algorithms').status,
      audience: getProperty(sc, n, 'audience').status,
      ignore: getProperty(sc, n, 'ignoreExpiration').status,
    }));
    expect(results).toEqual([
      { algorithms: 'present', audience: 'present', ignore: 'absent' },
      { algorithms: 'present', audience: 'present', ignore: 'present' },
      { algorithms: 'unknown', audience: 'unknown', ignore: 'unknown' },
      { algorithms: 'unknown', audience: 'present', ignore: 'unknown' },
    ]);
  });

  it('returns the node where a value was written, even in another const', () => {
    const code = `const COOKIE = { secure: false };\nprobe({ cookie: COOKIE });`;
    const [line] = probe(code, (sc, n) => {
      const found = getPath(sc, n, ['cookie', 'secure']);
      return found.status === 'present' ? found.value.loc.start.line : undefined;
    });
    expect(line).toBe(1);
  });

  it('lists array elements through consts and spreads, unknown when a spread is unknown', () => {
    const code = `const A = ['openid']; const B = [...A, 'email']; probe(B); probe([...other]);`;
    expect(probe(code, (sc, n) => arrayElements(sc, n)?.map((e) => stringValue(sc, e)) ?? null)).toEqual([['openid', 'email'], null]);
  });

  it('does not follow let bindings that are written more than once', () => {
    const code = `let s = 'a'; s = 'b'; probe(s);`;
    expect(probe(code, (sc, n) => stringValue(sc, n) ?? null)).toEqual([null]);
  });
});
