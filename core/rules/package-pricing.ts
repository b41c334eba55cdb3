/**
 * Package pricing. The price paid for a package is allocated over its units by their unit
 * values (largest remainder), so the units' values always sum to the price paid; the value
 * remaining of a package is then the allocated value of its unused units. Promotions are
 * applied before the allocation: "buy 6 get 1 free" adds units at no extra price, a
 * percentage off lowers the price. A bulk order splits its discounted total over its
 * packages the same way.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { allocate, money, subtract, sum, type Money } from '../values/money.js';
import { percentOf, type Percent } from '../values/percent.js';
import type { PackageItem, PackagePromotion } from '../packages/terms.js';

/** One unit of a sold package: the item it belongs to, its service, its list value and its share of the price. */
export interface PackageUnitQuote {
  /** Index of the item in the package's terms. */
  readonly item: number;
  readonly serviceId: string;
  /** The individual price of the unit. */
  readonly unitValue: Money;
  /** Its share of the price paid. */
  readonly value: Money;
  /** Added by a promotion ("get 1 free"). */
  readonly free: boolean;
}

export interface PackageSaleQuote {
  readonly units: readonly PackageUnitQuote[];
  /** The sum of the unit values of every unit (free ones included): the price of the services one by one. */
  readonly listValue: Money;
  readonly pricePaid: Money;
  /** `listValue − pricePaid`, the savings shown to the client. */
  readonly savings: Money;
}

/**
 * Allocates `price` over units worth `unitValues` (largest remainder, so the parts sum to
 * the price). Units that are all worth nothing share the price equally.
 */
export const allocatePackagePrice = (price: Money, unitValues: readonly Money[]): readonly Money[] => {
  const weights = unitValues.map((v) => v.amount);
  const anyValue = weights.some((w) => w > 0);
  return allocate(price, anyValue ? weights : weights.map(() => 1));
};

/** Free units a "buy n get m free" promotion adds to an item of `quantity` units: `floor(quantity / n) × m`. */
export const freeUnitsFor = (quantity: number, buy: number, free: number): number => Math.floor(quantity / buy) * free;

const refuse = (code: string, message: string, details?: DomainError['details']): Either<DomainError, never> =>
  left(domainError(code, message, details !== undefined ? { details } : {}));

/**
 * The units, list value, price paid and savings of a sale of `items` priced `price`, with
 * promotions applied in order. `pricePaid`, when given (a bulk order's share), replaces
 * the price after promotions.
 */
export const quotePackageSale = (
  items: readonly PackageItem[],
  price: Money,
  promotions: readonly PackagePromotion[] = [],
  pricePaid?: Money,
): Either<DomainError, PackageSaleQuote> => {
  const extra = items.map(() => 0);
  let paid = price;
  for (const promotion of promotions) {
    if (promotion.kind === 'buy-get-free') {
      const index = items.findIndex((i) => i.serviceId === promotion.serviceId);
      const item = items[index];
      if (item === undefined) {
        return refuse('PROMOTION_NOT_APPLICABLE', `"${promotion.name}" is for ${promotion.serviceId}, which the package does not include.`, {
          promotion: promotion.name,
          serviceId: promotion.serviceId,
        });
      }
      const added = freeUnitsFor(item.quantity, promotion.buy, promotion.free);
      if (added === 0) {
        return refuse(
          'PROMOTION_NOT_APPLICABLE',
          `"${promotion.name}" needs ${promotion.buy} units of ${promotion.serviceId}; the package has ${item.quantity}.`,
          { promotion: promotion.name, serviceId: promotion.serviceId },
        );
      }
      extra[index] = (extra[index] ?? 0) + added;
    } else {
      paid = subtract(paid, percentOf(paid, promotion.percent));
    }
  }
  if (pricePaid !== undefined) paid = pricePaid;
  const listed: { item: number; serviceId: string; unitValue: Money; free: boolean }[] = [];
  items.forEach((item, index) => {
    for (let k = 0; k < item.quantity; k++) listed.push({ item: index, serviceId: item.serviceId, unitValue: item.unitValue, free: false });
    for (let k = 0; k < (extra[index] ?? 0); k++) listed.push({ item: index, serviceId: item.serviceId, unitValue: item.unitValue, free: true });
  });
  const values = allocatePackagePrice(paid, listed.map((u) => u.unitValue));
  const units = listed.map((u, i) => ({ ...u, value: values[i] ?? money(0, paid.currency) }));
  const listValue = sum(paid.currency, listed.map((u) => u.unitValue));
  return right({ units, listValue, pricePaid: paid, savings: subtract(listValue, paid) });
};

export interface BulkOrderQuote {
  /** `quantity × price`. */
  readonly listTotal: Money;
  /** The bulk discount, `percent` of the list total (rounded half away from zero). */
  readonly discount: Money;
  readonly total: Money;
  /** Each package's share of the total, summing exactly to it. */
  readonly packagePrices: readonly Money[];
}

/** `quantity` packages at `price` each, less a bulk discount of `percent` %. */
export const quoteBulkOrder = (price: Money, quantity: number, percent?: Percent): BulkOrderQuote => {
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RangeError(`A bulk order is for at least one package, got ${quantity}`);
  const listTotal = money(price.amount * quantity, price.currency);
  const discount = percent === undefined ? money(0, price.currency) : percentOf(listTotal, percent);
  const total = subtract(listTotal, discount);
  return { listTotal, discount, total, packagePrices: allocate(total, Array.from({ length: quantity }, () => 1)) };
};
