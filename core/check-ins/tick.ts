/**
 * Time. What falls due when: the outstanding check-in's due instant, each open ladder's
 * next step, a final notice's deadline, and the regimen window's lapse. A tick for an
 * instant records, in the order they fell due, every piece of work due at or before it —
 * several at once when the tick comes late. Each event records the instant its step fell
 * due, never the tick's, so ticking every hour or once at the end records the same events,
 * and ticking the same instant twice records nothing the second time.
 */
import { epochMillis, practiceDate, type Instant } from '../values/calendar.js';
import {
  emailOpenBasis,
  escalationStepChannels,
  escalationStepDueAt,
  regimenWindowLapse,
  type EscalationStep,
} from '../rules/escalation-schedule.js';
import type { CheckInEvent } from './events.js';
import { checkInTemplateKey, type CheckInTemplateStep } from './templates.js';
import { evolveCheckIns, nextEscalationStep, type CheckInEscalation, type CheckInSchedule, type CheckInState } from './state.js';

interface DueWork {
  readonly dueAt: Instant;
  readonly events: () => readonly CheckInEvent[];
}

const TEMPLATE_OF: Readonly<Record<Exclude<EscalationStep, 'follow-up'>, CheckInTemplateStep>> = {
  'in-app-message': 'in-app-message',
  'text-and-email': 'text-and-email',
  'non-compliance-report': 'non-compliance-report',
};

const stepEvent = (s: CheckInSchedule, e: CheckInEscalation, step: EscalationStep, dueAt: Instant): CheckInEvent => {
  const { issue, dueOn } = e;
  const { channels, emailOpenLookbackDays } = s.policy;
  if (step === 'follow-up') {
    const basis = emailOpenBasis(s.emailOpens, dueAt, emailOpenLookbackDays);
    const data = {
      issue,
      dueOn,
      dueAt,
      channels: escalationStepChannels(step, channels, basis.openingEmails),
      templateKey: checkInTemplateKey(issue, basis.openingEmails ? 'follow-up-email' : 'follow-up-call'),
      openingEmails: basis.openingEmails,
      emailOpenLookbackDays,
      ...(basis.lastOpenedAt !== undefined ? { lastEmailOpenedAt: basis.lastOpenedAt } : {}),
    };
    return { type: 'FollowUpSent', data };
  }
  const data = { issue, dueOn, dueAt, channels: escalationStepChannels(step, channels, false), templateKey: checkInTemplateKey(issue, TEMPLATE_OF[step]) };
  switch (step) {
    case 'in-app-message':
      return { type: 'InAppMessageSent', data };
    case 'text-and-email':
      return { type: 'TextAndEmailSent', data };
    case 'non-compliance-report':
      return { type: 'NonComplianceReported', data };
  }
};

const escalationWork = (s: CheckInSchedule, e: CheckInEscalation): DueWork | undefined => {
  if (e.approval !== undefined && e.deadline !== undefined) {
    const { approval, deadline } = e;
    return {
      dueAt: deadline.deadlineAt,
      events: () => [
        {
          type: 'EscalationEnded',
          data: {
            issue: e.issue,
            dueOn: e.dueOn,
            enrollmentId: s.enrollmentId,
            programId: s.programId,
            clientId: s.clientId,
            approvedBy: approval.approvedBy,
            approvedAt: approval.approvedAt,
            approvedOn: approval.approvedOn,
            deadlineOn: deadline.deadlineOn,
            endedAt: deadline.deadlineAt,
            programEndsOn: practiceDate(deadline.deadlineAt, s.policy.timeZone),
            ...(s.coachingMembershipId !== undefined ? { coachingMembershipId: s.coachingMembershipId } : {}),
          },
        },
      ],
    };
  }
  const step = nextEscalationStep(e);
  if (step === undefined) return undefined; // reported: waits on the manager, not on time
  const dueAt = escalationStepDueAt(e.startedAt, s.policy.waits, step);
  return { dueAt, events: () => [stepEvent(s, e, step, dueAt)] };
};

/** Everything that will fall due if nothing else happens, in tie-break order. */
const pendingWork = (s: CheckInSchedule): readonly DueWork[] => {
  const work: DueWork[] = [];
  if (!s.regimen.lapsed) {
    const { regimenWindowDays, timeZone } = s.policy;
    const lapse = regimenWindowLapse(s.regimen.lastChangedOn, regimenWindowDays, timeZone);
    work.push({
      dueAt: lapse.lapsedAt,
      events: () => [
        {
          type: 'RegimenWindowLapsed',
          data: { lastChangedOn: s.regimen.lastChangedOn, windowDays: regimenWindowDays, lapsedOn: lapse.lapsedOn, dueAt: lapse.lapsedAt },
        },
      ],
    });
  }
  if (!s.outstanding.missed) {
    const { dueOn, dueAt } = s.outstanding;
    work.push({ dueAt, events: () => [{ type: 'CheckInMissed', data: { issue: 'missed-check-in', dueOn, dueAt } }] });
  }
  for (const e of s.escalations) {
    const w = escalationWork(s, e);
    if (w !== undefined) work.push(w);
  }
  return work;
};

/** The earliest pending work (the first in tie-break order among equals). */
const earliest = (s: CheckInSchedule): DueWork | undefined => {
  let best: DueWork | undefined;
  for (const w of pendingWork(s)) if (best === undefined || epochMillis(w.dueAt) < epochMillis(best.dueAt)) best = w;
  return best;
};

/**
 * When the process next needs a tick: the earliest instant something falls due, or
 * `undefined` when nothing will without a command (not started, ended, or every ladder
 * waiting on a manager).
 */
export const checkInNextTickAt = (state: CheckInState): Instant | undefined =>
  state.status === 'active' ? earliest(state)?.dueAt : undefined;

/** The events a tick at `at` records: every step due at or before `at`, in the order they fell due. */
export const tickCheckIns = (state: CheckInState, at: Instant): readonly CheckInEvent[] => {
  const out: CheckInEvent[] = [];
  let s = state;
  while (s.status === 'active') {
    const next = earliest(s);
    if (next === undefined || epochMillis(next.dueAt) > epochMillis(at)) break;
    for (const event of next.events()) {
      out.push(event);
      s = evolveCheckIns(s, event);
    }
  }
  return out;
};
