/** The requests an enrollment stream answers. */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../../kernel/commands.js';
import { LocalDateC } from '../../values/local-date.js';
import { EnrollmentSourceC, NonEmptyStringC, PositiveIntegerC, ProgramActorC, ProgramTermsC } from '../values.js';
import { ProgramRemovalRequestReasonC } from './events.js';

const who = { programId: NonEmptyStringC, clientId: NonEmptyStringC, on: LocalDateC };

export const enrollmentCommandCodecs = {
  /**
   * Enrolls a client in the program whose current terms it carries (the shell reads them
   * from the program stream: `enrollableTerms`). `startsOn` is a custom start date for this
   * member (@defaultValue the day of enrollment, `on`); `maxAccessDays` is the practice's
   * maximum access duration (@defaultValue none: access does not stop by itself).
   */
  EnrollClientInProgram: t.intersection([
    t.type({ clientId: NonEmptyStringC, on: LocalDateC, program: ProgramTermsC, through: EnrollmentSourceC, by: ProgramActorC }),
    t.partial({ startsOn: LocalDateC, maxAccessDays: PositiveIntegerC }),
  ]),
  /**
   * Removes a client from the program: no more access to previous and upcoming modules.
   * `tellClient` asks the platform to let the client know (@defaultValue true).
   */
  RemoveClientFromProgram: t.intersection([
    t.type({ ...who, by: ProgramActorC, reason: ProgramRemovalRequestReasonC }),
    t.partial({ tellClient: t.boolean }),
  ]),
  /** The client left a group, or the group lost its access: the access through that group ends. */
  ReleaseGroupProgramAccess: t.type({
    ...who,
    groupId: NonEmptyStringC,
    why: t.keyof({ 'left-group': null, 'group-access-withdrawn': null }),
    by: ProgramActorC,
  }),
  /**
   * The package the access comes through is unpaid. The client keeps access (grace);
   * with `removeUnpaidAfterDays` (the practice's policy, @defaultValue none: never
   * automatically) they are removed that many days later unless it is paid.
   */
  MarkProgramPackageUnpaid: t.intersection([
    t.type({ ...who, packageId: NonEmptyStringC, by: ProgramActorC }),
    t.partial({ removeUnpaidAfterDays: PositiveIntegerC }),
  ]),
  MarkProgramPackagePaid: t.type({ ...who, packageId: NonEmptyStringC, by: ProgramActorC }),
  /** Moves every time-driven step due on or before `on`: unpaid removals, end of access, completion. */
  TickEnrollment: t.type(who),
};
export const enrollmentCommands = commandDecoder(enrollmentCommandCodecs);
export type EnrollmentCommand = CommandOf<typeof enrollmentCommandCodecs>;
