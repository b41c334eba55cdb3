/**
 * Requests to one sold package (stream `package-<packageId>`). Each carries the practice
 * date it happens on and, where a practice can choose, the policy that applies (the facade
 * fills it from configuration; a field left out takes its default).
 */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../kernel/commands.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { PercentC } from '../values/percent.js';
import { PackageRefundMethodC } from './events.js';
import { PackageIdC, PackagePromotionC, PackageTermsC } from './terms.js';

const NoticeDaysC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 366, 'NoticeDays');

/** What a practice decides about refunds. */
export const PackageRefundPolicyC = t.partial({
  /** A package may still be refunded after its expiry date (its expired value is paid out). @defaultValue false */
  allowAfterExpiry: t.boolean,
});
export type PackageRefundPolicy = t.TypeOf<typeof PackageRefundPolicyC>;

/** What a practice decides about extensions. */
export const PackageExtensionPolicyC = t.partial({
  /** A package may be extended after it expired, which makes its void units usable again. @defaultValue false */
  allowAfterExpiry: t.boolean,
});
export type PackageExtensionPolicy = t.TypeOf<typeof PackageExtensionPolicyC>;

/** When the expiry notice falls due. */
export const PackageExpiryNoticePolicyC = t.partial({
  /** Days before the expiry date. @defaultValue 14 */
  daysBefore: NoticeDaysC,
});
export type PackageExpiryNoticePolicy = t.TypeOf<typeof PackageExpiryNoticePolicyC>;

const packageCommandCodecs = {
  /** Sells a package at check-out or during an appointment, optionally applying its first service at once. */
  SellPackage: t.intersection([
    t.type({
      packageId: PackageIdC,
      clientId: PackageIdC,
      /** The definition version being sold (see `packageTermsForSale`). */
      terms: PackageTermsC,
      channel: t.keyof({ 'check-out': null, appointment: null }),
      on: LocalDateC,
    }),
    t.partial({
      /** The appointment during which it was sold. */
      appointmentId: PackageIdC,
      /** Promotions applied to this sale, in order. @defaultValue none */
      promotions: t.readonlyArray(PackagePromotionC),
      /** The first service, applied to the package at once. @defaultValue none */
      applyFirstService: t.type({ serviceId: PackageIdC, appointmentId: PackageIdC }),
    }),
  ]),
  /** Issues the package a bulk order code was redeemed for (sent by the bulk-order flow). */
  IssueBulkPackage: t.type({
    packageId: PackageIdC,
    clientId: PackageIdC,
    terms: PackageTermsC,
    orderId: PackageIdC,
    businessId: PackageIdC,
    code: PackageIdC,
    orderedOn: LocalDateC,
    discountPercent: PercentC,
    pricePaid: MoneyC,
    on: LocalDateC,
  }),
  /** "Apply to patient's package?": uses one unit for a service at an appointment. */
  ApplyServiceToPackage: t.type({
    packageId: PackageIdC,
    clientId: PackageIdC,
    serviceId: PackageIdC,
    appointmentId: PackageIdC,
    on: LocalDateC,
  }),
  /**
   * The holder's credits ledger used one of the package's credits for a booking (sent by the
   * credits → package flow). Never refused for a sold package: a use it cannot give a unit
   * for is recorded as declined, and the flow moves the booking off the package's credit.
   */
  RecordPackageCreditUse: t.intersection([
    t.type({ packageId: PackageIdC, clientId: PackageIdC, bookingId: PackageIdC, serviceId: PackageIdC, on: LocalDateC }),
    t.partial({
      /** The holding whose lot the credit came from (`packageHolding` of the ledger's lot). @defaultValue the current holding */
      holding: PackageIdC,
    }),
  ]),
  /** A cancelled booking's credit came back to the package's lot (sent by the credits → package flow). */
  RecordPackageCreditRestore: t.type({ packageId: PackageIdC, clientId: PackageIdC, bookingId: PackageIdC, on: LocalDateC }),
  /** The ledger had no credit of the package for a service applied to it (sent by the credits → package flow). */
  RecordPackageCreditUnavailable: t.intersection([
    t.type({
      packageId: PackageIdC,
      clientId: PackageIdC,
      bookingId: PackageIdC,
      code: PackageIdC,
      reason: t.string,
      on: LocalDateC,
    }),
    t.partial({
      /** The package's credit had expired or been voided in the ledger: the unit is void. @defaultValue false */
      creditVoid: t.boolean,
    }),
  ]),
  /** Voids the unused units once the expiry date has come. */
  ExpirePackage: t.type({ packageId: PackageIdC, on: LocalDateC }),
  /** Moves the expiry date to `to`. */
  ExtendPackage: t.intersection([
    t.type({ packageId: PackageIdC, to: LocalDateC, on: LocalDateC }),
    t.partial({ policy: PackageExtensionPolicyC }),
  ]),
  /** Records that the expiry notice is due (the shell sends it from the schedule). */
  IssuePackageExpiryNotice: t.intersection([
    t.type({ packageId: PackageIdC, on: LocalDateC }),
    t.partial({ policy: PackageExpiryNoticePolicyC }),
  ]),
  /** Pays out the value remaining and voids the unused units. */
  RefundPackage: t.intersection([
    t.type({ packageId: PackageIdC, method: PackageRefundMethodC, on: LocalDateC }),
    t.partial({ policy: PackageRefundPolicyC }),
  ]),
  /** Offers the package to a recipient (by email); the caller supplies the access code. */
  OfferPackageTransfer: t.type({ packageId: PackageIdC, recipient: PackageIdC, accessCode: PackageIdC, on: LocalDateC }),
  CancelPackageTransfer: t.type({ packageId: PackageIdC, accessCode: PackageIdC, on: LocalDateC }),
  /** The recipient redeems the access code and becomes the owner. */
  ClaimPackageTransfer: t.type({ packageId: PackageIdC, accessCode: PackageIdC, clientId: PackageIdC, on: LocalDateC }),
  /** Lets a named person use the package's units. */
  SharePackage: t.type({ packageId: PackageIdC, clientId: PackageIdC, on: LocalDateC }),
  StopSharingPackage: t.type({ packageId: PackageIdC, clientId: PackageIdC, on: LocalDateC }),
};

export const packageCommands = commandDecoder(packageCommandCodecs);
export type PackageCommand = CommandOf<typeof packageCommandCodecs>;
