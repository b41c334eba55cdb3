/**
 * The event-store contract: one suite, the same expectations for every adapter. An adapter
 * runs it with one line: `runEventStoreContract({ name, create, injectRaw })`.
 */
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { EventStore } from '../../core/kernel/event-store.js';
import type { NewEvent } from '../../core/kernel/envelope.js';
import { EventDecodeError, WrongExpectedRevision } from '../../core/kernel/errors.js';
import { counterEvents, type CounterEvent } from '../support/counter.js';

export interface RawRecord {
  readonly streamName: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** JSON text as it would sit in the store (may be deliberately broken). */
  readonly data: string;
  readonly metadata: { readonly at: string };
}

export interface ContractHarness {
  readonly name: string;
  /** A fresh, empty store decoding with the given registry. */
  readonly create: (registry: typeof counterEvents) => Promise<EventStore<CounterEvent>>;
  /** Writes a record as-is at the end of its stream, bypassing encoding (to store corruption). */
  readonly injectRaw: (store: EventStore<CounterEvent>, record: RawRecord) => Promise<void>;
  /** Events in the long-stream test. @defaultValue 100000 */
  readonly longStreamEvents?: number;
}

const AT = '2025-03-01T09:00:00.000Z';
let counter = 0;
const inc = (by = 1, note = ''): NewEvent<CounterEvent> => ({
  event: { type: 'CounterIncremented', data: { by, note } },
  eventId: `evt-${++counter}-${Math.random().toString(36).slice(2)}`,
  metadata: { at: AT },
});

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

const conflictOf = async (p: Promise<unknown>): Promise<WrongExpectedRevision> => {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    return error as WrongExpectedRevision;
  }
  throw new Error('expected a WrongExpectedRevision');
};

const decodeErrorOf = async (p: Promise<unknown>): Promise<EventDecodeError> => {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(EventDecodeError);
    return error as EventDecodeError;
  }
  throw new Error('expected an EventDecodeError');
};

