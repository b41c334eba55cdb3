// Runs the `practice-ledger` executable (adapters/cli/bin.ts) in a plain Node process,
// through vite's module runner, as `practice-ledger <args>`: a real child process with
// real streams, for the tests that must see exactly what a person sees.
// Usage: node test/support/run-cli.mjs <args…>
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
process.argv = [process.argv[0] ?? 'node', 'practice-ledger', ...process.argv.slice(2)];
await runnerImport(resolve(root, 'adapters/cli/bin.ts'), { root, configFile: false, logLevel: 'error' });
