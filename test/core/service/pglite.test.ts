/**
 * The facade over an embedded PostgreSQL (PGlite) instead of the in-memory store: it
 * reaches the store only through the port, so the same booking, renewal and flows give the
 * same log.
 */
import { describe, expect, it } from 'vitest';
import { createPGliteEventStore } from '../../../adapters/postgres/index.js';
import { manualClock, sequentialIds } from '../../../adapters/system/index.js';
import { practiceEvents } from '../../../core/events.js';
import type { EventStore } from '../../../core/kernel/event-store.js';
import type { PracticeEvent } from '../../../core/events.js';
import { createPracticeLedger } from '../../../core/service/index.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { TIME_ZONE } from './fixtures.js';
import { runDays, setUp } from './scenario.js';
import { startOfPracticeDay } from '../../../core/values/calendar.js';
import { localDate } from '../../../core/values/local-date.js';

const run = async (store: EventStore<PracticeEvent>) => {
  const clock = manualClock('2025-01-06T14:00:00.000Z');
  const ledger = createPracticeLedger({ store, clock, ids: sequentialIds('cmd'), timeZone: TIME_ZONE });
  const goTo = (date: string): void => {
    clock.set(startOfPracticeDay(localDate(date), TIME_ZONE));
    clock.advanceHours(9);
  };
  await setUp(ledger);
  await runDays(ledger, goTo, '2025-01-07', '2025-02-20');
  const log = [];
  for await (const e of store.readAll()) log.push([e.streamName, e.revision, e.position, e.eventId, e.type, e.data, e.metadata]);
  return { log, failures: ledger.flows.failures() };
};

describe('the Promise facade on PGlite', () => {
  it('records the same log as on the in-memory store', async () => {
    const pglite = await createPGliteEventStore(practiceEvents, { dataDir: 'memory://' });
    try {
      const onPglite = await run(pglite);
      const inMemory = await run(createInMemoryEventStore(practiceEvents));
      expect(onPglite.failures).toEqual([]);
      expect(onPglite.log.length).toBeGreaterThan(50);
      expect(onPglite.log).toEqual(inMemory.log);
    } finally {
      await pglite.close();
    }
  });
});
