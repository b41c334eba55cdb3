import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { billingPeriod, periodContaining, renewalDates } from '../../../core/rules/billing-calendar.js';
import { prorate, prorateParts } from '../../../core/rules/proration.js';
import { localDate, dateParts, daysInMonth, addDays } from '../../../core/values/local-date.js';
import { money } from '../../../core/values/money.js';
import { arbAnchorDate, arbFrequency, arbMoney, arbPartition, arbPeriod } from '../../../testing/arbitraries.js';

const d = localDate;

describe('billing calendar', () => {
  it('an anchor on Jan 31 renews Feb 28, Mar 31, Apr 30', () => {
    expect(renewalDates(d('2025-01-31'), 'monthly', 3)).toEqual(['2025-02-28', '2025-03-31', '2025-04-30']);
  });
  it('in a leap year, an anchor on Jan 31 renews Feb 29', () => {
    expect(billingPeriod(d('2024-01-31'), 'monthly', 1)).toEqual({ start: '2024-02-29', end: '2024-03-31', index: 1 });
  });
  it('computes every boundary from the anchor, never chaining', () => {
    expect(billingPeriod(d('2025-01-31'), 'monthly', 12).start).toBe('2026-01-31');
    expect(billingPeriod(d('2025-05-31'), 'quarterly', 1)).toEqual({ start: '2025-08-31', end: '2025-11-30', index: 1 });
    expect(billingPeriod(d('2024-02-29'), 'annual', 1)).toEqual({ start: '2025-02-28', end: '2026-02-28', index: 1 });
    expect(billingPeriod(d('2024-02-29'), 'annual', 4).start).toBe('2028-02-29');
  });
  it('negative indexes are the periods before the anchor', () => {
    expect(billingPeriod(d('2025-03-31'), 'monthly', -1)).toEqual({ start: '2025-02-28', end: '2025-03-31', index: -1 });
  });
  it('finds the period containing a date', () => {
    expect(periodContaining(d('2025-01-31'), 'monthly', d('2025-03-15'))).toEqual({ start: '2025-02-28', end: '2025-03-31', index: 1 });
    expect(periodContaining(d('2025-01-31'), 'monthly', d('2025-03-31'))).toEqual({ start: '2025-03-31', end: '2025-04-30', index: 2 });
    expect(periodContaining(d('2025-01-31'), 'monthly', d('2025-01-30')).index).toBe(-1);
    expect(periodContaining(d('2025-01-15'), 'annual', d('2027-01-14')).index).toBe(1);
  });
  it('law: consecutive periods tile time and keep the anchor day or the month end', () => {
    fc.assert(
      fc.property(arbAnchorDate(), arbFrequency(), fc.integer({ min: -40, max: 40 }), (anchor, frequency, k) => {
        const p = billingPeriod(anchor, frequency, k);
        const next = billingPeriod(anchor, frequency, k + 1);
        expect(p.end).toBe(next.start);
        expect(p.start < p.end).toBe(true);
        const a = dateParts(anchor).day;
        for (const boundary of [p.start, p.end]) {
          const { year, month, day } = dateParts(boundary);
          expect(day === a || day === daysInMonth(year, month)).toBe(true);
          if (day !== a) expect(a).toBeGreaterThan(day);
        }
      }),
    );
  });
  it('law: periodContaining returns the period whose half-open span holds the date', () => {
    fc.assert(
      fc.property(arbAnchorDate(), arbFrequency(), fc.integer({ min: -3000, max: 3000 }), (anchor, frequency, offset) => {
        const date = addDays(anchor, offset);
        const p = periodContaining(anchor, frequency, date);
        expect(p.start <= date && date < p.end).toBe(true);
        expect(billingPeriod(anchor, frequency, p.index)).toEqual(p);
      }),
    );
  });
});

describe('proration', () => {
  it('$10 → $20 halfway through a 30-day month nets +$5', () => {
    const period = { start: d('2025-04-01'), end: d('2025-05-01') };
    const rest = { start: d('2025-04-16'), end: d('2025-05-01') };
    const credit = prorate(money(1000, 'USD'), period, rest);
    const charge = prorate(money(2000, 'USD'), period, rest);
    expect(credit).toEqual(money(500, 'USD'));
    expect(charge).toEqual(money(1000, 'USD'));
    expect(charge.amount - credit.amount).toBe(500);
  });
  it('rounds half away from zero to the minor unit', () => {
    const period = { start: d('2025-02-01'), end: d('2025-03-01') };
    expect(prorate(money(1000, 'USD'), period, { start: d('2025-02-01'), end: d('2025-02-02') })).toEqual(money(36, 'USD'));
    expect(prorate(money(-1000, 'USD'), period, { start: d('2025-02-01'), end: d('2025-02-02') })).toEqual(money(-36, 'USD'));
  });
  it('refuses a part outside its period', () => {
    const period = { start: d('2025-02-01'), end: d('2025-03-01') };
    expect(() => prorate(money(1000, 'USD'), period, { start: d('2025-02-20'), end: d('2025-03-02') })).toThrow(/not within/);
  });
  it('law: prorating the pieces of any partition with allocate sums to the price', () => {
    fc.assert(
      fc.property(
        arbPeriod(400).chain((p) => fc.tuple(fc.constant(p), arbPartition(p, 10), arbMoney({ min: 0, max: 10_000_000, currency: 'USD' }))),
        ([period, parts, price]) => {
          const prices = prorateParts(price, period, parts);
          expect(prices.reduce((s, m) => s + m.amount, 0)).toBe(price.amount);
          prices.forEach((m, i) => {
            const part = parts[i];
            if (part === undefined) throw new Error('missing part');
            expect(Math.abs(m.amount - prorate(price, period, part).amount)).toBeLessThanOrEqual(1);
          });
        },
      ),
    );
  });
});
