#!/usr/bin/env node
/**
 * A competitor's test suite as a benchmark: lints the JavaScript/TypeScript fixtures of
 * Auspeo/oauthlint (a Semgrep rule pack, `rules/tests/fixtures/<folder>/{vulnerable,safe}.ts`)
 * with the plugin's `all` rules and scores them against OAuthLint's own labels.
 *
 *   node scripts/bench-oauthlint.mjs [--mirrors DIR] [--commit SHA] [--folder NAME] [--json] [--verbose]
 *
 * The fixtures are read from the local git mirror (default: $OAUTH_MIRRORS or /work/.mirror,
 * `Auspeo+oauthlint`, as the search tool's `fetch` lays it out) at a pinned commit and written
 * into the git-ignored `.realworld/` folder under a path that is not test-like, so the configs'
 * test-file scoping does not hide them.
 *
 * Labels: a `// ruleid: <semgrep id>` or `// ok: …` comment on its own line marks the next code
 * line; as the fixtures put the comment above a whole statement while a finding may land on an
 * inner line, a label covers every line of the outermost construct that starts on that line.
 * An `ok:` comment without a rule id (free text) is read as `ok` for the folder's own rule.
 *
 * Scoring per label, through RULE_MAP (their rule id → our counterparts, `null` for none):
 *   TP  a `ruleid` label with a finding of a counterpart inside it
 *   FN  a `ruleid` label of a mapped rule without one
 *   FP  an `ok` label of a mapped rule with a finding of a counterpart inside it
 *   —   `ruleid` labels of unmapped rules are counted apart (no counterpart in our catalog)
 * Every other finding of ours (another rule, or outside any label) is listed as "extra".
 * Precision = TP / (TP + FP), recall = TP / (TP + FN).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';
import { DEFAULT_MIRRORS, gitDirOf, sourceBlobs } from './lib/mirrors.mjs';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const plugin = require(join(root, 'dist/src/index.js'));

const REPO = 'Auspeo/oauthlint';
/** The commit the comparison in docs/oauthlint-comparison.md was written against. */
const PINNED_COMMIT = '86f9aab1a91a6b2a7853a15014c033150815209e';
const FIXTURES = 'rules/tests/fixtures/';
const SOURCE = /\.[cm]?[jt]sx?$/;

/**
 * OAuthLint rule id → our rule ids that cover the same problem, or null where our catalog has no
 * counterpart (docs/oauthlint-comparison.md gives the reason for each null).
 */
