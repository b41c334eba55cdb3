import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeIncludedServices, benefitAllotments, splitHouseholdCharge, benefitTopUps } from '../../../core/rules/household.js';
import { rolledCreditsExpireOn, membershipRollsOver } from '../../../core/rules/membership-rollover.js';
import { earnedLoyaltyTier, freeMonthValue, membershipTenureMonths, type LoyaltyCondition } from '../../../core/rules/loyalty-tiers.js';
import { addMonthsClamped, localDate as d } from '../../../core/values/local-date.js';
import { money } from '../../../core/values/money.js';
import { percent } from '../../../core/values/percent.js';
import { arbLocalDate } from '../../../testing/arbitraries.js';

const usd = (n: number) => money(n, 'USD');

describe('household rules', () => {
  const services = [
    { serviceId: 'treatment', quantity: 2 },
    { serviceId: 'facial', quantity: 1 },
    { serviceId: 'treatment', quantity: 1 },
  ];

  it('a service listed twice counts once with the quantities added', () => {
    expect(mergeIncludedServices(services)).toEqual([
      { serviceId: 'treatment', quantity: 3 },
      { serviceId: 'facial', quantity: 1 },
    ]);
  });

  it('each person gets X services; a pool gets them once', () => {
    expect(benefitAllotments(services, ['alex', 'sam']).map((a) => `${a.clientId}:${a.serviceId}:${a.quantity}`)).toEqual([
      'alex:treatment:3',
      'alex:facial:1',
      'sam:treatment:3',
      'sam:facial:1',
    ]);
    expect(benefitAllotments(services, ['pool-m1'])).toHaveLength(2);
  });

  it('a top-up adds only what the richer tier includes beyond what was granted', () => {
    expect(benefitTopUps([{ serviceId: 'treatment', quantity: 3 }, { serviceId: 'facial', quantity: 1 }], ['alex'], [{ clientId: 'alex', serviceId: 'treatment', quantity: 2 }])).toEqual([
      { clientId: 'alex', serviceId: 'treatment', quantity: 1 },
      { clientId: 'alex', serviceId: 'facial', quantity: 1 },
    ]);
    expect(benefitTopUps([{ serviceId: 'treatment', quantity: 1 }], ['alex'], [{ clientId: 'alex', serviceId: 'treatment', quantity: 2 }])).toEqual([]);
  });

  it('$100 split in thirds is 33.34, 33.33, 33.33; all-zero weights split equally', () => {
    expect(splitHouseholdCharge(usd(10000), [{ clientId: 'a', weight: 1 }, { clientId: 'b', weight: 1 }, { clientId: 'c', weight: 1 }]).map((s) => s.amount.amount)).toEqual([3334, 3333, 3333]);
    expect(splitHouseholdCharge(usd(100), [{ clientId: 'a', weight: 0 }, { clientId: 'b', weight: 0 }]).map((s) => [s.weight, s.amount.amount])).toEqual([
      [1, 50],
      [1, 50],
    ]);
    expect(() => splitHouseholdCharge(usd(100), [])).toThrow(RangeError);
  });
});

describe('membership rollover rule', () => {
  it('rolled credits expire x months after the period’s end, clamped to the month’s end; nothing rolls at 0 % or a cap of 0', () => {
    expect(rolledCreditsExpireOn(d('2025-01-31'), { percent: percent(50), cap: null, expiresAfterMonths: 1 })).toBe('2025-02-28');
    expect(rolledCreditsExpireOn(d('2025-01-31'), { percent: percent(0), cap: null, expiresAfterMonths: 1 })).toBeNull();
    expect(rolledCreditsExpireOn(d('2025-01-31'), { percent: percent(100), cap: 0, expiresAfterMonths: 1 })).toBeNull();
    expect(rolledCreditsExpireOn(d('2025-01-31'), null)).toBeNull();
    expect(membershipRollsOver({ percent: percent(1), cap: 1 })).toBe(true);
  });
});

describe('loyalty tier rules', () => {
  const packages = (n: number): LoyaltyCondition => ({ kind: 'packages-bought', atLeast: n });
  const seed = [
    { name: 'Silver', conditions: [packages(1)] },
    { name: 'Gold', conditions: [packages(3)] },
    { name: 'Platinum', conditions: [packages(6)] },
  ];
  const standing = (packagesBought: number) => ({ tenureMonths: 0, spend: null, packagesBought });

  it('Silver for 1–2 packages, Gold for 3–5, Platinum for 6 or more', () => {
    expect([0, 1, 2, 3, 5, 6, 40].map((n) => earnedLoyaltyTier(seed, standing(n))?.tier.name ?? null)).toEqual([null, 'Silver', 'Silver', 'Gold', 'Gold', 'Platinum', 'Platinum']);
  });

  it('the condition that fired is the first of the tier’s conditions that holds, with what it measured', () => {
    const vip = [{ name: 'VIP', conditions: [{ kind: 'tenure-months', atLeast: 12 } as const, { kind: 'spend', atLeast: usd(100000) } as const] }];
    expect(earnedLoyaltyTier(vip, { tenureMonths: 3, spend: usd(120000), packagesBought: 0 })).toMatchObject({ condition: { kind: 'spend' }, measured: usd(120000) });
    expect(earnedLoyaltyTier(vip, { tenureMonths: 12, spend: usd(120000), packagesBought: 0 })).toMatchObject({ condition: { kind: 'tenure-months' }, measured: 12 });
    expect(earnedLoyaltyTier(vip, { tenureMonths: 3, spend: money(500000, 'EUR'), packagesBought: 0 })).toBeUndefined();
  });

  it('tenure counts whole months as the billing calendar does', () => {
    expect(membershipTenureMonths(d('2025-01-31'), d('2025-02-27'))).toBe(0);
    expect(membershipTenureMonths(d('2025-01-31'), d('2025-02-28'))).toBe(1);
    expect(membershipTenureMonths(d('2025-01-15'), d('2026-01-15'))).toBe(12);
    expect(membershipTenureMonths(d('2025-01-15'), d('2024-12-01'))).toBe(0);
    fc.assert(
      fc.property(arbLocalDate(d('2000-01-01'), d('2040-12-31')), arbLocalDate(d('2000-01-01'), d('2040-12-31')), (since, on) => {
        const n = membershipTenureMonths(since, on);
        if (on < since) expect(n).toBe(0);
        else {
          expect(addMonthsClamped(since, n) <= on).toBe(true);
          expect(addMonthsClamped(since, n + 1) > on).toBe(true);
        }
      }),
    );
  });

  it('a free month is one month’s share of the plan’s price', () => {
    expect(freeMonthValue(usd(9900), 'monthly')).toEqual(usd(9900));
    expect(freeMonthValue(usd(27000), 'quarterly')).toEqual(usd(9000));
    expect(freeMonthValue(usd(99900), 'annual')).toEqual(usd(8325));
  });
});
