import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import { membershipDecider, membershipEvents, MembershipTermsC, membershipTerms } from '../../../core/memberships/index.js';
import { membershipPlanCommands, membershipPlanDecider } from '../../../core/membership-plans/index.js';
import { percent } from '../../../core/values/percent.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { M, d, gold, platinum, run, signUp, tier, usd, vip } from './fixtures.js';

const spec = deciderSpec(membershipDecider);

describe('a plan’s benefit terms: rollover and household', () => {
  it('rollover terms take their defaults: all of it, no cap, expiring one period later', () => {
    const monthly = membershipTerms('r', 1, { name: 'R', price: usd(100), frequency: 'monthly', rollover: {} });
    const quarterly = membershipTerms('q', 1, { name: 'Q', price: usd(100), frequency: 'quarterly', rollover: { percent: percent(25), cap: 2 } });
    expect(monthly.rollover).toEqual({ percent: 100, cap: null, expiresAfterMonths: 1 });
    expect(quarterly.rollover).toEqual({ percent: 25, cap: 2, expiresAfterMonths: 3 });
    expect(membershipTerms('h', 1, { name: 'H', price: usd(100), frequency: 'monthly', household: { benefits: 'pooled' } }).household).toEqual({
      kind: 'family',
      benefits: 'pooled',
      billing: 'primary',
      maxMembers: null,
    });
  });

  it('a plan without them reads as before: no fields added, and terms recorded before they existed still decode', () => {
    expect('rollover' in gold).toBe(false);
    expect('household' in gold).toBe(false);
    const { rollover: _r, household: _h, ...old } = membershipTerms('x', 1, { name: 'X', price: usd(100), frequency: 'monthly', rollover: {}, household: {} });
    expect(isRight(MembershipTermsC.decode(JSON.parse(JSON.stringify(old))))).toBe(true);
    const stored = membershipEvents.encode({ type: 'MembershipSignedUp', data: { membershipId: M, clientId: 'c1', signedUpOn: d('2025-01-01'), startsOn: d('2025-01-01'), terms: old, alignment: { kind: 'anniversary' }, discount: null } });
    expect(membershipEvents.decode(JSON.parse(JSON.stringify(stored)), { streamName: 'membership-m1', revision: 0n }).data).toMatchObject({ terms: old });
  });

  it('a practice defines a family plan with rollover from untrusted input', () => {
    const command = membershipPlanCommands.decode({
      type: 'DefineMembershipPlan',
      planId: 'family',
      on: '2025-01-01',
      name: 'Family',
      price: { amount: 24900, currency: 'USD' },
      frequency: 'monthly',
      includedServices: [{ serviceId: 'treatment', quantity: 1 }],
      rollover: { percent: 50, cap: 1 },
      household: { benefits: 'pooled', billing: 'split', maxMembers: 5 },
    });
    if (!isRight(command)) throw new Error(command.left.message);
    const decision = membershipPlanDecider.decide(command.right, membershipPlanDecider.initialState);
    const defined = isRight(decision) ? decision.right[0] : undefined;
    expect(defined?.type === 'MembershipPlanDefined' && [defined.data.terms.rollover, defined.data.terms.household]).toEqual([
      { percent: 50, cap: 1, expiresAfterMonths: 1 },
      { kind: 'family', benefits: 'pooled', billing: 'split', maxMembers: 5 },
    ]);
    const bad = membershipPlanCommands.decode({ type: 'DefineMembershipPlan', planId: 'f', on: '2025-01-01', name: 'F', price: { amount: 1, currency: 'USD' }, frequency: 'monthly', rollover: { percent: 120 } });
    expect(bad._tag === 'Left' && bad.left.field).toBe('rollover.percent');
  });
});

describe('automatic tier upgrade: applied at the next renewal', () => {
  const active = run([], signUp('2025-01-01', gold));
  const upgrade = { type: 'ScheduleMembershipUpgrade' as const, membershipId: M, on: d('2025-01-20'), terms: platinum, reason: 'loyalty' as const };

  it('a loyalty upgrade is scheduled for the next renewal, which moves the member to the better tier', () => {
    spec
      .given(active)
      .when(upgrade)
      .then([
        {
          type: 'MembershipTierChangeScheduled',
          data: { membershipId: M, requestedOn: d('2025-01-20'), from: { planId: 'gold', version: 1, name: 'Gold' }, to: platinum, direction: 'upgrade', reason: 'loyalty', notBefore: d('2025-01-20') },
        },
      ]);
    const scheduled = [...active, ...run(active, upgrade)];
    spec
      .given(scheduled)
      .when({ type: 'RenewMembership', membershipId: M, on: d('2025-02-01') })
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['MembershipTierChanged', 'MembershipPeriodStarted', 'MembershipChargeRequested']);
        const charged = events[2];
        expect(charged?.type === 'MembershipChargeRequested' && charged.data.total).toEqual(usd(19900));
      });
  });

  it('only an upgrade, never while a cancellation is pending, and a change the member asked for keeps its place', () => {
    spec.given(active).when({ ...upgrade, terms: tier('basic', 1000) }).thenError('NOT_AN_UPGRADE');
    spec.given(active).when({ ...upgrade, terms: gold }).thenError('SAME_TIER');
    const cancelling = [...active, ...run(active, { type: 'CancelMembership', membershipId: M, on: d('2025-01-10') })];
    spec.given(cancelling).when(upgrade).thenError('CANCELLATION_PENDING');
    const fromVip = run([], signUp('2025-01-01', vip));
    const downgrading = [...fromVip, ...run(fromVip, { type: 'ChangeMembershipTier', membershipId: M, on: d('2025-01-05'), terms: gold })];
    spec.given(downgrading).when({ ...upgrade, terms: platinum }).thenError('NOT_AN_UPGRADE');
    const planned = [...active, ...run(active, { type: 'ChangeMembershipTier', membershipId: M, on: d('2025-01-05'), terms: tier('gold-q', 27000, { frequency: 'quarterly' }) })];
    spec.given(planned).when({ ...upgrade, terms: vip }).thenError('TIER_CHANGE_PENDING');
    const once = [...active, ...run(active, upgrade)];
    spec.given(once).when({ ...upgrade, on: d('2025-01-25'), terms: vip }).thenEvents(([e]) => expect(e?.type === 'MembershipTierChangeScheduled' && e.data.to.planId).toBe('vip'));
  });
});
