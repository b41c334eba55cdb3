import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../adapters/in-memory/index.js';
import { createCommandHandler } from '../../core/kernel/command-handler.js';
import { practiceEvents } from '../../core/events.js';
import { checkInCommandStream, checkInDecider, checkInEvents, walkCheckInLadder, type CheckInLadderStep } from '../../core/check-ins/index.js';
import { instant, type Instant } from '../../core/values/calendar.js';
import { localDate } from '../../core/values/local-date.js';
import { complianceBoardAsOf, complianceBoardProjection } from '../../projections/compliance-board.js';
import { project } from '../../projections/projection.js';

const client = (n: number, dueOn: string) => ({
  enrollmentId: `enr-${n}`,
  clientId: `client-${n}`,
  programId: 'acne-program',
  clientName: `Client ${n}`,
  coach: 'Ann',
  dueOn: localDate(dueOn),
  policy: { timeZone: 'America/New_York' },
  approveAfterHours: 12,
});

/** The steps of a client's walk whose instants come before `until`. */
const until = (steps: readonly CheckInLadderStep[], at: Instant) => steps.filter((s) => Date.parse(s.command.at) <= Date.parse(at));

const NOW = instant('2025-03-13T12:00:00.000Z');

const board = async () => {
  const store = createInMemoryEventStore(practiceEvents);
  const handler = createCommandHandler({ store, decider: checkInDecider, events: checkInEvents, streamName: checkInCommandStream });
  const walks = [walkCheckInLadder(client(1, '2025-03-05')), walkCheckInLadder(client(2, '2025-03-10')), walkCheckInLadder(client(3, '2025-03-20'))];
  let n = 0;
  for (const step of walks.flatMap((w) => until(w, NOW)).sort((a, b) => Date.parse(a.command.at) - Date.parse(b.command.at))) {
    await handler.handle(step.command, { commandId: `c${n++}`, at: step.command.at });
  }
  return { store, model: await project(complianceBoardProjection, store.readAll()) };
};

describe('compliance board', () => {
  it('lists overdue clients with their step, hours since due and who must act next; reports wait on the manager', async () => {
    const { model } = await board();
    const view = complianceBoardAsOf(model, NOW);
    expect(view.overdue.map((r) => [r.clientName, r.issue, r.step, r.hoursSinceDue, r.mustActNext, r.nextStep, r.nextStepDueAt])).toEqual([
      ['Client 1', 'missed-check-in', 'non-compliance-report', 175, 'manager', undefined, undefined],
      ['Client 2', 'missed-check-in', 'in-app-message', 56, 'coach', 'follow-up', '2025-03-14T04:00:00.000Z'],
    ]);
    expect(view.awaitingApproval.map((r) => [r.clientName, r.awaitingApprovalSince])).toEqual([['Client 1', '2025-03-13T05:00:00.000Z']]);
    expect(view.flagged.map((f) => [f.clientName, f.lastRegimenChangeOn, f.lapsedOn])).toEqual([['Client 1', '2025-02-19', '2025-03-12']]);
  });

  it('after the approval the client must check in by the deadline; the end takes them off the board', async () => {
    const { store } = await board();
    const handler = createCommandHandler({ store, decider: checkInDecider, events: checkInEvents, streamName: checkInCommandStream });
    const approvedAt = instant('2025-03-13T14:00:00.000Z');
    await handler.handle({ type: 'ApproveProgramEnd', enrollmentId: 'enr-1', issue: 'missed-check-in', managerId: 'pm', at: approvedAt }, { commandId: 'approve', at: approvedAt });
    const afterApproval = complianceBoardAsOf(await project(complianceBoardProjection, store.readAll()), approvedAt);
    expect(afterApproval.awaitingApproval).toEqual([]);
    expect(afterApproval.overdue[0]).toMatchObject({ clientName: 'Client 1', step: 'final-notice', mustActNext: 'client', approvedBy: 'pm', deadlineOn: '2025-03-16' });
    const deadline = instant('2025-03-17T04:00:00.000Z');
    await handler.handle({ type: 'TickCheckIns', enrollmentId: 'enr-1', at: deadline }, { commandId: 'deadline', at: deadline });
    const after = complianceBoardAsOf(await project(complianceBoardProjection, store.readAll()), deadline);
    expect(after.overdue.map((r) => r.clientName)).toEqual(['Client 2']);
  });

  it('a check-in takes the client off the board; a regimen change clears the flag; a rebuild gives the same board', async () => {
    const { store, model } = await board();
    const handler = createCommandHandler({ store, decider: checkInDecider, events: checkInEvents, streamName: checkInCommandStream });
    await handler.handle({ type: 'SubmitCheckIn', enrollmentId: 'enr-2', checkInId: 'ci', at: NOW }, { commandId: 'ci', at: NOW });
    await handler.handle({ type: 'RecordRegimenChange', enrollmentId: 'enr-1', at: NOW }, { commandId: 'rc', at: NOW });
    const rebuilt = await project(complianceBoardProjection, store.readAll());
    const view = complianceBoardAsOf(rebuilt, NOW);
    expect(view.overdue.map((r) => r.clientName)).toEqual(['Client 1']);
    expect(view.flagged).toEqual([]);
    expect(await project(complianceBoardProjection, store.readAll())).toEqual(rebuilt);
    expect(model).not.toEqual(rebuilt);
  });
});
