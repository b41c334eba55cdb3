/**
 * The rules of the check-in process. A check-in resolves every open escalation; nothing
 * ends a program but a deadline that passed after a manager's approval; a manager may
 * decline and close the escalation instead.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { epochMillis, practiceDate } from '../values/calendar.js';
import { addDays } from '../values/local-date.js';
import { checkInDueAt, escalationStepDueAt, finalNoticeDeadline } from '../rules/escalation-schedule.js';
import type { CheckInCommand } from './commands.js';
import type { CheckInEvent, ComplianceIssue } from './events.js';
import { CheckInPolicyC, isIanaTimeZone, resolveCheckInPolicy } from './policy.js';
import { escalationAwaitsApproval, escalationStepReached, type CheckInEscalation, type CheckInSchedule, type CheckInState } from './state.js';
import { checkInTemplateKey } from './templates.js';
import { tickCheckIns } from './tick.js';

type Decision = Either<DomainError, readonly CheckInEvent[]>;

const ok = (...events: readonly CheckInEvent[]): Decision => right(events);

const start = (command: Extract<CheckInCommand, { type: 'StartCheckInSchedule' }>): Decision => {
  if (command.policy?.timeZone !== undefined && !isIanaTimeZone(command.policy.timeZone)) {
    return left(domainError('INVALID_TIME_ZONE', `"${command.policy.timeZone}" is not an IANA time zone name such as Europe/Paris.`, { field: 'policy.timeZone' }));
  }
  const policy = resolveCheckInPolicy(command.policy);
  if (!CheckInPolicyC.is(policy)) {
    return left(domainError('INVALID_POLICY', 'The check-in policy has a wait, a number of days or a list of channels out of range.', { field: 'policy' }));
  }
  const firstDueAt = checkInDueAt(command.firstDueOn, policy.timeZone);
  if (epochMillis(firstDueAt) <= epochMillis(command.at)) {
    return left(domainError('CHECK_IN_DUE_IN_THE_PAST', `A first check-in due on ${command.firstDueOn} would already be missed at ${command.at}.`, { field: 'firstDueOn' }));
  }
  return ok({
    type: 'CheckInScheduleStarted',
    data: {
      enrollmentId: command.enrollmentId,
      clientId: command.clientId,
      programId: command.programId,
      clientName: command.clientName,
      coach: command.coach,
      startedAt: command.at,
      firstDueOn: command.firstDueOn,
      firstDueAt,
      regimenChangedOn: command.regimenChangedOn ?? practiceDate(command.at, policy.timeZone),
      policy,
      ...(command.coachingMembershipId !== undefined ? { coachingMembershipId: command.coachingMembershipId } : {}),
    },
  });
};

const find = (s: CheckInSchedule, issue: ComplianceIssue): CheckInEscalation | undefined => s.escalations.find((e) => e.issue === issue);

const noEscalation = (issue: ComplianceIssue): Decision =>
  left(domainError('NO_OPEN_ESCALATION', `There is no open escalation for "${issue}".`, { field: 'issue', details: { issue } }));

const submit = (s: CheckInSchedule, c: Extract<CheckInCommand, { type: 'SubmitCheckIn' }>): Decision => {
  const submittedOn = practiceDate(c.at, s.policy.timeZone);
  const nextDueOn = addDays(submittedOn, s.policy.checkInEveryDays);
  const late = s.outstanding.missed || epochMillis(c.at) >= epochMillis(s.outstanding.dueAt);
  return ok(
    {
      type: 'CheckInSubmitted',
      data: {
        checkInId: c.checkInId,
        submittedAt: c.at,
        submittedOn,
        forDueOn: s.outstanding.dueOn,
        late,
        nextDueOn,
        nextDueAt: checkInDueAt(nextDueOn, s.policy.timeZone),
        everyDays: s.policy.checkInEveryDays,
      },
    },
    ...s.escalations.map(
      (e): CheckInEvent => ({
        type: 'EscalationResolved',
        data: { issue: e.issue, dueOn: e.dueOn, resolvedAt: c.at, resolution: 'check-in', resolvedBy: c.checkInId, stepReached: escalationStepReached(e) },
      }),
    ),
  );
};

const reschedule = (s: CheckInSchedule, c: Extract<CheckInCommand, { type: 'RescheduleCheckIn' }>): Decision => {
  if (find(s, 'missed-check-in') !== undefined) {
    return left(domainError('CHECK_IN_ESCALATION_OPEN', `The check-in due on ${s.outstanding.dueOn} is being escalated; a check-in or the manager's decision closes it first.`));
  }
  const dueAt = checkInDueAt(c.dueOn, s.policy.timeZone);
  if (epochMillis(dueAt) <= epochMillis(c.at)) {
    return left(domainError('CHECK_IN_DUE_IN_THE_PAST', `A check-in due on ${c.dueOn} would already be missed at ${c.at}.`, { field: 'dueOn' }));
  }
  return ok({ type: 'CheckInRescheduled', data: { rescheduledBy: c.by, rescheduledAt: c.at, previousDueOn: s.outstanding.dueOn, dueOn: c.dueOn, dueAt } });
};

const raise = (s: CheckInSchedule, c: Extract<CheckInCommand, { type: 'RaiseComplianceIssue' }>): Decision => {
  if (find(s, c.issue) !== undefined) {
    return left(domainError('ESCALATION_ALREADY_OPEN', `An escalation for "${c.issue}" is already under way.`, { field: 'issue', details: { issue: c.issue } }));
  }
  const dueOn = practiceDate(c.at, s.policy.timeZone);
  return ok({
    type: 'ComplianceIssueRaised',
    data: { issue: c.issue, dueOn, dueAt: c.at, raisedBy: c.by, ...(c.note !== undefined ? { note: c.note } : {}) },
  });
};

const resolve = (s: CheckInSchedule, c: Extract<CheckInCommand, { type: 'ResolveComplianceIssue' }>): Decision => {
  const e = find(s, c.issue);
  if (e === undefined) return noEscalation(c.issue);
  return ok({
    type: 'EscalationResolved',
    data: { issue: e.issue, dueOn: e.dueOn, resolvedAt: c.at, resolution: 'coach', resolvedBy: c.by, stepReached: escalationStepReached(e) },
  });
};

const notAwaiting = (e: CheckInEscalation, what: string): Decision =>
  left(
    domainError(
      'NOT_AWAITING_APPROVAL',
      e.approval !== undefined
        ? `Ending the program for "${e.issue}" was already approved by ${e.approval.approvedBy}; ${what}.`
        : `The "${e.issue}" escalation has reached "${escalationStepReached(e)}"; only a client reported as non-compliant waits on the manager (${what}).`,
      { field: 'issue', details: { issue: e.issue, stepReached: escalationStepReached(e) } },
    ),
  );

const approve = (s: CheckInSchedule, c: Extract<CheckInCommand, { type: 'ApproveProgramEnd' }>): Decision => {
  const e = find(s, c.issue);
  if (e === undefined) return noEscalation(c.issue);
  if (!escalationAwaitsApproval(e)) return notAwaiting(e, 'nothing to approve');
  const reportedAt = escalationStepDueAt(e.startedAt, s.policy.waits, 'non-compliance-report');
  if (epochMillis(c.at) < epochMillis(reportedAt)) {
    return left(domainError('APPROVAL_BEFORE_REPORT', `The approval at ${c.at} comes before the report of non-compliance at ${reportedAt}.`, { field: 'at' }));
  }
  const { timeZone, deadline: rule, channels } = s.policy;
  const deadline = finalNoticeDeadline(practiceDate(c.at, timeZone), c.at, timeZone, rule);
  return ok(
    { type: 'ProgramEndApproved', data: { issue: e.issue, dueOn: e.dueOn, approvedBy: c.managerId, approvedAt: c.at, approvedOn: practiceDate(c.at, timeZone) } },
    {
      type: 'FinalNoticeSent',
      data: {
        issue: e.issue,
        dueOn: e.dueOn,
        dueAt: c.at,
        channels: channels.finalNotice,
        templateKey: checkInTemplateKey(e.issue, 'final-notice'),
        deadlineOn: deadline.lastDayOn,
        deadlineAt: deadline.deadlineAt,
        weekEndsOn: rule.weekEndsOn,
      },
    },
  );
};

const decline = (s: CheckInSchedule, c: Extract<CheckInCommand, { type: 'DeclineProgramEnd' }>): Decision => {
  const e = find(s, c.issue);
  if (e === undefined) return noEscalation(c.issue);
  if (!escalationAwaitsApproval(e) && e.approval === undefined) return notAwaiting(e, 'nothing to decline');
  return ok({
    type: 'ProgramEndDeclined',
    data: { issue: e.issue, dueOn: e.dueOn, declinedBy: c.managerId, declinedAt: c.at, ...(c.reason !== undefined ? { reason: c.reason } : {}) },
  });
};

const decideActive = (s: CheckInSchedule, command: CheckInCommand): Decision => {
  switch (command.type) {
    case 'StartCheckInSchedule':
      return left(domainError('CHECK_INS_ALREADY_STARTED', `Check-ins of enrollment ${s.enrollmentId} have already started.`));
    case 'SubmitCheckIn':
      return submit(s, command);
    case 'RescheduleCheckIn':
      return reschedule(s, command);
    case 'RecordEmailOpened':
      return ok({ type: 'EmailOpened', data: { openedAt: command.at, ...(command.emailId !== undefined ? { emailId: command.emailId } : {}) } });
    case 'RecordRegimenChange':
      return ok({ type: 'RegimenChanged', data: { changedAt: command.at, changedOn: practiceDate(command.at, s.policy.timeZone) } });
    case 'RaiseComplianceIssue':
      return raise(s, command);
    case 'ResolveComplianceIssue':
      return resolve(s, command);
    case 'ApproveProgramEnd':
      return approve(s, command);
    case 'DeclineProgramEnd':
      return decline(s, command);
    case 'TickCheckIns':
      return right(tickCheckIns(s, command.at));
  }
};

export const decideCheckIns = (command: CheckInCommand, state: CheckInState): Decision => {
  if (state.status === 'active') return decideActive(state, command);
  if (state.status === 'not-started') {
    return command.type === 'StartCheckInSchedule'
      ? start(command)
      : left(domainError('CHECK_INS_NOT_STARTED', `Check-ins of enrollment ${command.enrollmentId} have not been started.`));
  }
  if (command.type === 'TickCheckIns') return ok();
  return left(
    domainError('CHECK_INS_ENDED', `The escalation ended the program of enrollment ${state.enrollmentId}; its check-ins are closed.`),
  );
};

