import { describe, expect, it } from 'vitest';
import { membershipDecider, membershipNextStep, type MembershipEvent } from '../../../core/memberships/index.js';
import { deriveId } from '../../../core/values/ids.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { CLIENT, M, charges, d, gold, lastCharge, platinum, run, signUp, stateOf, tier, usd } from './fixtures.js';

const spec = deciderSpec(membershipDecider);
const ten = tier('basic', 1000);
const twenty = tier('plus', 2000);
const paid = (events: MembershipEvent[]): MembershipEvent[] => [
  ...events,
  ...run(events, { type: 'RecordMembershipPaymentSucceeded', membershipId: M, chargeId: lastCharge(events).chargeId, on: lastCharge(events).requestedOn }),
];

describe('membership proration: upgrade mid-cycle', () => {
  it('$10 → $20 halfway through a month nets +$5, charged now', () => {
    const april = paid(run([], signUp('2025-04-01', ten)));
    spec
      .given(april)
      .when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: twenty })
      .thenEvents((events) => {
        const span = { start: d('2025-04-16'), end: d('2025-05-01') };
        const lines = [
          { kind: 'proration-credit', description: 'Unused Basic, 2025-04-16 to 2025-04-30', amount: usd(-500), span, planId: 'basic' },
          { kind: 'proration-debit', description: 'Plus, 2025-04-16 to 2025-04-30', amount: usd(1000), span, planId: 'plus' },
        ];
        expect(events).toEqual([
          {
            type: 'MembershipTierChanged',
            data: {
              membershipId: M,
              clientId: CLIENT,
              changedOn: d('2025-04-16'),
              from: { planId: 'basic', version: 1, name: 'Basic' },
              to: twenty,
              direction: 'upgrade',
              timing: 'immediately',
              lines,
              net: usd(500),
              settlement: 'charged',
            },
          },
          {
            type: 'MembershipChargeRequested',
            data: { membershipId: M, clientId: CLIENT, chargeId: deriveId(M, 'charge/2'), requestedOn: d('2025-04-16'), reason: 'tier-change', lines, total: usd(500) },
          },
        ]);
      });
  });

  it('in a leap-year February the days left are counted out of 29', () => {
    const feb = paid(run([], signUp('2024-02-01', tier('basic', 2900))));
    spec
      .given(feb)
      .when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2024-02-20'), terms: tier('plus', 5800) })
      .thenEvents((events) => expect(lastCharge(events).total).toEqual(usd(1000)));
  });

  it('wallet credit is applied to an upgrade’s charge', () => {
    const april = paid(run([], signUp('2025-04-01', ten)));
    spec
      .given(april)
      .when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: twenty, walletAvailable: usd(200) })
      .thenEvents((events) => expect(lastCharge(events).total).toEqual(usd(300)));
  });

  it('the renewal after an upgrade charges the new tier', () => {
    const april = paid(run([], signUp('2025-04-01', ten)));
    const upgraded = [...april, ...run(april, { type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: twenty })];
    const renewed = run(upgraded, { type: 'RenewMembership', membershipId: M, on: d('2025-05-01') });
    expect(lastCharge(renewed).total).toEqual(usd(2000));
  });

  it('after a pause, the days left are counted without the paused days', () => {
    const april = paid(run([], signUp('2025-04-01', ten)));
    // Paused Apr 6 → May 6 (30 days); resumed, the period runs to May 31; May 21 is priced as Apr 21.
    let events = [...april, ...run(april, { type: 'PauseMembership', membershipId: M, on: d('2025-04-06'), months: 1 })];
    events = [...events, ...run(events, { type: 'ResumeMembership', membershipId: M, on: d('2025-05-06') })];
    const changed = run(events, { type: 'ChangeMembershipTier', membershipId: M, on: d('2025-05-21'), terms: twenty });
    // 10 of 30 days left: credit 333, debit 667.
    expect(lastCharge(changed).lines.map((l) => l.amount.amount)).toEqual([-333, 667]);
    expect(lastCharge(changed).lines[0]?.span).toEqual({ start: '2025-05-21', end: '2025-05-31' });
  });
});

