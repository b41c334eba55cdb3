import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { fixedClock } from '../../../adapters/system/index.js';
import type { EventStore } from '../../../core/kernel/event-store.js';
import { practiceEvents, type PracticeEvent } from '../../../core/events.js';
import { createAggregates, createFlowsRunner, type FlowDispatchOutcome, type PracticeFlow } from '../../../core/service/index.js';
import { deriveId } from '../../../core/values/ids.js';
import { localDate } from '../../../core/values/local-date.js';

const on = localDate('2025-01-06');
const at = '2025-01-06T14:00:00.000Z';

/** A gift of credits to a friend, and a booking that the flow copies for someone without credits. */
const testFlow: PracticeFlow = {
  name: 'test-gifts',
  react: (event) => {
    if (event.type === 'CreditsGranted' && event.data.reference === 'gift') {
      return [
        {
          command: { type: 'GrantCredits', clientId: 'friend', on, appointmentType: event.data.appointmentType, quantity: 1, source: 'promotional' },
          commandId: deriveId(event.eventId, 'gift'),
          actor: 'system',
        },
      ];
    }
    if (event.type === 'SessionBooked' && event.streamName === 'credits-c1') {
      return [
        {
          command: { type: 'BookSession', clientId: 'nobody', on, bookingId: 'b', appointmentType: 'massage', channel: 'provider' },
          commandId: deriveId(event.eventId, 'copy'),
          actor: 'system',
        },
      ];
    }
    return [];
  },
};

const world = () => {
  const inner = createInMemoryEventStore(practiceEvents);
  let failNextAppendTo: string | undefined;
  const store: EventStore<PracticeEvent> = {
    ...inner,
    appendToStream: async (streamName, events, options) => {
      if (streamName === failNextAppendTo) {
        failNextAppendTo = undefined;
        throw new Error('connection reset');
      }
      return inner.appendToStream(streamName, events, options);
    },
  };
  const aggregates = createAggregates(store);
  const told: FlowDispatchOutcome[] = [];
  const runner = createFlowsRunner({ store, aggregates, clock: fixedClock(at), flows: [testFlow], onFailure: (f) => told.push(f) });
  const grant = (commandId: string, reference: string) =>
    aggregates.credits.handler.handle({ type: 'GrantCredits', clientId: 'c1', on, appointmentType: 'massage', quantity: 2, source: 'package', reference }, { commandId, at });
  return { inner, aggregates, runner, told, grant, failNext: (stream: string) => (failNextAppendTo = stream) };
};

describe('the flows runner', () => {
  it('sends the commands a flow causes, with derived ids and the cause in their metadata, cascading until quiet', async () => {
    const { inner, runner, grant } = world();
    await grant('g1', 'gift');
    const report = await runner.catchUp();
    expect(report.dispatched.map((d) => [d.flow, d.command.type, d.outcome, d.events])).toEqual([['test-gifts', 'GrantCredits', 'applied', 1]]);
    expect(report.position).toBe(1n);
    const log = [];
    for await (const e of inner.readAll()) log.push(e);
    const [cause, effect] = log;
    expect(effect).toMatchObject({ streamName: 'credits-friend', metadata: { actor: 'system', causationId: cause?.eventId, correlationId: 'g1', at } });
    expect((await runner.catchUp()).dispatched).toEqual([]);
  });

  it('records a refused command as a failure (told, kept, returned) and goes on', async () => {
    const { aggregates, runner, grant, told } = world();
    await grant('g1', 'pkg');
    await aggregates.credits.handler.handle({ type: 'BookSession', clientId: 'c1', on, bookingId: 'b1', appointmentType: 'massage', channel: 'provider' }, { commandId: 'b1', at });
    const report = await runner.catchUp();
    expect(report.failures.map((f) => [f.outcome, f.error?.code])).toEqual([['refused', 'INSUFFICIENT_CREDITS']]);
    expect(told).toEqual(report.failures);
    expect(runner.failures()).toEqual(report.failures);
    expect(report.position).toBe(1n);
  });

  it('a command the store fails to take is recorded, and its cause is fed again on the next run', async () => {
    const { inner, runner, grant, failNext } = world();
    await grant('g1', 'gift');
    failNext('credits-friend');
    const failed = await runner.catchUp();
    expect(failed.failures.map((f) => [f.outcome, f.error?.message])).toEqual([['failed', 'The command could not be stored: connection reset']]);
    expect(failed.position).toBeUndefined();
    expect(inner.size).toBe(1);
    const retried = await runner.catchUp();
    expect(retried.dispatched.map((d) => d.outcome)).toEqual(['applied']);
    expect(inner.size).toBe(2);
    expect(runner.failures().map((f) => f.outcome)).toEqual(['failed']);
  });

  it('concurrent runs queue behind each other and send each command once', async () => {
    const { inner, runner, grant } = world();
    await grant('g1', 'gift');
    await grant('g2', 'gift');
    const reports = await Promise.all([runner.catchUp(), runner.catchUp(), runner.catchUp()]);
    expect(reports.flatMap((r) => r.dispatched).map((d) => d.outcome)).toEqual(['applied', 'applied']);
    expect(inner.size).toBe(4);
  });
});
