#!/usr/bin/env node
/** The `oauth-lint` executable: runs the CLI on this process's arguments and exits with its code. */
import { main } from './main';

void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then((code) => {
  process.exitCode = code;
});
