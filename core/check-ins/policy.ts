/**
 * The check-in policy: the practice's time zone, the check-in cadence, the escalation
 * ladder's waits, channels and deadline rule, and the regimen window. The facade fills it
 * from the practice's configuration; every field has the seed's value as its default. The
 * whole resolved policy is recorded when a schedule starts, so replay needs no
 * configuration.
 */
import * as t from 'io-ts';
import {
  defaultEscalationChannels,
  defaultEscalationWaits,
  defaultFinalNoticeDeadlineRule,
  type EscalationChannels,
  type EscalationWaits,
  type FinalNoticeDeadlineRule,
} from '../rules/escalation-schedule.js';

/** Whether `u` is an IANA time zone name the runtime knows (`Europe/Paris`, `UTC`). */
export const isIanaTimeZone = (u: unknown): u is string => {
  if (typeof u !== 'string' || u === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: u });
    return true;
  } catch {
    return false;
  }
};

const TimeZoneC = new t.Type<string, string, unknown>(
  'TimeZone',
  isIanaTimeZone,
  (u, c) => (isIanaTimeZone(u) ? t.success(u) : t.failure(u, c, 'must be an IANA time zone name such as Europe/Paris')),
  (s) => s,
);

const hours = (max: number, name: string) =>
  t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0 && n <= max, name);
const WaitHoursC = hours(24 * 366, 'WaitHours');
const PositiveDaysC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= 366, 'PositiveDays');
const WeekdayC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= 7, 'IsoWeekday');

export const EscalationChannelC = t.keyof(
  { 'in-app': null, email: null, phone: null, text: null, 'team-chat': null },
  'EscalationChannel',
);
const ChannelsC = t.refinement(t.readonlyArray(EscalationChannelC), (cs) => cs.length > 0, 'NonEmptyChannels');

const WaitsC = t.type({ inAppMessage: WaitHoursC, followUp: WaitHoursC, textAndEmail: WaitHoursC, nonComplianceReport: WaitHoursC });
const ChannelsPolicyC = t.type({
  inAppMessage: ChannelsC,
  followUpWhenOpeningEmails: ChannelsC,
  followUpWhenNotOpeningEmails: ChannelsC,
  textAndEmail: ChannelsC,
  nonComplianceReport: ChannelsC,
  finalNotice: ChannelsC,
});
const DeadlineC = t.type({ weekEndsOn: WeekdayC, minimumNoticeHours: WaitHoursC });

/** The resolved policy, as recorded in `CheckInScheduleStarted`. */
export const CheckInPolicyC = t.type(
  {
    timeZone: TimeZoneC,
    checkInEveryDays: PositiveDaysC,
    waits: WaitsC,
    channels: ChannelsPolicyC,
    emailOpenLookbackDays: PositiveDaysC,
    deadline: DeadlineC,
    regimenWindowDays: PositiveDaysC,
  },
  'CheckInPolicy',
);

export interface CheckInPolicy {
  /**
   * The practice's IANA time zone: a check-in is missed at the end of its due day there, and
   * the final notice's "end of the week" is a week there. @defaultValue `'UTC'`
   */
  readonly timeZone: string;
  /** Days from a check-in (or the schedule's start) to the next check-in's due day. @defaultValue 14 */
  readonly checkInEveryDays: number;
  /** Hours between the ladder's steps (the seed waits 24–48 h). @defaultValue 24, 48, 48, 48 */
  readonly waits: EscalationWaits;
  /** The channels of each step. @defaultValue in-app; email or phone; text and email; team chat; in-app */
  readonly channels: EscalationChannels;
  /** An email opened in this many days before the follow-up means "the client has been opening their emails". @defaultValue 30 */
  readonly emailOpenLookbackDays: number;
  /** The final notice's deadline: the end of the week (Sunday). @defaultValue `{ weekEndsOn: 7, minimumNoticeHours: 0 }` */
  readonly deadline: FinalNoticeDeadlineRule;
  /** Days without a regimen change after which the client is flagged (the seed's 3 weeks). @defaultValue 21 */
  readonly regimenWindowDays: number;
}

export const defaultCheckInPolicy: CheckInPolicy = {
  timeZone: 'UTC',
  checkInEveryDays: 14,
  waits: defaultEscalationWaits,
  channels: defaultEscalationChannels,
  emailOpenLookbackDays: 30,
  deadline: defaultFinalNoticeDeadlineRule,
  regimenWindowDays: 21,
};

/** A policy as a command gives it: any field, at any depth, may be left to its default. */
export const CheckInPolicyInputC = t.partial(
  {
    timeZone: TimeZoneC,
    checkInEveryDays: PositiveDaysC,
    waits: t.partial(WaitsC.props),
    channels: t.partial(ChannelsPolicyC.props),
    emailOpenLookbackDays: PositiveDaysC,
    deadline: t.partial(DeadlineC.props),
    regimenWindowDays: PositiveDaysC,
  },
  'CheckInPolicyInput',
);
export type CheckInPolicyInput = t.TypeOf<typeof CheckInPolicyInputC>;

/** `defaults` with the fields `given` defines (an `undefined` value keeps the default). */
const withDefaults = <T extends object>(defaults: T, given: { readonly [K in keyof T]?: T[K] | undefined } | undefined): T => {
  const out = { ...defaults };
  if (given === undefined) return out;
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    const value = given[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
};

/** The policy with every field left out filled from the defaults. */
export const resolveCheckInPolicy = (input: CheckInPolicyInput = {}): CheckInPolicy => ({
  ...withDefaults(defaultCheckInPolicy, {
    timeZone: input.timeZone,
    checkInEveryDays: input.checkInEveryDays,
    emailOpenLookbackDays: input.emailOpenLookbackDays,
    regimenWindowDays: input.regimenWindowDays,
  }),
  waits: withDefaults(defaultCheckInPolicy.waits, input.waits),
  channels: withDefaults(defaultCheckInPolicy.channels, input.channels),
  deadline: withDefaults(defaultCheckInPolicy.deadline, input.deadline),
});
