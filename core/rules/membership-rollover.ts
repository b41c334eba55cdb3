/**
 * A membership's rollover at a period's end (the quantity itself is `rolloverQuantity` in
 * `rollover.ts`): rolled credits expire a number of months after the period's end, and a
 * plan that rolls nothing over (no rollover terms, 0 %, or a cap of 0) lets every unused
 * credit expire.
 */
import { addMonthsClamped, type LocalDate } from '../values/local-date.js';
import type { RolloverPolicy } from './rollover.js';

/** Whether any credit can roll over under the policy. */
export const membershipRollsOver = (policy: RolloverPolicy | null): policy is RolloverPolicy =>
  policy !== null && policy.percent > 0 && policy.cap !== 0;

/** When credits rolled over at `periodEnd` expire, or `null` when nothing rolls over. */
export const rolledCreditsExpireOn = (
  periodEnd: LocalDate,
  policy: (RolloverPolicy & { readonly expiresAfterMonths: number }) | null,
): LocalDate | null => (membershipRollsOver(policy) ? addMonthsClamped(periodEnd, policy.expiresAfterMonths) : null);
