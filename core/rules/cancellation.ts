/**
 * When a cancellation takes effect. A request on day d with a notice period of n days
 * takes effect at the end of the billing period containing d + n (policy: on d + n
 * itself). Nothing is charged from that date on.
 */
import * as t from 'io-ts';
import { addDays, type LocalDate } from '../values/local-date.js';
import type { Period } from '../values/period.js';
import { periodContaining, type Frequency } from './billing-calendar.js';

export const CancellationTimingC = t.keyof({ 'end-of-period': null, 'after-notice': null }, 'CancellationTiming');
/** `end-of-period`: at the end of the period containing request + notice; `after-notice`: on request + notice. */
export type CancellationTiming = t.TypeOf<typeof CancellationTimingC>;

export interface CancellationQuoteInput {
  readonly requestedOn: LocalDate;
  readonly noticeDays: number;
  readonly timing: CancellationTiming;
  /** The membership's current billing period (as extended by pauses and extensions). */
  readonly currentPeriod: Period;
  /** The anchor of the calendar of the periods after the current one. */
  readonly anchor: LocalDate;
  readonly frequency: Frequency;
}

/** The date a cancellation requested on `requestedOn` takes effect. */
export const cancellationEffectiveDate = (input: CancellationQuoteInput): LocalDate => {
  const noticeEnds = addDays(input.requestedOn, input.noticeDays);
  if (input.timing === 'after-notice') return noticeEnds;
  if (noticeEnds < input.currentPeriod.end) return input.currentPeriod.end;
  return periodContaining(input.anchor, input.frequency, noticeEnds).end;
};
