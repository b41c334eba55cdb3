import { describe, expect, it } from 'vitest';
import { loyaltyDecider, loyaltyDiscount, seedLoyaltyProgram, loyaltySpendCondition, type LoyaltyCommand, type LoyaltyEvent, type LoyaltyProgram } from '../../../core/loyalty/index.js';
import { membershipTerms } from '../../../core/memberships/index.js';
import { localDate as d } from '../../../core/values/local-date.js';
import { money } from '../../../core/values/money.js';
import { percent } from '../../../core/values/percent.js';
import { deciderSpec } from '../../../testing/given-when-then.js';

const spec = deciderSpec(loyaltyDecider);
const usd = (n: number) => money(n, 'USD');
const C = 'casey';

const buy = (on: string, reference: string, kind: 'package' | 'membership' | 'service' = 'package', amount = 45000, program?: LoyaltyProgram): LoyaltyCommand => ({
  type: 'RecordLoyaltyPurchase',
  clientId: C,
  on: d(on),
  kind,
  reference,
  amount: usd(amount),
  ...(program !== undefined ? { program } : {}),
});
const renewal = (on: string, program?: LoyaltyProgram): LoyaltyCommand => ({
  type: 'RecordLoyaltyMembershipPeriod',
  clientId: C,
  on: d(on),
  membershipId: 'm1',
  memberSince: d('2025-01-01'),
  ...(program !== undefined ? { program } : {}),
});

const play = (...commands: LoyaltyCommand[]): LoyaltyEvent[] =>
  commands.reduce<LoyaltyEvent[]>((events, c) => {
    const state = events.reduce(loyaltyDecider.evolve, loyaltyDecider.initialState);
    const decision = loyaltyDecider.decide(c, state);
    if (decision._tag === 'Left') throw new Error(decision.left.message);
    return [...events, ...decision.right];
  }, []);
const stateOf = (events: readonly LoyaltyEvent[]) => events.reduce(loyaltyDecider.evolve, loyaltyDecider.initialState);
const tiersOf = (events: readonly LoyaltyEvent[]) => events.flatMap((e) => (e.type === 'LoyaltyTierApplied' ? [e.data.tier] : []));

describe('VIP/loyalty tiers: Silver 1–2 packages 5 %, Gold 3–5 10 %, Platinum 6+ 15 % and perks', () => {
  it('a client who is not a member reaches Silver with the first package, and it applies at once with the rule recorded', () => {
    spec
      .given([])
      .when(buy('2025-02-01', 'pkg-1'))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['LoyaltyPurchaseRecorded', 'LoyaltyTierReached', 'LoyaltyTierApplied']);
        expect(events[1]).toEqual({
          type: 'LoyaltyTierReached',
          data: {
            clientId: C,
            on: d('2025-02-01'),
            tier: 'Silver',
            rank: 0,
            discount: percent(5),
            rule: { kind: 'packages-bought', atLeast: 1 },
            measured: 1,
            appliesAt: 'now',
            membershipId: null,
            membershipTerms: null,
          },
        });
      });
  });

  it('Gold at the 3rd package, Platinum at the 6th, with its perks; tiers only go up', () => {
    const events = play(...['1', '2', '3', '4', '5', '6', '7'].map((n) => buy('2025-02-01', `pkg-${n}`)));
    expect(tiersOf(events)).toEqual(['Silver', 'Gold', 'Platinum']);
    const state = stateOf(events);
    expect(state.tier).toEqual({ name: 'Platinum', rank: 2, discount: percent(15), perks: ['Priority booking'], on: '2025-02-01' });
    expect(loyaltyDiscount(state)).toBe(15);
    expect(loyaltyDiscount(loyaltyDecider.initialState)).toBeNull();
  });

  it('a member’s tier reached between renewals is applied at the next renewal', () => {
    const member = play(renewal('2025-01-01'));
    spec
      .given(member)
      .when(buy('2025-01-10', 'pkg-1'))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['LoyaltyPurchaseRecorded', 'LoyaltyTierReached']);
        expect(events[1]?.type === 'LoyaltyTierReached' && [events[1].data.appliesAt, events[1].data.membershipId]).toEqual(['next-renewal', 'm1']);
      });
    const history = play(renewal('2025-01-01'), buy('2025-01-10', 'pkg-1'));
    expect(stateOf(history).tier).toBeNull();
    expect(stateOf(history).reached?.name).toBe('Silver');
    spec
      .given(history)
      .when(renewal('2025-02-01'))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['LoyaltyMembershipPeriodRecorded', 'LoyaltyTierApplied']);
        expect(events[1]?.type === 'LoyaltyTierApplied' && [events[1].data.tier, events[1].data.on]).toEqual(['Silver', '2025-02-01']);
      });
  });
});

