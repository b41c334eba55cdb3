/** Percentages from 0 to 100 with up to two decimals (stored as basis points when applied). */
import * as t from 'io-ts';
import { multiplyByRatio, type Money } from './money.js';

declare const PercentBrand: unique symbol;
export type Percent = number & { readonly [PercentBrand]: true };

const valid = (n: unknown): n is Percent =>
  typeof n === 'number' && n >= 0 && n <= 100 && Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-9;

export const percent = (n: number): Percent => {
  if (!valid(n)) throw new RangeError(`A percentage is between 0 and 100 with at most two decimals, got ${n}`);
  return n;
};

export const PercentC = new t.Type<Percent, number, unknown>(
  'Percent',
  valid,
  (u, c) => (valid(u) ? t.success(u) : t.failure(u, c, 'must be a percentage between 0 and 100 (two decimals at most)')),
  // io-ts recognises `t.identity`: the codecs built from this one encode without copying.
  t.identity,
);

/** `pct` % of an amount, rounded half away from zero to the minor unit. */
export const percentOf = (amount: Money, pct: Percent): Money =>
  multiplyByRatio(amount, Math.round(pct * 100), 10_000);

/** `floor(quantity × pct / 100)` for whole units (credits, sessions). */
export const percentOfUnits = (quantity: number, pct: Percent): number =>
  Math.floor((quantity * Math.round(pct * 100)) / 10_000);
