/** 1,000 corrupted stored events on the in-memory store, PGlite, and EventStoreDB (over its fake client). */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createInMemoryEventStore, type InMemoryEventStore } from '../../adapters/in-memory/index.js';
import { createPGliteEventStore, pgliteDriver, type PostgresEventStore, type SqlDriver } from '../../adapters/postgres/index.js';
import { createEventStoreDBEventStore, type EventStoreDBEventStore } from '../../adapters/eventstoredb/index.js';
import type { RecordedEvent } from '../../core/kernel/envelope.js';
import { practiceEvents, type PracticeEvent } from '../../core/events.js';
import { FakeEventStoreDB } from '../support/fake-eventstoredb.js';
import { CORRUPTED_EVENTS, healthyLog, runCorruptionSuite } from './corrupted-events.js';

let log: readonly RecordedEvent<PracticeEvent>[];
beforeAll(async () => {
  log = await healthyLog();
});

describe(`hostile input: ${CORRUPTED_EVENTS.toLocaleString('en')} corrupted stored events`, () => {
  it('on the in-memory store', async () => {
    const stores = new Map<unknown, InMemoryEventStore<PracticeEvent>>();
    console.log(
      await runCorruptionSuite(
        {
          name: 'the in-memory store',
          create: async () => {
            const store = createInMemoryEventStore(practiceEvents);
            stores.set(store, store);
            return store;
          },
          injectRaw: async (store, records) => stores.get(store)?.importRecords(records),
        },
        log,
      ),
    );
  });

  describe('on PGlite', () => {
    let driver: SqlDriver;
    beforeAll(async () => {
      driver = await pgliteDriver({ dataDir: 'memory://' });
    });
    afterAll(async () => {
      await driver.close();
    });
    it('on PGlite', async () => {
      const stores = new Map<unknown, PostgresEventStore<PracticeEvent>>();
      console.log(
        await runCorruptionSuite(
          {
            name: 'PGlite',
            create: async () => {
              const store = await createPGliteEventStore(practiceEvents, { driver, schema: 'damaged' });
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

  it('on EventStoreDB (the adapter over an in-process fake client)', async () => {
    const stores = new Map<unknown, EventStoreDBEventStore<PracticeEvent>>();
    console.log(
      await runCorruptionSuite(
        {
          name: 'EventStoreDB (fake client)',
          create: async () => {
            const store = createEventStoreDBEventStore(practiceEvents, { client: new FakeEventStoreDB(), pageSize: 64 });
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
