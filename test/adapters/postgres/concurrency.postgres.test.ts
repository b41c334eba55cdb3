import { isLeft } from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresEventStore, LATEST_SCHEMA_VERSION, pgDriver, type PostgresEventStore, type SqlDriver } from '../../../adapters/postgres/index.js';
import { createCommandHandler } from '../../../core/kernel/command-handler.js';
import { WrongExpectedRevision } from '../../../core/kernel/errors.js';
import type { EventStore } from '../../../core/kernel/event-store.js';
import { counterDecider, counterEvents, counterStream, type CounterEvent } from '../../support/counter.js';
import { postgresUrl, uniqueSchema } from '../../support/postgres.js';

let driver: SqlDriver;
beforeAll(() => {
  driver = pgDriver({ connectionString: postgresUrl(), maxConnections: 24 });
});
afterAll(async () => {
  await driver.close();
});

/** Counts the revision conflicts the store reports. */
const countingConflicts = (inner: EventStore<CounterEvent>): EventStore<CounterEvent> & { conflicts: number } => {
  const wrapped = {
    ...inner,
    conflicts: 0,
    appendToStream: async (...args: Parameters<EventStore<CounterEvent>['appendToStream']>) => {
      try {
        return await inner.appendToStream(...args);
      } catch (error) {
        if (error instanceof WrongExpectedRevision) wrapped.conflicts++;
        throw error;
      }
    },
  };
  return wrapped;
};

const commandIdsIn = async (store: EventStore<CounterEvent>, stream: string): Promise<string[]> => {
  const ids: string[] = [];
  let revision = 0n;
  for await (const e of store.readStream(stream)) {
    expect(e.revision).toBe(revision++);
    ids.push(e.metadata.commandId ?? '');
  }
  return ids;
};

describe('PostgreSQL under concurrent writers', () => {
  it('20 writers × 50 commands on one stream: each command applied exactly once or refused with a typed conflict, nothing lost', async () => {
    const base = await createPostgresEventStore(counterEvents, { driver, schema: uniqueSchema('writers') });
    const store = countingConflicts(base);
    const writers = 20;
    const perWriter = 50;
    const handlers = Array.from({ length: writers }, () =>
      createCommandHandler({ store, decider: counterDecider, events: counterEvents, streamName: counterStream }),
    );
    const command = { type: 'Increment' as const, counterId: 'shared', by: 1, limit: 1_000_000 };
    const applied: string[] = [];
    const refused: string[] = [];
    await Promise.all(
      handlers.map(async (handler, w) => {
        for (let i = 0; i < perWriter; i++) {
          const commandId = `w${w}-c${i}`;
          const result = await handler.handle(command, { commandId, at: '2025-03-01T09:00:00.000Z' });
          if (isLeft(result)) {
            expect(result.left.code).toBe('CONCURRENCY_CONFLICT');
            refused.push(commandId);
          } else {
            expect(result.right.alreadyApplied).toBe(false);
            expect(result.right.events).toHaveLength(1);
            applied.push(commandId);
          }
        }
      }),
    );
    expect(applied.length + refused.length).toBe(writers * perWriter);
    expect(store.conflicts).toBeGreaterThan(0); // the writers did contend

    const stored = await commandIdsIn(base, 'counter-shared');
    expect([...stored].sort()).toEqual([...applied].sort());

    // A refused command is safe to send again with the same id: it is then applied once.
    const retry = createCommandHandler({ store: base, decider: counterDecider, events: counterEvents, streamName: counterStream });
    for (const commandId of refused) {
      const result = await retry.handle(command, { commandId, at: '2025-03-01T09:00:00.000Z' });
      expect(isLeft(result)).toBe(false);
    }
    // And a command sent twice is not applied twice.
    const again = await retry.handle(command, { commandId: applied[0] ?? '', at: '2025-03-01T09:00:00.000Z' });
    expect(!isLeft(again) && again.right.alreadyApplied).toBe(true);

    const all = await commandIdsIn(base, 'counter-shared');
    expect(all).toHaveLength(writers * perWriter);
    expect(new Set(all).size).toBe(writers * perWriter);
    await base.close();
  });

  it('a reader following $all by position never skips an event committed later with a lower position', async () => {
    const store = await createPostgresEventStore(counterEvents, { driver, schema: uniqueSchema('follow') });
    const writers = 8;
    const appends = 60;
    let writing = true;
    const seen: bigint[] = [];
    const reader = (async () => {
      let after: bigint | undefined;
      for (;;) {
        const done = !writing;
        for await (const e of store.readAll(after === undefined ? {} : { after })) {
          seen.push(e.position);
          after = e.position;
        }
        if (done) return;
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appends; i++) {
          await store.appendToStream(`counter-${w}`, [
            { event: { type: 'CounterIncremented', data: { by: 1, note: '' } }, eventId: `f-${w}-${i}`, metadata: { at: '2025-03-01T09:00:00.000Z' } },
          ]);
        }
      }),
    );
    writing = false;
    await reader;
    expect(seen).toHaveLength(writers * appends);
    expect(seen).toEqual(seen.map((_, i) => BigInt(i)));
    await store.close();
  });

  it('several processes opening the store at once migrate the schema once', async () => {
    const schema = uniqueSchema('opening');
    const stores: PostgresEventStore<CounterEvent>[] = await Promise.all(
      Array.from({ length: 4 }, () => createPostgresEventStore(counterEvents, { connectionString: postgresUrl(), maxConnections: 2, schema })),
    );
    const [row] = await driver.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`);
    expect(row?.['n']).toBe(LATEST_SCHEMA_VERSION);
    await Promise.all(stores.map((s) => s.close()));
  });
});