const RULE_MAP = {
  'auth.betterauth.disabled-csrf': null,
  'auth.betterauth.hardcoded-secret': null,
  'auth.betterauth.insecure-cookie': ['require-secure-cookies'],
  'auth.betterauth.trusted-origins-wildcard': ['require-exact-redirect-uri'],
  'auth.cookie.long-lived': null,
  'auth.cookie.no-httponly': ['require-secure-cookies'],
  'auth.cookie.no-samesite': ['require-secure-cookies'],
  'auth.cookie.no-secure': ['require-secure-cookies'],
  'auth.cookie.samesite-none-insecure': ['require-secure-cookies'],
  'auth.cors.null-origin': null,
  'auth.cors.reflect-origin': null,
  'auth.cors.wildcard-with-credentials': null,
  'auth.express.auth-middleware-noop': null,
  'auth.express.cookie-insecure': ['require-secure-cookies'],
  'auth.express.cookie-parser-secret': null,
  'auth.express.helmet-disabled-protection': null,
  'auth.express.static-dotfiles-allow': null,
  'auth.express.trust-proxy-true': null,
  'auth.fastify.cookie-session-secret': null,
  'auth.fastify.cors-wildcard-credentials': null,
  'auth.fastify.jwt-hardcoded-secret': null,
  'auth.fastify.trust-proxy-true': null,
  'auth.flow.basic-auth-in-log': null,
  'auth.flow.credentials-in-url': ['no-token-in-url'],
  'auth.flow.insecure-random': ['require-secure-random'],
  'auth.flow.no-rate-limit': null,
  'auth.flow.oauth-credential-in-log': null,
  'auth.flow.open-redirect': ['require-exact-redirect-uri'],
  'auth.flow.password-min-length': null,
  'auth.flow.password-plaintext': null,
  'auth.flow.secret-in-log': null,
  'auth.flow.secret-in-response': null,
  'auth.flow.ssrf': null,
  'auth.flow.timing-unsafe-compare': null,
  'auth.flow.weak-bcrypt-rounds': null,
  'auth.flow.weak-password-hash': null,
  'auth.hono.cookie-insecure': ['require-secure-cookies'],
  'auth.hono.cors-reflect-credentials': null,
  'auth.hono.jwt-hardcoded-secret': null,
  'auth.jwt.alg-none': ['require-jwt-algorithms'],
  'auth.jwt.algorithm-confusion': ['require-jwt-algorithms'],
  'auth.jwt.decode-without-verify': ['require-jwt-verification', 'no-access-token-decode'],
  'auth.jwt.ignore-expiration': ['require-jwt-verification'],
  'auth.jwt.in-url': ['no-token-in-url'],
  'auth.jwt.localstorage': ['no-token-in-web-storage'],
  'auth.jwt.no-algorithms-allowlist': ['require-jwt-algorithms'],
  'auth.jwt.no-audience': ['require-audience-check'],
  'auth.jwt.no-expiration': null,
  'auth.jwt.no-issuer': ['require-issuer-check'],
  'auth.jwt.untrusted-verify-key': ['require-jwt-algorithms', 'require-issuer-check'],
  'auth.jwt.weak-secret': null,
  'auth.mcp.dns-rebinding-unprotected': null,
  'auth.mcp.missing-resource-binding': null,
  'auth.mcp.predictable-session-id': null,
  'auth.mcp.token-passthrough': null,
  'auth.mcp.tool-handler-ssrf': null,
  'auth.mcp.unauthenticated-server': null,
  'auth.nestjs.cors-wildcard-credentials': null,
  'auth.nestjs.guard-always-true': null,
  'auth.nestjs.jwt-hardcoded-secret': null,
  'auth.nextauth.authorized-always-true': null,
  'auth.nextauth.cookie-insecure': ['require-secure-cookies'],
  'auth.nextauth.debug-enabled': null,
  'auth.nextauth.hardcoded-secret': null,
  'auth.nextauth.redirect-open': ['require-exact-redirect-uri'],
  'auth.nextauth.session-token-leak': null,
  'auth.oauth.access-token-in-url': ['no-token-in-url'],
  'auth.oauth.broad-scope': ['no-broad-scopes'],
  'auth.oauth.hardcoded-secret': ['no-exposed-client-secret'],
  'auth.oauth.implicit-flow': ['no-implicit-grant'],
  'auth.oauth.insecure-token-endpoint': null,
  'auth.oauth.long-token-lifetime': null,
  'auth.oauth.no-nonce': ['require-nonce-check'],
  'auth.oauth.no-pkce': ['require-pkce'],
  'auth.oauth.no-state-validation': ['require-state-check'],
  'auth.oauth.no-state': ['require-state-check'],
  'auth.oauth.open-redirect-callback': ['require-exact-redirect-uri'],
  'auth.oauth.pkce-plain': ['require-pkce'],
  'auth.oauth.ropc-grant': ['no-password-grant'],
  'auth.oauth.static-state': ['require-state-check', 'require-secure-random'],
  'auth.oauth.token-in-localstorage': ['no-token-in-web-storage'],
  'auth.oauth.wildcard-redirect': ['require-exact-redirect-uri'],
  'auth.passport.jwt-ignore-expiration': ['require-jwt-verification'],
  'auth.secret.provider-key': ['no-exposed-client-secret'],
  'auth.secret.public-env-secret': ['no-exposed-client-secret'],
  'auth.session.hardcoded-secret': null,
  'auth.session.id-in-url': ['no-token-in-url'],
  'auth.session.no-regeneration': null,
  'auth.tls.reject-unauthorized': null,
};

