import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { add, allocate, money, multiplyByRatio, negate, subtract, sum, MoneyC, formatMoney } from '../../../core/values/money.js';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';

describe('Money', () => {
  it('is integer minor units with a currency', () => {
    expect(money(1050, 'USD')).toEqual({ amount: 1050, currency: 'USD' });
    expect(() => money(10.5, 'USD')).toThrow(RangeError);
    expect(() => money(100, 'usd')).toThrow(/three upper-case letters/);
  });
  it('adds, subtracts and negates in one currency', () => {
    expect(add(money(100, 'USD'), money(250, 'USD'))).toEqual(money(350, 'USD'));
    expect(subtract(money(100, 'USD'), money(250, 'USD'))).toEqual(money(-150, 'USD'));
    expect(negate(money(5, 'EUR'))).toEqual(money(-5, 'EUR'));
    expect(negate(money(0, 'EUR')).amount).toBe(0);
    expect(sum('USD', [])).toEqual(money(0, 'USD'));
  });
  it('refuses to combine currencies', () => {
    expect(() => add(money(1, 'USD'), money(1, 'EUR'))).toThrow(/Cannot combine USD with EUR/);
  });
  it('multiplies by a ratio rounding half away from zero', () => {
    expect(multiplyByRatio(money(1000, 'USD'), 1, 3)).toEqual(money(333, 'USD'));
    expect(multiplyByRatio(money(1000, 'USD'), 2, 3)).toEqual(money(667, 'USD'));
    expect(multiplyByRatio(money(5, 'USD'), 1, 2)).toEqual(money(3, 'USD'));
    expect(multiplyByRatio(money(-5, 'USD'), 1, 2)).toEqual(money(-3, 'USD'));
    expect(multiplyByRatio(money(15, 'USD'), 1, 10)).toEqual(money(2, 'USD'));
    expect(multiplyByRatio(money(-15, 'USD'), 1, 10)).toEqual(money(-2, 'USD'));
    expect(multiplyByRatio(money(14, 'USD'), 1, 10)).toEqual(money(1, 'USD'));
  });
  it('stays exact for amounts whose products pass 2^53', () => {
    expect(multiplyByRatio(money(9_000_000_000_000, 'USD'), 3001, 3000)).toEqual(money(9_003_000_000_000, 'USD'));
  });
  it('allocates by largest remainder, ties to the earlier part', () => {
    expect(allocate(money(100, 'USD'), [1, 1, 1]).map((m) => m.amount)).toEqual([34, 33, 33]);
    expect(allocate(money(-100, 'USD'), [1, 1, 1]).map((m) => m.amount)).toEqual([-34, -33, -33]);
    expect(allocate(money(45000, 'USD'), [10000, 10000, 10000, 10000, 10000, 10000]).map((m) => m.amount)).toEqual(
      Array(6).fill(7500),
    );
    expect(allocate(money(5, 'USD'), [0, 3, 7]).map((m) => m.amount)).toEqual([0, 2, 3]);
    expect(() => allocate(money(5, 'USD'), [0, 0])).toThrow(/all zero/);
    expect(() => allocate(money(5, 'USD'), [1.5, 2])).toThrow(/non-negative integers/);
    expect(() => allocate(money(5, 'USD'), [-1, 2])).toThrow(/non-negative integers/);
    expect(() => allocate(money(5, 'USD'), [])).toThrow();
  });
  it('law: allocate sums exactly and each part is within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0)),
        (amount, weights) => {
          const parts = allocate(money(amount, 'USD'), weights);
          expect(parts.reduce((s, p) => s + p.amount, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = (amount * (weights[i] ?? 0)) / total;
            expect(Math.abs(p.amount - exact)).toBeLessThan(1 + 1e-9);
          });
        },
      ),
    );
  });
  it('decodes untrusted money and names what is wrong', () => {
    expect(isRight(MoneyC.decode({ amount: 100, currency: 'USD' }))).toBe(true);
    const bad = MoneyC.decode({ amount: 1.5, currency: 'USD' });
    expect(isLeft(bad) && bad.left[0]?.message).toContain('integer');
    expect(isLeft(MoneyC.decode({ amount: 1, currency: 'dollars' }))).toBe(true);
  });
  it('formats for people', () => {
    expect(formatMoney(money(123456, 'USD'))).toBe('USD 1234.56');
    expect(formatMoney(money(-5, 'EUR'))).toBe('-EUR 0.05');
  });
});
