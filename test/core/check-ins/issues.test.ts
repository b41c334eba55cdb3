import { describe, expect, it } from 'vitest';
import { isLeft } from 'fp-ts/lib/Either.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { checkInCommands, checkInDecider, type CheckInEvent } from '../../../core/check-ins/index.js';
import { DUE_AT, DUE_ON, checkIn, d, i, inApp, missed, started, tick } from './fixtures.js';

const spec = deciderSpec(checkInDecider);
const RAISED_AT = i('2025-02-24T16:00:00.000Z');
const raise = (issue: 'low-consistency' | 'pore-clogger-not-changed', at = RAISED_AT) =>
  ({ type: 'RaiseComplianceIssue', enrollmentId: 'enr-1', issue, by: 'coach-ann', at, note: 'Skipped the serum' }) as const;
const raised = (issue: 'low-consistency' | 'pore-clogger-not-changed', at = RAISED_AT): CheckInEvent => ({
  type: 'ComplianceIssueRaised',
  data: { issue, dueOn: d(at.slice(0, 10)), dueAt: at, raisedBy: 'coach-ann', note: 'Skipped the serum' },
});

describe('the same ladder for other compliance issues', () => {
  it('low consistency in skincare and supplement use starts the ladder when a coach raises it', () => {
    spec.given([started()]).when(raise('low-consistency')).then([raised('low-consistency')]);
  });

  it('each step of a raised issue uses that issue\'s templates, timed from when it was raised', () => {
    spec.given([started(), raised('low-consistency')]).when(tick(i('2025-03-04T16:00:00.000Z'))).thenEvents((events) => {
      expect(events.map((e) => [e.type, 'dueAt' in e.data ? e.data.dueAt : '', 'templateKey' in e.data ? e.data.templateKey : ''])).toEqual([
        ['InAppMessageSent', '2025-02-25T16:00:00.000Z', 'low-consistency/in-app-message'],
        ['FollowUpSent', '2025-02-27T16:00:00.000Z', 'low-consistency/follow-up-call'],
        ['TextAndEmailSent', '2025-03-01T16:00:00.000Z', 'low-consistency/text-and-email'],
        ['NonComplianceReported', '2025-03-03T16:00:00.000Z', 'low-consistency/non-compliance-report'],
      ]);
    });
  });

  it('not changing out a pore clogger is a ladder of its own, beside a missed check-in', () => {
    const at = i('2025-03-05T05:00:00.000Z'); // raised 24 h before the check-in is missed: steps coincide
    spec.given([started(), raised('pore-clogger-not-changed', at)]).when(tick(i('2025-03-07T05:00:00.000Z'))).thenEvents((events) => {
      expect(events.map((e) => `${e.type}:${'issue' in e.data ? e.data.issue : ''}`)).toEqual([
        'CheckInMissed:missed-check-in', // same instant: the check-in comes first, then issues in their order
        'InAppMessageSent:pore-clogger-not-changed',
        'InAppMessageSent:missed-check-in',
      ]);
    });
  });

  it('one escalation per issue at a time', () => {
    spec.given([started(), raised('low-consistency')]).when(raise('low-consistency')).thenError('ESCALATION_ALREADY_OPEN');
  });

  it('a coach closes a raised issue the client has put right', () => {
    const at = i('2025-02-26T10:00:00.000Z');
    spec
      .given([started(), raised('low-consistency'), inApp('low-consistency', d('2025-02-24'), i('2025-02-25T16:00:00.000Z'))])
      .when({ type: 'ResolveComplianceIssue', enrollmentId: 'enr-1', issue: 'low-consistency', by: 'coach-ann', at })
      .then([
        {
          type: 'EscalationResolved',
          data: { issue: 'low-consistency', dueOn: d('2025-02-24'), resolvedAt: at, resolution: 'coach', resolvedBy: 'coach-ann', stepReached: 'in-app-message' },
        },
      ]);
    spec.given([started()]).when({ type: 'ResolveComplianceIssue', enrollmentId: 'enr-1', issue: 'low-consistency', by: 'coach-ann', at }).thenError('NO_OPEN_ESCALATION');
  });

  it('submitting a check-in resolves any escalation', () => {
    const at = i('2025-03-07T12:00:00.000Z');
    spec.given([started(), raised('low-consistency'), missed(), inApp()]).when(checkIn(at)).thenEvents((events, state) => {
      expect(events.map((e) => e.type)).toEqual(['CheckInSubmitted', 'EscalationResolved', 'EscalationResolved']);
      expect(events.slice(1).map((e) => e.type === 'EscalationResolved' && [e.data.issue, e.data.stepReached])).toEqual([
        ['missed-check-in', 'in-app-message'],
        ['low-consistency', 'overdue'],
      ]);
      expect(state.status === 'active' && state.escalations).toEqual([]);
    });
  });

  it('a missed check-in is raised by the schedule, never by hand', () => {
    const r = checkInCommands.decode({ type: 'RaiseComplianceIssue', enrollmentId: 'enr-1', issue: 'missed-check-in', by: 'coach-ann', at: DUE_AT });
    expect(isLeft(r) && r.left).toMatchObject({ code: 'INVALID_COMMAND', field: 'issue' });
    expect(DUE_ON).toBe('2025-03-05');
  });
});