describe('tiered membership with conditions', () => {
  const vip = membershipTerms('vip', 1, { name: 'VIP', price: usd(29900), frequency: 'monthly', includedServices: [{ serviceId: 'treatment', quantity: 3 }] });
  const program: LoyaltyProgram = {
    tiers: [
      { name: 'Loyal', conditions: [{ kind: 'tenure-months', atLeast: 6 }], discount: percent(5) },
      { name: 'VIP', conditions: [{ kind: 'tenure-months', atLeast: 12 }, loyaltySpendCondition(150000, 'USD')], discount: percent(10), membershipTerms: vip },
    ],
  };

  it('tenure-based upgrades: after 6 months of membership the Loyal tier applies at the renewal', () => {
    const before = play(renewal('2025-01-01', program), renewal('2025-06-01', program));
    expect(tiersOf(before)).toEqual([]);
    spec
      .given(before)
      .when(renewal('2025-07-01', program))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['LoyaltyMembershipPeriodRecorded', 'LoyaltyTierReached', 'LoyaltyTierApplied']);
        expect(events[1]?.type === 'LoyaltyTierReached' && [events[1].data.rule, events[1].data.measured]).toEqual([{ kind: 'tenure-months', atLeast: 6 }, 6]);
      });
  });

  it('VIP status after X months or spending: the spend rule fires first and moves the member to the VIP plan at the next renewal', () => {
    const member = play(renewal('2025-01-01', program), buy('2025-01-01', 'ch-1', 'membership', 99000, program));
    spec
      .given(member)
      .when(buy('2025-02-01', 'ch-2', 'membership', 99000, program))
      .thenEvents((events) => {
        const reached = events.find((e) => e.type === 'LoyaltyTierReached');
        expect(reached?.type === 'LoyaltyTierReached' && [reached.data.tier, reached.data.rule, reached.data.measured, reached.data.membershipTerms?.planId]).toEqual([
          'VIP',
          { kind: 'spend', atLeast: usd(150000) },
          usd(198000),
          'vip',
        ]);
      });
  });
});

describe('referral bonus: a free month for the referrer when the referred friend’s first purchase is recorded', () => {
  const referral: LoyaltyCommand = { type: 'RecordReferral', clientId: C, on: d('2025-03-01'), referrerId: 'alex', reward: usd(9900) };

  it('the friend’s first purchase qualifies the referrer’s reward; later purchases do not', () => {
    const referred = play(referral);
    spec
      .given(referred)
      .when(buy('2025-03-05', 'first-facial', 'service', 12000))
      .thenEvents((events) => {
        expect(events.find((e) => e.type === 'ReferralQualified')).toEqual({
          type: 'ReferralQualified',
          data: { clientId: C, referrerId: 'alex', reward: usd(9900), purchase: 'first-facial', on: d('2025-03-05') },
        });
      });
    const qualified = [...referred, ...play(referral, buy('2025-03-05', 'first-facial', 'service', 12000)).slice(1)];
    spec
      .given(qualified)
      .when(buy('2025-03-09', 'second', 'service', 12000))
      .thenEvents((events) => expect(events.some((e) => e.type === 'ReferralQualified')).toBe(false));
  });

  it('a referral is refused for oneself, twice, after the first purchase, or without a reward', () => {
    spec.given([]).when({ ...referral, referrerId: C }).thenError('SELF_REFERRAL');
    spec.given(play(referral)).when(referral).thenError('ALREADY_REFERRED');
    spec.given(play(buy('2025-02-01', 'pkg-1'))).when(referral).thenError('ALREADY_A_CUSTOMER');
    spec.given([]).when({ ...referral, reward: usd(0) }).thenError('INVALID_REWARD');
  });

  it('purchases are positive and in one currency', () => {
    spec.given([]).when(buy('2025-02-01', 'x', 'service', 0)).thenError('INVALID_AMOUNT');
    spec.given(play(buy('2025-02-01', 'pkg-1'))).when({ ...buy('2025-02-02', 'y'), amount: money(100, 'EUR') } as LoyaltyCommand).thenError('CURRENCY_MISMATCH');
  });

  it('the default program is the seed’s', () => {
    expect(seedLoyaltyProgram.tiers.map((t) => [t.name, t.discount])).toEqual([
      ['Silver', 5],
      ['Gold', 10],
      ['Platinum', 15],
    ]);
  });
});
