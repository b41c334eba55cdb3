import { describe, expect, it } from 'vitest';
import { cancellationEffectiveDate } from '../../../core/rules/cancellation.js';
import { defaultDunningPolicy, dunningSchedule, nextPaymentRetry } from '../../../core/rules/dunning.js';
import { localDate } from '../../../core/values/local-date.js';

const d = localDate;

describe('dunning schedule', () => {
  it('retries 3 times, 3 days apart, by default', () => {
    expect(dunningSchedule(d('2025-03-01'), defaultDunningPolicy)).toEqual(['2025-03-04', '2025-03-07', '2025-03-10']);
  });

  it('the fourth failure leaves no retry', () => {
    expect(nextPaymentRetry(d('2025-03-01'), 1, defaultDunningPolicy)).toEqual({ retryOn: '2025-03-04', retryNumber: 1 });
    expect(nextPaymentRetry(d('2025-03-10'), 4, defaultDunningPolicy)).toBeUndefined();
  });
});

describe('cancellation date', () => {
  const base = { currentPeriod: { start: d('2025-01-01'), end: d('2025-02-01') }, anchor: d('2025-01-01'), frequency: 'monthly' as const };

  it('takes effect at the end of the period containing request + notice', () => {
    expect(cancellationEffectiveDate({ ...base, requestedOn: d('2025-01-10'), noticeDays: 10, timing: 'end-of-period' })).toBe('2025-02-01');
    expect(cancellationEffectiveDate({ ...base, requestedOn: d('2025-01-25'), noticeDays: 10, timing: 'end-of-period' })).toBe('2025-03-01');
  });

  it('or on request + notice, by policy', () => {
    expect(cancellationEffectiveDate({ ...base, requestedOn: d('2025-01-25'), noticeDays: 10, timing: 'after-notice' })).toBe('2025-02-04');
  });
});
