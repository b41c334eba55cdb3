/**
 * Shares of a period's price for parts of the period, built so that every sequence of
 * parts adds up exactly, to the minor unit.
 *
 * The share of `[from, end)` of a period `[s, e)` priced `p` is the second part of
 * `allocate(p, [days(s, from), days(from, e)])` (the DESIGN proration `p × days / days(s, e)`,
 * with the rounding unit going to the larger remainder), so the share of the days used
 * and the share of the days left always add to `p`. The share of any span `[a, b)` is the
 * share from `a` less the share from `b`: shares of consecutive spans telescope, so the
 * credits and debits of any sequence of tier changes add up, day by day, to the price of
 * the tier each day was on ({@link dayPrices}).
 */
import { allocate, subtract, type Money } from '../values/money.js';
import { addDays, daysBetween, type LocalDate } from '../values/local-date.js';
import { containsPeriod, periodDays, type Period } from '../values/period.js';

const checkDate = (period: Period, date: LocalDate): void => {
  if (periodDays(period) <= 0) throw new RangeError(`Cannot share a price over the empty period ${period.start}…${period.end}`);
  if (date < period.start || date > period.end) {
    throw new RangeError(`${date} is not within the period ${period.start}…${period.end}`);
  }
};

/** The share of `price` for the days of `period` from `from` (inclusive) to its end. */
export const shareFrom = (price: Money, period: Period, from: LocalDate): Money => {
  checkDate(period, from);
  const parts = allocate(price, [daysBetween(period.start, from), daysBetween(from, period.end)]);
  return parts[1] ?? price;
};

/** The share of `price` for the days of `span`, a part of `period`. */
export const shareOfSpan = (price: Money, period: Period, span: Period): Money => {
  if (!containsPeriod(period, span)) {
    throw new RangeError(`The span ${span.start}…${span.end} is not within the period ${period.start}…${period.end}`);
  }
  return subtract(shareFrom(price, period, span.start), shareFrom(price, period, span.end));
};

/** The price of each day of `period`, in order; the days sum exactly to `price`. */
export const dayPrices = (price: Money, period: Period): readonly Money[] =>
  Array.from({ length: periodDays(period) }, (_, i) => {
    const day = addDays(period.start, i);
    return shareOfSpan(price, period, { start: day, end: addDays(day, 1) });
  });
