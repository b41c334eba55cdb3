/**
 * Sending what falls due. The schedule (`projections/due-schedule.ts`) is one of the read
 * models the flows runner keeps, so it is current after every command. `runDue(until)`
 * sends the earliest due step through the facade's own method (so the policies and the
 * wallet are filled in as for any command), lets the flows run, reads the schedule again
 * and goes on until nothing is due on or before `until`. Each step's command id is derived
 * from the step's name (stream, revision, step, date), so the same log and the same clock
 * send the same commands, and a step sent twice (two schedulers, a retry) is applied once.
 *
 * A refused step is recorded and returned, and its stream is left alone for the rest of
 * the run (its later steps would be refused for the same reason).
 */
import type { RecordedEvent } from '../kernel/envelope.js';
import { DomainErrorException, type DomainError } from '../kernel/errors.js';
import type { PracticeEvent } from '../events.js';
import type { MembershipScheduledCommandType } from '../memberships/index.js';
import { deriveId } from '../values/ids.js';
import type { Instant } from '../values/calendar.js';
import type { LocalDate } from '../values/local-date.js';
import { dueStepKey, dueSteps, type DueItem } from '../../projections/due-schedule.js';
import type { CreditsMethods } from './credits-methods.js';
import type { FlowDispatchOutcome, FlowsRunner } from './flows-runner.js';
import type { Recorded, Untyped } from './kit.js';
import type { MembershipMethods } from './membership-methods.js';
import type { CheckInMethods } from './check-in-methods.js';
import type { PackageMethods } from './package-methods.js';
import type { ProgramMethods } from './program-methods.js';

/** What became of one due step. */
export interface DueStepOutcome {
  readonly item: DueItem;
  readonly commandId: string;
  /** `applied`: sent and recorded; `already-applied`: its id had been applied before; `refused`: see `error`. */
  readonly outcome: 'applied' | 'already-applied' | 'refused';
  readonly events: readonly RecordedEvent<PracticeEvent>[];
  readonly error?: DomainError;
}

/** What one run of the schedule did. */
export interface DueRun {
  /** The practice date it ran up to (included). */
  readonly until: LocalDate;
  /** Every step sent, in the order sent. */
  readonly sent: readonly DueStepOutcome[];
  /** The refused steps among them. */
  readonly refused: readonly DueStepOutcome[];
  /** Every command the flows sent in consequence. */
  readonly flows: readonly FlowDispatchOutcome[];
  /** The refused or failed ones among them. */
  readonly flowFailures: readonly FlowDispatchOutcome[];
}

type Methods = Untyped<
  Pick<CreditsMethods, 'expireCredits'> &
    Pick<MembershipMethods, MembershipStepMethod> &
    Pick<ProgramMethods, 'tickEnrollment'> &
    Pick<PackageMethods, 'expirePackage' | 'issuePackageExpiryNotice'> &
    Pick<CheckInMethods, 'tickCheckIns'>
>;
type MembershipStepMethod =
  | 'startMembership'
  | 'convertMembershipTrial'
  | 'renewMembership'
  | 'retryMembershipPayment'
  | 'resumeMembership'
  | 'endMembership';

const MEMBERSHIP_METHOD: Readonly<Record<MembershipScheduledCommandType, MembershipStepMethod>> = {
  StartMembership: 'startMembership',
  ConvertMembershipTrial: 'convertMembershipTrial',
  RenewMembership: 'renewMembership',
  RetryMembershipPayment: 'retryMembershipPayment',
  ResumeMembership: 'resumeMembership',
  EndMembership: 'endMembership',
};

/** The command id a due step is sent under: the same step always gets the same id. */
export const dueCommandId = (item: DueItem): string => deriveId(dueStepKey(item), 'due');

/** Who the schedule's commands are recorded as sent by. */
export const SCHEDULE_ACTOR = 'system';

export interface ScheduleRunner {
  /** Every step due on or before `until`, earliest first. */
  readonly due: (until?: LocalDate) => readonly DueItem[];
  /**
   * Sends every step due on or before `until` — and, where hours matter, at or before
   * `untilInstant` — cascading, until none is left.
   */
  readonly runDue: (until: LocalDate, untilInstant: Instant) => Promise<DueRun>;
}

export const createScheduleRunner = (flows: FlowsRunner, methods: Methods): ScheduleRunner => {
  const send = (item: DueItem, commandId: string): Promise<Recorded> => {
    const common = { on: item.on, commandId, actor: SCHEDULE_ACTOR };
    const step = item.step;
    switch (step.kind) {
      case 'credit-expiry':
        return methods.expireCredits({ ...common, clientId: step.clientId });
      case 'enrollment-tick':
        return methods.tickEnrollment({ ...common, programId: step.programId, clientId: step.clientId });
      case 'package-expiry-notice':
        return methods.issuePackageExpiryNotice({ ...common, packageId: step.packageId });
      case 'package-expiry':
        return methods.expirePackage({ ...common, packageId: step.packageId });
      case 'check-in-tick':
        // Each event of a tick records the instant its step fell due: tick at that instant.
        return methods.tickCheckIns({ commandId, actor: SCHEDULE_ACTOR, enrollmentId: step.enrollmentId, at: item.at });
      case 'membership': {
        return methods[MEMBERSHIP_METHOD[step.command]]({ ...common, membershipId: step.membershipId, ...(step.chargeId !== undefined ? { chargeId: step.chargeId } : {}) });
      }
    }
  };

  const sendOne = async (item: DueItem): Promise<{ readonly outcome: DueStepOutcome; readonly flows: readonly FlowDispatchOutcome[] }> => {
    const commandId = dueCommandId(item);
    try {
      const recorded = await send(item, commandId);
      return {
        outcome: { item, commandId, outcome: recorded.alreadyApplied ? 'already-applied' : 'applied', events: recorded.events },
        flows: recorded.flows.dispatched,
      };
    } catch (error) {
      if (!(error instanceof DomainErrorException)) throw error;
      const refusal: DomainError = {
        code: error.code,
        message: error.message,
        ...(error.field !== undefined ? { field: error.field } : {}),
        ...(error.details !== undefined ? { details: error.details } : {}),
      };
      return { outcome: { item, commandId, outcome: 'refused', events: [], error: refusal }, flows: [] };
    }
  };

  const runDue = async (until: LocalDate, untilInstant: Instant): Promise<DueRun> => {
    const first = await flows.catchUp();
    const sent: DueStepOutcome[] = [];
    const flowOutcomes: FlowDispatchOutcome[] = [...first.dispatched];
    const tried = new Set<string>();
    const leftAlone = new Set<string>();
    for (;;) {
      const next = dueSteps(flows.models().schedule, until, untilInstant).find((i) => !leftAlone.has(i.streamName) && !tried.has(dueStepKey(i)));
      if (next === undefined) break;
      tried.add(dueStepKey(next));
      const result = await sendOne(next);
      sent.push(result.outcome);
      flowOutcomes.push(...result.flows);
      if (result.outcome.outcome === 'refused') leftAlone.add(next.streamName);
    }
    return {
      until,
      sent,
      refused: sent.filter((s) => s.outcome === 'refused'),
      flows: flowOutcomes,
      flowFailures: flowOutcomes.filter((f) => f.outcome === 'refused' || f.outcome === 'failed'),
    };
  };

  return { due: (until) => dueSteps(flows.models().schedule, until), runDue };
};
