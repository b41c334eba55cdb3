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

// Tests that need a real PostgreSQL server are named `postgres.test.ts` or
// `*.postgres.test.ts`: they run in the `postgres` project, whose globalSetup starts a
// throwaway cluster (only when one of its files is selected). `npm test` runs both
// projects; `npm run test:postgres` installs PostgreSQL if needed and runs that one alone.
const postgresServerTests = ['test/**/postgres.test.ts', 'test/**/*.postgres.test.ts'];

export default defineConfig({
  resolve: { alias: selfImports },
  test: {
    // Each project lists its own files (with `extends: true`, arrays here would be merged into theirs).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    execArgv: ['--expose-gc'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', ...postgresServerTests] },
      },
      {
        extends: true,
        test: { name: 'postgres', include: postgresServerTests, globalSetup: ['test/support/postgres-server.ts'] },
      },
    ],
  },
});
