/**
 * The ledger's side of a package's credits. A lot a package granted holds its units as
 * credits; the package decides whether a unit may be used, so when the package declines a
 * credit a booking took from its lot, or the ledger has no credit of the package left for a
 * service the package applied, the ledger records it here (and the package flows answer).
 */
import * as t from 'io-ts';
import { defineEvent } from '../kernel/codecs.js';
import { LocalDateC } from '../values/local-date.js';

const LotC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveInteger');

/** What became of a credit given back to its lot: back in it, or lost with it (expired or voided). */
export const CreditReturnOutcomeC = t.keyof({ restored: null, expired: null, voided: null }, 'CreditReturnOutcome');
export type CreditReturnOutcome = t.TypeOf<typeof CreditReturnOutcomeC>;

/**
 * The package declined the credit a booking took from its lot (it had no unit left for it,
 * was refunded, expired or given to someone else, or the date was blacked out). The credit
 * went back to the lot (`returned`: `restored`, or lost with a lot that has expired or been
 * voided, or because the package's credits here are void) and the booking took its credit elsewhere by the order of use, never again from
 * that package: from `lot` (of package `toPackageId`, if a package granted it), or, with no
 * credit left, it is now owed (`owed`). A cancelled booking only gives its credit back.
 */
export const PackageCreditDeclined = defineEvent(
  'PackageCreditDeclined',
  t.intersection([
    t.type({
      bookingId: t.string,
      appointmentType: t.string,
      packageId: t.string,
      fromLot: LotC,
      returned: CreditReturnOutcomeC,
      lot: t.union([LotC, t.null]),
      owed: t.boolean,
      /** The package's reason, as a code and a sentence. */
      code: t.string,
      reason: t.string,
      on: LocalDateC,
    }),
    t.partial({
      /** The package whose lot the booking uses now, and the holding that lot belongs to. */
      toPackageId: t.string,
      toPackageHolding: t.string,
    }),
  ]),
);

/**
 * The package had no unit free for the credit a booking took from its lot, but a service
 * applied to that package found no credit here and the package is giving that unit back:
 * the booking keeps the credit, and the package is asked again once it has.
 */
export const PackageCreditKept = defineEvent(
  'PackageCreditKept',
  t.intersection([
    t.type({ bookingId: t.string, packageId: t.string, appointmentType: t.string, on: LocalDateC }),
    t.partial({ packageHolding: t.string }),
  ]),
);

/**
 * A service applied to a package found no credit of that package left in the ledger: a
 * booking here used it first (the package takes its unit back), or the package's lot had
 * expired or been voided (`creditVoid`: the unit is void too). Nothing was booked.
 */
export const PackageCreditUnavailable = defineEvent(
  'PackageCreditUnavailable',
  t.type({
    bookingId: t.string,
    packageId: t.string,
    appointmentType: t.string,
    code: t.string,
    reason: t.string,
    creditVoid: t.boolean,
    on: LocalDateC,
  }),
);
