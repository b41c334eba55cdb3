/**
 * The facts of a package's units as credits in its holder's ledger. The package is the
 * gatekeeper of its units: a unit a booking used in the ledger is recorded here (or the use
 * is declined, and the ledger moves the booking off the package's credit); a credit that
 * came back on a cancellation makes its unit unused again, or void when the package can no
 * longer be used; an applied service whose credit the ledger no longer had is reversed.
 */
import * as t from 'io-ts';
import { defineEvent } from '../kernel/codecs.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { PackageIdC } from './terms.js';

const UnitIndexC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'UnitIndex');

/** What became of a unit whose credit came back: usable again, or void (the package was refunded, expired or given away). */
export const PackageUnitReturnC = t.keyof({ unused: null, void: null }, 'PackageUnitReturn');
export type PackageUnitReturn = t.TypeOf<typeof PackageUnitReturnC>;

/** A session booked in the holder's credits ledger used one of the package's credits: one unit used. */
export const PackageCreditUsed = defineEvent(
  'PackageCreditUsed',
  t.type({
    packageId: PackageIdC,
    /** The client whose ledger booked it (the holder). */
    clientId: PackageIdC,
    bookingId: PackageIdC,
    /** The appointment type of the credit: the unit's service. */
    serviceId: PackageIdC,
    unit: UnitIndexC,
    value: MoneyC,
    on: LocalDateC,
    /** The holding whose lot the credit came from. */
    holding: PackageIdC,
  }),
);

/** The package could not give a unit for a credit a booking took from its lot; the ledger moves the booking off it. */
export const PackageCreditUseDeclined = defineEvent(
  'PackageCreditUseDeclined',
  t.type({
    packageId: PackageIdC,
    clientId: PackageIdC,
    bookingId: PackageIdC,
    serviceId: PackageIdC,
    code: t.string,
    reason: t.string,
    /** The package can no longer be used from that ledger (refunded, expired, given away): the credit given back is void. */
    creditVoid: t.boolean,
    on: LocalDateC,
    /** The holding whose lot the credit came from: when the credit is void, so are that holding's credits there. */
    holding: PackageIdC,
  }),
);

/** A cancelled session's credit came back to the package's lot: its unit is unused again (or void). */
export const PackageUnitRestored = defineEvent(
  'PackageUnitRestored',
  t.type({
    packageId: PackageIdC,
    clientId: PackageIdC,
    bookingId: PackageIdC,
    unit: UnitIndexC,
    outcome: PackageUnitReturnC,
    value: MoneyC,
    on: LocalDateC,
    /** The holding whose lot the credit came back to: when it is void, so are that holding's credits in the ledger. */
    holding: PackageIdC,
  }),
);

/**
 * The ledger had no credit of the package left for a service applied to it (a booking there
 * used it first, or the package's credits had been voided): the application is undone and
 * its unit is unused again (or void); the appointment is not paid by the package.
 */
export const PackageServiceApplicationReversed = defineEvent(
  'PackageServiceApplicationReversed',
  t.intersection([
    t.type({
      packageId: PackageIdC,
      clientId: PackageIdC,
      bookingId: PackageIdC,
      unit: UnitIndexC,
      outcome: PackageUnitReturnC,
      value: MoneyC,
      code: t.string,
      reason: t.string,
      on: LocalDateC,
      holding: PackageIdC,
    }),
    t.partial({ appointmentId: PackageIdC }),
  ]),
);
