/**
 * The shape of the facade's inputs, for TypeScript callers: a command's fields without
 * its `type` (the method says which it is) and without what the facade fills in (the
 * practice's policies), dates as plain `YYYY-MM-DD` strings, `on` optional (the practice's
 * date by the clock), plus the envelope. JavaScript callers pass anything: every input is
 * decoded at the edge.
 */
import type { Instant } from '../values/calendar.js';
import type { LocalDate } from '../values/local-date.js';
import type { Percent } from '../values/percent.js';
import type { LedgerEnvelope } from './kit.js';

/** A value with its branded strings and numbers as plain ones (`LocalDate` → `string`). */
export type Loose<T> = T extends LocalDate
  ? string
  : T extends Instant
    ? string
    : T extends Percent
      ? number
      : T extends readonly (infer U)[]
        ? readonly Loose<U>[]
        : T extends object
          ? { readonly [K in keyof T]: Loose<T[K]> }
          : T;

/** The input of the method for command `C`; `Filled` are the fields the facade fills in. */
export type LedgerInput<C, Filled extends PropertyKey = never> = Loose<Omit<C, 'type' | 'on' | Filled>> & {
  /** The practice-local date the command is for. @defaultValue the practice's date now, by the `Clock` in the practice's time zone */
  readonly on?: string;
} & LedgerEnvelope;

/** The input of the method for command `C` that carries an instant (`at`) rather than a date. */
export type LedgerTimedInput<C, Filled extends PropertyKey = never> = Loose<Omit<C, 'type' | 'at' | Filled>> & {
  /** The instant the command happens at (ISO-8601 UTC). @defaultValue now, by the `Clock` */
  readonly at?: string;
} & LedgerEnvelope;
