/**
 * One client down the whole missed check-in ladder: the check-in due on Wednesday
 * 2025-03-05 is never submitted, the client does not open emails, the program manager
 * approves, and at the end of that week (New York time) the program ends. Every command
 * goes through the command handler into the embedded store; every message is rendered
 * from the seed's scripts.
 */
import {
  checkInCommandStream,
  checkInDecider,
  checkInEvents,
  createCommandHandler,
  localDate,
  renderCheckInMessage,
  walkCheckInLadder,
  type CheckInEvent,
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
      return `${event.type}: program ${event.data.programId} ends on ${event.data.programEndsOn}, coaching membership ${event.data.coachingMembershipId ?? '-'} to cancel (approved by ${event.data.approvedBy})`;
    case 'RegimenWindowLapsed':
      return `${event.type}: no regimen change since ${event.data.lastChangedOn} (${event.data.windowDays} days)`;
    default:
      return event.type;
  }
};

export async function checkInEscalationDemo(print: (line: string) => void = console.log): Promise<void> {
  const store = createInMemoryEventStore(checkInEvents);
  const handler = createCommandHandler({ store, decider: checkInDecider, events: checkInEvents, streamName: checkInCommandStream });
  const walk = walkCheckInLadder({
    enrollmentId: 'enr-maya',
    clientId: 'maya',
    programId: 'online-acne-program',
    clientName: 'Maya',
    coach: 'Ann',
    coachingMembershipId: 'coaching-maya',
    dueOn: localDate('2025-03-05'),
    policy: { timeZone: 'America/New_York' },
    approveAfterHours: 9, // reported at 01:00 in New York, approved at 10:00
  });
  let n = 0;
  for (const { command } of walk) {
    const result = await handler.handle(command, { commandId: `demo-${n++}`, at: command.at, actor: 'system' });
    if (result._tag === 'Left') throw new Error(result.left.message);
    for (const event of result.right.events) print(`${command.at}  ${describeEvent(event)}`);
    if (command.type === 'ApproveProgramEnd') continue;
    if (result.right.events.some((e) => e.type === 'NonComplianceReported')) {
      const board = complianceBoardAsOf(await project(complianceBoardProjection, store.readAll()), command.at);
      for (const row of board.awaitingApproval) print(`  board: ${row.clientName} ${row.hoursSinceDue} h overdue, waits on the ${row.mustActNext}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await checkInEscalationDemo();
