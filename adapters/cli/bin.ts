#!/usr/bin/env node
/** The `practice-ledger` executable: the CLI on the process's streams, a progress bar only on a terminal. */
import { runCli } from './program.js';

// Piped into `head`, a closed standard output ends the run quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  ...(process.stderr.isTTY ? { terminal: process.stderr } : {}),
});
