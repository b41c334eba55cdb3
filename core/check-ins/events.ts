/**
 * The facts of a client's check-ins and of the escalation ladder when one is missed. Each
 * step of the ladder is an event carrying the instant the step fell due (never the instant
 * of the tick that recorded it), its channels and the key of its message template; the
 * approval, the deadline and the policy that applied are recorded too, so replay needs no
 * configuration.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type EventOf } from '../kernel/codecs.js';
import { InstantC } from '../values/calendar.js';
import { LocalDateC } from '../values/local-date.js';
import { CheckInPolicyC, EscalationChannelC } from './policy.js';

/**
 * What a ladder is about: a missed check-in, or another compliance issue the seed names
 * ("low consistency in skincare and supplement use or not changing out a pore clogger").
 */
export const ComplianceIssueC = t.keyof(
  { 'missed-check-in': null, 'low-consistency': null, 'pore-clogger-not-changed': null },
  'ComplianceIssue',
);
export type ComplianceIssue = t.TypeOf<typeof ComplianceIssueC>;
/** The issues in the order a tick takes their steps when two fall due at the same instant. */
export const COMPLIANCE_ISSUES: readonly ComplianceIssue[] = ['missed-check-in', 'low-consistency', 'pore-clogger-not-changed'];

/** The issues a coach raises by hand (a missed check-in is raised by the schedule). */
export const RaisedComplianceIssueC = t.keyof({ 'low-consistency': null, 'pore-clogger-not-changed': null }, 'RaisedComplianceIssue');

const NonEmptyString = t.refinement(t.string, (s) => s.length > 0, 'NonEmptyString');
const PositiveInt = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveInteger');
const Channels = t.readonlyArray(EscalationChannelC);

export const CheckInScheduleStarted = defineEvent(
  'CheckInScheduleStarted',
  t.intersection([
    t.type({
      enrollmentId: NonEmptyString,
      clientId: NonEmptyString,
      programId: NonEmptyString,
      clientName: t.string,
      coach: t.string,
      startedAt: InstantC,
      firstDueOn: LocalDateC,
      firstDueAt: InstantC,
      /** The day the client's current regimen was given: the regimen window counts from it. */
      regimenChangedOn: LocalDateC,
      policy: CheckInPolicyC,
    }),
    t.partial({ coachingMembershipId: NonEmptyString }),
  ]),
);

export const CheckInSubmitted = defineEvent(
  'CheckInSubmitted',
  t.type({
    checkInId: NonEmptyString,
    submittedAt: InstantC,
    submittedOn: LocalDateC,
    /** The due day of the check-in it answers. */
    forDueOn: LocalDateC,
    /** Submitted after the check-in was missed. */
    late: t.boolean,
    nextDueOn: LocalDateC,
    nextDueAt: InstantC,
    everyDays: PositiveInt,
  }),
);

export const CheckInRescheduled = defineEvent(
  'CheckInRescheduled',
  t.type({ rescheduledBy: NonEmptyString, rescheduledAt: InstantC, previousDueOn: LocalDateC, dueOn: LocalDateC, dueAt: InstantC }),
);

/** The check-in was not submitted by the end of its due day: a ladder begins. */
export const CheckInMissed = defineEvent(
  'CheckInMissed',
  t.type({ issue: t.literal('missed-check-in'), dueOn: LocalDateC, dueAt: InstantC }),
);

/** A coach raised another compliance issue: the same ladder begins at `dueAt`. */
export const ComplianceIssueRaised = defineEvent(
  'ComplianceIssueRaised',
  t.intersection([
    t.type({ issue: RaisedComplianceIssueC, dueOn: LocalDateC, dueAt: InstantC, raisedBy: NonEmptyString }),
    t.partial({ note: t.string }),
  ]),
);

/** The platform saw the client open an email. */
export const EmailOpened = defineEvent(
  'EmailOpened',
  t.intersection([t.type({ openedAt: InstantC }), t.partial({ emailId: NonEmptyString })]),
);

/** What every step of the ladder records: the issue, the instant the step fell due, how, and which message. */
const StepC = t.type({
  issue: ComplianceIssueC,
  /** The check-in's due day (the day a raised issue was raised): the message's "due date". */
  dueOn: LocalDateC,
  /** The instant this step fell due. */
  dueAt: InstantC,
  channels: Channels,
  templateKey: t.string,
});

/** Step 1: "message your client in the CC messages". */
export const InAppMessageSent = defineEvent('InAppMessageSent', StepC);

/**
 * Step 2: a follow-up email when "the client has been opening their emails", otherwise a
 * follow-up phone call; records what was seen of the client's email opens.
 */
export const FollowUpSent = defineEvent(
  'FollowUpSent',
  t.intersection([
    StepC,
    t.type({ openingEmails: t.boolean, emailOpenLookbackDays: PositiveInt }),
    t.partial({ lastEmailOpenedAt: InstantC }),
  ]),
);

/** Step 3: "send a text message and email … to the client". */
export const TextAndEmailSent = defineEvent('TextAndEmailSent', StepC);

