/**
 * Money in integer minor units of an ISO 4217 currency. Amounts are never floats:
 * every operation that can produce a fraction rounds half away from zero, and every
 * split that must add back up goes through {@link allocate}.
 */
import * as t from 'io-ts';

export interface Money {
  /** Integer number of minor units (cents for USD). */
  readonly amount: number;
  /** ISO 4217 code, three upper-case letters. */
  readonly currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;

const assertAmount = (amount: number, what: string): void => {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`${what} must be an integer number of minor units, got ${amount}`);
  }
};

/** Builds a Money value; throws `RangeError` for a fractional amount or a malformed currency. */
export const money = (amount: number, currency: string): Money => {
  assertAmount(amount, 'A money amount');
  if (!CURRENCY.test(currency)) {
    throw new RangeError(`A currency is three upper-case letters (ISO 4217), got "${currency}"`);
  }
  return { amount: amount === 0 ? 0 : amount, currency };
};

export const zero = (currency: string): Money => money(0, currency);

const sameCurrency = (a: Money, b: Money): void => {
  if (a.currency !== b.currency) {
    throw new RangeError(`Cannot combine ${a.currency} with ${b.currency}`);
  }
};

export const add = (a: Money, b: Money): Money => {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
};

export const subtract = (a: Money, b: Money): Money => {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
};

export const negate = (a: Money): Money => money(-a.amount, a.currency);

/** Sum of several amounts in one currency; the empty sum is zero in `currency`. */
export const sum = (currency: string, amounts: readonly Money[]): Money =>
  amounts.reduce((acc, m) => add(acc, m), zero(currency));

export const isZero = (a: Money): boolean => a.amount === 0;
export const isNegative = (a: Money): boolean => a.amount < 0;
export const isPositive = (a: Money): boolean => a.amount > 0;
export const equals = (a: Money, b: Money): boolean =>
  a.currency === b.currency && a.amount === b.amount;
export const compare = (a: Money, b: Money): -1 | 0 | 1 => {
  sameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
};
export const min = (a: Money, b: Money): Money => (compare(a, b) <= 0 ? a : b);
export const max = (a: Money, b: Money): Money => (compare(a, b) >= 0 ? a : b);

/** `numerator / denominator` rounded half away from zero, exactly (bigint arithmetic). */
export const divideRounded = (numerator: bigint, denominator: bigint): bigint => {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
};

/**
 * `a × numerator / denominator`, rounded half away from zero to the minor unit.
 * Numerator and denominator are integers (days of a period, basis points, …).
 */
export const multiplyByRatio = (a: Money, numerator: number, denominator: number): Money => {
  assertAmount(numerator, 'A ratio numerator');
  assertAmount(denominator, 'A ratio denominator');
  const result = divideRounded(BigInt(a.amount) * BigInt(numerator), BigInt(denominator));
  return money(Number(result), a.currency);
};

/**
 * Splits `total` into parts proportional to `weights` by the largest-remainder method:
 * each part is the exact share rounded toward zero, and the units left over go one each
 * to the parts with the largest remainders (ties to the earlier part). The parts always
 * sum to `total`, and each is within one minor unit of its exact share.
 *
 * Weights are non-negative integers (unit values, days) and at least one is positive.
 */
export const allocate = (total: Money, weights: readonly number[]): readonly Money[] => {
  assertAmount(total.amount, 'The total to allocate');
  if (weights.length === 0) throw new RangeError('Cannot allocate over no weights');
  let weightSum = 0n;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new RangeError(`Allocation weights are non-negative integers, got ${w}`);
    }
    weightSum += BigInt(w);
  }
  if (weightSum === 0n) throw new RangeError('Cannot allocate over weights that are all zero');
  const sign = total.amount < 0 ? -1n : 1n;
  const whole = BigInt(total.amount) * sign;
  const parts: bigint[] = [];
  const remainders: { index: number; remainder: bigint }[] = [];
  let given = 0n;
  weights.forEach((w, index) => {
    const exact = whole * BigInt(w);
    const part = exact / weightSum;
    parts.push(part);
    given += part;
    remainders.push({ index, remainder: exact % weightSum });
  });
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  let left = whole - given;
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => money(Number(p * sign), total.currency));
};

/** Formats for people: `$12.50`-style with the currency code, e.g. `USD 12.50`. */
export const formatMoney = (a: Money, minorDigits = 2): string => {
  const sign = a.amount < 0 ? '-' : '';
  const abs = Math.abs(a.amount);
  if (minorDigits === 0) return `${sign}${a.currency} ${abs}`;
  const unit = 10 ** minorDigits;
  const major = Math.floor(abs / unit);
  const minor = String(abs % unit).padStart(minorDigits, '0');
  return `${sign}${a.currency} ${major}.${minor}`;
};

/** io-ts codec for untrusted money: an integer amount and an ISO 4217 code. */
export const MoneyC = new t.Type<Money, Money, unknown>(
  'Money',
  (u): u is Money =>
    typeof u === 'object' &&
    u !== null &&
    Number.isSafeInteger((u as { amount?: unknown }).amount) &&
    typeof (u as { currency?: unknown }).currency === 'string' &&
    CURRENCY.test((u as { currency: string }).currency),
  (u, c) => {
    if (typeof u !== 'object' || u === null) return t.failure(u, c, 'is not a money object');
    const { amount, currency } = u as { amount?: unknown; currency?: unknown };
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
      return t.failure(u, c, 'amount must be an integer number of minor units');
    }
    if (typeof currency !== 'string' || !CURRENCY.test(currency)) {
      return t.failure(u, c, 'currency must be three upper-case letters (ISO 4217)');
    }
    return t.success({ amount: amount === 0 ? 0 : amount, currency });
  },
  (m) => ({ amount: m.amount, currency: m.currency }),
);
