/**
 * One client down the whole missed check-in ladder: Maya is enrolled in the acne program
 * and pays a monthly coaching fee; her check-in due on Wednesday 2025-03-05 never comes,
 * she does not open emails, the program manager approves, and at the end of that week
 * (New York time) the check-in escalation flow ends her enrollment and cancels the coaching
 * membership. Every command goes through a command handler into the embedded store; every
 * message is rendered from the seed's scripts.
 */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import {
  ENROLL_CLIENTS,
  checkInCommandStream,
  checkInDecider,
  checkInEscalationFlow,
  checkInEvents,
  createCommandHandler,
  enrollmentDecider,
  enrollmentEvents,
  enrollmentStreamOf,
  localDate,
  membershipCommandStream,
  membershipDecider,
  membershipEvents,
  membershipTerms,
  money,
  practiceEvents,
  programTerms,
  renderCheckInMessage,
  walkCheckInLadder,
  type CheckInEvent,
  type CommandContext,
  type DomainError,
} from 'practice-ledger';
import { createInMemoryEventStore } from 'practice-ledger/in-memory';
import { complianceBoardAsOf, complianceBoardProjection, project } from 'practice-ledger/projections';

const describeEvent = (event: CheckInEvent): string => {
  switch (event.type) {
    case 'InAppMessageSent':
    case 'FollowUpSent':
    case 'TextAndEmailSent':
    case 'NonComplianceReported':
    case 'FinalNoticeSent': {
      const text = renderCheckInMessage(event.data.templateKey, {
        name: 'Maya',
        dueDate: event.data.dueOn,
        coach: 'Ann',
        practice: 'Natural Acne Clinic',
        ...(event.type === 'FinalNoticeSent' ? { deadline: event.data.deadlineOn } : {}),
      });
      return `${event.type} by ${event.data.channels.join(' and ')}: "${text.slice(0, 60)}…"`;
    }
    case 'EscalationEnded':
      return `${event.type}: no check-in by the deadline; approved by ${event.data.approvedBy} on ${event.data.approvedOn}`;
    case 'RegimenWindowLapsed':
      return `${event.type}: no regimen change since ${event.data.lastChangedOn} (${event.data.windowDays} days)`;
    default:
      return event.type;
  }
};

export async function checkInEscalationDemo(print: (line: string) => void = console.log): Promise<void> {
  const store = createInMemoryEventStore(practiceEvents);
  const checkIns = createCommandHandler({ store, decider: checkInDecider, events: checkInEvents, streamName: checkInCommandStream });
  const enrollments = createCommandHandler({ store, decider: enrollmentDecider, events: enrollmentEvents, streamName: enrollmentStreamOf });
  const memberships = createCommandHandler({ store, decider: membershipDecider, events: membershipEvents, streamName: membershipCommandStream });
  const context = (commandId: string, at: string): CommandContext => ({ commandId, at, actor: 'system' });
  const check = (result: Either<DomainError, unknown>): void => {
    if (isLeft(result)) throw new Error(result.left.message);
  };

  // Maya is enrolled and pays the monthly coaching fee from 2025-02-19.
  const acne = programTerms('online-acne-program', 1, {
    name: 'Online Acne Program',
    kind: 'standard',
    modules: [{ moduleId: 'welcome', title: 'Welcome', kind: 'video', releaseDay: 0 }],
  });
  const start = '2025-02-19T15:00:00.000Z';
  const by = { kind: 'member', memberId: 'ann', permissions: [ENROLL_CLIENTS] } as const;
  check(await enrollments.handle({ type: 'EnrollClientInProgram', clientId: 'maya', on: localDate('2025-02-19'), program: acne, through: { kind: 'manual' }, by }, context('enroll', start)));
  const coaching = membershipTerms('coaching', 1, { name: 'Monthly Coaching Fee', price: money(4900, 'USD'), frequency: 'monthly' });
  check(await memberships.handle({ type: 'SignUpForMembership', membershipId: 'coaching-maya', clientId: 'maya', on: localDate('2025-02-19'), terms: coaching }, context('sign-up', start)));

  // Her check-in due on 2025-03-05 never comes.
  const walk = walkCheckInLadder({
    enrollmentId: 'enr-maya',
    clientId: 'maya',
    programId: acne.programId,
    clientName: 'Maya',
    coach: 'Ann',
    coachingMembershipId: 'coaching-maya',
    dueOn: localDate('2025-03-05'),
    policy: { timeZone: 'America/New_York' },
    approveAfterHours: 9, // reported at 01:00 in New York, approved at 10:00
  });
  const flow = checkInEscalationFlow();
  let n = 0;
  for (const { command } of walk) {
    const result = await checkIns.handle(command, context(`demo-${n++}`, command.at));
    if (isLeft(result)) throw new Error(result.left.message);
    for (const event of result.right.events) print(`${command.at}  ${describeEvent(event)}`);
    if (result.right.events.some((e) => e.type === 'NonComplianceReported')) {
      const board = complianceBoardAsOf(await project(complianceBoardProjection, store.readAll()), command.at);
      for (const row of board.awaitingApproval) print(`  board: ${row.clientName} ${row.hoursSinceDue} h overdue, waits on the ${row.mustActNext}`);
    }
  }

  // The flow reacts to the end of the ladder: the enrollment ends, the coaching fee stops.
  for await (const event of store.readAll()) {
    if (!checkInEvents.is(event)) continue;
    for (const { command, commandId, actor } of flow.react(event)) {
      const ctx = { commandId, at: event.metadata.at, actor, causationId: event.eventId };
      const result =
        command.type === 'RemoveClientFromProgram'
          ? await enrollments.handle(command, ctx)
          : command.type === 'CancelMembership'
            ? await memberships.handle(command, ctx)
            : undefined;
      if (result === undefined) throw new Error(`The flow sent ${command.type}`);
      if (isLeft(result)) throw new Error(result.left.message);
      for (const e of result.right.events) {
        if (e.type === 'ClientRemovedFromProgram') print(`  flow: ${e.data.clientId} removed from ${e.data.programId} on ${e.data.on}`);
        if (e.type === 'MembershipCancellationRequested') print(`  flow: coaching membership cancelled on ${e.data.requestedOn}, effective ${e.data.effectiveOn} (the end of the paid period)`);
      }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await checkInEscalationDemo();
