/**
 * The facade's check-in methods: one enrollment's check-ins and the escalation ladder of
 * the clinic procedure (stream `checkin-<enrollmentId>`). Hours matter here, so each
 * command carries an instant (`at`, by default the clock's). The practice's check-in
 * policy, in the practice's time zone, is filled into the schedule when it starts; the
 * schedule sends the ticks, and the escalation flow ends the program and cancels the
 * coaching membership when a ladder ends.
 */
import type { CheckInCommand, CheckInEvent } from '../check-ins/index.js';
import type { LedgerTimedInput } from './inputs.js';
import { commandMethod, type Kit, type Recorded, type Untyped } from './kit.js';

type Ci<T extends CheckInCommand['type'], F extends PropertyKey = never> = LedgerTimedInput<Extract<CheckInCommand, { type: T }>, F>;
type Result = Promise<Recorded<CheckInEvent>>;

export interface CheckInMethods {
  /** Starts an enrollment's check-in schedule; the first check-in is due at the end of `firstDueOn`. */
  readonly startCheckInSchedule: (input: Ci<'StartCheckInSchedule', 'policy'>) => Result;
  /** The client checked in: it resolves every open escalation. */
  readonly submitCheckIn: (input: Ci<'SubmitCheckIn'>) => Result;
  /** A coach moves the outstanding check-in's due day. */
  readonly rescheduleCheckIn: (input: Ci<'RescheduleCheckIn'>) => Result;
  /** The platform saw the client open an email (the follow-up goes by email, not phone). */
  readonly recordEmailOpened: (input: Ci<'RecordEmailOpened'>) => Result;
  /** The coach gave a new regimen: the regimen window starts again. */
  readonly recordRegimenChange: (input: Ci<'RecordRegimenChange'>) => Result;
  /** A coach starts the ladder for another compliance issue. */
  readonly raiseComplianceIssue: (input: Ci<'RaiseComplianceIssue'>) => Result;
  /** A coach closes a raised issue the client put right. */
  readonly resolveComplianceIssue: (input: Ci<'ResolveComplianceIssue'>) => Result;
  /** The program manager approves ending the program: the final notice goes out. */
  readonly approveProgramEnd: (input: Ci<'ApproveProgramEnd'>) => Result;
  /** The program manager declines ending the program: the escalation is closed. */
  readonly declineProgramEnd: (input: Ci<'DeclineProgramEnd'>) => Result;
  /** Records every step due at or before `at` (the schedule sends it). */
  readonly tickCheckIns: (input: Ci<'TickCheckIns'>) => Result;
}

export const checkInMethods = (kit: Kit): Untyped<CheckInMethods> => {
  const checkIns = kit.aggregates.checkIns;
  return {
    startCheckInSchedule: commandMethod(kit, checkIns, 'StartCheckInSchedule', (fields) => ({
      ...fields,
      policy: { ...kit.policies.checkIns, timeZone: kit.timeZone },
    })),
    submitCheckIn: commandMethod(kit, checkIns, 'SubmitCheckIn'),
    rescheduleCheckIn: commandMethod(kit, checkIns, 'RescheduleCheckIn'),
    recordEmailOpened: commandMethod(kit, checkIns, 'RecordEmailOpened'),
    recordRegimenChange: commandMethod(kit, checkIns, 'RecordRegimenChange'),
    raiseComplianceIssue: commandMethod(kit, checkIns, 'RaiseComplianceIssue'),
    resolveComplianceIssue: commandMethod(kit, checkIns, 'ResolveComplianceIssue'),
    approveProgramEnd: commandMethod(kit, checkIns, 'ApproveProgramEnd'),
    declineProgramEnd: commandMethod(kit, checkIns, 'DeclineProgramEnd'),
    tickCheckIns: commandMethod(kit, checkIns, 'TickCheckIns'),
  };
};
