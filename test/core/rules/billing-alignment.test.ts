import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstBillingPeriod, nextFixedBillingDay } from '../../../core/rules/billing-alignment.js';
import { renewalDates } from '../../../core/rules/billing-calendar.js';
import { dateParts, daysInMonth, localDate } from '../../../core/values/local-date.js';
import { arbFrequency, arbLocalDate } from '../../../testing/arbitraries.js';

const d = localDate;

describe('billing alignment', () => {
  it('anchor Jan 31 renews Feb 28, Mar 31, Apr 30', () => {
    expect(renewalDates(d('2025-01-31'), 'monthly', 3)).toEqual(['2025-02-28', '2025-03-31', '2025-04-30']);
  });

  it('anchor Jan 31 of a leap year renews Feb 29', () => {
    expect(renewalDates(d('2024-01-31'), 'monthly', 2)).toEqual(['2024-02-29', '2024-03-31']);
  });

  it('anniversary billing starts a full period on the start date', () => {
    expect(firstBillingPeriod(d('2025-01-31'), { kind: 'anniversary' }, 'monthly')).toEqual({
      anchor: '2025-01-31',
      period: { start: '2025-01-31', end: '2025-02-28' },
      pricingPeriod: { start: '2025-01-31', end: '2025-02-28' },
    });
  });

  it('billing everyone on the 1st prorates the first period up to the 1st', () => {
    expect(firstBillingPeriod(d('2025-04-16'), { kind: 'fixed-day', dayOfMonth: 1 }, 'monthly')).toEqual({
      anchor: '2025-05-01',
      period: { start: '2025-04-16', end: '2025-05-01' },
      pricingPeriod: { start: '2025-04-01', end: '2025-05-01' },
    });
  });

  it('a start on the fixed day is a full period', () => {
    expect(firstBillingPeriod(d('2025-04-01'), { kind: 'fixed-day', dayOfMonth: 1 }, 'quarterly').period).toEqual({ start: '2025-04-01', end: '2025-07-01' });
  });

  it('a fixed day of 31 clamps to short months', () => {
    expect(nextFixedBillingDay(d('2025-02-10'), 31)).toBe('2025-02-28');
    expect(nextFixedBillingDay(d('2024-02-10'), 31)).toBe('2024-02-29');
    expect(nextFixedBillingDay(d('2025-03-01'), 31)).toBe('2025-03-31');
  });

  it('law: the next fixed day is on or after the date, within a month, on the day (clamped)', () => {
    fc.assert(
      fc.property(arbLocalDate(), fc.integer({ min: 1, max: 31 }), arbFrequency(), (date, day, frequency) => {
        const next = nextFixedBillingDay(date, day);
        expect(next >= date).toBe(true);
        const { year, month, day: got } = dateParts(next);
        expect(got).toBe(Math.min(day, daysInMonth(year, month)));
        const first = firstBillingPeriod(date, { kind: 'fixed-day', dayOfMonth: day }, frequency);
        expect(first.period.start).toBe(date);
        expect(first.pricingPeriod.end).toBe(first.period.end);
        expect(first.pricingPeriod.start <= date).toBe(true);
      }),
    );
  });
});
