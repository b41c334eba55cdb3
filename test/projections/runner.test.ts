import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInMemoryCheckpointStore, createInMemoryEventStore } from '../../adapters/in-memory/index.js';
import { createPGliteEventStore, createPostgresCheckpointStore, pgliteDriver, type SqlDriver } from '../../adapters/postgres/index.js';
import type { EventStore } from '../../core/kernel/event-store.js';
import { CheckpointConflict, type CheckpointStore } from '../../projections/checkpoints.js';
import { project } from '../../projections/projection.js';
import { createProjectionRunner } from '../../projections/runner.js';
import { counterEvents, type CounterEvent } from '../support/counter.js';
import { counterTotals, CounterTotalsC, type CounterTotals } from '../support/counter-projection.js';

interface Setup {
  readonly store: EventStore<CounterEvent>;
  readonly checkpoints: CheckpointStore<CounterTotals>;
}

let appended = 0;
/** Appends `n` increments round-robin over `streams` streams, a few per append. */
const seed = async (store: EventStore<CounterEvent>, n: number, streams = 5): Promise<void> => {
  for (let i = 0; i < n; ) {
    const take = Math.min(3, n - i);
    const stream = `counter-${(i / 3) % streams | 0}`;
    await store.appendToStream(
      stream,
      Array.from({ length: take }, (_, k) => ({
        event: { type: 'CounterIncremented' as const, data: { by: 1 + ((i + k) % 4), note: '' } },
        eventId: `seed-${++appended}`,
        metadata: { at: '2025-03-01T09:00:00.000Z' },
      })),
    );
    i += take;
  }
};

/** Counts the saves a checkpoint store receives. */
const counting = <M>(inner: CheckpointStore<M>): CheckpointStore<M> & { saves: number } => {
  const wrapped = {
    saves: 0,
    load: inner.load,
    reset: inner.reset,
    save: async (...args: Parameters<CheckpointStore<M>['save']>) => {
      wrapped.saves++;
      await inner.save(...args);
    },
  };
  return wrapped;
};

let pglite: SqlDriver;
let schemas = 0;
beforeAll(async () => {
  pglite = await pgliteDriver({ dataDir: 'memory://' });
});
afterAll(async () => {
  await pglite.close();
});

const setups: Record<string, () => Promise<Setup>> = {
  'in-memory': async () => ({ store: createInMemoryEventStore(counterEvents), checkpoints: createInMemoryCheckpointStore() }),
  PGlite: async () => {
    const schema = `runner_${++schemas}`;
    const store = await createPGliteEventStore(counterEvents, { driver: pglite, schema });
    return { store, checkpoints: await createPostgresCheckpointStore({ driver: pglite, schema, codec: CounterTotalsC }) };
  },
};

