import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryEventStore, createInMemorySnapshotStore } from '../../../adapters/in-memory/index.js';
import { createPGliteEventStore, createPostgresSnapshotStore, pgliteDriver, type SqlDriver } from '../../../adapters/postgres/index.js';
import { createCommandHandler, type CommandContext } from '../../../core/kernel/command-handler.js';
import { fold } from '../../../core/kernel/decider.js';
import type { EventStore } from '../../../core/kernel/event-store.js';
import type { SnapshotOptions, SnapshotStore } from '../../../core/kernel/snapshots.js';
import { counterDecider, counterEvents, counterStream, type CounterCommand, type CounterEvent, type CounterState } from '../../support/counter.js';

const CounterStateC = t.type({ total: t.number, name: t.string });

/** Counts the events a store hands out when streams are read. */
const countingReads = (inner: EventStore<CounterEvent>): EventStore<CounterEvent> & { read: number } => {
  const wrapped = {
    ...inner,
    read: 0,
    readStream: async function* (...args: Parameters<EventStore<CounterEvent>['readStream']>) {
      for await (const e of inner.readStream(...args)) {
        wrapped.read++;
        yield e;
      }
    },
  };
  return wrapped;
};

const ctx = (commandId: string): CommandContext => ({ commandId, at: '2025-03-01T09:00:00.000Z' });
const inc = (by = 1): CounterCommand => ({ type: 'Increment', counterId: 'c1', by, limit: 1_000_000 });

let pglite: SqlDriver;
let n = 0;
beforeAll(async () => {
  pglite = await pgliteDriver({ dataDir: 'memory://' });
});
afterAll(async () => {
  await pglite.close();
});

const setups: Record<string, () => Promise<{ store: EventStore<CounterEvent>; snapshots: SnapshotStore }>> = {
  'in-memory': async () => ({ store: createInMemoryEventStore(counterEvents), snapshots: createInMemorySnapshotStore() }),
  PGlite: async () => {
    const schema = `snapshots_${++n}`;
    return {
      store: await createPGliteEventStore(counterEvents, { driver: pglite, schema }),
      snapshots: await createPostgresSnapshotStore({ driver: pglite, schema }),
    };
  },
};

describe.each(Object.entries(setups))('snapshots on %s', (_, setup) => {
  const options = (snapshots: SnapshotStore, deciderVersion = 'v1'): SnapshotOptions<CounterState> => ({
    store: snapshots,
    deciderVersion,
    codec: CounterStateC,
    every: 10,
  });
  const handler = (store: EventStore<CounterEvent>, snapshots?: SnapshotOptions<CounterState>) =>
    createCommandHandler({
      store,
      decider: counterDecider,
      events: counterEvents,
      streamName: counterStream,
      cacheSize: 0,
      ...(snapshots ? { snapshots } : {}),
    });

  /** 95 increments through a handler that takes snapshots. */
  const history = async (store: EventStore<CounterEvent>, snapshots: SnapshotStore): Promise<void> => {
    const writer = createCommandHandler({ store, decider: counterDecider, events: counterEvents, streamName: counterStream, snapshots: options(snapshots) });
    for (let i = 0; i < 95; i++) expect(isRight(await writer.handle(inc(), ctx(`cmd-${i}`)))).toBe(true);
  };

  it('a long-lived stream loads from its latest snapshot and the events after it', async () => {
    const { store, snapshots } = await setup();
    await history(store, snapshots);
    const latest = await snapshots.latest('counter-c1', 'v1');
    expect(latest?.revision).toBeGreaterThanOrEqual(85n);
    const counting = countingReads(store);
    const result = await handler(counting, options(snapshots)).handle(inc(5), ctx('cmd-next'));
    expect(isRight(result) && result.right.revision).toBe(95n);
    expect(counting.read).toBeLessThanOrEqual(10);
    const events: CounterEvent[] = [];
    for await (const e of store.readStream('counter-c1')) events.push(e);
    expect(fold(counterDecider, events).total).toBe(100);
  });

  it('a changed decider version ignores the old snapshots and replays the events', async () => {
    const { store, snapshots } = await setup();
    await history(store, snapshots);
    const counting = countingReads(store);
    const result = await handler(counting, options(snapshots, 'v2')).handle(inc(), ctx('cmd-v2'));
    expect(isRight(result)).toBe(true);
    expect(counting.read).toBe(95);
    expect((await snapshots.latest('counter-c1', 'v2'))?.revision).toBe(94n);
  });

  it('a command applied before the snapshot is still recognised as applied', async () => {
    const { store, snapshots } = await setup();
    await history(store, snapshots);
    const result = await handler(store, options(snapshots)).handle(inc(), ctx('cmd-3'));
    expect(isRight(result) && result.right.alreadyApplied).toBe(true);
    expect(await store.streamRevision('counter-c1')).toBe(94n);
  });

  it('a snapshot that cannot be decoded is ignored', async () => {
    const { store, snapshots } = await setup();
    await history(store, snapshots);
    await snapshots.save({ streamName: 'counter-c1', deciderVersion: 'v1', revision: 99n, state: '{"state":{"total":"lots"},"commandIds":[]}' });
    const counting = countingReads(store);
    const limited: CounterCommand = { type: 'Increment', counterId: 'c1', by: 1, limit: 97 };
    const result = await handler(counting, options(snapshots)).handle(limited, ctx('cmd-after-corruption'));
    expect(counting.read).toBe(95);
    expect(isRight(result)).toBe(true);
  });

  it('without snapshots the handler folds from the first event, as before', async () => {
    const { store, snapshots } = await setup();
    await history(store, snapshots);
    const counting = countingReads(store);
    await handler(counting).handle(inc(), ctx('cmd-plain'));
    expect(counting.read).toBe(95);
  });
});

describe('PostgreSQL snapshot store', () => {
  it('keeps the newest snapshot per stream and decider version', async () => {
    const store = await createPostgresSnapshotStore({ driver: pglite, schema: `snapshots_${++n}` });
    const snap = (revision: bigint, deciderVersion = 'v1') => ({ streamName: 's-1', deciderVersion, revision, state: `{"r":${revision}}` });
    await store.save(snap(10n));
    await store.save(snap(30n));
    await store.save(snap(20n));
    await store.save(snap(5n, 'v0'));
    expect(await store.latest('s-1', 'v1')).toEqual(snap(30n));
    expect(await store.latest('s-1', 'v0')).toEqual(snap(5n, 'v0'));
    expect(await store.latest('s-2', 'v1')).toBeUndefined();
  });
});
