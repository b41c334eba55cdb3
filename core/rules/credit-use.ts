/**
 * The order in which credits are used: from the lot that expires first, lots without an
 * expiry last, ties by grant order. A lot's expiry date is the first date on which its
 * credits can no longer be used (credits of a lot expiring on May 1 are usable through
 * April 30), so a lot is usable on `on` while `on < expiresOn`.
 */
import type { LocalDate } from '../values/local-date.js';

/** What the rule needs to know of a lot. */
export interface UsableCreditLot {
  /** Grant order within the client's ledger: 1 for the first lot granted. */
  readonly lot: number;
  /** Credits left in the lot. */
  readonly remaining: number;
  /** First date the credits can no longer be used; `null` when they never expire. */
  readonly expiresOn: LocalDate | null;
}

/** Negative when lot `a` is used before lot `b`. */
export const compareCreditUse = (a: Pick<UsableCreditLot, 'lot' | 'expiresOn'>, b: Pick<UsableCreditLot, 'lot' | 'expiresOn'>): number => {
  if (a.expiresOn !== b.expiresOn) {
    if (a.expiresOn === null) return 1;
    if (b.expiresOn === null) return -1;
    return a.expiresOn < b.expiresOn ? -1 : 1;
  }
  return a.lot - b.lot;
};

/** Whether the lot's credits have expired on `on` (its expiry date is on or before `on`). */
export const isCreditLotExpired = (lot: Pick<UsableCreditLot, 'expiresOn'>, on: LocalDate): boolean =>
  lot.expiresOn !== null && lot.expiresOn <= on;

/** One part of a quantity taken from a lot. */
export interface CreditsTaken {
  readonly lot: number;
  readonly quantity: number;
}

/**
 * Takes `quantity` credits from `lots` in the order of use (the lots need not be sorted).
 * Returns the parts taken and how much could not be taken (0 when the lots sufficed).
 */
export const takeCredits = (
  lots: readonly UsableCreditLot[],
  quantity: number,
): { readonly taken: readonly CreditsTaken[]; readonly shortfall: number } => {
  const taken: CreditsTaken[] = [];
  let left = quantity;
  for (const lot of [...lots].sort(compareCreditUse)) {
    if (left <= 0) break;
    const part = Math.min(lot.remaining, left);
    if (part > 0) {
      taken.push({ lot: lot.lot, quantity: part });
      left -= part;
    }
  }
  return { taken, shortfall: Math.max(0, left) };
};
