/**
 * The quote for a change of tier on day c of a period: credit the old tier for `[c, e)`,
 * charge the new one for `[c, e)` (each the tier's share of the days left, see
 * `period-share.ts`). It is an upgrade when the new tier costs more per day, annualised so
 * that monthly and annual prices compare fairly. A positive net is charged now; a
 * negative net goes to the client's wallet (or is refunded, by policy).
 */
import * as t from 'io-ts';
import { compare, subtract, type Money } from '../values/money.js';
import type { LocalDate } from '../values/local-date.js';
import type { Period } from '../values/period.js';
import { monthsPerPeriod, type Frequency } from './billing-calendar.js';
import { shareFrom } from './period-share.js';

export const TierChangeDirectionC = t.keyof({ upgrade: null, downgrade: null, lateral: null }, 'TierChangeDirection');
export type TierChangeDirection = t.TypeOf<typeof TierChangeDirectionC>;

/** A tier's price and how often it is charged. */
export interface TierPrice {
  readonly price: Money;
  readonly frequency: Frequency;
}

/** Whether moving from `from` to `to` costs more per day (annualised), less, or the same. */
export const tierChangeDirection = (from: TierPrice, to: TierPrice): TierChangeDirection => {
  // price / months compared by cross-multiplication: exact, no division.
  const a = { amount: from.price.amount * monthsPerPeriod(to.frequency), currency: from.price.currency };
  const b = { amount: to.price.amount * monthsPerPeriod(from.frequency), currency: to.price.currency };
  const order = compare(b, a);
  return order > 0 ? 'upgrade' : order < 0 ? 'downgrade' : 'lateral';
};

export interface TierChangeQuote {
  /** The old tier's share of the days left: credited. */
  readonly credit: Money;
  /** The new tier's share of the days left: charged. */
  readonly debit: Money;
  /** `debit − credit`: charged now when positive, credited (wallet or refund) when negative. */
  readonly net: Money;
}

/**
 * The credit and debit of a change on `on` within `pricingPeriod`, where `fromPrice` and
 * `toPrice` are each tier's price for that whole period (after any discount).
 */
export const quoteTierChange = (fromPrice: Money, toPrice: Money, pricingPeriod: Period, on: LocalDate): TierChangeQuote => {
  const credit = shareFrom(fromPrice, pricingPeriod, on);
  const debit = shareFrom(toPrice, pricingPeriod, on);
  return { credit, debit, net: subtract(debit, credit) };
};