export const runEventStoreContract = (harness: ContractHarness): void => {
  describe(`event store contract: ${harness.name}`, () => {
    let store: EventStore<CounterEvent>;
    let stream: string;
    beforeEach(async () => {
      store = await harness.create(counterEvents);
      stream = `counter-${Math.random().toString(36).slice(2)}`;
    });
    afterEach(async () => {
      await store.close();
    });

    it("numbers a stream's first event revision 0n", async () => {
      const result = await store.appendToStream(stream, [inc()], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      const [first] = await collect(store.readStream(stream));
      expect(first?.revision).toBe(0n);
      expect(await store.streamRevision(stream)).toBe(0n);
    });

    it('gives consecutive revisions and returns the last as the next expected revision', async () => {
      const r1 = await store.appendToStream(stream, [inc(1), inc(2), inc(3)], { expectedRevision: 'no_stream' });
      expect(r1.nextExpectedRevision).toBe(2n);
      const r2 = await store.appendToStream(stream, [inc(4)], { expectedRevision: 2n });
      expect(r2.nextExpectedRevision).toBe(3n);
      const events = await collect(store.readStream(stream));
      expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
      expect(events.map((e) => (e.type === 'CounterIncremented' ? e.data.by : 0))).toEqual([1, 2, 3, 4]);
      expect(await store.streamRevision(`${stream}-absent`)).toBeUndefined();
    });

    it('keeps event ids, types, schema versions and metadata', async () => {
      const e = { ...inc(5, 'héllo "quoted"\n'), metadata: { at: AT, commandId: 'cmd-1', actor: 'provider:ann', correlationId: 'c', causationId: 'x' } };
      await store.appendToStream(stream, [e]);
      const [read] = await collect(store.readStream(stream));
      expect(read?.eventId).toBe(e.eventId);
      expect(read?.type).toBe('CounterIncremented');
      expect(read?.schemaVersion).toBe(1);
      expect(read?.data).toEqual({ by: 5, note: 'héllo "quoted"\n' });
      expect(read?.metadata).toEqual(e.metadata);
      expect(read?.streamName).toBe(stream);
    });

    describe('expected revision', () => {
      it("'no_stream' succeeds on an absent stream and fails on an existing one", async () => {
        await store.appendToStream(stream, [inc(), inc(), inc()], { expectedRevision: 'no_stream' });
        const conflict = await conflictOf(store.appendToStream(stream, [inc()], { expectedRevision: 'no_stream' }));
        expect(conflict.streamName).toBe(stream);
        expect(conflict.expected).toBe('no_stream');
        expect(conflict.actual).toBe(2n);
        expect(conflict.code).toBe('WRONG_EXPECTED_REVISION');
      });
      it("'stream_exists' fails on an absent stream and succeeds on an existing one", async () => {
        const conflict = await conflictOf(store.appendToStream(stream, [inc()], { expectedRevision: 'stream_exists' }));
        expect(conflict.expected).toBe('stream_exists');
        expect(conflict.actual).toBe('no_stream');
        await store.appendToStream(stream, [inc()], { expectedRevision: 'no_stream' });
        const ok = await store.appendToStream(stream, [inc()], { expectedRevision: 'stream_exists' });
        expect(ok.nextExpectedRevision).toBe(1n);
      });
      it("'any' always appends", async () => {
        expect((await store.appendToStream(stream, [inc()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
        expect((await store.appendToStream(stream, [inc()])).nextExpectedRevision).toBe(1n);
      });
      it('an exact revision must be the last one', async () => {
        await store.appendToStream(stream, [inc(), inc(), inc()]);
        const behind = await conflictOf(store.appendToStream(stream, [inc()], { expectedRevision: 1n }));
        expect(behind.expected).toBe(1n);
        expect(behind.actual).toBe(2n);
        const ahead = await conflictOf(store.appendToStream(stream, [inc()], { expectedRevision: 5n }));
        expect(ahead.actual).toBe(2n);
        const absent = await conflictOf(store.appendToStream(`${stream}-new`, [inc()], { expectedRevision: 0n }));
        expect(absent.actual).toBe('no_stream');
        expect((await store.appendToStream(stream, [inc()], { expectedRevision: 2n })).nextExpectedRevision).toBe(3n);
      });
      it('a refused append writes nothing', async () => {
        await store.appendToStream(stream, [inc(1)]);
        await conflictOf(store.appendToStream(stream, [inc(2), inc(3)], { expectedRevision: 'no_stream' }));
        const events = await collect(store.readStream(stream));
        expect(events).toHaveLength(1);
        const all = await collect(store.readAll());
        expect(all.filter((e) => e.streamName === stream)).toHaveLength(1);
      });
      it('an empty append checks the revision and writes nothing', async () => {
        await conflictOf(store.appendToStream(stream, [], { expectedRevision: 'stream_exists' }));
        await store.appendToStream(stream, [inc()]);
        const r = await store.appendToStream(stream, [], { expectedRevision: 0n });
        expect(r.nextExpectedRevision).toBe(0n);
        expect(await collect(store.readStream(stream))).toHaveLength(1);
      });
    });

    it('two concurrent appends at the same expected revision: exactly one wins', async () => {
      for (let round = 0; round < 10; round++) {
        const s = `${stream}-race-${round}`;
        await store.appendToStream(s, [inc()], { expectedRevision: 'no_stream' });
        const results = await Promise.allSettled([
          store.appendToStream(s, [inc(1), inc(1)], { expectedRevision: 0n }),
          store.appendToStream(s, [inc(2)], { expectedRevision: 0n }),
          store.appendToStream(s, [inc(3)], { expectedRevision: 0n }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(rejected).toHaveLength(2);
        for (const r of rejected) expect(r.reason).toBeInstanceOf(WrongExpectedRevision);
        const revisions = (await collect(store.readStream(s))).map((e) => e.revision);
        expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
      }
    });

    it('two concurrent first appends with no_stream: exactly one wins', async () => {
      const results = await Promise.allSettled([
        store.appendToStream(stream, [inc(1)], { expectedRevision: 'no_stream' }),
        store.appendToStream(stream, [inc(2)], { expectedRevision: 'no_stream' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await collect(store.readStream(stream))).toHaveLength(1);
    });

    it('stores an event id once (idempotent append)', async () => {
      const e = inc(7);
      await store.appendToStream(stream, [e]);
      await store.appendToStream(stream, [e]);
      expect(await collect(store.readStream(stream))).toHaveLength(1);
    });

    it('reads a stream from a revision and at most a number of events', async () => {
      await store.appendToStream(stream, [1, 2, 3, 4, 5].map((n) => inc(n)));
      const page = await collect(store.readStream(stream, { fromRevision: 1n, maxCount: 2 }));
      expect(page.map((e) => e.revision)).toEqual([1n, 2n]);
      expect(await collect(store.readStream(stream, { fromRevision: 9n }))).toEqual([]);
      expect(await collect(store.readStream(`${stream}-absent`))).toEqual([]);
    });

    it('reads $all in commit order with increasing positions, from a position', async () => {
      const a = `${stream}-a`;
      const b = `${stream}-b`;
      await store.appendToStream(a, [inc(1)]);
      await store.appendToStream(b, [inc(2), inc(3)]);
      await store.appendToStream(a, [inc(4)]);
      const all = (await collect(store.readAll())).filter((e) => e.streamName === a || e.streamName === b);
      expect(all.map((e) => (e.type === 'CounterIncremented' ? e.data.by : 0))).toEqual([1, 2, 3, 4]);
      expect(all.map((e) => `${e.streamName === a ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'b0', 'b1', 'a1']);
      for (let i = 1; i < all.length; i++) expect((all[i]?.position ?? 0n) > (all[i - 1]?.position ?? 0n)).toBe(true);
      const second = all[1];
      if (second === undefined) throw new Error('missing event');
      const after = await collect(store.readAll({ after: second.position }));
      expect(after.map((e) => e.eventId)).toEqual(all.slice(2).map((e) => e.eventId));
      const limited = await collect(store.readAll({ after: second.position, maxCount: 1 }));
      expect(limited.map((e) => e.eventId)).toEqual([all[2]?.eventId]);
    });

    it('folds a 100k-event stream while iterating, without holding it in memory', async () => {
      const n = harness.longStreamEvents ?? 100_000;
      const note = 'x'.repeat(200);
      for (let i = 0; i < n; i += 1000) {
        await store.appendToStream(stream, Array.from({ length: Math.min(1000, n - i) }, () => inc(1, note)));
      }
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc === undefined) throw new Error('run the contract suite with --expose-gc');
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = 0;
      let total = 0;
      let last = -1n;
      for await (const e of store.readStream(stream)) {
        if (e.type === 'CounterIncremented') total += e.data.by;
        expect(e.revision).toBe(last + 1n);
        last = e.revision;
        if (e.revision % 20_000n === 19_999n) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        }
      }
      expect(total).toBe(n);
      // Holding 100k decoded events of ~250 bytes would take well over 25 MB.
      expect(peak).toBeLessThan(12 * 1024 * 1024);
    });

    describe('stored events that cannot be decoded', () => {
      const raw = (over: Partial<RawRecord>): RawRecord => ({
        streamName: stream,
        eventId: `raw-${Math.random().toString(36).slice(2)}`,
        type: 'CounterIncremented',
        schemaVersion: 1,
        data: '{"by":1,"note":""}',
        metadata: { at: AT },
        ...over,
      });

      it('a corrupt payload names the stream, the revision and the field', async () => {
        await store.appendToStream(stream, [inc()]);
        await harness.injectRaw(store, raw({ streamName: stream, data: '{"by":"ten","note":""}' }));
        const error = await decodeErrorOf(collect(store.readStream(stream)));
        expect(error.streamName).toBe(stream);
        expect(error.revision).toBe(1n);
        expect(error.field).toBe('data.by');
        expect(error.message).toContain(stream);
      });
      it('a missing field is named', async () => {
        await harness.injectRaw(store, raw({ streamName: stream, data: '{"by":2}' }));
        const error = await decodeErrorOf(collect(store.readStream(stream)));
        expect(error.field).toBe('data.note');
        expect(error.revision).toBe(0n);
      });
      it('truncated JSON is a decode error on the data', async () => {
        await harness.injectRaw(store, raw({ streamName: stream, data: '{"by":1,"no' }));
        const error = await decodeErrorOf(collect(store.readStream(stream)));
        expect(error.field).toBe('data');
      });
      it('an unknown event type surfaces as a decode error on the type', async () => {
        await harness.injectRaw(store, raw({ streamName: stream, type: 'CounterExploded' }));
        const error = await decodeErrorOf(collect(store.readAll()));
        expect(error.field).toBe('type');
        expect(error.streamName).toBe(stream);
      });
      it('an unknown schema version is a decode error on the version', async () => {
        await harness.injectRaw(store, raw({ streamName: stream, schemaVersion: 7 }));
        const error = await decodeErrorOf(collect(store.readStream(stream)));
        expect(error.field).toBe('schemaVersion');
      });
      it('other streams keep working', async () => {
        const other = `${stream}-healthy`;
        await harness.injectRaw(store, raw({ streamName: stream, data: 'not json' }));
        await store.appendToStream(other, [inc(3)]);
        const events = await collect(store.readStream(other));
        expect(events).toHaveLength(1);
        await store.appendToStream(stream, [inc()], { expectedRevision: 0n });
      });
    });

    it('upcasts an old schema version on read', async () => {
      await harness.injectRaw(store, {
        streamName: stream,
        eventId: `old-${Math.random()}`,
        type: 'CounterRenamed',
        schemaVersion: 1,
        data: '{"title":"Front desk"}',
        metadata: { at: AT },
      });
      const [event] = await collect(store.readStream(stream));
      expect(event?.type).toBe('CounterRenamed');
      expect(event?.data).toEqual({ name: 'Front desk' });
      expect(event?.schemaVersion).toBe(1);
    });
  });
};
