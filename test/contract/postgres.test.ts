import { afterAll, beforeAll } from 'vitest';
import { createPostgresEventStore, pgDriver, type PostgresEventStore, type SqlDriver } from '../../adapters/postgres/index.js';
import type { CounterEvent } from '../support/counter.js';
import { postgresUrl, uniqueSchema } from '../support/postgres.js';
import { runEventStoreContract } from './event-store-contract.js';

// A real PostgreSQL server (started by the `postgres` project's globalSetup); one pool for
// the file, and each test gets a fresh, empty store in a schema of its own.
let driver: SqlDriver;
beforeAll(() => {
  driver = pgDriver({ connectionString: postgresUrl() });
});
afterAll(async () => {
  await driver.close();
});

runEventStoreContract({
  name: 'PostgreSQL server',
  create: async (registry) => createPostgresEventStore(registry, { driver, schema: uniqueSchema('contract') }),
  injectRaw: async (store, record) => (store as PostgresEventStore<CounterEvent>).importRecords([record]),
});
