import { defineConfig } from 'vitest/config';

// Tests that need a real PostgreSQL server are named `postgres.test.ts` or
// `*.postgres.test.ts`; they run in the `postgres` project, whose globalSetup starts a
// throwaway cluster (only when one of them is selected). `npm run test:postgres` runs them alone.
const postgresServerTests = ['test/**/postgres.test.ts', 'test/**/*.postgres.test.ts'];

export default defineConfig({
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
