import { describe, expect, it } from 'vitest';
import { membershipDecider, membershipNextStep, type MembershipEvent } from '../../../core/memberships/index.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { M, d, history, lastCharge, run, signUp, stateOf, tier } from './fixtures.js';

const spec = deciderSpec(membershipDecider);
const paid = (events: MembershipEvent[]): MembershipEvent[] => [
  ...events,
  ...run(events, { type: 'RecordMembershipPaymentSucceeded', membershipId: M, chargeId: lastCharge(events).chargeId, on: lastCharge(events).requestedOn }),
];
const active = paid(run([], signUp('2025-01-01')));

describe('membership pause & resume', () => {
  it('a pause extends the interrupted period by its days and charges nothing while paused', () => {
    spec
      .given(active)
      .when({ type: 'PauseMembership', membershipId: M, on: d('2025-01-11'), months: 2 })
      .then([
        {
          type: 'MembershipPaused',
          // Jan 11 → Mar 11 is 59 days; the period ending Feb 1 now ends Apr 1.
          data: { membershipId: M, pausedOn: d('2025-01-11'), resumesOn: d('2025-03-11'), months: 2, pausedDays: 59, periodEndsOn: d('2025-04-01'), bounds: { minMonths: 1, maxMonths: 6 } },
        },
      ]);
    const paused = history(signUp('2025-01-01'));
    const events = [...paid(paused), ...run(paid(paused), { type: 'PauseMembership', membershipId: M, on: d('2025-01-11'), months: 2 })];
    expect(membershipNextStep(stateOf(events))).toEqual({ on: '2025-03-11', command: 'ResumeMembership' });
    spec.given(events).when({ type: 'RenewMembership', membershipId: M, on: d('2025-02-01') }).thenError('STEP_NOT_PENDING');
  });

  it('it resumes by itself at the end and later periods are anchored on the new end', () => {
    const paused = [...active, ...run(active, { type: 'PauseMembership', membershipId: M, on: d('2025-01-11'), months: 2 })];
    spec
      .given(paused)
      .when({ type: 'ResumeMembership', membershipId: M, on: d('2025-03-11') })
      .then([{ type: 'MembershipResumed', data: { membershipId: M, resumedOn: d('2025-03-11'), early: false, pausedDays: 59, periodEndsOn: d('2025-04-01') } }]);
    const resumed = [...paused, ...run(paused, { type: 'ResumeMembership', membershipId: M, on: d('2025-03-11') })];
    expect(membershipNextStep(stateOf(resumed))).toEqual({ on: '2025-04-01', command: 'RenewMembership' });
    const renewed = [...resumed, ...run(resumed, { type: 'RenewMembership', membershipId: M, on: d('2025-04-01') })];
    expect(membershipNextStep(stateOf(renewed))).toEqual({ on: '2025-05-01', command: 'RenewMembership' });
  });

  it('an early resume shortens the pause to the days actually paused', () => {
    const paused = [...active, ...run(active, { type: 'PauseMembership', membershipId: M, on: d('2025-01-11'), months: 2 })];
    spec
      .given(paused)
      .when({ type: 'ResumeMembership', membershipId: M, on: d('2025-01-21') })
      .then([{ type: 'MembershipResumed', data: { membershipId: M, resumedOn: d('2025-01-21'), early: true, pausedDays: 10, periodEndsOn: d('2025-02-11') } }]);
  });

  it('pausing beyond the bounds is refused', () => {
    spec.given(active).when({ type: 'PauseMembership', membershipId: M, on: d('2025-01-11'), months: 7 }).thenError('PAUSE_TOO_LONG');
    const atLeastTwo = paid(run([], signUp('2025-01-01', tier('gold', 9900, { pause: { minMonths: 2 } }))));
    spec.given(atLeastTwo).when({ type: 'PauseMembership', membershipId: M, on: d('2025-01-11'), months: 1 }).thenError('PAUSE_TOO_SHORT');
  });

  it('a past-due membership cannot be paused, nor a paused one paused again', () => {
    const unpaid = run([], signUp('2025-01-01'));
    const pastDue = [...unpaid, ...run(unpaid, { type: 'RecordMembershipPaymentFailed', membershipId: M, chargeId: lastCharge(unpaid).chargeId, on: d('2025-01-01') })];
    spec.given(pastDue).when({ type: 'PauseMembership', membershipId: M, on: d('2025-01-02'), months: 1 }).thenError('MEMBERSHIP_PAST_DUE');
    const paused = [...active, ...run(active, { type: 'PauseMembership', membershipId: M, on: d('2025-01-11'), months: 2 })];
    spec.given(paused).when({ type: 'PauseMembership', membershipId: M, on: d('2025-01-12'), months: 1 }).thenError('MEMBERSHIP_PAUSED');
    spec.given(active).when({ type: 'ResumeMembership', membershipId: M, on: d('2025-01-12') }).thenError('MEMBERSHIP_NOT_PAUSED');
  });

  it('a command cannot go back before the last change', () => {
    const paused = [...active, ...run(active, { type: 'PauseMembership', membershipId: M, on: d('2025-01-11'), months: 2 })];
    spec.given(paused).when({ type: 'ResumeMembership', membershipId: M, on: d('2025-01-10') }).thenError('DATE_BEFORE_LAST_CHANGE');
  });
});

describe('one-time extensions', () => {
  it('manually extends the current period once; the next periods follow the new end', () => {
    spec
      .given(active)
      .when({ type: 'ExtendMembershipPeriod', membershipId: M, on: d('2025-01-20'), days: 7 })
      .then([{ type: 'MembershipPeriodExtended', data: { membershipId: M, extendedOn: d('2025-01-20'), days: 7, periodEndsOn: d('2025-02-08') } }]);
    const extended = [...active, ...run(active, { type: 'ExtendMembershipPeriod', membershipId: M, on: d('2025-01-20'), days: 7 })];
    expect(membershipNextStep(stateOf(extended))).toEqual({ on: '2025-02-08', command: 'RenewMembership' });
    spec.given(extended).when({ type: 'ExtendMembershipPeriod', membershipId: M, on: d('2025-01-21'), days: 7 }).thenError('EXTENSION_ALREADY_USED');
  });
});
