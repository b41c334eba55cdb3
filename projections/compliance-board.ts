/**
 * The compliance board: every client whose check-in is overdue (or who has another
 * compliance issue under way), the step their ladder has reached, how many hours since it
 * fell due, who must act next, what waits on a manager's approval, and who is flagged for
 * going 21 days without a regimen change. A pure fold of the check-in streams; the hours
 * are counted when the board is read (`complianceBoardAsOf`), never when it is folded.
 */
import type { DomainEvent, RecordedEvent } from '../core/kernel/envelope.js';
import { epochMillis, type Instant } from '../core/values/calendar.js';
import type { LocalDate } from '../core/values/local-date.js';
import { escalationStepDueAt, ESCALATION_STEPS, type EscalationStep, type EscalationWaits } from '../core/rules/escalation-schedule.js';
import { checkInEvents, enrollmentIdOfCheckInStream, type ComplianceIssue, type EscalationStepReached } from '../core/check-ins/index.js';
import type { Projection } from './projection.js';

export interface ComplianceBoardClient {
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly programId: string;
  readonly clientName: string;
  readonly coach: string;
  readonly waits: EscalationWaits;
}

/** Who must act next: the coach (the next message), the manager (approve or decline), the client (check in by the deadline). */
export type ComplianceActor = 'coach' | 'manager' | 'client';

export interface ComplianceBoardEntry {
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly coach: string;
  readonly issue: ComplianceIssue;
  /** The check-in's due day (the day a raised issue was raised). */
  readonly dueOn: LocalDate;
  /** The instant the check-in was missed (the issue was raised): hours since due count from it. */
  readonly dueAt: Instant;
  readonly step: EscalationStepReached;
  /** The instant the step reached fell due. */
  readonly stepAt: Instant;
  readonly mustActNext: ComplianceActor;
  /** The next timed step and when it falls due, while the ladder is timed. */
  readonly nextStep?: EscalationStep;
  readonly nextStepDueAt?: Instant;
  /** While the manager has not decided: since when the report waits. */
  readonly awaitingApprovalSince?: Instant;
  readonly approvedBy?: string;
  /** After the final notice: the last day, and the instant the program ends without a check-in. */
  readonly deadlineOn?: LocalDate;
  readonly deadlineAt?: Instant;
}

export interface ComplianceFlag {
  readonly enrollmentId: string;
  readonly clientName: string;
  readonly lastRegimenChangeOn: LocalDate;
  readonly lapsedOn: LocalDate;
}

export interface ComplianceBoard {
  readonly clients: Readonly<Record<string, ComplianceBoardClient>>;
  /** Keyed `<enrollmentId>/<issue>`. */
  readonly escalations: Readonly<Record<string, ComplianceBoardEntry>>;
  /** Clients flagged for the regimen window, by enrollment. */
  readonly flagged: Readonly<Record<string, ComplianceFlag>>;
}

const key = (enrollmentId: string, issue: ComplianceIssue): string => `${enrollmentId}/${issue}`;

const without = <V>(record: Readonly<Record<string, V>>, k: string): Readonly<Record<string, V>> => {
  const { [k]: _dropped, ...rest } = record;
  return rest;
};

const timed = (client: ComplianceBoardClient, startedAt: Instant, taken: number): Pick<ComplianceBoardEntry, 'nextStep' | 'nextStepDueAt'> => {
  const nextStep = ESCALATION_STEPS[taken];
  return nextStep === undefined ? {} : { nextStep, nextStepDueAt: escalationStepDueAt(startedAt, client.waits, nextStep) };
};

