/**
 * The escalation schedule: when each step of the missed check-in procedure falls due,
 * through which channels, and when the final notice's deadline falls. Plain functions of
 * instants, dates and a policy — no events — so a platform can show a coach what will
 * happen next before anything does.
 *
 * The ladder (the clinic procedure in the seeds): the check-in falls due → 24 h later an
 * in-app message → 48 h later a follow-up, by email if the client has been opening emails,
 * else by phone → 48 h later a text and an email → 48 h later a report of non-compliance to
 * the program manager → only on the manager's approval, a final notice with a deadline at
 * the end of that week → at the deadline, the program ends. Each wait counts from the step
 * before it, in exact hours; dates (a check-in's due day, the end of the week, the regimen
 * window) are days of the practice's time zone.
 */
import { addHours, epochMillis, startOfPracticeDay, type Instant } from '../values/calendar.js';
import { addDays, isoWeekday, type LocalDate } from '../values/local-date.js';

/** How a step reaches its audience. `team-chat` is the staff channel (the seed's Slack). */
export type EscalationChannel = 'in-app' | 'email' | 'phone' | 'text' | 'team-chat';

/** The timed steps of the ladder, in order. */
export const ESCALATION_STEPS = ['in-app-message', 'follow-up', 'text-and-email', 'non-compliance-report'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** Hours each step waits after the step before it (the first one after the issue began). */
export interface EscalationWaits {
  /** After the check-in fell due (or the issue was raised). @defaultValue 24 */
  readonly inAppMessage: number;
  /** After the in-app message (the seed says 24–48 h). @defaultValue 48 */
  readonly followUp: number;
  /** After the follow-up email or call. @defaultValue 48 */
  readonly textAndEmail: number;
  /** After the text and email. @defaultValue 48 */
  readonly nonComplianceReport: number;
}

/** The channels of each step. */
export interface EscalationChannels {
  /** @defaultValue `['in-app']` */
  readonly inAppMessage: readonly EscalationChannel[];
  /** The follow-up when the client has been opening emails. @defaultValue `['email']` */
  readonly followUpWhenOpeningEmails: readonly EscalationChannel[];
  /** The follow-up when the client has not been opening emails. @defaultValue `['phone']` */
  readonly followUpWhenNotOpeningEmails: readonly EscalationChannel[];
  /** @defaultValue `['text', 'email']` */
  readonly textAndEmail: readonly EscalationChannel[];
  /** The report to the program manager. @defaultValue `['team-chat']` */
  readonly nonComplianceReport: readonly EscalationChannel[];
  /** @defaultValue `['in-app']` */
  readonly finalNotice: readonly EscalationChannel[];
}

/** The final notice's deadline: the end of the week of the notice, in the practice's time zone. */
export interface FinalNoticeDeadlineRule {
  /** ISO weekday (1 Monday … 7 Sunday) of the last day of a week. @defaultValue 7 */
  readonly weekEndsOn: number;
  /**
   * At least this many hours between the notice and the deadline; a shorter week moves the
   * deadline to the end of the following week. @defaultValue 0
   */
  readonly minimumNoticeHours: number;
}

export const defaultEscalationWaits: EscalationWaits = {
  inAppMessage: 24,
  followUp: 48,
  textAndEmail: 48,
  nonComplianceReport: 48,
};

export const defaultEscalationChannels: EscalationChannels = {
  inAppMessage: ['in-app'],
  followUpWhenOpeningEmails: ['email'],
  followUpWhenNotOpeningEmails: ['phone'],
  textAndEmail: ['text', 'email'],
  nonComplianceReport: ['team-chat'],
  finalNotice: ['in-app'],
};

export const defaultFinalNoticeDeadlineRule: FinalNoticeDeadlineRule = { weekEndsOn: 7, minimumNoticeHours: 0 };

const WAIT_OF: Readonly<Record<EscalationStep, keyof EscalationWaits>> = {
  'in-app-message': 'inAppMessage',
  'follow-up': 'followUp',
  'text-and-email': 'textAndEmail',
  'non-compliance-report': 'nonComplianceReport',
};

export interface ScheduledEscalationStep {
  readonly step: EscalationStep;
  /** The instant the step falls due. */
  readonly dueAt: Instant;
}

/** When each timed step falls due for an issue that began at `startedAt` (a check-in's due instant). */
export const escalationSchedule = (startedAt: Instant, waits: EscalationWaits): readonly ScheduledEscalationStep[] => {
  let at = startedAt;
  return ESCALATION_STEPS.map((step) => {
    at = addHours(at, waits[WAIT_OF[step]]);
    return { step, dueAt: at };
  });
};

/** The instant one step falls due for an issue that began at `startedAt`. */
export const escalationStepDueAt = (startedAt: Instant, waits: EscalationWaits, step: EscalationStep): Instant => {
  const found = escalationSchedule(startedAt, waits).find((s) => s.step === step);
  if (found === undefined) throw new RangeError(`"${String(step)}" is not a step of the ladder`);
  return found.dueAt;
};

/** The channels of a step; the follow-up's depend on whether the client has been opening emails. */
export const escalationStepChannels = (
  step: EscalationStep,
  channels: EscalationChannels,
  openingEmails: boolean,
): readonly EscalationChannel[] => {
  switch (step) {
    case 'in-app-message':
      return channels.inAppMessage;
    case 'follow-up':
      return openingEmails ? channels.followUpWhenOpeningEmails : channels.followUpWhenNotOpeningEmails;
    case 'text-and-email':
      return channels.textAndEmail;
    case 'non-compliance-report':
      return channels.nonComplianceReport;
  }
};

export interface EmailOpenBasis {
  /** Whether the client opened an email in the lookback window ending at the step. */
  readonly openingEmails: boolean;
  /** The latest open in that window. */
  readonly lastOpenedAt?: Instant;
}

/**
 * Whether the client "has been opening their emails" at `at`: at least one email opened in
 * `(at − lookbackDays, at]`. Opens after `at` do not count, so the answer for a step never
 * depends on when the step was ticked.
 */
export const emailOpenBasis = (opens: readonly Instant[], at: Instant, lookbackDays: number): EmailOpenBasis => {
  const until = epochMillis(at);
  const from = until - lookbackDays * 86_400_000;
  let latest: Instant | undefined;
  for (const open of opens) {
    const t = epochMillis(open);
    if (t > from && t <= until && (latest === undefined || t > epochMillis(latest))) latest = open;
  }
  return latest === undefined ? { openingEmails: false } : { openingEmails: true, lastOpenedAt: latest };
};

/** The instant a check-in due on a day is missed: the end of that day in the practice's time zone. */
export const checkInDueAt = (dueOn: LocalDate, timeZone: string): Instant => startOfPracticeDay(addDays(dueOn, 1), timeZone);

export interface FinalNoticeDeadline {
  /** The last day the client has: the end of the week (a Sunday by default). */
  readonly lastDayOn: LocalDate;
  /** The end of that day in the practice's time zone: the program ends at this instant. */
  readonly deadlineAt: Instant;
}

/**
 * The deadline of a final notice given on practice day `noticeOn` at `noticeAt`: the end of
 * that week, or of a later one when the rule asks for more notice.
 */
export const finalNoticeDeadline = (
  noticeOn: LocalDate,
  noticeAt: Instant,
  timeZone: string,
  rule: FinalNoticeDeadlineRule,
): FinalNoticeDeadline => {
  let lastDayOn = addDays(noticeOn, (rule.weekEndsOn - isoWeekday(noticeOn) + 7) % 7);
  let deadlineAt = startOfPracticeDay(addDays(lastDayOn, 1), timeZone);
  while (epochMillis(deadlineAt) - epochMillis(noticeAt) < rule.minimumNoticeHours * 3_600_000) {
    lastDayOn = addDays(lastDayOn, 7);
    deadlineAt = startOfPracticeDay(addDays(lastDayOn, 1), timeZone);
  }
  return { lastDayOn, deadlineAt };
};

export interface RegimenWindowLapse {
  /** The practice day on which the client has gone `windowDays` days without a regimen change. */
  readonly lapsedOn: LocalDate;
  /** The start of that day in the practice's time zone. */
  readonly lapsedAt: Instant;
}

/**
 * When a regimen last changed on `lastChangedOn` lapses: `windowDays` days later (the seed's
 * "within 3-weeks of your last regimen change, otherwise your skin will stop responding").
 */
export const regimenWindowLapse = (lastChangedOn: LocalDate, windowDays: number, timeZone: string): RegimenWindowLapse => {
  const lapsedOn = addDays(lastChangedOn, windowDays);
  return { lapsedOn, lapsedAt: startOfPracticeDay(lapsedOn, timeZone) };
};
