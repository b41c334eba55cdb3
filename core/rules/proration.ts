/**
 * Daily proration. The charge for a part `[a, b)` of a period `[s, e)` priced `p` is
 * `p × days(a, b) / days(s, e)`, rounded half away from zero to the minor unit.
 *
 * When several parts of one period must add up to the price (a period split by tier
 * changes), use {@link prorateParts}: it allocates the price over the parts' days by the
 * largest-remainder method, so the parts sum exactly to the price.
 */
import { allocate, multiplyByRatio, type Money } from '../values/money.js';
import { containsPeriod, periodDays, type Period } from '../values/period.js';

const check = (period: Period, part: Period): void => {
  if (periodDays(period) <= 0) throw new RangeError(`Cannot prorate over an empty period ${period.start}…${period.end}`);
  if (!containsPeriod(period, part)) {
    throw new RangeError(`The part ${part.start}…${part.end} is not within the period ${period.start}…${period.end}`);
  }
};

/** `price × days(part) / days(period)`, rounded half away from zero. */
export const prorate = (price: Money, period: Period, part: Period): Money => {
  check(period, part);
  return multiplyByRatio(price, periodDays(part), periodDays(period));
};

/**
 * The price of each part of a partition of `period`, summing exactly to `price` when the
 * parts cover the period (largest remainder over the parts' days; a remainder day left
 * uncovered keeps its share out of the result).
 */
export const prorateParts = (price: Money, period: Period, parts: readonly Period[]): readonly Money[] => {
  parts.forEach((part) => check(period, part));
  const covered = parts.reduce((n, p) => n + periodDays(p), 0);
  const total = periodDays(period);
  if (covered > total) throw new RangeError('The parts overlap: they cover more days than the period');
  const weights = parts.map(periodDays);
  if (covered === total) return allocate(price, weights);
  // Parts that leave days uncovered: allocate over the parts plus the uncovered rest, drop the rest.
  return allocate(price, [...weights, total - covered]).slice(0, parts.length);
};