const applyCheckIn = (board: ComplianceBoard, event: RecordedEvent<DomainEvent>): ComplianceBoard => {
  if (!checkInEvents.is(event)) return board;
  const enrollmentId = enrollmentIdOfCheckInStream(event.streamName) ?? event.streamName;
  const client = board.clients[enrollmentId];
  const put = (entry: ComplianceBoardEntry): ComplianceBoard => ({
    ...board,
    escalations: { ...board.escalations, [key(enrollmentId, entry.issue)]: entry },
  });
  const drop = (issue: ComplianceIssue): ComplianceBoard => ({ ...board, escalations: without(board.escalations, key(enrollmentId, issue)) });
  const entryOf = (issue: ComplianceIssue): ComplianceBoardEntry | undefined => board.escalations[key(enrollmentId, issue)];
  switch (event.type) {
    case 'CheckInScheduleStarted': {
      const d = event.data;
      const started = { enrollmentId, clientId: d.clientId, programId: d.programId, clientName: d.clientName, coach: d.coach, waits: d.policy.waits };
      return { ...board, clients: { ...board.clients, [enrollmentId]: started } };
    }
    case 'CheckInMissed':
    case 'ComplianceIssueRaised': {
      if (client === undefined) return board;
      const { issue, dueOn, dueAt } = event.data;
      const { enrollmentId: _e, programId: _p, waits: _w, ...who } = client;
      return put({ enrollmentId, ...who, issue, dueOn, dueAt, step: 'overdue', stepAt: dueAt, mustActNext: 'coach', ...timed(client, dueAt, 0) });
    }
    case 'InAppMessageSent':
    case 'FollowUpSent':
    case 'TextAndEmailSent':
    case 'NonComplianceReported': {
      const entry = entryOf(event.data.issue);
      if (entry === undefined || client === undefined) return board;
      const taken = ESCALATION_STEPS.indexOf(stepOf[event.type]) + 1;
      const reported = event.type === 'NonComplianceReported';
      const { nextStep: _n, nextStepDueAt: _a, ...rest } = entry;
      return put({
        ...rest,
        step: stepOf[event.type],
        stepAt: event.data.dueAt,
        mustActNext: reported ? 'manager' : 'coach',
        ...timed(client, entry.dueAt, taken),
        ...(reported ? { awaitingApprovalSince: event.data.dueAt } : {}),
      });
    }
    case 'ProgramEndApproved': {
      const entry = entryOf(event.data.issue);
      if (entry === undefined) return board;
      const { awaitingApprovalSince: _s, ...rest } = entry;
      return put({ ...rest, approvedBy: event.data.approvedBy });
    }
    case 'FinalNoticeSent': {
      const entry = entryOf(event.data.issue);
      if (entry === undefined) return board;
      const { deadlineOn, deadlineAt, dueAt } = event.data;
      return put({ ...entry, step: 'final-notice', stepAt: dueAt, mustActNext: 'client', deadlineOn, deadlineAt });
    }
    case 'ProgramEndDeclined':
    case 'EscalationResolved':
    case 'EscalationEnded':
      return drop(event.data.issue);
    case 'RegimenWindowLapsed':
      return {
        ...board,
        flagged: {
          ...board.flagged,
          [enrollmentId]: { enrollmentId, clientName: client?.clientName ?? '', lastRegimenChangeOn: event.data.lastChangedOn, lapsedOn: event.data.lapsedOn },
        },
      };
    case 'RegimenChanged':
      return { ...board, flagged: without(board.flagged, enrollmentId) };
    case 'CheckInSubmitted':
    case 'CheckInRescheduled':
    case 'EmailOpened':
      return board;
  }
};

const stepOf = {
  InAppMessageSent: 'in-app-message',
  FollowUpSent: 'follow-up',
  TextAndEmailSent: 'text-and-email',
  NonComplianceReported: 'non-compliance-report',
} as const;

export const complianceBoardProjection: Projection<DomainEvent, ComplianceBoard> = {
  name: 'compliance-board',
  initial: { clients: {}, escalations: {}, flagged: {} },
  apply: applyCheckIn,
};

export interface ComplianceBoardRow extends ComplianceBoardEntry {
  /** Whole hours from the instant the check-in was missed (the issue raised) to the reading. */
  readonly hoursSinceDue: number;
}

export interface ComplianceBoardView {
  /** Every escalation under way, longest overdue first. */
  readonly overdue: readonly ComplianceBoardRow[];
  /** Those waiting on a manager's approval (or decline), longest waiting first. */
  readonly awaitingApproval: readonly ComplianceBoardRow[];
  readonly flagged: readonly ComplianceFlag[];
}

/** The board as read at `at`: hours since due are counted to that instant. */
export const complianceBoardAsOf = (board: ComplianceBoard, at: Instant): ComplianceBoardView => {
  const now = epochMillis(at);
  const overdue = Object.values(board.escalations)
    .map((e) => ({ ...e, hoursSinceDue: Math.floor((now - epochMillis(e.dueAt)) / 3_600_000) }))
    .sort((a, b) => b.hoursSinceDue - a.hoursSinceDue || a.enrollmentId.localeCompare(b.enrollmentId) || a.issue.localeCompare(b.issue));
  return {
    overdue,
    awaitingApproval: overdue.filter((row) => row.mustActNext === 'manager'),
    flagged: Object.values(board.flagged).sort((a, b) => a.lapsedOn.localeCompare(b.lapsedOn) || a.enrollmentId.localeCompare(b.enrollmentId)),
  };
};