// ---- arguments -------------------------------------------------------------------------
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  if (index === -1) return fallback;
  const [value] = args.splice(index, 2).slice(1);
  return value;
};
const flag = (name) => {
  const index = args.indexOf(name);
  if (index !== -1) args.splice(index, 1);
  return index !== -1;
};
const mirrors = resolve(option('--mirrors', DEFAULT_MIRRORS));
const commit = option('--commit', PINNED_COMMIT);
const onlyFolder = option('--folder', undefined);
const asJson = flag('--json');
const verbose = flag('--verbose');

// ---- materialise the fixtures ----------------------------------------------------------
const gitDir = gitDirOf(mirrors, REPO);
if (!gitDir) {
  console.error(`${REPO}: no mirror under ${mirrors} (fetch github:${REPO} first)`);
  process.exit(2);
}
// Not under a `tests/` folder: the configs would leave the files unlinted as test code.
const workDir = join(root, '.realworld', 'oauthlint-fixtures', commit);
if (!existsSync(join(workDir, '.materialised'))) {
  const blobs = sourceBlobs(gitDir, commit);
  if (!blobs) {
    console.error(`${REPO}@${commit}: commit not in the mirror`);
    process.exit(2);
  }
  rmSync(workDir, { recursive: true, force: true });
  for (const [path, content] of blobs) {
    if (!path.startsWith(FIXTURES) || !SOURCE.test(path)) continue;
    const target = join(workDir, path.slice(FIXTURES.length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  writeFileSync(join(workDir, '.materialised'), `${REPO}@${commit}\n`);
}

/** The Semgrep rule id of each fixture folder, from the rule YAML its folder name points to. */
function folderRuleId(folder) {
  const dash = folder.indexOf('-');
  const yaml = `rules/rules/${folder.slice(0, dash)}/${folder.slice(dash + 1)}.yml`;
  const shown = spawnSync('git', ['--git-dir', gitDir, 'show', `${commit}:${yaml}`], { encoding: 'utf8' });
  if (shown.status !== 0) return undefined;
  const idLine = shown.stdout
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('- id:'));
  return idLine?.slice('- id:'.length).trim();
}

// ---- lint ------------------------------------------------------------------------------
const allRules = plugin.configs.all.find((entry) => entry.rules).rules;
const linter = new Linter({ configType: 'flat', cwd: '/' });
const languageGlobals = { ...globals.browser, ...globals.node };
const TS = new Set(['.ts', '.tsx', '.mts', '.cts']);

function languageOptionsFor(file) {
  const extension = extname(file);
  if (TS.has(extension))
    return { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: extension === '.tsx' } }, globals: languageGlobals };
  const script = extension === '.cjs';
  return {
    ecmaVersion: 'latest',
    sourceType: script ? 'commonjs' : 'module',
    parserOptions: { ecmaFeatures: { jsx: !script } },
    globals: languageGlobals,
  };
}

function lint(file, text) {
  // `**/*` alone does not match `.ts`/`.tsx`/`.jsx` in flat config: name the extensions.
  const config = [
    {
      files: ['**/*', '**/*.{ts,tsx,mts,cts,jsx}'],
      languageOptions: languageOptionsFor(file),
      plugins: { oauth: plugin },
      rules: allRules,
    },
  ];
  const messages = linter.verify(text, config, file);
  const fatal = messages.find((message) => message.fatal || (message.ruleId === null && message.line === 0));
  return { fatal, findings: messages.filter((message) => !message.fatal && message.ruleId?.startsWith('oauth/')) };
}

// ---- labels ----------------------------------------------------------------------------
/** `// ruleid: …` or `// ok: …` alone on a line, as `{ kind, rest }`. */
function annotationOf(line) {
  const trimmed = line.trim();
  if (!trimmed.startsWith('//')) return undefined;
  const body = trimmed.slice(2).trim();
  for (const kind of ['ruleid', 'ok']) if (body.startsWith(`${kind}:`)) return { kind, rest: body.slice(kind.length + 1).trim() };
  return undefined;
}
const RULE_ID = /^auth\.[\w.-]+$/;

