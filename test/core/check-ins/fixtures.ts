/**
 * One client of a practice in New York whose check-in is due on Wednesday 2025-03-05, and
 * the events of the whole ladder at the seed's default waits. US daylight saving starts on
 * Sunday 2025-03-09 (waits are exact hours; due days and deadlines are New York days).
 */
import { instant, type Instant } from '../../../core/values/calendar.js';
import { localDate, type LocalDate } from '../../../core/values/local-date.js';
import { resolveCheckInPolicy, type CheckInPolicyInput } from '../../../core/check-ins/policy.js';
import type { CheckInCommand, CheckInEvent, ComplianceIssue } from '../../../core/check-ins/index.js';
import type { EscalationChannel } from '../../../core/rules/escalation-schedule.js';

export const TZ = 'America/New_York';
export const d = localDate;
export const i = instant;

export const enrollmentId = 'enr-1';
export const DUE_ON = d('2025-03-05');
/** The end of 2025-03-05 in New York (EST, UTC−5). */
export const DUE_AT = i('2025-03-06T05:00:00.000Z');
export const IN_APP_AT = i('2025-03-07T05:00:00.000Z');
export const FOLLOW_UP_AT = i('2025-03-09T05:00:00.000Z');
export const TEXT_AT = i('2025-03-11T05:00:00.000Z');
export const REPORT_AT = i('2025-03-13T05:00:00.000Z');
/** Thursday 2025-03-13, 10:00 in New York (EDT, UTC−4). */
export const APPROVED_AT = i('2025-03-13T14:00:00.000Z');
/** The end of Sunday 2025-03-16 in New York. */
export const DEADLINE_AT = i('2025-03-17T04:00:00.000Z');
/** 21 days after the regimen given on 2025-02-19. */
export const LAPSED_AT = i('2025-03-12T04:00:00.000Z');

export const policy = (input: CheckInPolicyInput = {}) => resolveCheckInPolicy({ timeZone: TZ, ...input });

export const startCommand = (input: CheckInPolicyInput = {}): CheckInCommand => ({
  type: 'StartCheckInSchedule',
  enrollmentId,
  clientId: 'client-1',
  programId: 'acne-program',
  clientName: 'Maya',
  coach: 'Ann',
  coachingMembershipId: 'mem-1',
  firstDueOn: DUE_ON,
  regimenChangedOn: d('2025-02-19'),
  at: i('2025-02-19T15:00:00.000Z'),
  policy: { timeZone: TZ, ...input },
});

export const started = (input: CheckInPolicyInput = {}): CheckInEvent => ({
  type: 'CheckInScheduleStarted',
  data: {
    enrollmentId,
    clientId: 'client-1',
    programId: 'acne-program',
    clientName: 'Maya',
    coach: 'Ann',
    startedAt: i('2025-02-19T15:00:00.000Z'),
    firstDueOn: DUE_ON,
    firstDueAt: DUE_AT,
    regimenChangedOn: d('2025-02-19'),
    policy: policy(input),
    coachingMembershipId: 'mem-1',
  },
});

export const tick = (at: Instant): CheckInCommand => ({ type: 'TickCheckIns', enrollmentId, at });
export const checkIn = (at: Instant, checkInId = 'ci-1'): CheckInCommand => ({ type: 'SubmitCheckIn', enrollmentId, checkInId, at });
export const openEmail = (at: Instant): CheckInCommand => ({ type: 'RecordEmailOpened', enrollmentId, at });
export const approve = (at: Instant = APPROVED_AT, issue: ComplianceIssue = 'missed-check-in'): CheckInCommand => ({
  type: 'ApproveProgramEnd',
  enrollmentId,
  issue,
  managerId: 'manager-pm',
  at,
});
export const declineEnd = (at: Instant, issue: ComplianceIssue = 'missed-check-in'): CheckInCommand => ({
  type: 'DeclineProgramEnd',
  enrollmentId,
  issue,
  managerId: 'manager-pm',
  at,
  reason: 'The client called back',
});

