/**
 * The limits of untrusted input, checked on every command once its codec has accepted it
 * (`commandDecoder` runs them): what no practice ever sends and what would otherwise reach
 * the rules as a value they cannot hold. A command over a limit is refused with
 * `INVALID_COMMAND` naming the field, like any other malformed input.
 *
 * - no key that pollutes a prototype when a careless merge assigns it (`__proto__`,
 *   `constructor`, `prototype`);
 * - strings of at most {@link COMMAND_LIMITS.maxStringLength} characters, without control
 *   characters (tabs and line breaks are text) or halves of a surrogate pair;
 * - finite numbers; an amount of money (a number named `amount`, as in `{ amount, currency }`)
 *   within ± {@link COMMAND_LIMITS.maxMoneyAmount} minor units, any other number (a quantity,
 *   a count of days or months, a weight, a version) within ± {@link COMMAND_LIMITS.maxCount};
 * - dates and instants (`YYYY-MM-DD…`) in the years {@link COMMAND_LIMITS.minYear} to
 *   {@link COMMAND_LIMITS.maxYear}, so that every date the rules derive from them stays a date.
 */

export const COMMAND_LIMITS = {
  /** The longest string a command may hold (an id, a name, a note). */
  maxStringLength: 10_000,
  /** The largest quantity, count of days or months, weight or version. */
  maxCount: 10_000,
  /** The largest amount of money, in minor units (1,000,000,000.00 of a currency with cents). */
  maxMoneyAmount: 100_000_000_000,
  /** The earliest year of a date or an instant. */
  minYear: 1900,
  /** The latest year of a date or an instant. */
  maxYear: 2999,
} as const;

/** A field over a limit: its path and why. */
export interface LimitBreach {
  readonly field: string;
  readonly reason: string;
}

const POLLUTING = new Set(['__proto__', 'constructor', 'prototype']);
// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const DATE_PREFIX = /^(\d{4})-\d{2}-\d{2}(?:$|T)/;

const checkString = (s: string, field: string): LimitBreach | undefined => {
  if (s.length > COMMAND_LIMITS.maxStringLength) return { field, reason: `is longer than ${COMMAND_LIMITS.maxStringLength} characters (${s.length})` };
  const control = CONTROL.exec(s);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).padStart(4, '0');
    return { field, reason: `holds a control character (U+${code.toUpperCase()} at ${control.index})` };
  }
  if (LONE_SURROGATE.test(s)) return { field, reason: 'holds half of a surrogate pair (not text)' };
  const date = DATE_PREFIX.exec(s);
  const year = date === null ? undefined : Number(date[1]);
  if (year !== undefined && (year < COMMAND_LIMITS.minYear || year > COMMAND_LIMITS.maxYear)) {
    return { field, reason: `is a date in the year ${year}, outside ${COMMAND_LIMITS.minYear}–${COMMAND_LIMITS.maxYear}` };
  }
  return undefined;
};

const checkNumber = (n: number, field: string, money: boolean): LimitBreach | undefined => {
  const max = money ? COMMAND_LIMITS.maxMoneyAmount : COMMAND_LIMITS.maxCount;
  if (!Number.isFinite(n)) return { field, reason: `is not a finite number (${n})` };
  if (Math.abs(n) > max) return { field, reason: `is beyond ±${max.toLocaleString('en')} (${n})` };
  return undefined;
};

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** The first field of `value` over a limit, or `undefined` when every field is within them. */
export const commandLimitBreach = (value: unknown, path = '', money = false): LimitBreach | undefined => {
  if (typeof value === 'string') return checkString(value, path);
  if (typeof value === 'number') return checkNumber(value, path, money);
  if (typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    const field = join(path, key);
    if (POLLUTING.has(key)) return { field, reason: 'is not a field a command may have' };
    const keyBreach = checkString(key, field);
    if (keyBreach !== undefined) return { field, reason: `as a field name ${keyBreach.reason}` };
    // Every `amount` of a command is money (in minor units); no count is named so.
    const breach = commandLimitBreach((value as Record<string, unknown>)[key], field, key === 'amount');
    if (breach !== undefined) return breach;
  }
  return undefined;
};
