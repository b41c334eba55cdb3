import { describe, expect, it, vi } from 'vitest';
import { createInMemoryCheckpointStore } from '../../../adapters/in-memory/index.js';
import { createEventStoreDBEventStore } from '../../../adapters/eventstoredb/index.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import { project } from '../../../projections/projection.js';
import { createProjectionRunner } from '../../../projections/runner.js';
import { counterEvents, type CounterEvent } from '../../support/counter.js';
import { counterTotals, type CounterTotals } from '../../support/counter-projection.js';
import { FakeEventStoreDB } from '../../support/fake-eventstoredb.js';

// Over the in-process fake client (no EventStoreDB server runs here).
const inc = (id: string) => ({
  event: { type: 'CounterIncremented' as const, data: { by: 2, note: '' } },
  eventId: id,
  metadata: { at: '2025-03-01T09:00:00.000Z' },
});

describe('EventStoreDB catch-up subscription (fake client)', () => {
  it('yields the events after a checkpoint, then new ones, only of its own streams, until aborted', async () => {
    const client = new FakeEventStoreDB();
    const store = createEventStoreDBEventStore(counterEvents, { client, streamPrefix: 'practice1_' });
    const neighbour = createEventStoreDBEventStore(counterEvents, { client, streamPrefix: 'practice2_' });
    await store.appendToStream('counter-a', [inc('a1'), inc('a2')]);
    await neighbour.appendToStream('counter-a', [inc('n1')]);
    let first: RecordedEvent<CounterEvent> | undefined;
    for await (const e of store.readAll({ maxCount: 1 })) first = e;
    if (first === undefined) throw new Error('no first event');

    const abort = new AbortController();
    const seen: RecordedEvent<CounterEvent>[] = [];
    const following = (async () => {
      for await (const e of store.subscribeToAll({ after: first.position, signal: abort.signal })) seen.push(e);
    })();
    await vi.waitFor(() => expect(seen.map((e) => e.eventId)).toEqual(['a2']));
    await store.appendToStream('counter-b', [inc('b1')]);
    await neighbour.appendToStream('counter-b', [inc('n2')]);
    await vi.waitFor(() => expect(seen.map((e) => e.eventId)).toEqual(['a2', 'b1']));
    abort.abort();
    await following;
    expect(seen.map((e) => e.streamName)).toEqual(['counter-a', 'counter-b']);
    expect(seen[1]?.position).toBeGreaterThan(seen[0]?.position ?? 0n);
  });

  it('the projection runner follows the store with its native subscription', async () => {
    const client = new FakeEventStoreDB();
    const subscribe = vi.spyOn(client, 'subscribeToAll');
    const store = createEventStoreDBEventStore(counterEvents, { client });
    await store.appendToStream('counter-a', [inc('a1'), inc('a2'), inc('a3')]);
    const checkpoints = createInMemoryCheckpointStore<CounterTotals>();
    const runner = createProjectionRunner({ projection: counterTotals(), store, checkpoints, batchSize: 2, idleFlushMs: 10 });
    runner.start();
    await vi.waitFor(() => expect(runner.status().model.count).toBe(3));
    await store.appendToStream('counter-b', [inc('b1'), inc('b2')]);
    await vi.waitFor(() => expect(runner.status().model.count).toBe(5));
    await runner.stop();
    expect(subscribe).toHaveBeenCalledTimes(1);
    const expected = await project(counterTotals(), store.readAll());
    // (positions here are commit·2⁶⁴ + prepare: the model's own position checks do not apply)
    expect(runner.status().model.totals).toEqual(expected.totals);
    expect(runner.status().model.count).toBe(5);
  });
});