const step = (issue: ComplianceIssue, dueOn: LocalDate, dueAt: Instant, channels: readonly EscalationChannel[], template: string) => ({
  issue,
  dueOn,
  dueAt,
  channels,
  templateKey: `${issue}/${template}`,
});

export const missed = (dueOn: LocalDate = DUE_ON, dueAt: Instant = DUE_AT): CheckInEvent => ({
  type: 'CheckInMissed',
  data: { issue: 'missed-check-in', dueOn, dueAt },
});
export const emailOpened = (at: Instant): CheckInEvent => ({ type: 'EmailOpened', data: { openedAt: at } });
export const inApp = (issue: ComplianceIssue = 'missed-check-in', dueOn = DUE_ON, at = IN_APP_AT): CheckInEvent => ({
  type: 'InAppMessageSent',
  data: step(issue, dueOn, at, ['in-app'], 'in-app-message'),
});
export const followUpCall = (issue: ComplianceIssue = 'missed-check-in', dueOn = DUE_ON, at = FOLLOW_UP_AT): CheckInEvent => ({
  type: 'FollowUpSent',
  data: { ...step(issue, dueOn, at, ['phone'], 'follow-up-call'), openingEmails: false, emailOpenLookbackDays: 30 },
});
export const followUpEmail = (lastEmailOpenedAt: Instant): CheckInEvent => ({
  type: 'FollowUpSent',
  data: {
    ...step('missed-check-in', DUE_ON, FOLLOW_UP_AT, ['email'], 'follow-up-email'),
    openingEmails: true,
    emailOpenLookbackDays: 30,
    lastEmailOpenedAt,
  },
});
export const textAndEmail = (issue: ComplianceIssue = 'missed-check-in', dueOn = DUE_ON, at = TEXT_AT): CheckInEvent => ({
  type: 'TextAndEmailSent',
  data: step(issue, dueOn, at, ['text', 'email'], 'text-and-email'),
});
export const reported = (issue: ComplianceIssue = 'missed-check-in', dueOn = DUE_ON, at = REPORT_AT): CheckInEvent => ({
  type: 'NonComplianceReported',
  data: step(issue, dueOn, at, ['team-chat'], 'non-compliance-report'),
});
export const lapsed: CheckInEvent = {
  type: 'RegimenWindowLapsed',
  data: { lastChangedOn: d('2025-02-19'), windowDays: 21, lapsedOn: d('2025-03-12'), dueAt: LAPSED_AT },
};
export const approved = (at: Instant = APPROVED_AT): CheckInEvent => ({
  type: 'ProgramEndApproved',
  data: { issue: 'missed-check-in', dueOn: DUE_ON, approvedBy: 'manager-pm', approvedAt: at, approvedOn: d(at.slice(0, 10)) },
});
export const finalNotice = (at: Instant = APPROVED_AT, deadlineOn = d('2025-03-16'), deadlineAt = DEADLINE_AT): CheckInEvent => ({
  type: 'FinalNoticeSent',
  data: { ...step('missed-check-in', DUE_ON, at, ['in-app'], 'final-notice'), deadlineOn, deadlineAt, weekEndsOn: 7 },
});
export const ended: CheckInEvent = {
  type: 'EscalationEnded',
  data: {
    issue: 'missed-check-in',
    dueOn: DUE_ON,
    enrollmentId,
    programId: 'acne-program',
    clientId: 'client-1',
    approvedBy: 'manager-pm',
    approvedAt: APPROVED_AT,
    approvedOn: d('2025-03-13'),
    deadlineOn: d('2025-03-16'),
    endedAt: DEADLINE_AT,
    programEndsOn: d('2025-03-17'),
    coachingMembershipId: 'mem-1',
  },
};

/** The whole ladder up to the report (phone follow-up: no email opens), with the regimen flag in between. */
export const upToReport: readonly CheckInEvent[] = [started(), missed(), inApp(), followUpCall(), textAndEmail(), lapsed, reported()];
