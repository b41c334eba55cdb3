/**
 * Lots and the per-type working set. Each appointment type keeps only its open lots (with
 * credits left, not expired, not voided) in the order of use; a lot that closes moves to
 * the ledger's closed lots, where a cancellation can still find it. All functions here
 * return new values and never change their arguments.
 */
import { compareCreditUse } from '../rules/credit-use.js';
import type { LocalDate } from '../values/local-date.js';
import type { CreditSource } from './events.js';

/** Why a lot holds no more credits: used up, expired (or lapsed at a rollover), voided. */
export type LotStatus = 'open' | 'exhausted' | 'expired' | 'voided';

export interface CreditLot {
  /** Grant order within the ledger: 1 for the first lot. */
  readonly lot: number;
  readonly appointmentType: string;
  readonly source: CreditSource;
  readonly reference: string | null;
  /** Credits granted. */
  readonly quantity: number;
  /** Credits left: between 0 and `quantity`. */
  readonly remaining: number;
  /** First date the credits can no longer be used; `null`: they never expire. */
  readonly expiresOn: LocalDate | null;
  readonly status: LotStatus;
}

/** The ledger of one appointment type. Its balance is `available − debt`. */
export interface CreditTypeState {
  /** Open lots in the order of use. */
  readonly open: readonly CreditLot[];
  /** Credits left in the open lots. */
  readonly available: number;
  /** Sessions booked without credit and not repaid yet (never above 0 while `available` is). */
  readonly debt: number;
  /** Queue index of the oldest booking that may still be owed. */
  readonly debtFrom: number;
  /** Queue index the next booking without credit takes. */
  readonly debtTo: number;
}

export const emptyTypeState: CreditTypeState = { open: [], available: 0, debt: 0, debtFrom: 0, debtTo: 0 };

/** The balance of a type: credits left minus sessions owed. */
export const typeBalance = (ts: CreditTypeState): number => ts.available - ts.debt;

/** Adds an open lot at its place in the order of use. */
export const withLot = (ts: CreditTypeState, lot: CreditLot): CreditTypeState => {
  const open = ts.open.slice();
  let i = open.length;
  while (i > 0 && compareCreditUse(open[i - 1] as CreditLot, lot) > 0) i--;
  open.splice(i, 0, lot);
  return { ...ts, open, available: ts.available + lot.remaining };
};

/** Removes an open lot (returning it), or `undefined` when it is not open. */
export const withoutLot = (ts: CreditTypeState, lotNumber: number): { ts: CreditTypeState; lot: CreditLot } | undefined => {
  const index = ts.open.findIndex((l) => l.lot === lotNumber);
  const lot = ts.open[index];
  if (lot === undefined) return undefined;
  const open = ts.open.slice();
  open.splice(index, 1);
  return { ts: { ...ts, open, available: ts.available - lot.remaining }, lot };
};

/**
 * Takes `quantity` credits from an open lot. A lot left empty leaves the working set and is
 * returned as `closed` with `emptyStatus`.
 */
export const takeFromLot = (
  ts: CreditTypeState,
  lotNumber: number,
  quantity: number,
  emptyStatus: LotStatus = 'exhausted',
): { ts: CreditTypeState; closed?: CreditLot } => {
  const index = ts.open.findIndex((l) => l.lot === lotNumber);
  const lot = ts.open[index];
  if (lot === undefined) return { ts };
  const remaining = lot.remaining - quantity;
  const open = ts.open.slice();
  const available = ts.available - quantity;
  if (remaining > 0) {
    open[index] = { ...lot, remaining };
    return { ts: { ...ts, open, available } };
  }
  open.splice(index, 1);
  return { ts: { ...ts, open, available }, closed: { ...lot, remaining: 0, status: emptyStatus } };
};
