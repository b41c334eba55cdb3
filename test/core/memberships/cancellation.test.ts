import { describe, expect, it } from 'vitest';
import { membershipBenefitsActive, membershipDecider, membershipNextStep, type MembershipEvent } from '../../../core/memberships/index.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { M, charges, d, lastCharge, run, signUp, stateOf, tier } from './fixtures.js';

const spec = deciderSpec(membershipDecider);
const withNotice = (extra: Parameters<typeof tier>[2] = {}) => tier('gold', 9900, { ...extra, renewal: { noticeDays: 10, ...extra.renewal } });
const cancel = (on: string) => ({ type: 'CancelMembership' as const, membershipId: M, on: d(on) });
const after = (events: MembershipEvent[], command: Parameters<typeof run>[1]): MembershipEvent[] => [...events, ...run(events, command)];

describe('cancelling a membership', () => {
  it('takes effect at the end of the period containing the request plus the notice; no future charges', () => {
    const jan = run([], signUp('2025-01-01', withNotice()));
    spec
      .given(jan)
      .when({ ...cancel('2025-01-25'), reason: 'moving away' })
      .then([
        {
          type: 'MembershipCancellationRequested',
          data: {
            membershipId: M,
            requestedOn: d('2025-01-25'),
            noticeDays: 10,
            takesEffect: 'end-of-period',
            benefitsEnd: 'when-cancellation-takes-effect',
            // Jan 25 + 10 = Feb 4, in the period Feb 1 – Mar 1.
            effectiveOn: d('2025-03-01'),
            benefitsEndOn: d('2025-03-01'),
            reason: 'moving away',
          },
        },
      ]);
    let events = after(jan, cancel('2025-01-25'));
    events = after(events, { type: 'RenewMembership', membershipId: M, on: d('2025-02-01') });
    expect(membershipNextStep(stateOf(events))).toEqual({ on: '2025-03-01', command: 'EndMembership' });
    spec.given(events).when({ type: 'RenewMembership', membershipId: M, on: d('2025-03-01') }).thenError('STEP_NOT_PENDING');
    events = after(events, { type: 'EndMembership', membershipId: M, on: d('2025-03-01') });
    expect(charges(events).length).toBe(2);
    expect(membershipNextStep(stateOf(events))).toBeUndefined();
    spec.given(events).when(cancel('2025-03-02')).thenError('MEMBERSHIP_ENDED');
  });

  it('by policy it takes effect on the request plus the notice, and the last period is charged only up to then', () => {
    const jan = run([], signUp('2025-01-01', withNotice({ renewal: { cancellationTakesEffect: 'after-notice' } })));
    let events = after(jan, cancel('2025-01-25'));
    expect(membershipNextStep(stateOf(events))).toEqual({ on: '2025-02-01', command: 'RenewMembership' });
    events = after(events, { type: 'RenewMembership', membershipId: M, on: d('2025-02-01') });
    // Feb 1 – Feb 4: 3 of February's 28 days of $99.00.
    expect(lastCharge(events).lines[0]).toMatchObject({ span: { start: '2025-02-01', end: '2025-02-04' }, amount: { amount: 1061 } });
    expect(membershipNextStep(stateOf(events))).toEqual({ on: '2025-02-04', command: 'EndMembership' });
  });

  it('benefits end immediately, by policy', () => {
    const jan = run([], signUp('2025-01-01', tier('gold', 9900, { renewal: { benefitsEnd: 'immediately' } })));
    const events = after(jan, cancel('2025-01-10'));
    const state = stateOf(events);
    if (state.phase === 'none') throw new Error('no membership');
    expect(state.cancellation).toEqual({ requestedOn: '2025-01-10', effectiveOn: '2025-02-01', benefitsEndOn: '2025-01-10' });
    expect(membershipBenefitsActive(state, d('2025-01-09'))).toBe(true);
    expect(membershipBenefitsActive(state, d('2025-01-10'))).toBe(false);
  });

  it('a membership that has not started yet ends at once', () => {
    const future = run([], signUp('2025-01-01', tier('gold', 9900), { startsOn: d('2025-02-01') }));
    spec
      .given(future)
      .when(cancel('2025-01-05'))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['MembershipCancellationRequested', 'MembershipEnded']));
  });

  it('a second cancellation is refused', () => {
    const events = after(run([], signUp('2025-01-01')), cancel('2025-01-05'));
    spec.given(events).when(cancel('2025-01-06')).thenError('CANCELLATION_ALREADY_REQUESTED');
  });

  it('a cancelled membership cannot be paused or upgraded', () => {
    const events = after(run([], signUp('2025-01-01')), cancel('2025-01-05'));
    spec.given(events).when({ type: 'PauseMembership', membershipId: M, on: d('2025-01-06'), months: 1 }).thenError('CANCELLATION_PENDING');
    spec.given(events).when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2025-01-06'), terms: tier('vip', 29900) }).thenError('CANCELLATION_PENDING');
  });
});
