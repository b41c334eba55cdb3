/** Requests to a bulk order. */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../../kernel/commands.js';
import { LocalDateC } from '../../values/local-date.js';
import { PercentC } from '../../values/percent.js';
import { PackageCountC, PackageIdC, PackageTermsC } from '../terms.js';

const bulkOrderCommandCodecs = {
  /** A business buys `quantity` packages; the caller supplies one unique code per package. */
  OrderBulkPackages: t.intersection([
    t.type({
      orderId: PackageIdC,
      businessId: PackageIdC,
      /** The definition version being sold (see `packageTermsForSale`). */
      terms: PackageTermsC,
      quantity: PackageCountC,
      codes: t.readonlyArray(PackageIdC),
      on: LocalDateC,
    }),
    t.partial({
      /** The bulk discount off the list total. @defaultValue 0 */
      discountPercent: PercentC,
    }),
  ]),
  /** An employee redeems a code and owns the package. */
  RedeemBulkPackageCode: t.type({ orderId: PackageIdC, code: PackageIdC, clientId: PackageIdC, on: LocalDateC }),
};

export const bulkOrderCommands = commandDecoder(bulkOrderCommandCodecs);
export type BulkOrderCommand = CommandOf<typeof bulkOrderCommandCodecs>;
