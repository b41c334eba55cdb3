/**
 * The billing calendar. A membership anchored on date A with a frequency of m months has
 * period k = [A + k·m months, A + (k+1)·m months). Every boundary is computed from the
 * anchor (never chained from the previous boundary) with month-end clamping, so an
 * anchor on Jan 31 gives Feb 28 (29), Mar 31, Apr 30 — not Feb 28, Mar 28, Apr 28.
 */
import * as t from 'io-ts';
import {
  addMonthsClamped,
  dayNumber,
  dateParts,
  type LocalDate,
} from '../values/local-date.js';
import type { Period } from '../values/period.js';

export const FrequencyC = t.keyof({ monthly: null, quarterly: null, annual: null }, 'Frequency');
export type Frequency = t.TypeOf<typeof FrequencyC>;

const MONTHS: Readonly<Record<Frequency, number>> = { monthly: 1, quarterly: 3, annual: 12 };

/** Months in one period of a frequency: 1, 3 or 12. */
export const monthsPerPeriod = (frequency: Frequency): number => MONTHS[frequency];

/** A billing period with its index from the anchor (0 is the period that starts on the anchor). */
export interface BillingPeriod extends Period {
  readonly index: number;
}

/** Period `index` of the calendar anchored on `anchor` (negative indexes precede the anchor). */
export const billingPeriod = (anchor: LocalDate, frequency: Frequency, index: number): BillingPeriod => {
  if (!Number.isSafeInteger(index)) throw new RangeError(`A period index is an integer, got ${index}`);
  const m = MONTHS[frequency];
  return {
    start: addMonthsClamped(anchor, index * m),
    end: addMonthsClamped(anchor, (index + 1) * m),
    index,
  };
};

/** The period of the calendar anchored on `anchor` that contains `date`. */
export const periodContaining = (anchor: LocalDate, frequency: Frequency, date: LocalDate): BillingPeriod => {
  const m = MONTHS[frequency];
  const a = dateParts(anchor);
  const d = dateParts(date);
  // A first guess from the month difference, then step to the period that holds the date.
  let index = Math.floor(((d.year - a.year) * 12 + (d.month - a.month)) / m);
  let p = billingPeriod(anchor, frequency, index);
  while (date < p.start) p = billingPeriod(anchor, frequency, --index);
  while (date >= p.end) p = billingPeriod(anchor, frequency, ++index);
  return p;
};

/** The first `count` period starts on or after the anchor — a membership's renewal dates. */
export const renewalDates = (anchor: LocalDate, frequency: Frequency, count: number): readonly LocalDate[] =>
  Array.from({ length: count }, (_, k) => billingPeriod(anchor, frequency, k + 1).start);

/** Whether `date` is a boundary of the calendar anchored on `anchor`. */
export const isPeriodBoundary = (anchor: LocalDate, frequency: Frequency, date: LocalDate): boolean =>
  dayNumber(periodContaining(anchor, frequency, date).start) === dayNumber(date);
