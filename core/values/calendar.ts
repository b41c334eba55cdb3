/**
 * The one conversion between instants and the practice's calendar dates. Instants are
 * ISO-8601 strings in UTC; a practice's time zone is an IANA name (`Europe/Paris`).
 */
import { TZDate } from '@date-fns/tz';
import * as t from 'io-ts';
import { isLocalDate, localDate, type LocalDate } from './local-date.js';

declare const InstantBrand: unique symbol;
/** An ISO-8601 instant in UTC, `2025-03-01T09:30:00.000Z`. */
export type Instant = string & { readonly [InstantBrand]: true };

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/;

export const isInstant = (u: unknown): u is Instant => {
  if (typeof u !== 'string') return false;
  const match = INSTANT.exec(u);
  return match !== null && isLocalDate(match[1]) && !Number.isNaN(Date.parse(u));
};

/** Parses an ISO-8601 UTC instant; throws `RangeError` otherwise. */
export const instant = (s: string): Instant => {
  if (!isInstant(s)) throw new RangeError(`"${s}" is not an ISO-8601 UTC instant (YYYY-MM-DDTHH:mm:ssZ)`);
  return s;
};

export const InstantC = new t.Type<Instant, string, unknown>(
  'Instant',
  isInstant,
  (u, c) =>
    isInstant(u) ? t.success(u) : t.failure(u, c, 'must be an ISO-8601 UTC instant (YYYY-MM-DDTHH:mm:ssZ)'),
  // io-ts recognises `t.identity`: the codecs built from this one encode without copying.
  t.identity,
);

/** Milliseconds since the epoch of an instant. */
export const epochMillis = (i: Instant): number => Date.parse(i);

/** The instant `ms` milliseconds after the epoch. */
export const instantFromMillis = (ms: number): Instant => instant(new Date(ms).toISOString());

/** The instant `hours` after `i`. */
export const addHours = (i: Instant, hours: number): Instant => instantFromMillis(epochMillis(i) + hours * 3_600_000);

/** The practice's calendar date at an instant, in its IANA time zone. */
export const practiceDate = (at: Instant | string, timeZone: string): LocalDate => {
  const when = new TZDate(Date.parse(at), timeZone);
  if (Number.isNaN(when.getTime())) throw new RangeError(`"${at}" is not an instant`);
  const y = String(when.getFullYear()).padStart(4, '0');
  const m = String(when.getMonth() + 1).padStart(2, '0');
  const d = String(when.getDate()).padStart(2, '0');
  return localDate(`${y}-${m}-${d}`);
};

/**
 * The instant at which a practice date begins (local midnight) in its time zone; the
 * end of a day `d` is the start of `d + 1`.
 */
export const startOfPracticeDay = (date: LocalDate, timeZone: string): Instant => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const local = new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone);
  return instantFromMillis(local.getTime());
};