/** Step 4: "Report the client as non-compliant to the Program Manager": awaits approval. */
export const NonComplianceReported = defineEvent('NonComplianceReported', StepC);

/** "ONLY END A CLIENT PROGRAM ONCE A MANAGER HAS APPROVED IT": the manager approved. */
export const ProgramEndApproved = defineEvent(
  'ProgramEndApproved',
  t.type({ issue: ComplianceIssueC, dueOn: LocalDateC, approvedBy: NonEmptyString, approvedAt: InstantC, approvedOn: LocalDateC }),
);

/** Step 5, on approval: the final notice, with its deadline at the end of that week. */
export const FinalNoticeSent = defineEvent(
  'FinalNoticeSent',
  t.intersection([StepC, t.type({ deadlineOn: LocalDateC, deadlineAt: InstantC, weekEndsOn: PositiveInt })]),
);

/**
 * The manager declined to end the program: the escalation is closed. A missed check-in stays
 * outstanding, without a new ladder, until the client checks in or a coach reschedules it.
 */
export const ProgramEndDeclined = defineEvent(
  'ProgramEndDeclined',
  t.intersection([
    t.type({ issue: ComplianceIssueC, dueOn: LocalDateC, declinedBy: NonEmptyString, declinedAt: InstantC }),
    t.partial({ reason: t.string }),
  ]),
);

export const EscalationStepReachedC = t.keyof(
  {
    overdue: null,
    'in-app-message': null,
    'follow-up': null,
    'text-and-email': null,
    'non-compliance-report': null,
    'final-notice': null,
  },
  'EscalationStepReached',
);
export type EscalationStepReached = t.TypeOf<typeof EscalationStepReachedC>;

/** The client checked in (or a coach resolved a raised issue): the ladder stops. */
export const EscalationResolved = defineEvent(
  'EscalationResolved',
  t.type({
    issue: ComplianceIssueC,
    dueOn: LocalDateC,
    resolvedAt: InstantC,
    resolution: t.keyof({ 'check-in': null, coach: null }),
    /** The check-in's id, or the coach who resolved the issue. */
    resolvedBy: NonEmptyString,
    stepReached: EscalationStepReachedC,
  }),
);

/**
 * The deadline passed without a check-in after the manager approved: the program enrollment
 * ends and the coaching membership is cancelled (by the check-in escalation flow). Nothing
 * more happens on this stream.
 */
export const EscalationEnded = defineEvent(
  'EscalationEnded',
  t.intersection([
    t.type({
      issue: ComplianceIssueC,
      dueOn: LocalDateC,
      enrollmentId: NonEmptyString,
      programId: NonEmptyString,
      clientId: NonEmptyString,
      approvedBy: NonEmptyString,
      approvedAt: InstantC,
      /** The practice day of the approval. */
      approvedOn: LocalDateC,
      deadlineOn: LocalDateC,
      /** The deadline: the instant the escalation ended. */
      endedAt: InstantC,
      /** The practice day the program ends on (the day after the deadline's last day). */
      programEndsOn: LocalDateC,
    }),
    t.partial({ coachingMembershipId: NonEmptyString }),
  ]),
);

export const RegimenChanged = defineEvent('RegimenChanged', t.type({ changedAt: InstantC, changedOn: LocalDateC }));

/** 21 days without a regimen change: the client is flagged ("your skin will stop responding"). */
export const RegimenWindowLapsed = defineEvent(
  'RegimenWindowLapsed',
  t.type({ lastChangedOn: LocalDateC, windowDays: PositiveInt, lapsedOn: LocalDateC, dueAt: InstantC }),
);

export const checkInEvents = createEventRegistry([
  CheckInScheduleStarted,
  CheckInSubmitted,
  CheckInRescheduled,
  CheckInMissed,
  ComplianceIssueRaised,
  EmailOpened,
  InAppMessageSent,
  FollowUpSent,
  TextAndEmailSent,
  NonComplianceReported,
  ProgramEndApproved,
  FinalNoticeSent,
  ProgramEndDeclined,
  EscalationResolved,
  EscalationEnded,
  RegimenChanged,
  RegimenWindowLapsed,
]);

export type CheckInEvent =
  | EventOf<typeof CheckInScheduleStarted>
  | EventOf<typeof CheckInSubmitted>
  | EventOf<typeof CheckInRescheduled>
  | EventOf<typeof CheckInMissed>
  | EventOf<typeof ComplianceIssueRaised>
  | EventOf<typeof EmailOpened>
  | EventOf<typeof InAppMessageSent>
  | EventOf<typeof FollowUpSent>
  | EventOf<typeof TextAndEmailSent>
  | EventOf<typeof NonComplianceReported>
  | EventOf<typeof ProgramEndApproved>
  | EventOf<typeof FinalNoticeSent>
  | EventOf<typeof ProgramEndDeclined>
  | EventOf<typeof EscalationResolved>
  | EventOf<typeof EscalationEnded>
  | EventOf<typeof RegimenChanged>
  | EventOf<typeof RegimenWindowLapsed>;
