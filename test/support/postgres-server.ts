/**
 * vitest globalSetup of the `postgres` project: starts a throwaway PostgreSQL cluster for
 * the tests that need a real server and removes it after (see
 * `scripts/throwaway-postgres.ts`, which the benchmarks share). Its connection string
 * reaches the tests through `inject('postgresUrl')`.
 *
 * With `PRACTICE_LEDGER_TEST_POSTGRES_URL` set, the tests use that server instead and
 * nothing is started. Install the server with `bash scripts/ensure-postgres.sh`.
 */
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../../scripts/throwaway-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the PostgreSQL server the tests use. */
    postgresUrl: string;
  }
}

export { startThrowawayPostgres, type RunningPostgres } from '../../scripts/throwaway-postgres.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env['PRACTICE_LEDGER_TEST_POSTGRES_URL'];
  if (external !== undefined && external !== '') {
    project.provide('postgresUrl', external);
    return undefined;
  }
  const server = await startThrowawayPostgres();
  project.provide('postgresUrl', server.url);
  return server.stop;
}
