import { describe, expect, it } from 'vitest';
import { quoteTierChange, tierChangeDirection } from '../../../core/rules/tier-change.js';
import { localDate } from '../../../core/values/local-date.js';
import { money } from '../../../core/values/money.js';

const usd = (n: number) => money(n, 'USD');
const d = localDate;

describe('tier change quote', () => {
  it('$10 → $20 halfway through a month nets +$5', () => {
    const april = { start: d('2025-04-01'), end: d('2025-05-01') };
    expect(quoteTierChange(usd(1000), usd(2000), april, d('2025-04-16'))).toEqual({ credit: usd(500), debit: usd(1000), net: usd(500) });
  });

  it('a leap-year February prorates over 29 days', () => {
    const feb = { start: d('2024-02-01'), end: d('2024-03-01') };
    // 10 of 29 days left: 2900 × 10/29 = 1000, 5800 × 10/29 = 2000.
    expect(quoteTierChange(usd(2900), usd(5800), feb, d('2024-02-20'))).toEqual({ credit: usd(1000), debit: usd(2000), net: usd(1000) });
  });

  it('a downgrade nets a credit', () => {
    const april = { start: d('2025-04-01'), end: d('2025-05-01') };
    expect(quoteTierChange(usd(2000), usd(1000), april, d('2025-04-16')).net).toEqual(usd(-500));
  });

  it('an upgrade costs more per day, annualised', () => {
    expect(tierChangeDirection({ price: usd(9900), frequency: 'monthly' }, { price: usd(19900), frequency: 'monthly' })).toBe('upgrade');
    expect(tierChangeDirection({ price: usd(19900), frequency: 'monthly' }, { price: usd(9900), frequency: 'monthly' })).toBe('downgrade');
    // $100 a month is $1,200 a year: an annual $1,000 plan costs less.
    expect(tierChangeDirection({ price: usd(10000), frequency: 'monthly' }, { price: usd(100000), frequency: 'annual' })).toBe('downgrade');
    expect(tierChangeDirection({ price: usd(10000), frequency: 'monthly' }, { price: usd(120000), frequency: 'annual' })).toBe('lateral');
    expect(tierChangeDirection({ price: usd(30000), frequency: 'quarterly' }, { price: usd(10001), frequency: 'monthly' })).toBe('upgrade');
  });
});
