import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  endOfMonth,
  isoWeekday,
  localDate,
  LocalDateC,
  dayNumber,
  fromDayNumberToDate,
} from '../../../core/values/local-date.js';
import { practiceDate, startOfPracticeDay, instant, addHours } from '../../../core/values/calendar.js';
import { arbLocalDate } from '../../../testing/arbitraries.js';

describe('LocalDate', () => {
  it('accepts real dates and refuses impossible ones with a reason', () => {
    expect(localDate('2024-02-29')).toBe('2024-02-29');
    expect(() => localDate('2025-02-29')).toThrow(/not a day of 2025-02/);
    expect(() => localDate('2025-02-30')).toThrow(RangeError);
    expect(() => localDate('2025-13-01')).toThrow(/no month 13/);
    expect(() => localDate('2025-1-01')).toThrow(/YYYY-MM-DD/);
    expect(() => localDate('1900-02-29')).toThrow();
    expect(localDate('2000-02-29')).toBe('2000-02-29');
  });
  it('law: a string is a date exactly when it is YYYY-MM-DD with a month and a day of that month (calendar of the JS Date, year 1 on)', () => {
    const chars = fc.constantFrom('0', '1', '2', '3', '9', '-', 'x', '٣');
    const candidates = fc.oneof(
      fc.string({ unit: chars, minLength: 8, maxLength: 11 }),
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
        ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      ),
    );
    fc.assert(
      fc.property(candidates, (s) => {
        const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
        const reference = (() => {
          if (match === null) return false;
          const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
          if (y < 1 || m < 1 || m > 12 || d < 1) return false;
          const probe = new Date(Date.UTC(2000, m - 1, d));
          probe.setUTCFullYear(y);
          return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
        })();
        expect(LocalDateC.is(s)).toBe(reference);
      }),
      { numRuns: 3000 },
    );
  });
  it('decodes untrusted input with the reason', () => {
    const r = LocalDateC.decode('2025-02-30');
    expect(isLeft(r) && r.left[0]?.message).toMatch(/2025-02-30/);
    expect(isLeft(LocalDateC.decode(20250101))).toBe(true);
  });
  it('adds days across months, years and leap days', () => {
    expect(addDays(localDate('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(localDate('2024-02-29'), 1)).toBe('2024-03-01');
    expect(addDays(localDate('2024-12-31'), 1)).toBe('2025-01-01');
    expect(addDays(localDate('2025-01-01'), -1)).toBe('2024-12-31');
  });
  it('adds months clamping to the month end', () => {
    const jan31 = localDate('2025-01-31');
    expect(addMonthsClamped(jan31, 1)).toBe('2025-02-28');
    expect(addMonthsClamped(localDate('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonthsClamped(jan31, 2)).toBe('2025-03-31');
    expect(addMonthsClamped(jan31, 3)).toBe('2025-04-30');
    expect(addMonthsClamped(jan31, -2)).toBe('2024-11-30');
    expect(addMonthsClamped(localDate('2024-02-29'), 12)).toBe('2025-02-28');
  });
  it('counts days between dates', () => {
    expect(daysBetween(localDate('2025-01-01'), localDate('2025-02-01'))).toBe(31);
    expect(daysBetween(localDate('2024-02-01'), localDate('2024-03-01'))).toBe(29);
    expect(daysBetween(localDate('2025-03-01'), localDate('2025-02-01'))).toBe(-28);
  });
  it('knows month ends and weekdays', () => {
    expect(endOfMonth(localDate('2024-02-10'))).toBe('2024-02-29');
    expect(isoWeekday(localDate('2025-03-03'))).toBe(1); // a Monday
    expect(isoWeekday(localDate('2025-03-09'))).toBe(7); // a Sunday
  });
  it('law: day numbers round-trip and agree with the platform calendar', () => {
    fc.assert(
      fc.property(arbLocalDate(), (d) => {
        expect(fromDayNumberToDate(dayNumber(d))).toBe(d);
        expect(dayNumber(d)).toBe(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
      }),
    );
  });
  it('law: adding days then subtracting them returns the date', () => {
    fc.assert(
      fc.property(arbLocalDate(), fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});

describe('practice dates', () => {
  it('converts an instant to the practice calendar date in its time zone', () => {
    const at = instant('2025-03-01T03:30:00Z');
    expect(practiceDate(at, 'UTC')).toBe('2025-03-01');
    expect(practiceDate(at, 'America/New_York')).toBe('2025-02-28');
    expect(practiceDate(at, 'Asia/Tokyo')).toBe('2025-03-01');
    expect(practiceDate(instant('2025-03-01T16:00:00Z'), 'Asia/Tokyo')).toBe('2025-03-02');
  });
  it('finds the instant a practice day starts, across a DST change', () => {
    expect(startOfPracticeDay(localDate('2025-03-09'), 'America/New_York')).toBe('2025-03-09T05:00:00.000Z');
    expect(startOfPracticeDay(localDate('2025-03-10'), 'America/New_York')).toBe('2025-03-10T04:00:00.000Z');
    expect(startOfPracticeDay(localDate('2025-06-01'), 'Europe/Paris')).toBe('2025-05-31T22:00:00.000Z');
  });
  it('adds hours to instants', () => {
    expect(addHours(instant('2025-03-01T09:00:00Z'), 48)).toBe('2025-03-03T09:00:00.000Z');
  });
  it('refuses malformed instants', () => {
    expect(() => instant('2025-03-01 09:00')).toThrow(RangeError);
    expect(() => instant('2025-02-30T00:00:00Z')).toThrow(RangeError);
  });
});
