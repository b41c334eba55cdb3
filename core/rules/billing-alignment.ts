/**
 * Billing alignment: where a membership's billing calendar is anchored. Anniversary
 * billing (the default) anchors on the date billing starts; fixed-day billing bills every
 * member on the same day of the month and prorates the first, shorter period up to it
 * (gyms and clinics that bill everyone on the 1st).
 */
import * as t from 'io-ts';
import { dateParts, localDate, type LocalDate } from '../values/local-date.js';
import type { Period } from '../values/period.js';
import { billingPeriod, periodContaining, type Frequency } from './billing-calendar.js';

const DayOfMonthC = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 31, 'DayOfMonth');

export const BillingAlignmentC = t.union(
  [t.type({ kind: t.literal('anniversary') }), t.type({ kind: t.literal('fixed-day'), dayOfMonth: DayOfMonthC })],
  'BillingAlignment',
);
/**
 * `anniversary`: periods start on the billing start date (default). `fixed-day`: periods
 * start on `dayOfMonth` (1–31, clamped to the month's last day), the first one prorated.
 */
export type BillingAlignment = t.TypeOf<typeof BillingAlignmentC>;

export const anniversaryBilling: BillingAlignment = { kind: 'anniversary' };

/** The first period of a membership whose billing starts on `billingStart`. */
export interface FirstBillingPeriod {
  /** The anchor of the calendar every later period follows. */
  readonly anchor: LocalDate;
  /** The days billed first: a full period, or the prorated days up to the fixed day. */
  readonly period: Period;
  /** The full-length period whose price `period` is a share of. */
  readonly pricingPeriod: Period;
}

/** The first fixed billing day on or after `date` (`dayOfMonth` clamped to each month's end). */
export const nextFixedBillingDay = (date: LocalDate, dayOfMonth: number): LocalDate => {
  // January has 31 days, so any day of the month is valid in it: anchor a monthly calendar there.
  const reference = localDate(`${String(dateParts(date).year).padStart(4, '0')}-01-${String(dayOfMonth).padStart(2, '0')}`);
  const containing = periodContaining(reference, 'monthly', date);
  return containing.start === date ? date : containing.end;
};

/** The first billing period of a membership whose billing starts on `billingStart`. */
export const firstBillingPeriod = (billingStart: LocalDate, alignment: BillingAlignment, frequency: Frequency): FirstBillingPeriod => {
  const anchor = alignment.kind === 'anniversary' ? billingStart : nextFixedBillingDay(billingStart, alignment.dayOfMonth);
  if (anchor === billingStart) {
    const full = billingPeriod(anchor, frequency, 0);
    return { anchor, period: { start: full.start, end: full.end }, pricingPeriod: { start: full.start, end: full.end } };
  }
  const before = billingPeriod(anchor, frequency, -1);
  return { anchor, period: { start: billingStart, end: anchor }, pricingPeriod: { start: before.start, end: before.end } };
};
