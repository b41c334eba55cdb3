import { describe, expect, it } from 'vitest';
import { currentMembershipPlanTerms, membershipPlanDecider, membershipPlanTermsAt, type MembershipPlanEvent } from '../../../core/membership-plans/index.js';
import { membershipDecider, membershipTerms, membershipNextStep } from '../../../core/memberships/index.js';
import { planRevisionDispatches } from '../../../core/flows/plan-revision.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import { percent } from '../../../core/values/percent.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { M, d, lastCharge, run, signUp, stateOf, usd } from '../memberships/fixtures.js';

const spec = deciderSpec(membershipPlanDecider);
const vipInput = { name: 'VIP', price: usd(29900), frequency: 'monthly' as const, includedServices: [{ serviceId: 'treatment', quantity: 3 }], addOnDiscount: percent(30) };
const define = { type: 'DefineMembershipPlan' as const, planId: 'vip', on: d('2025-01-01'), ...vipInput };
const defined: MembershipPlanEvent[] = [{ type: 'MembershipPlanDefined', data: { planId: 'vip', definedOn: d('2025-01-01'), terms: membershipTerms('vip', 1, vipInput) } }];

describe('membership tiers', () => {
  it('a plan is defined with its defaults filled in', () => {
    spec
      .given([])
      .when(define)
      .then(defined);
    expect(defined[0]?.type === 'MembershipPlanDefined' && defined[0].data.terms).toMatchObject({
      version: 1,
      trial: null,
      renewal: { autoRenew: true, noticeDays: 0, cancellationTakesEffect: 'end-of-period', benefitsEnd: 'when-cancellation-takes-effect' },
      pause: { minMonths: 1, maxMonths: 6 },
      dunning: { retryIntervalDays: 3, retries: 3, afterLastFailure: 'suspend-benefits' },
    });
    spec.given(defined).when(define).thenError('PLAN_ALREADY_DEFINED');
  });

  it('a price change creates a new plan version; existing members are grandfathered by default', () => {
    const state = spec
      .given(defined)
      .when({ type: 'ReviseMembershipPlan', planId: 'vip', on: d('2025-06-01'), ...vipInput, price: usd(32900) })
      .thenEvents(([e]) => expect(e).toMatchObject({ type: 'MembershipPlanRevised', data: { terms: { version: 2, price: usd(32900) }, existingMembers: 'grandfathered', noticeDays: 30 } }));
    expect(currentMembershipPlanTerms(state)?.price).toEqual(usd(32900));
    expect(membershipPlanTermsAt(state, 1)?.price).toEqual(usd(29900));
  });

  it('a revision that changes nothing is refused, as is one of an unknown or retired plan', () => {
    spec.given(defined).when({ type: 'ReviseMembershipPlan', planId: 'vip', on: d('2025-06-01'), ...vipInput }).thenError('PLAN_UNCHANGED');
    spec.given([]).when({ type: 'ReviseMembershipPlan', planId: 'vip', on: d('2025-06-01'), ...vipInput }).thenError('PLAN_NOT_FOUND');
    const retired: MembershipPlanEvent[] = [...defined, { type: 'MembershipPlanRetired', data: { planId: 'vip', retiredOn: d('2025-02-01') } }];
    spec.given(retired).when({ type: 'ReviseMembershipPlan', planId: 'vip', on: d('2025-06-01'), ...vipInput, price: usd(1) }).thenError('PLAN_RETIRED');
  });

  it('terms that cannot work are refused', () => {
    spec.given([]).when({ ...define, pause: { minMonths: 3, maxMonths: 2 } }).thenError('INVALID_TERMS');
  });
});

describe('price changes for existing members', () => {
  const v1 = membershipTerms('vip', 1, vipInput);
  const v2 = membershipTerms('vip', 2, { ...vipInput, price: usd(32900) });
  const revised = (existingMembers: 'grandfathered' | 'move-at-renewal'): RecordedEvent<MembershipPlanEvent> => ({
    type: 'MembershipPlanRevised',
    data: { planId: 'vip', revisedOn: d('2025-01-10'), terms: v2, existingMembers, noticeDays: 30 },
    streamName: 'plan-vip',
    revision: 1n,
    position: 7n,
    eventId: 'e-revised',
    schemaVersion: 1,
    metadata: { at: '2025-01-10T09:00:00.000Z' },
  });
  const members = [
    { membershipId: 'm1', planId: 'vip', version: 1 },
    { membershipId: 'm2', planId: 'vip', version: 2 },
    { membershipId: 'm3', planId: 'gold', version: 1 },
  ];

  it('grandfathered members keep their version: nothing is sent', () => {
    expect(planRevisionDispatches(revised('grandfathered'), members)).toEqual([]);
  });

  it('members on older versions are moved at their next renewal after notice', () => {
    const dispatches = planRevisionDispatches(revised('move-at-renewal'), members);
    expect(dispatches.map((x) => x.command)).toEqual([{ type: 'MoveMembershipToPlanVersion', membershipId: 'm1', on: '2025-01-10', terms: v2, noticeDays: 30 }]);
    expect(planRevisionDispatches(revised('move-at-renewal'), members)).toEqual(dispatches);

    const member = run([], signUp('2025-01-01', v1));
    const moved = [...member, ...run(member, { type: 'MoveMembershipToPlanVersion', membershipId: M, on: d('2025-01-10'), terms: v2, noticeDays: 30 })];
    expect(moved[moved.length - 1]).toMatchObject({ type: 'MembershipTierChangeScheduled', data: { reason: 'plan-revision', notBefore: '2025-02-09' } });
    // The Feb 1 renewal is inside the notice: the old price. The Mar 1 renewal moves to version 2.
    const feb = [...moved, ...run(moved, { type: 'RenewMembership', membershipId: M, on: d('2025-02-01') })];
    expect(lastCharge(feb).total).toEqual(usd(29900));
    const mar = [...feb, ...run(feb, { type: 'RenewMembership', membershipId: M, on: d('2025-03-01') })];
    expect(lastCharge(mar).total).toEqual(usd(32900));
    expect(membershipNextStep(stateOf(mar))).toEqual({ on: '2025-04-01', command: 'RenewMembership' });
  });

  it('a move to another plan or to an older version is refused', () => {
    const member = run([], signUp('2025-01-01', v2));
    deciderSpec(membershipDecider).given(member).when({ type: 'MoveMembershipToPlanVersion', membershipId: M, on: d('2025-01-10'), terms: v1, noticeDays: 30 }).thenError('PLAN_VERSION_NOT_NEWER');
    deciderSpec(membershipDecider)
      .given(member)
      .when({ type: 'MoveMembershipToPlanVersion', membershipId: M, on: d('2025-01-10'), terms: { ...v2, planId: 'gold', version: 3 }, noticeDays: 30 })
      .thenError('PLAN_MISMATCH');
  });
});
