#!/usr/bin/env node
/**
 * Editor check: drives a real ESLint language server (vscode-eslint's server, as packaged by
 * vscode-langservers-extracted — what Neovim, Helix, Zed and Sublime users run) over stdio
 * with a minimal LSP client, against a temporary project that installs this plugin with its
 * recommended config, and checks that the plugin's diagnostics and code actions appear.
 * The server pulls its settings from the client (`workspace/configuration`) and serves
 * diagnostics on request (LSP 3.17 pull diagnostics), so the client answers and asks.
 *
 *   node scripts/editor-check.mjs        # prints a JSON summary; exit 0 when both appear
 *
 * Needs the plugin built (dist/). test/cli/editor.test.ts runs it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const server = join(root, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-eslint-language-server');
const TIMEOUT_MS = Number(process.env.EDITOR_CHECK_TIMEOUT_MS ?? 60_000);

// The temporary user project: the plugin and ESLint "installed" as links into this repository.
const dir = mkdtempSync(join(tmpdir(), 'oauth-editor-'));
mkdirSync(join(dir, 'node_modules'));
mkdirSync(join(dir, 'src'));
symlinkSync(root, join(dir, 'node_modules', 'eslint-plugin-oauth'), 'dir');
symlinkSync(join(root, 'node_modules', 'eslint'), join(dir, 'node_modules', 'eslint'), 'dir');
writeFileSync(join(dir, 'package.json'), '{ "name": "editor-app", "private": true, "type": "module" }\n');
writeFileSync(
  join(dir, 'eslint.config.mjs'),
  "import oauth from 'eslint-plugin-oauth';\n\nexport default [...oauth.configs.recommended];\n",
);
const file = join(dir, 'src', 'auth.js');
// Two findings: one without a suggestion, one whose suggestion must show as a code action.
const text = [
  "import jwt from 'jsonwebtoken';",
  'export function save(tokens) {',
  "  localStorage.setItem('refresh_token', tokens.refresh_token);",
  '}',
  "export const claims = (token, key) => jwt.verify(token, key, { algorithms: ['RS256', 'none'] });",
  '',
].join('\n');
writeFileSync(file, text);
const rootUri = pathToFileURL(dir).href;
const fileUri = pathToFileURL(file).href;

/** vscode-eslint's settings, as the VS Code extension would send them. */
const settings = {
  validate: 'on',
  packageManager: 'npm',
  useESLintClass: false,
  useFlatConfig: true,
  experimental: { useFlatConfig: false },
  codeAction: {
    disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
    showDocumentation: { enable: true },
  },
  codeActionOnSave: { enable: false, mode: 'all' },
  format: false,
  quiet: false,
  onIgnoredFiles: 'off',
  options: {},
  rulesCustomizations: [],
  run: 'onType',
  problems: { shortenToSingleLine: false },
  nodePath: null,
  workspaceFolder: { name: 'editor-app', uri: rootUri },
};

const child = spawn(process.execPath, [server, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk) => (stderr += chunk));

// --- LSP framing: `Content-Length: N\r\n\r\n` + N bytes of JSON.
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const log = [];

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolvePromise) => pending.set(id, resolvePromise));
}
const notify = (method, params) => send({ method, params });

/** Answers the server's own requests the way a plain editor does. */
function answer(message) {
  if (message.method === 'workspace/configuration') {
    send({ id: message.id, result: message.params.items.map(() => settings) });
  } else {
    // client/registerCapability, window/workDoneProgress/create, eslint/… requests: accept.
    send({ id: message.id, result: null });
  }
}

function onMessage(message) {
  if (message.id !== undefined && message.method === undefined) {
    pending.get(message.id)?.(message);
    pending.delete(message.id);
    return;
  }
  if (message.id !== undefined) {
    log.push(`request: ${message.method}`);
    answer(message);
    return;
  }
  log.push(message.method === 'window/logMessage' ? `log: ${message.params.message.slice(0, 500)}` : message.method);
}

child.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
    buffer = buffer.subarray(headerEnd + 4 + length);
    onMessage(JSON.parse(body));
  }
});

async function run() {
  await request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'editor-app' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: {
        diagnostic: { dynamicRegistration: false },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
      },
    },
  });
  notify('initialized', {});
  notify('textDocument/didOpen', { textDocument: { uri: fileUri, languageId: 'javascript', version: 1, text } });
  // This server publishes nothing by itself: the editor pulls diagnostics (LSP 3.17
  // `textDocument/diagnostic`). The first pull can come back empty while ESLint loads.
  let diagnostics = [];
  for (let attempt = 0; attempt < 20 && diagnostics.length === 0; attempt += 1) {
    const report = await request('textDocument/diagnostic', { textDocument: { uri: fileUri } });
    diagnostics = (report.result?.items ?? []).filter((diagnostic) => String(diagnostic.code ?? '').startsWith('oauth/'));
    if (diagnostics.length === 0) await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
  }
  if (diagnostics.length === 0) throw new Error('the server returned no oauth diagnostics');
  // The code actions of each finding, as the editor asks for them under the cursor.
  const actions = [];
  for (const diagnostic of diagnostics) {
    const answer = await request('textDocument/codeAction', {
      textDocument: { uri: fileUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    actions.push(...(answer.result ?? []));
  }
  return {
    diagnostics: diagnostics.map((diagnostic) => ({
      code: diagnostic.code,
      source: diagnostic.source,
      severity: diagnostic.severity,
      line: diagnostic.range.start.line + 1,
      character: diagnostic.range.start.character + 1,
      message: diagnostic.message.split('.')[0],
    })),
    codeActions: actions.map((action) => action.title),
  };
}

let summary;
let failed = false;
const timer = setTimeout(() => {
  failed = true;
  summary = { error: `no answer within ${TIMEOUT_MS} ms`, messages: log, stderr: stderr.slice(-2000) };
  finish();
}, TIMEOUT_MS);

function finish() {
  clearTimeout(timer);
  child.kill();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.exitCode = failed ? 1 : 0;
}

run().then(
  async (result) => {
    summary = result;
    failed = result.diagnostics.length === 0 || result.codeActions.length === 0;
    // Polite shutdown; the server exits on `exit`.
    await Promise.race([request('shutdown', null), new Promise((resolvePromise) => setTimeout(resolvePromise, 2000))]);
    notify('exit', null);
    finish();
  },
  (error) => {
    failed = true;
    summary = { error: String(error?.stack ?? error), messages: log, stderr: stderr.slice(-2000) };
    finish();
  },
);
