/**
 * The requests of the check-in process. Each addresses the stream of one program
 * enrollment (`checkin-<enrollmentId>`) and carries the instant it happens at (`at`): hours
 * matter here. `TickCheckIns` is the time-driven one: the shell sends it when
 * `checkInNextTickAt` says the process needs it (or on any schedule: ticks are idempotent).
 */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../kernel/commands.js';
import { InstantC } from '../values/calendar.js';
import { LocalDateC } from '../values/local-date.js';
import { ComplianceIssueC, RaisedComplianceIssueC } from './events.js';
import { CheckInPolicyInputC } from './policy.js';

const NonEmptyString = t.refinement(t.string, (s) => s.length > 0, 'NonEmptyString');
const base = { enrollmentId: NonEmptyString, at: InstantC };

export const checkInCommandCodecs = {
  /** Starts the schedule of an enrollment: the first check-in is due at the end of `firstDueOn`. */
  StartCheckInSchedule: t.intersection([
    t.type({
      ...base,
      clientId: NonEmptyString,
      programId: NonEmptyString,
      /** For the messages' `{name}`. */
      clientName: t.string,
      /** For the messages' `{coach}`. */
      coach: t.string,
      firstDueOn: LocalDateC,
    }),
    t.partial({
      /** The membership that carries the monthly coaching fee: cancelled when the ladder ends the program. */
      coachingMembershipId: NonEmptyString,
      /** The day the current regimen was given. @defaultValue the practice day of `at` */
      regimenChangedOn: LocalDateC,
      /** @defaultValue {@link defaultCheckInPolicy} */
      policy: CheckInPolicyInputC,
    }),
  ]),
  /** The client submitted a check-in: it resolves every open escalation. */
  SubmitCheckIn: t.type({ ...base, checkInId: NonEmptyString }),
  /** A coach moves the outstanding check-in's due day (not while its ladder is running). */
  RescheduleCheckIn: t.type({ ...base, dueOn: LocalDateC, by: NonEmptyString }),
  /** The platform saw the client open an email at `at`. */
  RecordEmailOpened: t.intersection([t.type(base), t.partial({ emailId: NonEmptyString })]),
  /** The coach gave the client a new regimen at `at`: the regimen window starts again. */
  RecordRegimenChange: t.type(base),
  /** A coach starts the ladder for another compliance issue. */
  RaiseComplianceIssue: t.intersection([
    t.type({ ...base, issue: RaisedComplianceIssueC, by: NonEmptyString }),
    t.partial({ note: t.string }),
  ]),
  /** A coach closes a raised issue the client has put right. */
  ResolveComplianceIssue: t.type({ ...base, issue: RaisedComplianceIssueC, by: NonEmptyString }),
  /** The program manager approves ending the program: the final notice goes out. */
  ApproveProgramEnd: t.type({ ...base, issue: ComplianceIssueC, managerId: NonEmptyString }),
  /** The program manager declines ending the program: the escalation is closed. */
  DeclineProgramEnd: t.intersection([
    t.type({ ...base, issue: ComplianceIssueC, managerId: NonEmptyString }),
    t.partial({ reason: t.string }),
  ]),
  /** Records every step due at or before `at`. */
  TickCheckIns: t.type(base),
};

export const checkInCommands = commandDecoder(checkInCommandCodecs);
export type CheckInCommand = CommandOf<typeof checkInCommandCodecs>;