/** For each line, the last line of the outermost AST node starting on it. */
function statementEnds(text, file) {
  const ends = new Map();
  const ast = tsParser.parse(text, { loc: true, range: true, jsx: extname(file) !== '.ts', sourceType: 'module' });
  const stack = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    const { start, end } = node.loc;
    ends.set(start.line, Math.max(ends.get(start.line) ?? start.line, end.line));
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range' || !value || typeof value !== 'object') continue;
      for (const child of Array.isArray(value) ? value : [value])
        if (child && typeof child.type === 'string' && child.loc) stack.push(child);
    }
  }
  return ends;
}

function labelsOf(text, file, folderRule) {
  const lines = text.split(/\r?\n/);
  const ends = statementEnds(text, file);
  const labels = [];
  lines.forEach((line, index) => {
    const annotation = annotationOf(line);
    if (!annotation) return;
    const { kind, rest } = annotation;
    // `auth.a.b, auth.c.d -- note`; an `ok:` may also be free text about the folder's rule.
    const separator = rest.indexOf(' -- ');
    const head = separator === -1 ? rest : rest.slice(0, separator);
    const ids = head
      .split(',')
      .map((part) => part.trim().split(' ')[0])
      .filter((id) => RULE_ID.test(id));
    const note = ids.length === 0 ? rest : separator === -1 ? '' : rest.slice(separator + 4).trim();
    // The next line that is code (annotations are followed by further comment lines at times).
    let target = index + 1;
    const isCode = (text) => text !== '' && !['//', '/*', '*'].some((start) => text.startsWith(start));
    while (target < lines.length && !isCode(lines[target].trim())) target += 1;
    const first = target + 1;
    labels.push({
      kind,
      rules: ids.length > 0 ? ids : [folderRule],
      annotationLine: index + 1,
      first,
      last: ends.get(first) ?? first,
      note,
    });
  });
  return labels;
}

// ---- score -----------------------------------------------------------------------------
const files = new Map(); // folder → [file names]
for (const [path] of sourceBlobs(gitDir, commit) ?? []) {
  if (!path.startsWith(FIXTURES) || !SOURCE.test(path)) continue;
  const [folder, name] = path.slice(FIXTURES.length).split('/');
  if (onlyFolder && folder !== onlyFolder) continue;
  if (!files.has(folder)) files.set(folder, []);
  files.get(folder).push(name);
}

const unknownRules = new Set();
const folders = [];
for (const folder of [...files.keys()].sort()) {
  const folderRule = folderRuleId(folder);
  const row = {
    folder,
    rule: folderRule,
    ours: RULE_MAP[folderRule] ?? null,
    expected: 0,
    tp: 0,
    fn: 0,
    fp: 0,
    noCounterpart: 0,
    extra: 0,
    details: [],
  };
  for (const name of files.get(folder).sort()) {
    const file = join(workDir, folder, name);
    const text = readFileSync(file, 'utf8');
    const { fatal, findings } = lint(file, text);
    if (fatal) row.details.push({ kind: 'unreadable', file: name, line: fatal.line, message: fatal.message });
    const credited = new Set();
    for (const label of labelsOf(text, file, folderRule)) {
      const mapped = label.rules.flatMap((id) => {
        if (!(id in RULE_MAP)) unknownRules.add(id);
        return RULE_MAP[id] ?? [];
      });
      const inside = findings.filter(
        (finding) => mapped.includes(finding.ruleId.slice('oauth/'.length)) && finding.line >= label.first && finding.line <= label.last,
      );
      const where = { file: name, line: label.first, last: label.last, theirs: label.rules.join(','), note: label.note };
      if (label.kind === 'ruleid') {
        row.expected += 1;
        if (mapped.length === 0) {
          row.noCounterpart += 1;
          row.details.push({ kind: 'no-counterpart', ...where });
        } else if (inside.length > 0) {
          row.tp += 1;
          inside.forEach((finding) => credited.add(finding));
          row.details.push({ kind: 'TP', ...where, ours: inside.map((finding) => finding.ruleId).join(',') });
        } else {
          row.fn += 1;
          row.details.push({ kind: 'FN', ...where });
        }
      } else if (inside.length > 0) {
        row.fp += 1;
        inside.forEach((finding) => credited.add(finding));
        row.details.push({ kind: 'FP', ...where, ours: inside.map((finding) => finding.ruleId).join(','), message: inside[0].message });
      }
    }
    for (const finding of findings) {
      if (credited.has(finding)) continue;
      row.extra += 1;
      row.details.push({ kind: 'extra', file: name, line: finding.line, ours: finding.ruleId, message: finding.message });
    }
  }
  folders.push(row);
}

