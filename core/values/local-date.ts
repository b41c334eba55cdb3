/**
 * A plain calendar date (`YYYY-MM-DD`) in the practice's time zone. Business rules work
 * on these, never on instants. Arithmetic is on day numbers (days since 1970-01-01 in the
 * proleptic Gregorian calendar), so it is exact and independent of any time zone.
 */
import * as t from 'io-ts';

declare const LocalDateBrand: unique symbol;
export type LocalDate = string & { readonly [LocalDateBrand]: true };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Number of days in month `m` (1–12) of year `y`. */
export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/** The value of the ASCII digit at `i`, or -1. */
const digitAt = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 0x30;
  return d >= 0 && d <= 9 ? d : -1;
};

/** Whether `s` is a valid date, read character by character (every event read checks its dates). */
const isValidDate = (s: string): boolean => {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return false;
  const y0 = digitAt(s, 0), y1 = digitAt(s, 1), y2 = digitAt(s, 2), y3 = digitAt(s, 3);
  const m0 = digitAt(s, 5), m1 = digitAt(s, 6), d0 = digitAt(s, 8), d1 = digitAt(s, 9);
  if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0 || m0 < 0 || m1 < 0 || d0 < 0 || d1 < 0) return false;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
};

/** Why `s` is not a valid date, or `undefined` when it is one. */
const invalidity = (s: string): string | undefined => {
  if (isValidDate(s)) return undefined;
  const match = SHAPE.exec(s);
  if (!match) return 'is not a date of the form YYYY-MM-DD';
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1) return 'has a year before 0001';
  if (m < 1 || m > 12) return `has no month ${m}`;
  if (d < 1 || d > daysInMonth(y, m)) return `is not a day of ${y}-${match[2]} (it has ${daysInMonth(y, m)} days)`;
  return undefined;
};

export const isLocalDate = (u: unknown): u is LocalDate =>
  typeof u === 'string' && invalidity(u) === undefined;

/** Parses a `YYYY-MM-DD` date; throws `RangeError` naming what is wrong (2025-02-30 has no such day). */
export const localDate = (s: string): LocalDate => {
  const why = invalidity(s);
  if (why !== undefined) throw new RangeError(`"${s}" ${why}`);
  return s as LocalDate;
};

/** io-ts codec for untrusted dates; the failure says why the date is invalid. */
export const LocalDateC = new t.Type<LocalDate, string, unknown>(
  'LocalDate',
  isLocalDate,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'must be a date string YYYY-MM-DD');
    const why = invalidity(u);
    return why === undefined ? t.success(u as LocalDate) : t.failure(u, c, `"${u}" ${why}`);
  },
  // io-ts recognises `t.identity`: the codecs built from this one encode without copying.
  t.identity,
);

// Days from civil (H. Hinnant's algorithm): exact for every proleptic Gregorian date.
const toDayNumber = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

const fromDayNumber = (n: number): { y: number; m: number; d: number } => {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const format = (y: number, m: number, d: number): LocalDate => {
  if (y < 1 || y > 9999) throw new RangeError(`Date out of range: year ${y}`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` as LocalDate;
};

/** The parts of a date. */
export const dateParts = (date: LocalDate): { year: number; month: number; day: number } => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10)),
});

/** Days since 1970-01-01 (negative before). */
export const dayNumber = (date: LocalDate): number => {
  const { year, month, day } = dateParts(date);
  return toDayNumber(year, month, day);
};

export const fromDayNumberToDate = (n: number): LocalDate => {
  const { y, m, d } = fromDayNumber(n);
  return format(y, m, d);
};

export const addDays = (date: LocalDate, days: number): LocalDate => {
  if (!Number.isSafeInteger(days)) throw new RangeError(`Days must be an integer, got ${days}`);
  return fromDayNumberToDate(dayNumber(date) + days);
};

/**
 * Adds whole months, clamping to the month's last day: Jan 31 + 1 month = Feb 28 (29 in
 * a leap year). Negative months go back.
 */
export const addMonthsClamped = (date: LocalDate, months: number): LocalDate => {
  if (!Number.isSafeInteger(months)) throw new RangeError(`Months must be an integer, got ${months}`);
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return format(y, m, Math.min(day, daysInMonth(y, m)));
};

/** Days from `from` to `to` (`to − from`): 1 from a date to the next one. */
export const daysBetween = (from: LocalDate, to: LocalDate): number => dayNumber(to) - dayNumber(from);

/** Calendar order; `YYYY-MM-DD` strings sort as dates. */
export const compareDates = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);
export const isBefore = (a: LocalDate, b: LocalDate): boolean => a < b;
export const isAfter = (a: LocalDate, b: LocalDate): boolean => a > b;
export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);

/** The last day of the date's month. */
export const endOfMonth = (date: LocalDate): LocalDate => {
  const { year, month } = dateParts(date);
  return format(year, month, daysInMonth(year, month));
};

/** ISO day of the week: 1 Monday … 7 Sunday. */
export const isoWeekday = (date: LocalDate): number => {
  const n = dayNumber(date);
  // 1970-01-01 was a Thursday (4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
};

/** The `YYYY-MM` month a date falls in. */
export const monthOf = (date: LocalDate): string => date.slice(0, 7);
