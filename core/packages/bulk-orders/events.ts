/**
 * The facts of a bulk order (stream `bulkorder-<orderId>`): a business bought N packages
 * at a bulk discount with N unique codes, and each employee redeemed a code once.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type EventOf } from '../../kernel/codecs.js';
import { LocalDateC } from '../../values/local-date.js';
import { MoneyC } from '../../values/money.js';
import { PercentC } from '../../values/percent.js';
import { PackageCountC, PackageIdC, PackageTermsC } from '../terms.js';

/** A business ordered packages in bulk; package `i` is the one of code `codes[i]`, priced `packagePrices[i]`. */
export const BulkPackagesOrdered = defineEvent(
  'BulkPackagesOrdered',
  t.intersection([
    t.type({
      orderId: PackageIdC,
      businessId: PackageIdC,
      terms: PackageTermsC,
      quantity: PackageCountC,
      codes: t.readonlyArray(PackageIdC),
      orderedOn: LocalDateC,
      listTotal: MoneyC,
      discountPercent: PercentC,
      discount: MoneyC,
      total: MoneyC,
      packagePrices: t.readonlyArray(MoneyC),
    }),
    t.partial({
      /** The packages' expiry, counted from the order; a code cannot be redeemed from then on. */
      expiresOn: LocalDateC,
    }),
  ]),
);

/** An employee redeemed a code: the package `packageId` is theirs. */
export const BulkPackageCodeRedeemed = defineEvent(
  'BulkPackageCodeRedeemed',
  t.type({
    orderId: PackageIdC,
    businessId: PackageIdC,
    code: PackageIdC,
    clientId: PackageIdC,
    packageId: PackageIdC,
    on: LocalDateC,
    orderedOn: LocalDateC,
    terms: PackageTermsC,
    discountPercent: PercentC,
    pricePaid: MoneyC,
  }),
);

export const bulkOrderEvents = createEventRegistry([BulkPackagesOrdered, BulkPackageCodeRedeemed]);
export type BulkOrderEvent = EventOf<typeof BulkPackagesOrdered> | EventOf<typeof BulkPackageCodeRedeemed>;
