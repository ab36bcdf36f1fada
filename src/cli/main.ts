/**
 * `oauth-lint`: audit a repository for OAuth/OIDC mistakes without any ESLint setup.
 *
 *   oauth-lint [paths...] [--config recommended|strict|all] [--format stylish|json|sarif|html]
 *   oauth-lint list [--config …]
 *   oauth-lint explain <rule>
 *
 * Exit codes: 0 no error-level finding, 1 error-level findings, 2 usage error or a failure
 * to run (an unknown flag, a bad value, a missing path, ESLint not installed). See docs/cli.md.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stripVTControlCharacters, parseArgs } from 'node:util';
import type { ConfigName } from '../index';
import { readPackageJson } from '../package-info';
import { explainRule, listRules, ruleIdOf, similarRuleIds } from './docs';
import { selectFiles } from './files';
import { formatHtml } from './formats/html';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';
import { loadESLint, runAudit, type NotLinted } from './lint';
import { summaryLines, totals, type Report } from './report';

export const FORMATS = ['stylish', 'json', 'sarif', 'html'] as const;
export const CONFIGS = ['recommended', 'strict', 'all'] as const;
type Format = (typeof FORMATS)[number];

/** Where the CLI writes; a test can pass its own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
}

const INFORMATION_URI = 'https://github.com/eslint-plugin-oauth/eslint-plugin-oauth/blob/main/docs/cli.md';

const HELP = `Usage: oauth-lint [options] [paths...]
       oauth-lint list [--config <name>]
       oauth-lint explain <rule>

Audit JavaScript, TypeScript, Vue and Svelte code for OAuth 2.0 / OpenID Connect
security mistakes with eslint-plugin-oauth. Needs no ESLint configuration: the
project's own eslint.config.* is not read. Paths default to the current folder.

Lints .js .jsx .mjs .cjs .ts .tsx .mts .cts, and the <script> of .vue/.svelte files
(TypeScript needs @typescript-eslint/parser; .vue needs vue-eslint-parser; .svelte
needs svelte-eslint-parser). Skips node_modules, build output (dist, build, out,
.next, coverage, ...), .gitignore'd files and, unless --include-tests, test files.
Files that cannot be parsed are listed and skipped.

Options:
  -c, --config <name>       recommended (default), strict or all
  -f, --format <name>       stylish (default), json, sarif or html
  -o, --output-file <path>  write the report to a file instead of stdout
      --include-tests       also lint test files (*.test.*, *.spec.*, test/, __tests__/, ...)
      --progress            report progress on stderr (default: on a terminal, for long runs)
      --no-progress         never report progress
  -h, --help                show this help
  -v, --version             show the version

Commands:
  list                      the rules, their level in the config, review check and severity
  explain <rule>            a rule's documentation (e.g. oauth-lint explain require-pkce)

Exit codes: 0 no error-level finding, 1 error-level findings,
            2 usage error (unknown option, bad value, missing path) or failure to run.
Docs: ${INFORMATION_URI}
`;

class UsageError extends Error {}

interface Parsed {
  command: 'lint' | 'list' | 'explain' | 'help' | 'version';
  paths: string[];
  config: ConfigName;
  format: Format;
  outputFile?: string;
  includeTests: boolean;
  progress: boolean | undefined;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Invalid value for ${flag}: '${value}'. Expected one of: ${allowed.join(', ')}.`);
}

export function parseCommandLine(argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        'include-tests': { type: 'boolean' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs' messages name the option ("Unknown option '--x'"); add what to do next.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.replace(/\. To specify a positional argument.*$/s, '.')} Run 'oauth-lint --help' for the options.`);
  }
  const { values, positionals } = parsed;
  const base = {
    config: oneOf(values.config, CONFIGS, '--config', 'recommended'),
    format: oneOf(values.format, FORMATS, '--format', 'stylish'),
    outputFile: values['output-file'],
    includeTests: values['include-tests'] ?? false,
    progress: values['no-progress'] ? false : values.progress ? true : undefined,
  };
  if (values['output-file'] === '') throw new UsageError('--output-file needs a file path.');
  if (values.help) return { ...base, command: 'help', paths: [] };
  if (values.version) return { ...base, command: 'version', paths: [] };
  const [first, ...rest] = positionals;
  if (first === 'list') {
    if (rest.length > 0) throw new UsageError(`'list' takes no arguments (got: ${rest.join(' ')}).`);
    return { ...base, command: 'list', paths: [] };
  }
  if (first === 'explain') {
    if (rest.length !== 1)
      throw new UsageError("'explain' takes one rule name, e.g. oauth-lint explain require-pkce. 'oauth-lint list' lists them.");
    return { ...base, command: 'explain', paths: rest };
  }
  return { ...base, command: 'lint', paths: positionals.length > 0 ? positionals : ['.'] };
}

function write(io: CliIO, text: string): void {
  io.stdout.write(text);
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const { version } = readPackageJson();
  try {
    const args = parseCommandLine(argv);
    switch (args.command) {
      case 'help':
        write(io, HELP);
        return 0;
      case 'version':
        write(io, `${version}\n`);
        return 0;
      case 'list':
        write(io, listRules(args.config));
        return 0;
      case 'explain': {
        const id = ruleIdOf(args.paths[0]);
        if (!id) {
          const similar = similarRuleIds(args.paths[0]);
          throw new UsageError(
            `Unknown rule '${args.paths[0]}'.${similar.length > 0 ? ` Did you mean: ${similar.join(', ')}?` : ''} 'oauth-lint list' lists the rules.`,
          );
        }
        write(io, explainRule(id));
        return 0;
      }
      default:
        return await lint(args, io, version);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`oauth-lint: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`oauth-lint: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

async function lint(args: Parsed, io: CliIO, version: string): Promise<number> {
  for (const path of args.paths) {
    if (!existsSync(resolve(io.cwd, path))) throw new UsageError(`No such file or folder: ${path}`);
  }
  let eslintModule: typeof import('eslint');
  try {
    eslintModule = loadESLint();
  } catch {
    throw new UsageError(
      'ESLint is not installed. oauth-lint runs on ESLint 9 or 10: npm i -D eslint (or npx -p eslint -p eslint-plugin-oauth oauth-lint).',
    );
  }

  const selection = selectFiles(io.cwd, args.paths, { includeTests: args.includeTests });
  const showProgress = args.progress ?? (Boolean(io.stderr.isTTY) && selection.files.length > 40);
  const onTerminal = Boolean(io.stderr.isTTY);
  const audit = await runAudit({
    cwd: io.cwd,
    files: selection.files,
    config: args.config,
    onProgress: showProgress
      ? (done, total) => {
          const text = `oauth-lint: linted ${done}/${total} files`;
          io.stderr.write(onTerminal ? `\r${text}${done === total ? '\r\x1b[K' : ''}` : `${text}\n`);
        }
      : undefined,
  });

  const notLinted: NotLinted[] = [...selection.skipped, ...audit.notLinted].sort((a, b) =>
    a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0,
  );
  const report: Report = {
    tool: { name: 'oauth-lint', version, informationUri: INFORMATION_URI },
    cwd: io.cwd,
    config: args.config,
    results: audit.results,
    rulesMeta: audit.rulesMeta,
    ruleLevels: audit.ruleLevels,
    notLinted,
    filesLinted: audit.results.length,
    excluded: selection.excluded,
    includeTests: args.includeTests,
  };

  let output: string;
  switch (args.format) {
    case 'json':
      output = formatJson(report);
      break;
    case 'sarif':
      output = formatSarif(report);
      break;
    case 'html':
      output = formatHtml(report);
      break;
    default:
      output = await formatStylish(report, new eslintModule.ESLint({ cwd: io.cwd, overrideConfigFile: true }));
  }
  if (args.outputFile) {
    const file = resolve(io.cwd, args.outputFile);
    mkdirSync(dirname(file), { recursive: true });
    // Colours belong to terminals; a file gets plain text.
    writeFileSync(file, stripVTControlCharacters(output));
  } else {
    write(io, output);
  }
  io.stderr.write(`${summaryLines(report).join('\n')}\n`);
  if (args.outputFile) io.stderr.write(`Report written to ${args.outputFile}\n`);
  return totals(report).errors > 0 ? 1 : 0;
}
