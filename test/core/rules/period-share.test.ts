import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayPrices, shareFrom, shareOfSpan } from '../../../core/rules/period-share.js';
import { prorate } from '../../../core/rules/proration.js';
import { addDays, daysBetween, localDate } from '../../../core/values/local-date.js';
import { money, sum } from '../../../core/values/money.js';
import { arbMoney, arbPartition, arbPeriod } from '../../../testing/arbitraries.js';

const d = localDate;
const april = { start: d('2025-04-01'), end: d('2025-05-01') };

describe('shares of a period', () => {
  it('the share of the second half of a 30-day month is half the price', () => {
    expect(shareFrom(money(1000, 'USD'), april, d('2025-04-16'))).toEqual(money(500, 'USD'));
  });

  it('the share from the start is the price and from the end is nothing', () => {
    expect(shareFrom(money(999, 'USD'), april, april.start)).toEqual(money(999, 'USD'));
    expect(shareFrom(money(999, 'USD'), april, april.end)).toEqual(money(0, 'USD'));
  });

  it('a span that starts with the period is charged as the DESIGN proration rounds it', () => {
    fc.assert(
      fc.property(arbPeriod(400), arbMoney({ min: 0, max: 10_000_000, currency: 'USD' }), fc.nat(), (p, price, k) => {
        const end = addDays(p.start, k % (daysBetween(p.start, p.end) + 1));
        expect(shareOfSpan(price, p, { start: p.start, end })).toEqual(prorate(price, p, { start: p.start, end }));
      }),
    );
  });

  it('law: the shares of the parts of any partition add up to the price, each within one minor unit of exact', () => {
    fc.assert(
      fc.property(
        arbPeriod(400).chain((p) => fc.tuple(fc.constant(p), arbPartition(p, 10), arbMoney({ min: -5_000_000, max: 5_000_000, currency: 'EUR' }))),
        ([p, parts, price]) => {
          const shares = parts.map((part) => shareOfSpan(price, p, part));
          expect(sum('EUR', shares)).toEqual(price);
          const total = daysBetween(p.start, p.end);
          shares.forEach((s, i) => {
            const part = parts[i];
            if (part === undefined) return;
            const exact = (price.amount * daysBetween(part.start, part.end)) / total;
            expect(Math.abs(s.amount - exact)).toBeLessThan(1 + 1e-9);
          });
        },
      ),
    );
  });

  it('law: the day prices add up to the price and any span is the sum of its days', () => {
    fc.assert(
      fc.property(arbPeriod(120), arbMoney({ min: 0, max: 1_000_000, currency: 'USD' }), fc.nat(), fc.nat(), (p, price, a, b) => {
        const days = dayPrices(price, p);
        expect(sum('USD', days)).toEqual(price);
        const n = days.length;
        const [i, j] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y) as [number, number];
        const span = { start: addDays(p.start, i), end: addDays(p.start, j) };
        expect(shareOfSpan(price, p, span)).toEqual(sum('USD', days.slice(i, j)));
      }),
    );
  });

  it('refuses a date outside the period', () => {
    expect(() => shareFrom(money(1, 'USD'), april, d('2025-05-02'))).toThrow(RangeError);
  });
});
