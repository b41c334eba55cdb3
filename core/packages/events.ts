/**
 * The facts of one sold package (stream `package-<packageId>`). Each records the dates,
 * units and amounts decided, and the policy that applied, so replay needs no configuration.
 * Units are numbered by their index in the sale's `units`.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type EventOf } from '../kernel/codecs.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { PercentC } from '../values/percent.js';
import { PackageCountC, PackageIdC, PackagePromotionC, PackageTermsC } from './terms.js';
import { PackageCreditUseDeclined, PackageCreditUsed, PackageServiceApplicationReversed, PackageUnitRestored } from './credit-events.js';

export * from './credit-events.js';

const UnitIndexC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'UnitIndex');
const UnitIndexesC = t.readonlyArray(UnitIndexC);

/** Units of one service, counted and valued: what a flow needs to grant or void credits. */
export const PackageServiceUnitsC = t.type({ serviceId: PackageIdC, quantity: PackageCountC, value: MoneyC });
export type PackageServiceUnits = t.TypeOf<typeof PackageServiceUnitsC>;

/** A unit as sold: its item, its service, its share of the price, and whether a promotion gave it. */
export const PackageSoldUnitC = t.type({ item: UnitIndexC, serviceId: PackageIdC, value: MoneyC, free: t.boolean });
export type PackageSoldUnit = t.TypeOf<typeof PackageSoldUnitC>;

export const PackageSaleChannelC = t.keyof({ 'check-out': null, appointment: null, 'bulk-order': null }, 'PackageSaleChannel');
export type PackageSaleChannel = t.TypeOf<typeof PackageSaleChannelC>;

export const PackageRefundMethodC = t.keyof({ wallet: null, card: null, 'store-credit': null }, 'PackageRefundMethod');
export type PackageRefundMethod = t.TypeOf<typeof PackageRefundMethodC>;

/** A package was sold (or issued from a bulk order code) to a client, with the terms of its version. */
export const PackageSold = defineEvent(
  'PackageSold',
  t.intersection([
    t.type({
      packageId: PackageIdC,
      clientId: PackageIdC,
      terms: PackageTermsC,
      soldOn: LocalDateC,
      channel: PackageSaleChannelC,
      promotions: t.readonlyArray(PackagePromotionC),
      units: t.readonlyArray(PackageSoldUnitC),
      listValue: MoneyC,
      pricePaid: MoneyC,
      savings: MoneyC,
    }),
    t.partial({
      /** The first day it can no longer be used; absent when it never expires. */
      expiresOn: LocalDateC,
      appointmentId: PackageIdC,
      bulkOrder: t.type({
        orderId: PackageIdC,
        businessId: PackageIdC,
        code: PackageIdC,
        redeemedOn: LocalDateC,
        discountPercent: PercentC,
      }),
    }),
  ]),
);

/** A service was applied to the package at an appointment: one unit used. */
export const PackageServiceApplied = defineEvent(
  'PackageServiceApplied',
  t.intersection([
    t.type({
      packageId: PackageIdC,
      /** Who was served: the owner or a person the package is shared with. */
      clientId: PackageIdC,
      /** The service performed. */
      serviceId: PackageIdC,
      /** The service of the unit's item (the credit's appointment type). */
      unitServiceId: PackageIdC,
      unit: UnitIndexC,
      value: MoneyC,
      appointmentId: PackageIdC,
      on: LocalDateC,
    }),
    t.partial({
      /** The booking that takes the unit's credit in the holder's ledger (`packageBookingId`); cancel it there to restore both. */
      bookingId: PackageIdC,
      /** The holder, in whose credits ledger the session is booked (the owner, also when a shared person was served). */
      ledgerClientId: PackageIdC,
      /** The holding whose lots the credit is taken from. */
      ledgerHolding: PackageIdC,
    }),
  ]),
);

/** The expiry date came: the unused units are void and their value is recorded. */
export const PackageExpired = defineEvent(
  'PackageExpired',
  t.intersection([
    t.type({
      packageId: PackageIdC,
      clientId: PackageIdC,
      expiresOn: LocalDateC,
      on: LocalDateC,
      units: UnitIndexesC,
      byService: t.readonlyArray(PackageServiceUnitsC),
      valueExpired: MoneyC,
    }),
    t.partial({
      /** The holding the expiry ends, whose credits are voided. @defaultValue absent: the sale's */
      holding: PackageIdC,
    }),
  ]),
);

/** The expiry date was moved later; after an expiry (where policy allows) the void units are usable again. */
export const PackageExtended = defineEvent(
  'PackageExtended',
  t.type({
    packageId: PackageIdC,
    clientId: PackageIdC,
    from: LocalDateC,
    to: LocalDateC,
    on: LocalDateC,
    /** Whether the policy allowed extending after the expiry (it applied if `reinstated` is not empty). */
    allowAfterExpiry: t.boolean,
    reinstated: UnitIndexesC,
    reinstatedByService: t.readonlyArray(PackageServiceUnitsC),
  }),
);