// ---- report ----------------------------------------------------------------------------
const ratio = (a, b) => (b === 0 ? null : a / b);
const totals = { expected: 0, tp: 0, fn: 0, fp: 0, noCounterpart: 0, extra: 0 };
for (const row of folders) for (const key of Object.keys(totals)) totals[key] += row[key];
const mappedFolders = folders.filter((row) => row.ours).length;
const summary = {
  repo: REPO,
  commit,
  folders: folders.length,
  mappedFolders,
  total: { ...totals, precision: ratio(totals.tp, totals.tp + totals.fp), recall: ratio(totals.tp, totals.tp + totals.fn) },
  unknownRules: [...unknownRules],
  perFolder: folders,
};

if (asJson) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const format = (value) => (value === null ? '    -' : value.toFixed(3));
  const cell = (value, width = 4) => String(value).padStart(width);
  console.log(`${REPO}@${commit.slice(0, 12)}: ${folders.length} JS/TS fixture folders, ${mappedFolders} with a counterpart\n`);
  console.log(
    `${'folder'.padEnd(40)} ${'ours'.padEnd(28)} ${cell('exp')} ${cell('TP')} ${cell('FN')} ${cell('FP')} ${cell('none')} ${cell('extra', 5)}`,
  );
  for (const row of folders) {
    const ours = row.ours ? row.ours.join(',') : '—';
    console.log(
      `${row.folder.padEnd(40)} ${ours.slice(0, 28).padEnd(28)} ${cell(row.expected)} ${cell(row.tp)} ${cell(row.fn)} ${cell(row.fp)} ${cell(row.noCounterpart)} ${cell(row.extra, 5)}`,
    );
  }
  const t = summary.total;
  console.log(
    `${'total'.padEnd(40)} ${''.padEnd(28)} ${cell(t.expected)} ${cell(t.tp)} ${cell(t.fn)} ${cell(t.fp)} ${cell(t.noCounterpart)} ${cell(t.extra, 5)}`,
  );
  console.log(
    `\nprecision ${format(t.precision)}  recall ${format(t.recall)}  (TP ${t.tp} / FP ${t.fp} / FN ${t.fn}; ${t.noCounterpart} labels without a counterpart)`,
  );
  if (unknownRules.size) console.log(`Rule ids missing from RULE_MAP: ${[...unknownRules].join(', ')}`);
  const shown = verbose ? ['TP', 'FN', 'FP', 'extra', 'unreadable', 'no-counterpart'] : ['FN', 'FP', 'extra', 'unreadable'];
  for (const row of folders) {
    const details = row.details.filter((detail) => shown.includes(detail.kind));
    if (details.length === 0) continue;
    console.log(`\n${row.folder} (${row.rule})`);
    for (const detail of details) {
      const span = detail.last && detail.last !== detail.line ? `${detail.line}-${detail.last}` : `${detail.line}`;
      const text = detail.message ? ` — ${detail.message.split('. ')[0]}` : detail.note ? ` — ${detail.note}` : '';
      console.log(`  ${detail.kind.padEnd(14)} ${basename(detail.file)}:${span} ${detail.ours ?? detail.theirs ?? ''}${text}`);
    }
  }
}
