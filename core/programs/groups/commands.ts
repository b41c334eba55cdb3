/** The requests a client's group stream answers. */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../../kernel/commands.js';
import { LocalDateC } from '../../values/local-date.js';
import { NonEmptyStringC, ProgramActorC } from '../values.js';

export const clientGroupCommandCodecs = {
  /**
   * Puts the client in a group, or changes their group. A provider does it from the client's
   * profile; an automation does it when the client buys a program associated with another
   * group (`programId`).
   */
  PlaceClientInGroup: t.intersection([
    t.type({ clientId: NonEmptyStringC, groupId: NonEmptyStringC, on: LocalDateC, by: ProgramActorC }),
    t.partial({ programId: NonEmptyStringC }),
  ]),
  /** Takes the client out of their group; only a provider does this, by hand. */
  RemoveClientFromGroup: t.type({ clientId: NonEmptyStringC, on: LocalDateC, by: ProgramActorC }),
};
export const clientGroupCommands = commandDecoder(clientGroupCommandCodecs);
export type ClientGroupCommand = CommandOf<typeof clientGroupCommandCodecs>;