/** The notice that the package is about to expire fell due. */
export const PackageExpiryNoticeIssued = defineEvent(
  'PackageExpiryNoticeIssued',
  t.type({
    packageId: PackageIdC,
    clientId: PackageIdC,
    expiresOn: LocalDateC,
    noticeOn: LocalDateC,
    daysBefore: UnitIndexC,
    on: LocalDateC,
    unitsRemaining: UnitIndexC,
    valueRemaining: MoneyC,
  }),
);

/** The value remaining was paid out (to the wallet, the card or as store credit) and those units are void. */
export const PackageRefunded = defineEvent(
  'PackageRefunded',
  t.type({
    packageId: PackageIdC,
    clientId: PackageIdC,
    method: PackageRefundMethodC,
    amount: MoneyC,
    units: UnitIndexesC,
    byService: t.readonlyArray(PackageServiceUnitsC),
    on: LocalDateC,
    /** The policy allowed refunding after expiry, and the refund came after it. */
    afterExpiry: t.boolean,
  }),
);

/** The owner offered the package to a recipient, who claims it with the access code. */
export const PackageTransferOffered = defineEvent(
  'PackageTransferOffered',
  t.type({ packageId: PackageIdC, fromClientId: PackageIdC, recipient: PackageIdC, accessCode: PackageIdC, on: LocalDateC }),
);

/** A transfer offer was withdrawn before it was claimed. */
export const PackageTransferCancelled = defineEvent(
  'PackageTransferCancelled',
  t.type({ packageId: PackageIdC, accessCode: PackageIdC, on: LocalDateC }),
);

/** The recipient redeemed the access code: the unused units are theirs now, and they own the package. */
export const PackageTransferred = defineEvent(
  'PackageTransferred',
  t.intersection([
    t.type({
      packageId: PackageIdC,
      fromClientId: PackageIdC,
      toClientId: PackageIdC,
      accessCode: PackageIdC,
      units: UnitIndexesC,
      byService: t.readonlyArray(PackageServiceUnitsC),
      value: MoneyC,
      on: LocalDateC,
      /** People the former owner had shared it with, who no longer may use it. */
      sharingEnded: t.readonlyArray(PackageIdC),
      /** Other pending offers, withdrawn by the transfer. */
      offersWithdrawn: t.readonlyArray(PackageIdC),
    }),
    t.partial({
      /** The package's expiry date, which the recipient's units keep. */
      expiresOn: LocalDateC,
      /** The program the package enrolls its owner in. */
      programId: PackageIdC,
      /** The giver's holding, whose credits are voided. @defaultValue absent: the sale's */
      fromHolding: PackageIdC,
    }),
  ]),
);

/** The owner named a person who may use the package's units. */
export const PackageShared = defineEvent(
  'PackageShared',
  t.type({ packageId: PackageIdC, ownerId: PackageIdC, clientId: PackageIdC, on: LocalDateC }),
);

/** A person may no longer use the package. */
export const PackageSharingStopped = defineEvent(
  'PackageSharingStopped',
  t.type({ packageId: PackageIdC, ownerId: PackageIdC, clientId: PackageIdC, on: LocalDateC }),
);

export const packageEvents = createEventRegistry([
  PackageSold,
  PackageServiceApplied,
  PackageExpired,
  PackageExtended,
  PackageExpiryNoticeIssued,
  PackageRefunded,
  PackageTransferOffered,
  PackageTransferCancelled,
  PackageTransferred,
  PackageShared,
  PackageSharingStopped,
  PackageCreditUsed,
  PackageCreditUseDeclined,
  PackageUnitRestored,
  PackageServiceApplicationReversed,
]);

export type PackageEvent =
  | EventOf<typeof PackageSold>
  | EventOf<typeof PackageServiceApplied>
  | EventOf<typeof PackageExpired>
  | EventOf<typeof PackageExtended>
  | EventOf<typeof PackageExpiryNoticeIssued>
  | EventOf<typeof PackageRefunded>
  | EventOf<typeof PackageTransferOffered>
  | EventOf<typeof PackageTransferCancelled>
  | EventOf<typeof PackageTransferred>
  | EventOf<typeof PackageShared>
  | EventOf<typeof PackageSharingStopped>
  | EventOf<typeof PackageCreditUsed>
  | EventOf<typeof PackageCreditUseDeclined>
  | EventOf<typeof PackageUnitRestored>
  | EventOf<typeof PackageServiceApplicationReversed>;
