import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler } from '../../../core/kernel/command-handler.js';
import { fold } from '../../../core/kernel/decider.js';
import { deriveId } from '../../../core/values/ids.js';
import { practiceEvents } from '../../../core/events.js';
import {
  checkInCommandStream,
  checkInCommands,
  checkInDecider,
  checkInEvents,
  checkInNextTickAt,
  checkInStream,
  enrollmentIdOfCheckInStream,
  walkCheckInLadder,
} from '../../../core/check-ins/index.js';
import { d, i } from './fixtures.js';

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

const setup = {
  enrollmentId: 'enr-7',
  clientId: 'client-7',
  programId: 'acne-program',
  clientName: 'Maya',
  coach: 'Ann',
  coachingMembershipId: 'mem-7',
  dueOn: d('2025-03-05'),
  policy: { timeZone: 'America/New_York' },
};

describe('check-ins through the command handler and the in-memory store', () => {
  it('walks one client down the whole ladder, and replaying the stream gives the same state', async () => {
    const store = createInMemoryEventStore(practiceEvents);
    const handler = createCommandHandler({ store, decider: checkInDecider, events: checkInEvents, streamName: checkInCommandStream, commands: checkInCommands });
    const walk = walkCheckInLadder(setup);
    for (const [k, step] of walk.entries()) {
      // Untrusted input: the JSON a platform would send.
      const r = await handler.handleInput(JSON.parse(JSON.stringify(step.command)), { commandId: `cmd-${k}`, at: step.command.at, actor: 'system' });
      expect(isRight(r) && r.right.events).toEqual(step.events);
    }
    const stored = await collect(store.readStream(checkInStream('enr-7')));
    expect(stored.map((e) => e.type)).toEqual([
      'CheckInScheduleStarted', 'CheckInMissed', 'InAppMessageSent', 'FollowUpSent', 'TextAndEmailSent',
      'RegimenWindowLapsed', 'NonComplianceReported', 'ProgramEndApproved', 'FinalNoticeSent', 'EscalationEnded',
    ]);
    const replayed = fold(checkInDecider, stored.flatMap((e) => (checkInEvents.is(e) ? [e] : [])));
    expect(replayed).toEqual(fold(checkInDecider, walk.flatMap((s) => s.events)));
    expect(replayed.status).toBe('ended');
    expect(stored.at(-1)?.data).toMatchObject({ programEndsOn: '2025-03-17', coachingMembershipId: 'mem-7', approvedBy: 'program-manager' });
    expect(enrollmentIdOfCheckInStream(stored[0]?.streamName ?? '')).toBe('enr-7');
  });

  it('a tick sent twice with the same command id, or again at the same instant, records nothing more', async () => {
    const store = createInMemoryEventStore(checkInEvents);
    const handler = createCommandHandler({ store, decider: checkInDecider, events: checkInEvents, streamName: checkInCommandStream });
    const [start] = walkCheckInLadder(setup);
    if (start === undefined) throw new Error('the walk starts the schedule');
    await handler.handle(start.command, { commandId: 'start', at: start.command.at });
    const at = i('2025-03-12T00:00:00.000Z');
    const first = await handler.handle({ type: 'TickCheckIns', enrollmentId: 'enr-7', at }, { commandId: deriveId('scheduler', at), at });
    expect(isRight(first) && first.right.events.length).toBe(4);
    const retried = await handler.handle({ type: 'TickCheckIns', enrollmentId: 'enr-7', at }, { commandId: deriveId('scheduler', at), at });
    expect(isRight(retried) && retried.right.alreadyApplied).toBe(true);
    const again = await handler.handle({ type: 'TickCheckIns', enrollmentId: 'enr-7', at }, { commandId: 'another-id', at });
    expect(isRight(again) && again.right.events).toEqual([]);
    expect(await collect(store.readStream('checkin-enr-7'))).toHaveLength(5);
    const state = fold(checkInDecider, await collect(store.readStream('checkin-enr-7')));
    expect(checkInNextTickAt(state)).toBe('2025-03-12T04:00:00.000Z');
  });

  it('refuses untrusted input naming the field', async () => {
    const store = createInMemoryEventStore(checkInEvents);
    const handler = createCommandHandler({ store, decider: checkInDecider, events: checkInEvents, streamName: checkInCommandStream, commands: checkInCommands });
    const r = await handler.handleInput({ type: 'TickCheckIns', enrollmentId: 'enr-7', at: '2025-03-12 10:00' }, { commandId: 'x', at: '2025-03-12T10:00:00Z' });
    expect(isLeft(r) && r.left).toMatchObject({ code: 'INVALID_COMMAND', field: 'at' });
  });

  it('with emails opened before the follow-up, the walk follows up by email', () => {
    const walk = walkCheckInLadder({ ...setup, emailOpenedAt: [i('2025-03-08T14:00:00.000Z')] });
    const followUp = walk.flatMap((s) => s.events).find((e) => e.type === 'FollowUpSent');
    expect(followUp?.data).toMatchObject({ channels: ['email'], templateKey: 'missed-check-in/follow-up-email', lastEmailOpenedAt: '2025-03-08T14:00:00.000Z' });
  });
});
