import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** `practice-ledger/...` resolves to the sources, as the package's exports do to dist/. */
const selfImports = [
  { find: /^practice-ledger$/, replacement: here('./core/index.ts') },
  { find: /^practice-ledger\/(in-memory|jsonl|system|postgres|eventstoredb|cli)$/, replacement: here('./adapters/$1/index.ts') },
  { find: /^practice-ledger\/projections$/, replacement: here('./projections/index.ts') },
  { find: /^practice-ledger\/testing$/, replacement: here('./testing/index.ts') },
];

export default defineConfig({
  resolve: { alias: selfImports },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
