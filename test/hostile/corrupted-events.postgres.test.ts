/** 1,000 corrupted stored events on a real PostgreSQL server (the `postgres` project starts a throwaway one). */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createPostgresEventStore, pgDriver, type PostgresEventStore, type SqlDriver } from '../../adapters/postgres/index.js';
import type { RecordedEvent } from '../../core/kernel/envelope.js';
import { practiceEvents, type PracticeEvent } from '../../core/events.js';
import { postgresUrl, uniqueSchema } from '../support/postgres.js';
import { CORRUPTED_EVENTS, healthyLog, runCorruptionSuite } from './corrupted-events.js';

let driver: SqlDriver;
let log: readonly RecordedEvent<PracticeEvent>[];
beforeAll(async () => {
  driver = pgDriver({ connectionString: postgresUrl() });
  log = await healthyLog();
});
afterAll(async () => {
  await driver.close();
});

describe(`hostile input: ${CORRUPTED_EVENTS.toLocaleString('en')} corrupted stored events`, () => {
  it('on a PostgreSQL server', async () => {
    const stores = new Map<unknown, PostgresEventStore<PracticeEvent>>();
    console.log(
      await runCorruptionSuite(
        {
          name: 'a PostgreSQL server',
          create: async () => {
            const store = await createPostgresEventStore(practiceEvents, { driver, schema: uniqueSchema('damaged') });
            stores.set(store, store);
            return store;
          },
          injectRaw: async (store, records) => stores.get(store)?.importRecords(records),
        },
        log,
      ),
    );
  });
});
