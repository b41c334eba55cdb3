// Runs a TypeScript module in a plain Node process, through vite's module runner (the one
// vitest uses): for tests that need a real child process, e.g. one killed with SIGKILL.
// Usage: node test/support/run-ts.mjs <file.ts>
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const file = process.argv[2];
if (file === undefined) {
  console.error('usage: node test/support/run-ts.mjs <file.ts>');
  process.exit(2);
}
await runnerImport(resolve(root, file), { root, configFile: false, logLevel: 'error' });
