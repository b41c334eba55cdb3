/** One client's enrollment in one program: stream `enrollment-<programId>-<clientId>`. */
import type { Decider } from '../../kernel/decider.js';
import type { EnrollmentCommand } from './commands.js';
import { decideEnrollment } from './decide.js';
import type { EnrollmentEvent } from './events.js';
import { evolveEnrollment, initialEnrollmentState, type EnrollmentState } from './state.js';

export * from './events.js';
export * from './commands.js';
export * from './state.js';
export { programCompletionSteps, PROGRAM_MATERIAL_KINDS } from './completion.js';
export { decideEnrollment } from './decide.js';

export const enrollmentDecider: Decider<EnrollmentCommand, EnrollmentEvent, EnrollmentState> = {
  initialState: initialEnrollmentState,
  evolve: evolveEnrollment,
  decide: decideEnrollment,
};

/** The stream of one client's enrollment in one program. */
export const enrollmentStream = (programId: string, clientId: string): string => `enrollment-${programId}-${clientId}`;

/** The stream an enrollment command addresses (for `createCommandHandler`). */
export const enrollmentStreamOf = (command: EnrollmentCommand): string =>
  command.type === 'EnrollClientInProgram'
    ? enrollmentStream(command.program.programId, command.clientId)
    : enrollmentStream(command.programId, command.clientId);
