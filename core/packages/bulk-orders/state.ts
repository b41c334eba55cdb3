/** The state of a bulk order: its codes, their prices, and which have been redeemed by whom. */
import type { LocalDate } from '../../values/local-date.js';
import type { Money } from '../../values/money.js';
import type { Percent } from '../../values/percent.js';
import type { PackageTerms } from '../terms.js';
import type { BulkOrderEvent } from './events.js';

export interface BulkCodeRedemption {
  readonly code: string;
  readonly clientId: string;
  readonly packageId: string;
  readonly on: LocalDate;
}

export type BulkOrderState =
  | { readonly status: 'none' }
  | {
      readonly status: 'placed';
      readonly orderId: string;
      readonly businessId: string;
      readonly terms: PackageTerms;
      readonly codes: readonly string[];
      readonly packagePrices: readonly Money[];
      readonly discountPercent: Percent;
      readonly orderedOn: LocalDate;
      readonly expiresOn?: LocalDate;
      readonly redemptions: readonly BulkCodeRedemption[];
    };

export const bulkOrderInitialState: BulkOrderState = { status: 'none' };

export const evolveBulkOrder = (state: BulkOrderState, event: BulkOrderEvent): BulkOrderState => {
  switch (event.type) {
    case 'BulkPackagesOrdered': {
      const d = event.data;
      return {
        status: 'placed',
        orderId: d.orderId,
        businessId: d.businessId,
        terms: d.terms,
        codes: d.codes,
        packagePrices: d.packagePrices,
        discountPercent: d.discountPercent,
        orderedOn: d.orderedOn,
        ...(d.expiresOn !== undefined ? { expiresOn: d.expiresOn } : {}),
        redemptions: [],
      };
    }
    case 'BulkPackageCodeRedeemed': {
      if (state.status === 'none') return state;
      const { code, clientId, packageId, on } = event.data;
      return { ...state, redemptions: [...state.redemptions, { code, clientId, packageId, on }] };
    }
  }
};
