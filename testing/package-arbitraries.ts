/**
 * fast-check arbitraries for packages: terms of a definition version and the promotions
 * of a sale, so integrators can run the package laws on their own catalogs.
 */
import fc from 'fast-check';
import { addDays, localDate, type LocalDate } from '../core/values/local-date.js';
import { money } from '../core/values/money.js';
import { percent } from '../core/values/percent.js';
import type { PackagePromotion, PackageTerms } from '../core/packages/terms.js';

export interface PackageTermsArbitraryOptions {
  /** The currency of every amount. @defaultValue 'USD' */
  readonly currency?: string;
  /** Services the items are drawn from (each at most once). @defaultValue facial, massage, pt, yoga */
  readonly services?: readonly string[];
  /** Blackout dates are drawn from the 500 days from this date. @defaultValue 2025-01-01 */
  readonly from?: LocalDate;
}

/** Terms with 1–3 items of 1–12 units worth 0–300.00 each, a price of 0–5,000.00, 3–18 months or no expiry. */
export const arbPackageTerms = (options: PackageTermsArbitraryOptions = {}): fc.Arbitrary<PackageTerms> => {
  const currency = options.currency ?? 'USD';
  const from = options.from ?? localDate('2025-01-01');
  return fc
    .record({
      items: fc.uniqueArray(
        fc.record({
          serviceId: fc.constantFrom(...(options.services ?? ['facial', 'massage', 'pt', 'yoga'])),
          quantity: fc.integer({ min: 1, max: 12 }),
          value: fc.integer({ min: 0, max: 300_00 }),
        }),
        { minLength: 1, maxLength: 3, selector: (i) => i.serviceId },
      ),
      price: fc.integer({ min: 0, max: 5_000_00 }),
      months: fc.option(fc.integer({ min: 3, max: 18 }), { nil: undefined }),
      transferable: fc.boolean(),
      shareable: fc.boolean(),
      blackout: fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 3 }),
    })
    .map((r) => ({
      definitionId: 'def',
      version: 1,
      name: 'Package',
      items: r.items.map((i) => ({ serviceId: i.serviceId, quantity: i.quantity, unitValue: money(i.value, currency) })),
      price: money(r.price, currency),
      ...(r.months !== undefined ? { validity: { months: r.months } } : {}),
      restrictions: {
        transferable: r.transferable,
        shareable: r.shareable,
        blackoutDates: [...r.blackout].sort((a, b) => a - b).map((n) => addDays(from, n)),
      },
    }));
};

/** Up to two promotions for the terms: "buy n get m free" on one of its services, or 0–50 % off. */
export const arbPackagePromotions = (terms: PackageTerms): fc.Arbitrary<readonly PackagePromotion[]> =>
  fc.array(
    fc.oneof(
      fc
        .record({ serviceId: fc.constantFrom(...terms.items.map((i) => i.serviceId)), buy: fc.integer({ min: 1, max: 6 }), free: fc.integer({ min: 1, max: 2 }) })
        .map((p): PackagePromotion => ({ kind: 'buy-get-free', name: 'Buy n get m free', ...p })),
      fc.integer({ min: 0, max: 5000 }).map((bp): PackagePromotion => ({ kind: 'percent-off', name: 'Special', percent: percent(bp / 100) })),
    ),
    { maxLength: 2 },
  );
