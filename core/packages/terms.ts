/**
 * The terms of a package as defined in the catalog (one version of a definition): what it
 * includes, what it costs, how long it is valid, how it may be used, and the program it
 * enrolls the buyer in. A sold package keeps a copy of the version it was sold with, so
 * editing the catalog never changes what a client bought.
 */
import * as t from 'io-ts';
import { MoneyC } from '../values/money.js';
import { LocalDateC } from '../values/local-date.js';
import { PercentC } from '../values/percent.js';

/** A whole number of at least 1. */
export const PackageCountC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveInteger');
/** A non-empty identifier or code. */
export const PackageIdC = t.refinement(t.string, (s) => s.trim().length > 0, 'NonEmptyString');

/** One line of a package: a service, how many units, and what one unit is worth on its own. */
export const PackageItemC = t.intersection([
  t.type({
    /** The service (appointment type) a unit is for. */
    serviceId: PackageIdC,
    quantity: PackageCountC,
    /** The individual price of one unit, against which savings are shown. */
    unitValue: MoneyC,
  }),
  t.partial({
    /** The service's name as shown to the client ("Facial"). */
    name: t.string,
    /**
     * The restriction to certain services: the services a unit of this item may be
     * applied to. @defaultValue only `serviceId`
     */
    allowedServices: t.readonlyArray(PackageIdC),
  }),
]);
export type PackageItem = t.TypeOf<typeof PackageItemC>;

/** How long a package is valid from its purchase: a number of months (clamped to month ends) or of days. */
export const PackageValidityC = t.union([t.type({ months: PackageCountC }), t.type({ days: PackageCountC })]);
export type PackageValidity = t.TypeOf<typeof PackageValidityC>;

export const PackageRestrictionsC = t.type({
  /** The owner may give the package to someone else. @defaultValue false */
  transferable: t.boolean,
  /** The owner may let named people use its units. @defaultValue false */
  shareable: t.boolean,
  /** Dates on which the package cannot be used (holidays). @defaultValue none */
  blackoutDates: t.readonlyArray(LocalDateC),
});
export type PackageRestrictions = t.TypeOf<typeof PackageRestrictionsC>;

/** Restrictions as a caller gives them: each one left out takes its default. */
export const PackageRestrictionsInputC = t.partial(PackageRestrictionsC.props);
export type PackageRestrictionsInput = t.TypeOf<typeof PackageRestrictionsInputC>;

export const defaultPackageRestrictions: PackageRestrictions = { transferable: false, shareable: false, blackoutDates: [] };

/** Fills the defaults in; blackout dates are sorted and kept once each. */
export const packageRestrictions = (input: PackageRestrictionsInput = {}): PackageRestrictions => ({
  transferable: input.transferable ?? defaultPackageRestrictions.transferable,
  shareable: input.shareable ?? defaultPackageRestrictions.shareable,
  blackoutDates: [...new Set(input.blackoutDates ?? [])].sort(),
});

/** What a definition says, without its identity: the part an edit replaces. */
export const PackageContentC = t.intersection([
  t.type({
    name: t.string,
    items: t.readonlyArray(PackageItemC),
    /** The total price of the package (usually below the sum of the unit values). */
    price: MoneyC,
    restrictions: PackageRestrictionsC,
  }),
  t.partial({
    description: t.string,
    /** How long the package is valid from its purchase. @defaultValue no expiry */
    validity: PackageValidityC,
    /** The program the buyer is enrolled in. @defaultValue none */
    programId: PackageIdC,
  }),
]);
export type PackageContent = t.TypeOf<typeof PackageContentC>;

/** One version of a package definition. */
export const PackageTermsC = t.intersection([
  t.type({ definitionId: PackageIdC, version: PackageCountC }),
  PackageContentC,
]);
export type PackageTerms = t.TypeOf<typeof PackageTermsC>;

/**
 * A promotion recorded on a sale: "buy 6 get 1 free" adds `free` units of a service for
 * each `buy` units at no extra price; a percentage off lowers the price paid.
 */
export const PackagePromotionC = t.union([
  t.type({ kind: t.literal('buy-get-free'), name: t.string, serviceId: PackageIdC, buy: PackageCountC, free: PackageCountC }),
  t.type({ kind: t.literal('percent-off'), name: t.string, percent: PercentC }),
]);
export type PackagePromotion = t.TypeOf<typeof PackagePromotionC>;