describe('membership proration: downgrade mid-cycle', () => {
  const onPlatinum = paid(run([], signUp('2025-04-01', platinum)));

  it('a downgrade takes effect at the end of the period by default', () => {
    spec
      .given(onPlatinum)
      .when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: gold })
      .then([
        {
          type: 'MembershipTierChangeScheduled',
          data: {
            membershipId: M,
            requestedOn: d('2025-04-16'),
            from: { planId: 'platinum', version: 1, name: 'Platinum' },
            to: gold,
            direction: 'downgrade',
            reason: 'downgrade',
            notBefore: d('2025-05-01'),
          },
        },
      ]);
    const scheduled = [...onPlatinum, ...run(onPlatinum, { type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: gold })];
    spec
      .given(scheduled)
      .when({ type: 'RenewMembership', membershipId: M, on: d('2025-05-01') })
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['MembershipTierChanged', 'MembershipPeriodStarted', 'MembershipChargeRequested']);
        expect(events[0]).toMatchObject({ data: { timing: 'at-period-start', direction: 'downgrade', changedOn: '2025-05-01' } });
        expect(lastCharge(events).total).toEqual(usd(9900));
        expect(state.phase !== 'none' && state.terms.planId).toBe('gold');
      });
  });

  it('by policy a downgrade is immediate and the negative net is credited to the wallet', () => {
    spec
      .given(onPlatinum)
      .when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: gold, policy: { downgrade: 'immediately' } })
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['MembershipTierChanged']);
        // Credit 19900 × 15/30 = 9950, debit 9900 × 15/30 = 4950.
        expect(events[0]).toMatchObject({ data: { net: usd(-5000), settlement: 'wallet', direction: 'downgrade' } });
      });
  });

  it('or refunded, by policy', () => {
    spec
      .given(onPlatinum)
      .when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: gold, policy: { downgrade: 'immediately', negativeNet: 'refund' } })
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['MembershipTierChanged', 'MembershipRefundRequested']);
        expect(events[1]).toMatchObject({ data: { amount: usd(5000), refundId: deriveId(M, 'refund/1') } });
      });
  });

  it('a change of billing frequency waits for the end of the period', () => {
    const annual = tier('gold-annual', 99000, { frequency: 'annual' });
    const scheduled = [...onPlatinum, ...run(onPlatinum, { type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: annual })];
    expect(scheduled[scheduled.length - 1]).toMatchObject({ type: 'MembershipTierChangeScheduled', data: { reason: 'frequency-change', notBefore: '2025-05-01' } });
    const renewed = [...scheduled, ...run(scheduled, { type: 'RenewMembership', membershipId: M, on: d('2025-05-01') })];
    expect(lastCharge(renewed).total).toEqual(usd(99000));
    expect(membershipNextStep(stateOf(renewed))).toEqual({ on: '2026-05-01', command: 'RenewMembership' });
  });

  it('changing to the same tier is refused', () => {
    spec.given(onPlatinum).when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: platinum }).thenError('SAME_TIER');
  });

  it('a tier in another currency is refused', () => {
    spec
      .given(onPlatinum)
      .when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: { ...gold, price: { amount: 9900, currency: 'EUR' } } })
      .thenError('CURRENCY_MISMATCH');
  });

  it('during a trial the tier changes with nothing to prorate', () => {
    const trialing = run([], signUp('2025-04-01', tier('gold', 9900, { trial: { days: 14, price: usd(0) } })));
    spec
      .given(trialing)
      .when({ type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-05'), terms: platinum })
      .thenEvents((events) => {
        expect(events[0]).toMatchObject({ type: 'MembershipTierChanged', data: { timing: 'before-billing', settlement: 'none', net: usd(0) } });
        expect(charges(events)).toEqual([]);
      });
  });
});
