/**
 * fast-check arbitraries for the values, for integrators' property tests as much as ours.
 * fast-check is a peer dependency of `practice-ledger/testing`.
 */
import fc from 'fast-check';
import { fromDayNumberToDate, dayNumber, localDate, type LocalDate } from '../core/values/local-date.js';
import { money, type Money } from '../core/values/money.js';
import type { Period } from '../core/values/period.js';
import { FrequencyC, type Frequency } from '../core/rules/billing-calendar.js';

const MIN_DAY = dayNumber(localDate('1990-01-01'));
const MAX_DAY = dayNumber(localDate('2100-12-31'));

/** A date between `from` and `to` inclusive (default 1990-01-01 … 2100-12-31). */
export const arbLocalDate = (from: LocalDate = fromDayNumberToDate(MIN_DAY), to: LocalDate = fromDayNumberToDate(MAX_DAY)): fc.Arbitrary<LocalDate> =>
  fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(fromDayNumberToDate);

/** A date that is often a month end (the 28th–31st), where clamping matters. */
export const arbAnchorDate = (): fc.Arbitrary<LocalDate> =>
  fc.oneof(
    arbLocalDate(),
    fc
      .record({ year: fc.integer({ min: 1990, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 28, max: 31 }) })
      .map(({ year, month, day }) => {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        return localDate(`${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`);
      }),
  );

export const arbCurrency = (): fc.Arbitrary<string> => fc.constantFrom('USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY');

/** An amount of money, by default between −1,000,000.00 and 1,000,000.00. */
export const arbMoney = (options: { readonly min?: number; readonly max?: number; readonly currency?: string } = {}): fc.Arbitrary<Money> =>
  fc
    .tuple(fc.integer({ min: options.min ?? -100_000_000, max: options.max ?? 100_000_000 }), options.currency ? fc.constant(options.currency) : arbCurrency())
    .map(([amount, currency]) => money(amount, currency));

/** A non-empty period of up to `maxDays` days. */
export const arbPeriod = (maxDays = 400): fc.Arbitrary<Period> =>
  fc.tuple(arbLocalDate(), fc.integer({ min: 1, max: maxDays })).map(([start, days]) => ({
    start,
    end: fromDayNumberToDate(dayNumber(start) + days),
  }));

/** A partition of `period` into 1 … `maxParts` consecutive non-empty parts. */
export const arbPartition = (p: Period, maxParts = 8): fc.Arbitrary<readonly Period[]> => {
  const days = dayNumber(p.end) - dayNumber(p.start);
  return fc
    .uniqueArray(fc.integer({ min: 1, max: Math.max(1, days - 1) }), { maxLength: Math.min(maxParts - 1, Math.max(0, days - 1)) })
    .map((cuts) => {
      const points = [0, ...cuts.filter((c) => c < days).sort((a, b) => a - b), days];
      const startDay = dayNumber(p.start);
      const parts: Period[] = [];
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1] ?? 0;
        const b = points[i] ?? days;
        if (b > a) parts.push({ start: fromDayNumberToDate(startDay + a), end: fromDayNumberToDate(startDay + b) });
      }
      return parts;
    });
};

export const arbFrequency = (): fc.Arbitrary<Frequency> =>
  fc.constantFrom(...(Object.keys(FrequencyC.keys) as Frequency[]));
