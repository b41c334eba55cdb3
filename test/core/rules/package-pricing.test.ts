import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { allocatePackagePrice, freeUnitsFor, quoteBulkOrder, quotePackageSale } from '../../../core/rules/package-pricing.js';
import { packageExpiresOn, packageExpiryNoticeOn } from '../../../core/rules/package-expiry.js';
import { localDate } from '../../../core/values/local-date.js';
import { money, sum } from '../../../core/values/money.js';
import { percent } from '../../../core/values/percent.js';

const usd = (c: number) => money(c, 'USD');
const d = localDate;

describe('package pricing', () => {
  it('6 × $100 = $600, package price $450 (25% off): $75 a unit, $150 saved', () => {
    const quote = quotePackageSale([{ serviceId: 'facial', quantity: 6, unitValue: usd(100_00) }], usd(450_00));
    expect(isRight(quote) && [quote.right.listValue, quote.right.savings, quote.right.units.map((u) => u.value.amount)]).toEqual([
      usd(600_00),
      usd(150_00),
      [7500, 7500, 7500, 7500, 7500, 7500],
    ]);
  });
  it('units worth nothing share the price equally', () => {
    expect(allocatePackagePrice(usd(100), [usd(0), usd(0), usd(0)]).map((m) => m.amount)).toEqual([34, 33, 33]);
  });
  it('buy n get m free adds m units per n bought', () => {
    expect([freeUnitsFor(6, 6, 1), freeUnitsFor(12, 6, 1), freeUnitsFor(5, 6, 1), freeUnitsFor(10, 5, 2)]).toEqual([1, 2, 0, 4]);
  });
  it('a bulk order of 10 at $450 with 15% off costs $3,825, $382.50 a package', () => {
    const q = quoteBulkOrder(usd(450_00), 10, percent(15));
    expect([q.listTotal, q.discount, q.total, q.packagePrices[0]]).toEqual([usd(4500_00), usd(675_00), usd(3825_00), usd(382_50)]);
  });
  it('law: bulk package prices sum to the total and differ by at most a cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 10_000 }), (price, quantity, bp) => {
        const q = quoteBulkOrder(usd(price), quantity, percent(bp / 100));
        expect(sum('USD', q.packagePrices)).toEqual(q.total);
        const amounts = q.packagePrices.map((p) => p.amount);
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('package expiry', () => {
  it('12 months from purchase; months clamp to the month end; days count days', () => {
    expect(packageExpiresOn(d('2025-01-15'), { months: 12 })).toBe('2026-01-15');
    expect(packageExpiresOn(d('2025-01-31'), { months: 1 })).toBe('2025-02-28');
    expect(packageExpiresOn(d('2025-01-15'), { days: 90 })).toBe('2025-04-15');
    expect(packageExpiresOn(d('2025-01-15'), undefined)).toBeUndefined();
  });
  it('the notice falls due 2 weeks before, or n days before', () => {
    expect(packageExpiryNoticeOn(d('2026-01-15'))).toBe('2026-01-01');
    expect(packageExpiryNoticeOn(d('2026-01-15'), 30)).toBe('2025-12-16');
  });
});