describe.each(Object.entries(setups))('projection runner on %s', (_, setup) => {
  it('catches up from nothing in batches, saving the model with each checkpoint', async () => {
    const { store, checkpoints } = await setup();
    await seed(store, 50);
    const counted = counting(checkpoints);
    const runner = createProjectionRunner({ projection: counterTotals(), store, checkpoints: counted, batchSize: 7 });
    const status = await runner.catchUp();
    expect(counted.saves).toBe(Math.ceil(50 / 7));
    expect(status.position).toBe(49n);
    expect(status.model.count).toBe(50);
    expect(status.model).toEqual(await project(counterTotals(), store.readAll()));
    expect(await checkpoints.load('counter-totals')).toEqual({ position: 49n, model: status.model });
  });

  it('resumes from its checkpoint: a new runner folds only the events after it', async () => {
    const { store, checkpoints } = await setup();
    await seed(store, 30);
    await createProjectionRunner({ projection: counterTotals(), store, checkpoints, batchSize: 8 }).catchUp();
    await seed(store, 12);
    const counted = counting(checkpoints);
    const applied: bigint[] = [];
    const projection = counterTotals();
    const watched = { ...projection, apply: (m: CounterTotals, e: Parameters<typeof projection.apply>[1]) => (applied.push(e.position), projection.apply(m, e)) };
    const status = await createProjectionRunner({ projection: watched, store, checkpoints: counted, batchSize: 8 }).catchUp();
    expect(applied).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(30 + i)));
    expect(counted.saves).toBe(2);
    expect(status.model).toMatchObject({ count: 42, gaps: 0, repeats: 0 });
  });

  it('rebuilding from zero gives the same model', async () => {
    const { store, checkpoints } = await setup();
    await seed(store, 40);
    const runner = createProjectionRunner({ projection: counterTotals(), store, checkpoints, batchSize: 9 });
    const caughtUp = await runner.catchUp();
    const rebuilt = await runner.rebuild();
    expect(rebuilt).toEqual(caughtUp);
    const other = createProjectionRunner({ projection: counterTotals('from-scratch'), store, checkpoints, batchSize: 40 });
    expect((await other.catchUp()).model).toEqual(caughtUp.model);
  });

  it('a crash mid-batch loses only the unsaved batch; the restart skips nothing and repeats nothing', async () => {
    const { store, checkpoints } = await setup();
    await seed(store, 45);
    const projection = counterTotals();
    let seen = 0;
    const crashing = {
      ...projection,
      apply: (m: CounterTotals, e: Parameters<typeof projection.apply>[1]) => {
        if (++seen === 24) throw new Error('power cut');
        return projection.apply(m, e);
      },
    };
    await expect(createProjectionRunner({ projection: crashing, store, checkpoints, batchSize: 10 }).catchUp()).rejects.toThrow('power cut');
    expect((await checkpoints.load(projection.name))?.position).toBe(19n);
    const resumed = await createProjectionRunner({ projection, store, checkpoints, batchSize: 10 }).catchUp();
    expect(resumed.model).toEqual(await project(projection, store.readAll()));
    expect(resumed.model).toMatchObject({ count: 45, gaps: 0, repeats: 0 });
  });

  it('follows new events live until stopped, saving partial batches when the stream goes quiet', async () => {
    const { store, checkpoints } = await setup();
    await seed(store, 10);
    const runner = createProjectionRunner({ projection: counterTotals(), store, checkpoints, batchSize: 100, pollIntervalMs: 20, idleFlushMs: 20 });
    runner.start();
    await vi.waitFor(() => expect(runner.status().position).toBe(9n), { timeout: 10_000, interval: 10 });
    await seed(store, 7);
    await vi.waitFor(() => expect(runner.status().position).toBe(16n), { timeout: 10_000, interval: 10 });
    await seed(store, 5);
    await vi.waitFor(() => expect(runner.status().position).toBe(21n), { timeout: 10_000, interval: 10 });
    await runner.stop();
    expect(runner.status().model).toEqual(await project(counterTotals(), store.readAll()));
    expect(await checkpoints.load('counter-totals')).toEqual(runner.status());
    expect(() => runner.start()).not.toThrow();
    await runner.stop();
  });

  it('refuses a save from a runner whose checkpoint moved underneath it', async () => {
    const { checkpoints } = await setup();
    const model = counterTotals().initial;
    await checkpoints.save('p', { position: 4n, model }, undefined);
    await expect(checkpoints.save('p', { position: 9n, model }, undefined)).rejects.toBeInstanceOf(CheckpointConflict);
    await expect(checkpoints.save('p', { position: 9n, model }, 3n)).rejects.toBeInstanceOf(CheckpointConflict);
    await checkpoints.save('p', { position: 9n, model }, 4n);
    expect((await checkpoints.load('p'))?.position).toBe(9n);
  });
});

describe('projection runner', () => {
  it('stop rejects with the error that ended following', async () => {
    const store = createInMemoryEventStore(counterEvents);
    await seed(store, 3);
    const projection = counterTotals();
    const broken = {
      ...projection,
      apply: () => {
        throw new Error('bad projection');
      },
    };
    const errors: unknown[] = [];
    const runner = createProjectionRunner({
      projection: broken,
      store,
      checkpoints: createInMemoryCheckpointStore<CounterTotals>(),
      onError: (e) => errors.push(e),
    });
    runner.start();
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    await expect(runner.stop()).rejects.toThrow('bad projection');
  });

  it('runs one catch-up at a time', async () => {
    const store = createInMemoryEventStore(counterEvents);
    const runner = createProjectionRunner({ projection: counterTotals(), store, checkpoints: createInMemoryCheckpointStore<CounterTotals>() });
    runner.start();
    await expect(runner.catchUp()).rejects.toThrow('already running');
    await runner.stop();
    await expect(runner.catchUp()).resolves.toMatchObject({ position: undefined });
  });
});
