import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight, left } from 'fp-ts/lib/Either.js';
import { createCommandHandler } from '../../../core/kernel/command-handler.js';
import { fold } from '../../../core/kernel/decider.js';
import { domainError, EventDecodeError, WrongExpectedRevision } from '../../../core/kernel/errors.js';
import type { EventStore } from '../../../core/kernel/event-store.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { counterCommands, counterDecider, counterEvents, counterStream, type CounterCommand, type CounterEvent, type CounterState } from '../../support/counter.js';

const ctx = (commandId: string) => ({ commandId, at: '2025-03-01T09:00:00.000Z', actor: 'provider:ann' });

const setup = (store: EventStore<CounterEvent> = createInMemoryEventStore(counterEvents), cacheSize?: number) => ({
  store,
  handler: createCommandHandler({
    store,
    decider: counterDecider,
    events: counterEvents,
    streamName: counterStream,
    commands: counterCommands,
    ...(cacheSize !== undefined ? { cacheSize } : {}),
  }),
});

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('command handler', () => {
  it('decides on the folded stream and appends with metadata', async () => {
    const { store, handler } = setup();
    const r1 = await handler.handle({ type: 'Increment', counterId: 'a', by: 2, limit: 10 }, ctx('c1'));
    expect(isRight(r1) && r1.right.revision).toBe(0n);
    const r2 = await handler.handle({ type: 'Increment', counterId: 'a', by: 9, limit: 10 }, ctx('c2'));
    expect(isLeft(r2) && r2.left.code).toBe('LIMIT_REACHED');
    const events = await collect(store.readStream('counter-a'));
    expect(events).toHaveLength(1);
    expect(events[0]?.metadata).toEqual({ at: '2025-03-01T09:00:00.000Z', commandId: 'c1', actor: 'provider:ann' });
  });
  it('freezes the events it writes and returns (events are facts), on a new stream and on a cached one', async () => {
    const { store, handler } = setup();
    for (const id of ['f1', 'f2']) {
      const result = await handler.handle({ type: 'Increment', counterId: 'f', by: 1, limit: 10 }, ctx(id));
      if (!isRight(result)) throw new Error('refused');
      const [event] = result.right.events;
      expect(Object.isFrozen(result.right.events) && Object.isFrozen(event) && Object.isFrozen(event?.data)).toBe(true);
      expect(() => {
        Object.assign(event?.data ?? {}, { by: 99 });
      }).toThrow(TypeError);
    }
    const stored = await collect(store.readStream('counter-f'));
    expect(stored.map((e) => ('by' in e.data ? e.data.by : undefined))).toEqual([1, 1]);
  });
  it('applies a command id once and returns the earlier result', async () => {
    const { store, handler } = setup();
    const first = await handler.handle({ type: 'Increment', counterId: 'a', by: 2, limit: 10 }, ctx('same'));
    const again = await handler.handle({ type: 'Increment', counterId: 'a', by: 2, limit: 10 }, ctx('same'));
    expect(isRight(again) && again.right.alreadyApplied).toBe(true);
    if (!isRight(first) || !isRight(again)) throw new Error('both should succeed');
    expect(again.right.eventIds).toEqual(first.right.eventIds);
    expect(await collect(store.readStream('counter-a'))).toHaveLength(1);
    // A fresh handler (no cache) finds the command id in the stream too.
    const cold = await setup(store, 0).handler.handle({ type: 'Increment', counterId: 'a', by: 2, limit: 10 }, ctx('same'));
    expect(isRight(cold) && cold.right.alreadyApplied).toBe(true);
    expect(await collect(store.readStream('counter-a'))).toHaveLength(1);
  });
  it('derives event ids from the command id and stream', async () => {
    const a = setup();
    const b = setup();
    const ra = await a.handler.handle({ type: 'Rename', counterId: 'x', name: 'n' }, ctx('k'));
    const rb = await b.handler.handle({ type: 'Rename', counterId: 'x', name: 'n' }, ctx('k'));
    if (!isRight(ra) || !isRight(rb)) throw new Error('both renames should succeed');
    expect(ra.right.eventIds).toEqual(rb.right.eventIds);
  });
  it('refuses invalid input naming the field and leaves the log untouched', async () => {
    const { store, handler } = setup();
    const r = await handler.handleInput({ type: 'Increment', counterId: 'a', by: 'two', limit: 10 }, ctx('c'));
    expect(isLeft(r) && r.left).toMatchObject({ code: 'INVALID_COMMAND', field: 'by' });
    expect(await collect(store.readAll())).toHaveLength(0);
  });
  it('catches up with events written by another writer after its cache', async () => {
    const { store, handler } = setup();
    const other = setup(store).handler;
    await handler.handle({ type: 'Increment', counterId: 'a', by: 4, limit: 10 }, ctx('1'));
    await other.handle({ type: 'Increment', counterId: 'a', by: 4, limit: 10 }, ctx('2'));
    const r = await handler.handle({ type: 'Increment', counterId: 'a', by: 4, limit: 10 }, ctx('3'));
    expect(isLeft(r) && r.left.code).toBe('LIMIT_REACHED');
  });
  it('retries on a revision conflict and decides again on the new state', async () => {
    const inner = createInMemoryEventStore(counterEvents);
    let raced = false;
    const racing: EventStore<CounterEvent> = {
      ...inner,
      appendToStream: async (name, events, options) => {
        if (!raced) {
          raced = true;
          await inner.appendToStream(name, [{ event: { type: 'CounterIncremented', data: { by: 8, note: 'racer' } }, eventId: 'racer', metadata: { at: 'x' } }]);
        }
        return inner.appendToStream(name, events, options);
      },
    };
    const { handler } = setup(racing);
    const r = await handler.handle({ type: 'Increment', counterId: 'a', by: 3, limit: 10 }, ctx('c'));
    expect(isLeft(r) && r.left.code).toBe('LIMIT_REACHED');
  });
  it('gives up after bounded retries with a typed conflict', async () => {
    const inner = createInMemoryEventStore(counterEvents);
    const alwaysConflicting: EventStore<CounterEvent> = {
      ...inner,
      appendToStream: async (name) => {
        throw new WrongExpectedRevision(name, 0n, 1n);
      },
    };
    const handler = createCommandHandler({ store: alwaysConflicting, decider: counterDecider, events: counterEvents, streamName: counterStream, maxRetries: 2 });
    const r = await handler.handle({ type: 'Rename', counterId: 'a', name: 'n' }, ctx('c'));
    expect(isLeft(r) && r.left).toMatchObject({ code: 'CONCURRENCY_CONFLICT', details: { attempts: 3 } });
  });
  it('treats an event of another aggregate in the stream as a decode error', async () => {
    const { store, handler } = setup();
    const foreign = createCommandHandler({ store, decider: counterDecider, events: counterEvents, streamName: counterStream });
    await foreign.handle({ type: 'Rename', counterId: 'a', name: 'n' }, ctx('1'));
    const narrow = createCommandHandler({
      store,
      decider: counterDecider,
      events: { ...counterEvents, is: (e): e is CounterEvent => e.type === 'CounterIncremented' },
      streamName: counterStream,
    });
    await expect(narrow.handle({ type: 'Rename', counterId: 'a', name: 'm' }, ctx('2'))).rejects.toBeInstanceOf(EventDecodeError);
    expect(isRight(await handler.handle({ type: 'Rename', counterId: 'a', name: 'm' }, ctx('3')))).toBe(true);
  });
  it('law: replaying the stored events gives the state the handler decided on', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.record({ type: fc.constant('Increment' as const), counterId: fc.constantFrom('a', 'b'), by: fc.integer({ min: 1, max: 5 }), limit: fc.constant(40) }), fc.record({ type: fc.constant('Rename' as const), counterId: fc.constantFrom('a', 'b'), name: fc.string() })), { maxLength: 40 }),
        async (commands) => {
          const { store, handler } = setup();
          let i = 0;
          for (const command of commands) await handler.handle(command, ctx(`c${i++}`));
          for (const id of ['a', 'b']) {
            const events = await collect(store.readStream(`counter-${id}`));
            const once = fold(counterDecider, events);
            const twice = fold(counterDecider, events);
            expect(twice).toEqual(once);
            expect(once.total).toBeLessThanOrEqual(40);
            const expectedTotal = events.reduce((s, e) => s + (e.type === 'CounterIncremented' ? e.data.by : 0), 0);
            expect(once.total).toBe(expectedTotal);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('decides on its cached state without reading, and reads only when another writer moved the stream on (not counted as a conflict)', async () => {
    const inner = createInMemoryEventStore(counterEvents);
    let reads = 0;
    const counting: EventStore<CounterEvent> = {
      ...inner,
      readStream: (name, options) => {
        reads++;
        return inner.readStream(name, options);
      },
    };
    const handler = createCommandHandler({ store: counting, decider: counterDecider, events: counterEvents, streamName: counterStream, maxRetries: 0 });
    const other = setup(inner).handler;
    const inc = (by: number) => ({ type: 'Increment' as const, counterId: 'a', by, limit: 100 });
    await handler.handle(inc(1), ctx('1'));
    expect(reads).toBe(1);
    await handler.handle(inc(1), ctx('2'));
    expect(reads).toBe(1);
    await other.handle(inc(10), ctx('3'));
    const r = await handler.handle(inc(1), ctx('4'));
    expect(isRight(r) && r.right.revision).toBe(3n);
    expect(reads).toBe(2);
    const events = await collect(inner.readStream('counter-a'));
    expect(fold(counterDecider, events).total).toBe(13);
  });
  it('confirms a refusal decided on its cached state by reading the stream first', async () => {
    const gated = {
      ...counterDecider,
      decide: (command: CounterCommand, state: CounterState) =>
        command.type === 'Increment' && state.name !== 'open' ? left(domainError('CLOSED', 'The counter is closed.')) : counterDecider.decide(command, state),
    };
    const store = createInMemoryEventStore(counterEvents);
    const make = () => createCommandHandler({ store, decider: gated, events: counterEvents, streamName: counterStream });
    const handler = make();
    await handler.handle({ type: 'Rename', counterId: 'a', name: 'closed' }, ctx('1'));
    await make().handle({ type: 'Rename', counterId: 'a', name: 'open' }, ctx('2'));
    const r = await handler.handle({ type: 'Increment', counterId: 'a', by: 1, limit: 10 }, ctx('3'));
    expect(isRight(r) && r.right.revision).toBe(2n);
    const refused = await handler.handle({ type: 'Increment', counterId: 'b', by: 1, limit: 10 }, ctx('4'));
    expect(isLeft(refused) && refused.left.code).toBe('CLOSED');
  });
  it('keeps deciding right when its cache is smaller than the streams it serves', async () => {
    const { store } = setup();
    const handler = setup(store, 2).handler;
    for (let i = 0; i < 30; i++) {
      const r = await handler.handle({ type: 'Increment', counterId: `s${i % 5}`, by: 1, limit: 6 }, ctx(`c${i}`));
      expect(isRight(r)).toBe(true);
    }
    const over = await handler.handle({ type: 'Increment', counterId: 's3', by: 1, limit: 6 }, ctx('over'));
    expect(isLeft(over) && over.left.code).toBe('LIMIT_REACHED');
    for (let i = 0; i < 5; i++) expect(fold(counterDecider, await collect(store.readStream(`counter-s${i}`))).total).toBe(6);
  });
});
