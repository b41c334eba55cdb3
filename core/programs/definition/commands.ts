/** The requests a program's definition stream answers. */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../../kernel/commands.js';
import { LocalDateC } from '../../values/local-date.js';
import { NonEmptyStringC, ProgramActorC, ProgramDefinitionC } from '../values.js';

const base = { programId: NonEmptyStringC, on: LocalDateC, by: ProgramActorC };

export const programCommandCodecs = {
  CreateProgram: t.type({ ...base, definition: ProgramDefinitionC }),
  EditProgram: t.type({ ...base, definition: ProgramDefinitionC }),
  ArchiveProgram: t.type(base),
  DeleteProgram: t.type(base),
  /** Adds a whole client group; `startsOn` customises the start date for the group. */
  GiveGroupAccessToProgram: t.intersection([t.type({ ...base, groupId: NonEmptyStringC }), t.partial({ startsOn: LocalDateC })]),
  WithdrawGroupAccessToProgram: t.type({ ...base, groupId: NonEmptyStringC }),
};
export const programCommands = commandDecoder(programCommandCodecs);
export type ProgramCommand = CommandOf<typeof programCommandCodecs>;
