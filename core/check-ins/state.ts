/**
 * The state of one enrollment's check-ins: the outstanding check-in, the escalations under
 * way (at most one per issue), the email opens seen, and the regimen window.
 */
import type { Instant } from '../values/calendar.js';
import type { LocalDate } from '../values/local-date.js';
import { ESCALATION_STEPS, type EscalationStep } from '../rules/escalation-schedule.js';
import { COMPLIANCE_ISSUES, type CheckInEvent, type ComplianceIssue, type EscalationStepReached } from './events.js';
import type { CheckInPolicy } from './policy.js';

export interface CheckInEscalation {
  readonly issue: ComplianceIssue;
  /** The check-in's due day (the day a raised issue was raised). */
  readonly dueOn: LocalDate;
  /** The instant the ladder began: the check-in's due instant, or when the issue was raised. */
  readonly startedAt: Instant;
  /** How many of the timed steps have been taken (4: reported, awaiting the manager). */
  readonly stepsTaken: number;
  readonly approval?: { readonly approvedBy: string; readonly approvedAt: Instant; readonly approvedOn: LocalDate };
  readonly deadline?: { readonly deadlineOn: LocalDate; readonly deadlineAt: Instant };
}

export interface OutstandingCheckIn {
  readonly dueOn: LocalDate;
  readonly dueAt: Instant;
  /** The due instant passed without a check-in (a ladder began for it). */
  readonly missed: boolean;
}

export interface CheckInSchedule {
  readonly status: 'active' | 'ended';
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly programId: string;
  readonly clientName: string;
  readonly coach: string;
  readonly coachingMembershipId?: string;
  readonly policy: CheckInPolicy;
  readonly outstanding: OutstandingCheckIn;
  /** Open escalations, in the order of {@link COMPLIANCE_ISSUES}. */
  readonly escalations: readonly CheckInEscalation[];
  /** Instants the client opened an email, ascending. */
  readonly emailOpens: readonly Instant[];
  readonly regimen: { readonly lastChangedOn: LocalDate; readonly lapsed: boolean };
}

export type CheckInState = { readonly status: 'not-started' } | CheckInSchedule;

export const checkInInitialState: CheckInState = { status: 'not-started' };

/** The step an escalation has reached, for the read model and the events that resolve it. */
export const escalationStepReached = (e: CheckInEscalation): EscalationStepReached =>
  e.deadline !== undefined ? 'final-notice' : e.stepsTaken === 0 ? 'overdue' : (ESCALATION_STEPS[e.stepsTaken - 1] ?? 'non-compliance-report');

/** The next timed step of an escalation, if it has one left. */
export const nextEscalationStep = (e: CheckInEscalation): EscalationStep | undefined => ESCALATION_STEPS[e.stepsTaken];

/** Whether the escalation has been reported and waits on the manager. */
export const escalationAwaitsApproval = (e: CheckInEscalation): boolean => e.stepsTaken >= ESCALATION_STEPS.length && e.approval === undefined;

const issueOrder = (issue: ComplianceIssue): number => COMPLIANCE_ISSUES.indexOf(issue);

const open = (s: CheckInSchedule, escalation: CheckInEscalation): CheckInSchedule => ({
  ...s,
  escalations: [...s.escalations.filter((e) => e.issue !== escalation.issue), escalation].sort(
    (a, b) => issueOrder(a.issue) - issueOrder(b.issue),
  ),
});

const update = (s: CheckInSchedule, issue: ComplianceIssue, change: (e: CheckInEscalation) => CheckInEscalation): CheckInSchedule => ({
  ...s,
  escalations: s.escalations.map((e) => (e.issue === issue ? change(e) : e)),
});

const close = (s: CheckInSchedule, issue: ComplianceIssue): CheckInSchedule => ({
  ...s,
  escalations: s.escalations.filter((e) => e.issue !== issue),
});

const stepTaken = (e: CheckInEscalation): CheckInEscalation => ({ ...e, stepsTaken: e.stepsTaken + 1 });

const insertSorted = (opens: readonly Instant[], at: Instant): readonly Instant[] => {
  const i = opens.findIndex((o) => Date.parse(o) > Date.parse(at));
  return i < 0 ? [...opens, at] : [...opens.slice(0, i), at, ...opens.slice(i)];
};

const evolveSchedule = (s: CheckInSchedule, event: CheckInEvent): CheckInState => {
  switch (event.type) {
    case 'CheckInScheduleStarted':
      return s;
    case 'CheckInSubmitted':
      return { ...s, outstanding: { dueOn: event.data.nextDueOn, dueAt: event.data.nextDueAt, missed: false } };
    case 'CheckInRescheduled':
      return { ...s, outstanding: { dueOn: event.data.dueOn, dueAt: event.data.dueAt, missed: false } };
    case 'CheckInMissed':
      return open(
        { ...s, outstanding: { ...s.outstanding, missed: true } },
        { issue: event.data.issue, dueOn: event.data.dueOn, startedAt: event.data.dueAt, stepsTaken: 0 },
      );
    case 'ComplianceIssueRaised':
      return open(s, { issue: event.data.issue, dueOn: event.data.dueOn, startedAt: event.data.dueAt, stepsTaken: 0 });
    case 'EmailOpened':
      return { ...s, emailOpens: insertSorted(s.emailOpens, event.data.openedAt) };
    case 'InAppMessageSent':
    case 'FollowUpSent':
    case 'TextAndEmailSent':
    case 'NonComplianceReported':
      return update(s, event.data.issue, stepTaken);
    case 'ProgramEndApproved': {
      const { approvedBy, approvedAt, approvedOn } = event.data;
      const approval = { approvedBy, approvedAt, approvedOn };
      return update(s, event.data.issue, (e) => ({ ...e, approval }));
    }
    case 'FinalNoticeSent': {
      const deadline = { deadlineOn: event.data.deadlineOn, deadlineAt: event.data.deadlineAt };
      return update(s, event.data.issue, (e) => ({ ...e, deadline }));
    }
    case 'ProgramEndDeclined':
    case 'EscalationResolved':
      return close(s, event.data.issue);
    case 'EscalationEnded':
      return { ...close(s, event.data.issue), status: 'ended' };
    case 'RegimenChanged':
      return { ...s, regimen: { lastChangedOn: event.data.changedOn, lapsed: false } };
    case 'RegimenWindowLapsed':
      return { ...s, regimen: { ...s.regimen, lapsed: true } };
  }
};

export const evolveCheckIns = (state: CheckInState, event: CheckInEvent): CheckInState => {
  if (state.status !== 'not-started') return evolveSchedule(state, event);
  if (event.type !== 'CheckInScheduleStarted') return state;
  const d = event.data;
  return {
    status: 'active',
    enrollmentId: d.enrollmentId,
    clientId: d.clientId,
    programId: d.programId,
    clientName: d.clientName,
    coach: d.coach,
    ...(d.coachingMembershipId !== undefined ? { coachingMembershipId: d.coachingMembershipId } : {}),
    policy: d.policy,
    outstanding: { dueOn: d.firstDueOn, dueAt: d.firstDueAt, missed: false },
    escalations: [],
    emailOpens: [],
    regimen: { lastChangedOn: d.regimenChangedOn, lapsed: false },
  };
};
