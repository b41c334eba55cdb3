import { afterAll, beforeAll } from 'vitest';
import { createPGliteEventStore, pgliteDriver, type PostgresEventStore, type SqlDriver } from '../../adapters/postgres/index.js';
import type { CounterEvent } from '../support/counter.js';
import { runEventStoreContract } from './event-store-contract.js';

// One embedded database for the file (PGlite takes a second or two to start); each test
// gets a fresh, empty store in a schema of its own.
let driver: SqlDriver;
let n = 0;
beforeAll(async () => {
  driver = await pgliteDriver({ dataDir: 'memory://' });
});
afterAll(async () => {
  await driver.close();
});

runEventStoreContract({
  name: 'PGlite',
  create: async (registry) => createPGliteEventStore(registry, { driver, schema: `contract_${++n}` }),
  injectRaw: async (store, record) => (store as PostgresEventStore<CounterEvent>).importRecords([record]),
});
