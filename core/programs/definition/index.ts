/** A program's definition: stream `program-<programId>`. */
import type { Decider } from '../../kernel/decider.js';
import type { ProgramCommand } from './commands.js';
import { decideProgram } from './decide.js';
import type { ProgramEvent } from './events.js';
import { evolveProgram, initialProgramState, type ProgramState } from './state.js';

export * from './events.js';
export * from './commands.js';
export * from './state.js';
export { decideProgram, enrollableTerms } from './decide.js';

export const programDecider: Decider<ProgramCommand, ProgramEvent, ProgramState> = {
  initialState: initialProgramState,
  evolve: evolveProgram,
  decide: decideProgram,
};

/** The stream of a program's definition. */
export const programStream = (programId: string): string => `program-${programId}`;
/** The stream a program command addresses (for `createCommandHandler`). */
export const programStreamOf = (command: ProgramCommand): string => programStream(command.programId);
