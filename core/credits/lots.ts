/**
 * Lots and the per-type working set. Each appointment type keeps only its open lots (with
 * credits left, not expired, not voided) in the order of use; the credits left in each open
 * lot are kept apart (`CreditsState.remaining`), so using a credit changes one number and
 * the working set changes only when a lot opens or closes. A lot that closes moves to the
 * ledger's closed lots, where a cancellation can still find it.
 */
import { compareCreditUse } from '../rules/credit-use.js';
import type { LocalDate } from '../values/local-date.js';
import type { CreditSource } from './events.js';

/** Why a lot holds no more credits: used up, expired (or lapsed at a rollover), voided. */
export type CreditLotStatus = 'open' | 'exhausted' | 'expired' | 'voided';

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
  readonly status: CreditLotStatus;
  /** For a package's lot: the holding of the package it was granted for (see `GrantCredits.packageHolding`). */
  readonly packageHolding?: string;
}

/** What the working set keeps of an open lot (its credits left are kept apart). */
export type OpenCreditLot = Omit<CreditLot, 'remaining' | 'status'>;

/** The ledger of one appointment type. Its balance is the credits left in its open lots minus `debt`. */
export interface CreditTypeState {
  /** Open lots in the order of use. */
  readonly open: readonly OpenCreditLot[];
  /** Sessions booked without credit and not repaid yet (never above 0 while an open lot has credits). */
  readonly debt: number;
  /** Queue index of the oldest booking that may still be owed. */
  readonly debtFrom: number;
  /** Queue index the next booking without credit takes. */
  readonly debtTo: number;
}

export const emptyCreditTypeState: CreditTypeState = { open: [], debt: 0, debtFrom: 0, debtTo: 0 };

/** The open lots with a lot inserted at its place in the order of use. */
export const insertLot = (open: readonly OpenCreditLot[], lot: OpenCreditLot): readonly OpenCreditLot[] => {
  const next = open.slice();
  let i = next.length;
  while (i > 0 && compareCreditUse(next[i - 1] as OpenCreditLot, lot) > 0) i--;
  next.splice(i, 0, lot);
  return next;
};

/** The open lots without one. */
export const removeLot = (open: readonly OpenCreditLot[], lotNumber: number): readonly OpenCreditLot[] => {
  const index = open.findIndex((l) => l.lot === lotNumber);
  if (index < 0) return open;
  const next = open.slice();
  next.splice(index, 1);
  return next;
};

/**
 * The package whose units a lot holds: a lot the package flows granted (source `package`,
 * the package id as reference, and the holding it belongs to). The ledger uses these credits
 * for bookings only and does not end them itself (past their date they are unusable; the
 * package's expiry voids them); the package flows mirror every use onto the package. A lot
 * granted with source `package` but no holding (credits managed by hand) is an ordinary lot.
 */
export const packageOfCreditLot = (lot: Pick<OpenCreditLot, 'source' | 'reference' | 'packageHolding'>): string | undefined =>
  lot.source === 'package' && lot.reference !== null && lot.packageHolding !== undefined ? lot.reference : undefined;

/** What the events that use or restore a lot's credits say of its package: its id and the holding the lot belongs to. */
export interface CreditLotPackage {
  readonly packageId: string;
  readonly packageHolding?: string;
}

export const creditLotPackage = (lot: Pick<OpenCreditLot, 'source' | 'reference' | 'packageHolding'> | undefined): CreditLotPackage | undefined => {
  const packageId = lot === undefined ? undefined : packageOfCreditLot(lot);
  if (lot === undefined || packageId === undefined) return undefined;
  return lot.packageHolding === undefined ? { packageId } : { packageId, packageHolding: lot.packageHolding };
};

/**
 * A lot with its credits left and status. Built field by field: on the fold's hot path, a
 * spread that adds fields (`{ ...lot, remaining, status }`) costs V8 a slow path that made
 * it the most expensive line of a booking.
 */
export const creditLotOf = (lot: OpenCreditLot, remaining: number, status: CreditLotStatus): CreditLot =>
  lot.packageHolding === undefined
    ? {
        lot: lot.lot,
        appointmentType: lot.appointmentType,
        source: lot.source,
        reference: lot.reference,
        quantity: lot.quantity,
        expiresOn: lot.expiresOn,
        remaining,
        status,
      }
    : {
        lot: lot.lot,
        appointmentType: lot.appointmentType,
        source: lot.source,
        reference: lot.reference,
        quantity: lot.quantity,
        expiresOn: lot.expiresOn,
        remaining,
        status,
        packageHolding: lot.packageHolding,
      };

/** Just what the working set keeps of a lot. */
export const openCreditLotOf = (lot: CreditLot | OpenCreditLot): OpenCreditLot => ({
  lot: lot.lot,
  appointmentType: lot.appointmentType,
  source: lot.source,
  reference: lot.reference,
  quantity: lot.quantity,
  expiresOn: lot.expiresOn,
  ...(lot.packageHolding !== undefined ? { packageHolding: lot.packageHolding } : {}),
});
