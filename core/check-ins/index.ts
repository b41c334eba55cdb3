/**
 * Check-ins of a program enrollment and the escalation ladder when one is missed (the
 * clinic procedure in the seeds), as one deterministic process on the stream
 * `checkin-<enrollmentId>`.
 */
import type { Decider } from '../kernel/decider.js';
import type { CheckInCommand } from './commands.js';
import { decideCheckIns } from './decide.js';
import type { CheckInEvent } from './events.js';
import { checkInInitialState, evolveCheckIns, type CheckInState } from './state.js';

export * from './events.js';
export * from './commands.js';
export * from './policy.js';
export * from './templates.js';
export {
  checkInInitialState,
  evolveCheckIns,
  escalationStepReached,
  nextEscalationStep,
  escalationAwaitsApproval,
  type CheckInState,
  type CheckInSchedule,
  type CheckInEscalation,
  type OutstandingCheckIn,
} from './state.js';
export { decideCheckIns } from './decide.js';
export { checkInNextTickAt, tickCheckIns } from './tick.js';
export { walkCheckInLadder, type CheckInLadderSetup, type CheckInLadderStep } from './ladder.js';

export const checkInDecider: Decider<CheckInCommand, CheckInEvent, CheckInState> = {
  initialState: checkInInitialState,
  evolve: evolveCheckIns,
  decide: decideCheckIns,
};

const PREFIX = 'checkin-';

/** The stream of an enrollment's check-ins: `checkin-<enrollmentId>`. */
export const checkInStream = (enrollmentId: string): string => `${PREFIX}${enrollmentId}`;

/** The enrollment a check-in stream belongs to, or `undefined` for another stream. */
export const enrollmentIdOfCheckInStream = (streamName: string): string | undefined =>
  streamName.startsWith(PREFIX) ? streamName.slice(PREFIX.length) : undefined;

/** The stream a command addresses, for `createCommandHandler`. */
export const checkInCommandStream = (command: CheckInCommand): string => checkInStream(command.enrollmentId);
