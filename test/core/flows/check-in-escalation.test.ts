/**
 * The check-in escalation flow: the end of a ladder (after a manager's approval) ends the
 * program enrollment and cancels the coaching membership; nothing else it sees does. End
 * to end: check-in, enrollment and membership streams in one in-memory store, the flow run
 * over `$all` until nothing more follows, and a replay of the flow applying nothing twice.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRight, type Either } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler, type CommandContext } from '../../../core/kernel/command-handler.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import { practiceEvents } from '../../../core/events.js';
import { checkInEscalationFlow, type CheckInEscalationFlowCommand } from '../../../core/flows/check-in-escalation.js';
import { checkInCommandStream, checkInDecider, checkInEvents, walkCheckInLadder, type CheckInEvent } from '../../../core/check-ins/index.js';
import { enrollmentDecider, enrollmentEvents, enrollmentStream, enrollmentStreamOf } from '../../../core/programs/index.js';
import { membershipCommandStream, membershipDecider, membershipEvents, membershipStream } from '../../../core/memberships/index.js';
import { deriveId } from '../../../core/values/ids.js';
import { localDate } from '../../../core/values/local-date.js';
import { instant } from '../../../core/values/calendar.js';
import { acne, coordinator } from '../programs/fixtures.js';
import { tier } from '../memberships/fixtures.js';
import { ended } from '../check-ins/fixtures.js';
import { arbCheckInScenario, runCheckInScenario } from '../../../testing/check-ins.js';

const recorded = (event: CheckInEvent, eventId = 'evt-1'): RecordedEvent<CheckInEvent> => ({
  ...event,
  streamName: 'checkin-enr-1',
  revision: 9n,
  position: 42n,
  eventId,
  schemaVersion: 1,
  metadata: { at: '2025-03-17T04:00:00.000Z' },
});

describe('check-in escalation flow', () => {
  const flow = checkInEscalationFlow();

  it('at the end of the ladder, end the client program and stop the monthly coaching fee', () => {
    expect(flow.react(recorded(ended))).toEqual([
      {
        command: {
          type: 'RemoveClientFromProgram',
          programId: 'acne-program',
          clientId: 'client-1',
          on: '2025-03-17',
          by: { kind: 'system' },
          reason: { kind: 'check-in-non-compliance', approvedBy: 'manager-pm', approvedOn: '2025-03-13', escalationId: 'enr-1/missed-check-in/2025-03-05' },
          tellClient: true,
        },
        commandId: deriveId('evt-1', 'check-in-escalation/end-enrollment'),
        actor: 'system',
      },
      {
        command: {
          type: 'CancelMembership',
          membershipId: 'mem-1',
          on: '2025-03-17',
          reason: 'Program ended for non-compliance (missed-check-in, due 2025-03-05), approved by manager-pm on 2025-03-13',
        },
        commandId: deriveId('evt-1', 'check-in-escalation/cancel-coaching-membership'),
        actor: 'system',
      },
    ]);
  });

  it('without a coaching membership only the enrollment ends; the same event always gives the same command ids', () => {
    if (ended.type !== 'EscalationEnded') throw new Error('the fixture is an end');
    const { coachingMembershipId: _m, ...data } = ended.data;
    const noMembership: CheckInEvent = { type: 'EscalationEnded', data };
    expect(flow.react(recorded(noMembership)).map((x) => x.command.type)).toEqual(['RemoveClientFromProgram']);
    expect(flow.react(recorded(ended, 'evt-2'))).toEqual(flow.react(recorded(ended, 'evt-2')));
  });

  it('an approval, a final notice, a decline or a resolution ends nothing', () => {
    const others: CheckInEvent[] = [
      { type: 'ProgramEndApproved', data: { issue: 'missed-check-in', dueOn: localDate('2025-03-05'), approvedBy: 'pm', approvedAt: instant('2025-03-13T14:00:00.000Z'), approvedOn: localDate('2025-03-13') } },
      { type: 'ProgramEndDeclined', data: { issue: 'missed-check-in', dueOn: localDate('2025-03-05'), declinedBy: 'pm', declinedAt: instant('2025-03-13T14:00:00.000Z') } },
    ];
    for (const event of others) expect(flow.react(recorded(event))).toEqual([]);
    expect(flow.handles).toEqual(['EscalationEnded']);
  });

  it('law: no program ends without an approval event before it, and none ends twice', () => {
    fc.assert(
      fc.property(arbCheckInScenario(), (scenario) => {
        const { events } = runCheckInScenario(scenario, 'when-needed');
        const approvedBefore = new Set<string>();
        let removals = 0;
        events.forEach((event, k) => {
          if (event.type === 'ProgramEndApproved') approvedBefore.add(`${event.data.issue}/${event.data.dueOn}`);
          for (const { command } of flow.react(recorded(event, `evt-${k}`))) {
            if (command.type !== 'RemoveClientFromProgram') continue;
            removals++;
            expect(event.type === 'EscalationEnded' && approvedBefore.has(`${event.data.issue}/${event.data.dueOn}`)).toBe(true);
          }
        });
        expect(removals).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });
});

describe('check-in escalation flow, end to end', () => {
  const at = '2025-03-17T04:00:00.000Z';
  let n = 0;
  const ctx = (): CommandContext => ({ commandId: `cmd-${++n}`, at, actor: 'provider:ann' });
  const ok = <T>(r: Either<DomainError, T>): T => {
    if (!isRight(r)) throw new Error(`refused: ${r.left.code} ${r.left.message}`);
    return r.right;
  };
  const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
    const out: T[] = [];
    for await (const x of it) out.push(x);
    return out;
  };

  it('one client down the whole ladder: the enrollment ends and the coaching membership is cancelled, once', async () => {
    const store = createInMemoryEventStore(practiceEvents);
    const checkIns = createCommandHandler({ store, decider: checkInDecider, events: checkInEvents, streamName: checkInCommandStream });
    const enrollments = createCommandHandler({ store, decider: enrollmentDecider, events: enrollmentEvents, streamName: enrollmentStreamOf });
    const memberships = createCommandHandler({ store, decider: membershipDecider, events: membershipEvents, streamName: membershipCommandStream });
    const flow = checkInEscalationFlow();
    const send = async (dispatch: { command: CheckInEscalationFlowCommand; commandId: string; actor: string }, cause: string) => {
      const context = { commandId: dispatch.commandId, at, actor: dispatch.actor, causationId: cause };
      const c = dispatch.command;
      if (c.type === 'RemoveClientFromProgram') return ok(await enrollments.handle(c, context));
      if (c.type === 'CancelMembership') return ok(await memberships.handle(c, context));
      throw new Error(`the flow sent ${c.type}`);
    };
    const runFlow = async (after?: bigint) => {
      const results = [];
      for await (const event of store.readAll(after === undefined ? {} : { after })) {
        if (!checkInEvents.is(event)) continue;
        for (const dispatch of flow.react(event)) results.push(await send(dispatch, event.eventId));
      }
      return results;
    };

    ok(await enrollments.handle({ type: 'EnrollClientInProgram', clientId: 'maya', on: localDate('2025-02-19'), program: acne, through: { kind: 'manual' }, by: coordinator }, ctx()));
    ok(await memberships.handle({ type: 'SignUpForMembership', membershipId: 'coaching-maya', clientId: 'maya', on: localDate('2025-02-19'), terms: tier('coaching', 4900) }, ctx()));
    const walk = walkCheckInLadder({
      enrollmentId: 'enr-maya',
      clientId: 'maya',
      programId: acne.programId,
      clientName: 'Maya',
      coach: 'Ann',
      coachingMembershipId: 'coaching-maya',
      dueOn: localDate('2025-03-05'),
      policy: { timeZone: 'America/New_York' },
    });
    for (const step of walk) ok(await checkIns.handle(step.command, { commandId: `walk-${++n}`, at: step.command.at, actor: 'system' }));

    const first = await runFlow();
    expect(first.map((r) => r.alreadyApplied)).toEqual([false, false]);
    const enrollment = await collect(store.readStream(enrollmentStream(acne.programId, 'maya')));
    expect(enrollment.find((e) => e.type === 'ClientRemovedFromProgram')?.data).toMatchObject({
      on: '2025-03-17',
      reason: { kind: 'check-in-non-compliance', approvedBy: 'program-manager', approvedOn: '2025-03-13' },
      by: { kind: 'system' },
    });
    const membership = await collect(store.readStream(membershipStream('coaching-maya')));
    expect(membership.find((e) => e.type === 'MembershipCancellationRequested')?.data).toMatchObject({ requestedOn: '2025-03-17', effectiveOn: '2025-03-19' });

    // A replay of the flow over the whole log applies nothing twice.
    const size = store.size;
    const replay = await runFlow();
    expect(replay.map((r) => r.alreadyApplied)).toEqual([true, true]);
    expect(store.size).toBe(size);
  });
});
