/**
 * The program invariants, as checks over a log; each throws an `Error` with a sentence.
 *
 * - The escalation ladder of each enrollment's check-ins takes its steps in order, a
 *   check-in resolves every escalation under way, and no ladder ends without a manager's
 *   approval after the non-compliance report (and no decline or check-in since).
 * - No program ended without approval: every client removed from a program for check-in
 *   non-compliance was removed after a ladder of theirs ended, which the manager named in
 *   the removal had approved.
 */
import type { RecordedEvent } from '../core/kernel/envelope.js';
import type { PracticeEvent } from '../core/events.js';
import { checkInEvents, type CheckInEvent, type ComplianceIssue } from '../core/check-ins/index.js';

type Phase = 'closed' | 'open' | 'reported' | 'approved' | 'noticed' | 'ended';
const STEP: Readonly<Record<string, number>> = { InAppMessageSent: 0, FollowUpSent: 1, TextAndEmailSent: 2, NonComplianceReported: 3 };

/** Walks one enrollment's check-in events and throws at the first the ladder does not allow. */
export const checkEscalationLadder = (streamName: string, events: readonly CheckInEvent[]): void => {
  const phase = new Map<ComplianceIssue, Phase>();
  const steps = new Map<ComplianceIssue, number>();
  const at = (issue: ComplianceIssue): Phase => phase.get(issue) ?? 'closed';
  const expect = (ok: boolean, k: number, what: string): void => {
    if (!ok) throw new Error(`The escalation ladder of ${streamName} broke at event ${k} (${events[k]?.type ?? '?'}): ${what}.`);
  };
  events.forEach((e, k) => {
    switch (e.type) {
      case 'CheckInMissed':
      case 'ComplianceIssueRaised':
        expect(at(e.data.issue) === 'closed', k, `${e.data.issue} was already under way`);
        phase.set(e.data.issue, 'open');
        steps.set(e.data.issue, 0);
        return;
      case 'InAppMessageSent':
      case 'FollowUpSent':
      case 'TextAndEmailSent':
      case 'NonComplianceReported':
        expect(at(e.data.issue) === 'open' && steps.get(e.data.issue) === STEP[e.type], k, `a step out of order for ${e.data.issue}`);
        steps.set(e.data.issue, (steps.get(e.data.issue) ?? 0) + 1);
        if (e.type === 'NonComplianceReported') phase.set(e.data.issue, 'reported');
        return;
      case 'ProgramEndApproved':
        expect(at(e.data.issue) === 'reported', k, 'an approval before the non-compliance report');
        phase.set(e.data.issue, 'approved');
        return;
      case 'FinalNoticeSent':
        expect(at(e.data.issue) === 'approved', k, 'a final notice without an approval');
        phase.set(e.data.issue, 'noticed');
        return;
      case 'EscalationEnded':
        expect(at(e.data.issue) === 'noticed', k, 'the program was ended without a manager approving it');
        phase.set(e.data.issue, 'ended');
        return;
      case 'ProgramEndDeclined':
        expect(at(e.data.issue) === 'reported' || at(e.data.issue) === 'noticed', k, 'a decline of nothing reported');
        phase.set(e.data.issue, 'closed');
        return;
      case 'EscalationResolved':
        expect(['open', 'reported', 'noticed'].includes(at(e.data.issue)), k, 'a resolution of nothing under way');
        phase.set(e.data.issue, 'closed');
        return;
      case 'CheckInSubmitted': {
        const open = [...phase.entries()].filter(([, p]) => p !== 'closed' && p !== 'ended').map(([issue]) => issue);
        const next = events.slice(k + 1, k + 1 + open.length).map((n) => (n.type === 'EscalationResolved' ? n.data.issue : undefined));
        expect(open.every((issue) => next.includes(issue)), k, 'a check-in did not resolve every escalation under way');
        return;
      }
      default:
        return;
    }
  });
};

/** Every ladder in order, and no program ended without the approval of the manager named in the removal. */
export const checkNoProgramEndedWithoutApproval = (log: readonly RecordedEvent<PracticeEvent>[]): void => {
  const ladders = new Map<string, CheckInEvent[]>();
  const ended: { readonly programId: string; readonly clientId: string; readonly approvedBy: string }[] = [];
  for (const e of log) {
    if (checkInEvents.is(e)) {
      const events = ladders.get(e.streamName) ?? [];
      events.push(e);
      ladders.set(e.streamName, events);
      if (e.type === 'EscalationEnded') {
        const approved = events.some((x) => x.type === 'ProgramEndApproved' && x.data.issue === e.data.issue && x.data.approvedBy === e.data.approvedBy);
        if (!approved) throw new Error(`The escalation of ${e.streamName} ended (${e.data.issue}) without an approval by ${e.data.approvedBy} before it.`);
        ended.push({ programId: e.data.programId, clientId: e.data.clientId, approvedBy: e.data.approvedBy });
      }
    }
    if (e.type === 'ClientRemovedFromProgram' && e.data.reason.kind === 'check-in-non-compliance') {
      const { programId, clientId } = e.data;
      const approvedBy = e.data.reason.approvedBy;
      if (!ended.some((x) => x.programId === programId && x.clientId === clientId && x.approvedBy === approvedBy)) {
        throw new Error(`${clientId} was removed from program ${programId} for check-in non-compliance "approved by ${approvedBy}", but no escalation of theirs that ${approvedBy} approved had ended.`);
      }
    }
  }
  for (const [stream, events] of ladders) checkEscalationLadder(stream, events);
};
