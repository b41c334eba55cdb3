/**
 * The dunning schedule: after a failed charge, when the payment is tried again. A charge
 * that fails is retried `retries` times, `retryIntervalDays` apart; after the last
 * failure the policy decides (suspend benefits until paid, or cancel).
 */
import * as t from 'io-ts';
import { addDays, type LocalDate } from '../values/local-date.js';

export const AfterLastFailureC = t.keyof({ 'suspend-benefits': null, cancel: null }, 'AfterLastFailure');
/** What happens after the last retry fails. */
export type AfterLastFailure = t.TypeOf<typeof AfterLastFailureC>;

export interface DunningPolicy {
  /** Days between a failure and the next attempt. @defaultValue 3 */
  readonly retryIntervalDays: number;
  /** Attempts after the first failure. @defaultValue 3 */
  readonly retries: number;
  /** What happens when the last retry fails. @defaultValue `'suspend-benefits'` */
  readonly afterLastFailure: AfterLastFailure;
}

export const defaultDunningPolicy: DunningPolicy = {
  retryIntervalDays: 3,
  retries: 3,
  afterLastFailure: 'suspend-benefits',
};

/** The next attempt after the `failures`-th failure (on `failedOn`), or `undefined` when none is left. */
export const nextPaymentRetry = (
  failedOn: LocalDate,
  failures: number,
  policy: DunningPolicy,
): { readonly retryOn: LocalDate; readonly retryNumber: number } | undefined =>
  failures <= policy.retries ? { retryOn: addDays(failedOn, policy.retryIntervalDays), retryNumber: failures } : undefined;

/** Every retry date after a first failure on `failedOn`, when each retry fails on its day. */
export const dunningSchedule = (failedOn: LocalDate, policy: DunningPolicy): readonly LocalDate[] =>
  Array.from({ length: policy.retries }, (_, i) => addDays(failedOn, (i + 1) * policy.retryIntervalDays));
