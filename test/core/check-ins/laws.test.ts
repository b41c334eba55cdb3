import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { checkInDecider, checkInEvents, checkInNextTickAt, type CheckInEvent, type ComplianceIssue } from '../../../core/check-ins/index.js';
import { fold } from '../../../core/kernel/decider.js';
import { addHours, epochMillis } from '../../../core/values/calendar.js';
import { arbCheckInScenario, runCheckInScenario } from '../../../testing/check-ins.js';

type Phase = 'closed' | 'open' | 'reported' | 'approved' | 'noticed' | 'ended';
const STEP_AFTER: Readonly<Record<string, number>> = { InAppMessageSent: 0, FollowUpSent: 1, TextAndEmailSent: 2, NonComplianceReported: 3 };

/**
 * Walks a log and throws at the first event the ladder does not allow: a step of an issue
 * that is not under way (a check-in stops every later step), an approval before the report,
 * an end without an approval before it (and no decline or check-in since).
 */
const checkLadder = (events: readonly CheckInEvent[]): void => {
  const phase = new Map<ComplianceIssue, Phase>();
  const steps = new Map<ComplianceIssue, number>();
  const at = (issue: ComplianceIssue): Phase => phase.get(issue) ?? 'closed';
  events.forEach((e, k) => {
    const where = `event ${k} ${e.type}`;
    switch (e.type) {
      case 'CheckInMissed':
      case 'ComplianceIssueRaised':
        expect(at(e.data.issue), where).toBe('closed');
        phase.set(e.data.issue, 'open');
        steps.set(e.data.issue, 0);
        return;
      case 'InAppMessageSent':
      case 'FollowUpSent':
      case 'TextAndEmailSent':
      case 'NonComplianceReported':
        expect(at(e.data.issue), where).toBe('open');
        expect(steps.get(e.data.issue), where).toBe(STEP_AFTER[e.type]);
        steps.set(e.data.issue, (steps.get(e.data.issue) ?? 0) + 1);
        if (e.type === 'NonComplianceReported') phase.set(e.data.issue, 'reported');
        return;
      case 'ProgramEndApproved':
        expect(at(e.data.issue), where).toBe('reported');
        phase.set(e.data.issue, 'approved');
        return;
      case 'FinalNoticeSent':
        expect(at(e.data.issue), where).toBe('approved');
        phase.set(e.data.issue, 'noticed');
        return;
      case 'EscalationEnded':
        expect(at(e.data.issue), `${where}: no program ends without an approval before it`).toBe('noticed');
        phase.set(e.data.issue, 'ended');
        expect(k, 'nothing follows the end').toBe(events.length - 1);
        return;
      case 'ProgramEndDeclined':
        expect(['reported', 'noticed'], where).toContain(at(e.data.issue));
        phase.set(e.data.issue, 'closed');
        return;
      case 'EscalationResolved':
        expect(['open', 'reported', 'noticed'], where).toContain(at(e.data.issue));
        phase.set(e.data.issue, 'closed');
        return;
      case 'CheckInSubmitted': {
        // A check-in resolves every escalation under way, right after it.
        const open = [...phase.entries()].filter(([, p]) => p !== 'closed').map(([issue]) => issue);
        const next = events.slice(k + 1, k + 1 + open.length);
        expect(next.map((n) => n.type === 'EscalationResolved' && n.data.issue).sort(), where).toEqual([...open].sort());
        return;
      }
      default:
        return;
    }
  });
};

const scenarios = arbCheckInScenario();

describe('laws of the check-in ladder', () => {
  it('no program ends without an approval event before it; a check-in at any point stops every later step', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        checkLadder(runCheckInScenario(s, 'hourly').events);
      }),
      { numRuns: 150 },
    );
  });

  it('the ladder reaches its end when nobody acts but the manager approving', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        const approvals = Array.from({ length: s.hours / 24 }, (_, day) => ({ minutes: day * 1440 + 600, kind: 'approve' as const, issue: 'missed-check-in' as const }));
        const { events, state } = runCheckInScenario({ ...s, actions: approvals }, 'when-needed');
        checkLadder(events);
        const types = events.map((e) => e.type);
        if (types.includes('NonComplianceReported')) expect(types).toContain('ProgramEndApproved');
        if (types.includes('EscalationEnded')) expect(state.status).toBe('ended');
      }),
      { numRuns: 60 },
    );
  });

  it('ticking every hour or only when needed records the same events, and leaves the same state', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        const hourly = runCheckInScenario(s, 'hourly');
        const needed = runCheckInScenario(s, 'when-needed');
        expect(needed.tickEvents).toEqual(hourly.tickEvents);
        expect(needed.events).toEqual(hourly.events);
        expect(needed.state).toEqual(hourly.state);
      }),
      { numRuns: 100 },
    );
  });

  it('ticking every hour or once at the end of a stretch where the client only opens emails records the same events', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        const quiet = { ...s, actions: s.actions.filter((a) => a.kind === 'open-email') };
        const hourly = runCheckInScenario(quiet, 'hourly');
        const once = runCheckInScenario(quiet, 'at-the-end');
        expect(once.tickEvents).toEqual(hourly.tickEvents);
        expect(once.state).toEqual(hourly.state);
      }),
      { numRuns: 100 },
    );
  });

  it('ticks are idempotent: the same instant twice (or an earlier one) adds nothing', () => {
    fc.assert(
      fc.property(scenarios, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (s, h, back) => {
        const { state } = runCheckInScenario({ ...s, hours: Math.min(s.hours, h) }, 'when-needed');
        const at = addHours(s.startedAt, Math.min(s.hours, h));
        const again = checkInDecider.decide({ type: 'TickCheckIns', enrollmentId: 'enr-law', at }, state);
        expect(isRight(again) && again.right).toEqual([]);
        const earlier = checkInDecider.decide({ type: 'TickCheckIns', enrollmentId: 'enr-law', at: addHours(at, -back) }, state);
        expect(isRight(earlier) && earlier.right).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('the process says when it next needs a tick: nothing falls due before it, something at it', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        const { state } = runCheckInScenario(s, 'when-needed');
        const next = checkInNextTickAt(state);
        if (next === undefined) return;
        const before = checkInDecider.decide({ type: 'TickCheckIns', enrollmentId: 'enr-law', at: addHours(next, -0.001) }, state);
        expect(isRight(before) && before.right).toEqual([]);
        const atNext = checkInDecider.decide({ type: 'TickCheckIns', enrollmentId: 'enr-law', at: next }, state);
        expect(isRight(atNext) && atNext.right.length).toBeGreaterThan(0);
        expect(epochMillis(next)).toBeGreaterThan(epochMillis(addHours(s.startedAt, s.hours)));
      }),
      { numRuns: 100 },
    );
  });

  it('every event survives the codecs, and replay folds to the same state', () => {
    fc.assert(
      fc.property(scenarios, (s) => {
        const { events, state } = runCheckInScenario(s, 'when-needed');
        const decoded = events.map((e, k) => checkInEvents.decode(JSON.parse(JSON.stringify(checkInEvents.encode(e))), { streamName: 'checkin-enr-law', revision: BigInt(k) }));
        expect(decoded).toEqual(events);
        expect(fold(checkInDecider, decoded)).toEqual(state);
      }),
      { numRuns: 60 },
    );
  });
});
