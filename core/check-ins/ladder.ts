/**
 * One client down the whole ladder, from a due date: the commands a platform would send if
 * the client never checks in and the manager approves, each with the events it records.
 * Pure (it decides with the decider), for demos, documentation and tests.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { addHours, startOfPracticeDay, type Instant } from '../values/calendar.js';
import { addDays, type LocalDate } from '../values/local-date.js';
import { escalationStepDueAt } from '../rules/escalation-schedule.js';
import type { CheckInCommand } from './commands.js';
import { decideCheckIns } from './decide.js';
import type { CheckInEvent } from './events.js';
import { resolveCheckInPolicy, type CheckInPolicyInput } from './policy.js';
import { checkInInitialState, escalationAwaitsApproval, evolveCheckIns, type CheckInState } from './state.js';
import { checkInNextTickAt } from './tick.js';

export interface CheckInLadderSetup {
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly programId: string;
  readonly clientName: string;
  readonly coach: string;
  readonly coachingMembershipId?: string;
  /** The day the check-in the client misses is due. */
  readonly dueOn: LocalDate;
  /** @defaultValue {@link defaultCheckInPolicy} */
  readonly policy?: CheckInPolicyInput;
  /** Instants the client opened an email (an open shortly before the follow-up makes it an email). @defaultValue none */
  readonly emailOpenedAt?: readonly Instant[];
  /** Who approves ending the program. @defaultValue `'program-manager'` */
  readonly managerId?: string;
  /** Hours after the report of non-compliance the manager approves. @defaultValue 2 */
  readonly approveAfterHours?: number;
}

export interface CheckInLadderStep {
  readonly command: CheckInCommand;
  readonly events: readonly CheckInEvent[];
}

/**
 * The schedule starts (and the regimen is given) one check-in period before `dueOn`; then a
 * tick each time the process next needs one, the manager's approval after the report, and
 * the tick at the deadline that ends the program.
 */
export const walkCheckInLadder = (setup: CheckInLadderSetup): readonly CheckInLadderStep[] => {
  const policy = resolveCheckInPolicy(setup.policy);
  const startedOn = addDays(setup.dueOn, -policy.checkInEveryDays);
  const enrollmentId = setup.enrollmentId;
  const steps: CheckInLadderStep[] = [];
  let state: CheckInState = checkInInitialState;
  const send = (command: CheckInCommand): void => {
    const decision = decideCheckIns(command, state);
    if (isLeft(decision)) throw new RangeError(`The ladder walk was refused at ${command.type}: ${decision.left.message}`);
    for (const event of decision.right) state = evolveCheckIns(state, event);
    steps.push({ command, events: decision.right });
  };
  send({
    type: 'StartCheckInSchedule',
    enrollmentId,
    clientId: setup.clientId,
    programId: setup.programId,
    clientName: setup.clientName,
    coach: setup.coach,
    ...(setup.coachingMembershipId !== undefined ? { coachingMembershipId: setup.coachingMembershipId } : {}),
    firstDueOn: setup.dueOn,
    regimenChangedOn: startedOn,
    at: startOfPracticeDay(startedOn, policy.timeZone),
    policy,
  });
  const opens = [...(setup.emailOpenedAt ?? [])].sort((a, b) => Date.parse(a) - Date.parse(b));
  for (let guard = 0; state.status === 'active'; guard++) {
    if (guard > 1000) throw new RangeError('The ladder walk did not end');
    const next = checkInNextTickAt(state);
    const awaiting = state.escalations.find(escalationAwaitsApproval);
    const approveAt =
      awaiting === undefined
        ? undefined
        : addHours(escalationStepDueAt(awaiting.startedAt, policy.waits, 'non-compliance-report'), setup.approveAfterHours ?? 2);
    const open = opens[0];
    const candidates = [next, approveAt, open].filter((x): x is Instant => x !== undefined);
    if (candidates.length === 0) break;
    const at = candidates.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
    if (at === open) {
      opens.shift();
      send({ type: 'RecordEmailOpened', enrollmentId, at });
    } else if (at === approveAt && awaiting !== undefined) {
      send({ type: 'ApproveProgramEnd', enrollmentId, issue: awaiting.issue, managerId: setup.managerId ?? 'program-manager', at });
    } else {
      send({ type: 'TickCheckIns', enrollmentId, at });
    }
  }
  return steps;
};
