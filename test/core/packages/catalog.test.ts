import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { fold } from '../../../core/kernel/decider.js';
import { packageCatalogDecider, packageDecider, packageTermsForSale, type PackageCatalogEvent } from '../../../core/packages/index.js';
import { d, sixPackFacials, usd } from './fixtures.js';

const spec = deciderSpec(packageCatalogDecider);
const define = {
  type: 'DefinePackage',
  definitionId: 'six-pack-facials',
  name: '6-Pack Facials',
  items: [{ serviceId: 'facial', name: 'Facial', quantity: 6, unitValue: usd(100_00) }],
  price: usd(450_00),
  validity: { months: 12 },
  restrictions: { transferable: true, shareable: true, blackoutDates: [d('2025-12-25')] },
  on: d('2025-01-01'),
} as const;
const defined: PackageCatalogEvent = { type: 'PackageDefined', data: { terms: sixPackFacials, on: d('2025-01-01') } };

describe('creating packages', () => {
  it('name, total price, validity period and items (service, quantity, unit value) make version 1', () => {
    spec.given([]).when(define).then([defined]);
  });
  it('restrictions left out take their defaults: not transferable, not shareable, no blackout dates', () => {
    const { restrictions: _r, ...bare } = define;
    spec.given([]).when(bare).thenEvents((events) => {
      expect(events[0]?.type === 'PackageDefined' && events[0].data.terms.restrictions).toEqual({
        transferable: false,
        shareable: false,
        blackoutDates: [],
      });
    });
  });
  it('a package can enroll its buyer in a program', () => {
    spec.given([]).when({ ...define, programId: 'twelve-week' }).thenEvents((events) => {
      expect(events[0]?.type === 'PackageDefined' && events[0].data.terms.programId).toBe('twelve-week');
    });
  });
  it('is refused without services, with mixed currencies or a service listed twice', () => {
    spec.given([]).when({ ...define, items: [] }).thenError('PACKAGE_HAS_NO_ITEMS');
    spec.given([]).when({ ...define, price: { amount: 1, currency: 'EUR' } }).thenError('CURRENCY_MISMATCH');
    spec.given([]).when({ ...define, items: [...define.items, ...define.items] }).thenError('DUPLICATE_SERVICE');
    spec.given([defined]).when(define).thenError('PACKAGE_DEFINITION_EXISTS');
  });
});

describe('editing a package', () => {
  const revise = { ...define, type: 'RevisePackageDefinition', price: usd(480_00), on: d('2025-06-01') } as const;
  const revised: PackageCatalogEvent = { type: 'PackageDefinitionRevised', data: { terms: { ...sixPackFacials, version: 2, price: usd(480_00) }, on: d('2025-06-01') } };
  it('creates a new version', () => {
    const state = spec.given([defined]).when(revise).then([revised]);
    const current = packageTermsForSale(state);
    expect(isRight(current) && current.right.version).toBe(2);
    const first = packageTermsForSale(state, 1);
    expect(isRight(first) && first.right.price).toEqual(usd(450_00));
  });
  it('sold packages keep the version they were sold with', () => {
    const catalog = fold(packageCatalogDecider, [defined]);
    const v1 = packageTermsForSale(catalog);
    if (!isRight(v1)) throw new Error('v1 should be for sale');
    const sold = packageDecider.decide({ type: 'SellPackage', packageId: 'p1', clientId: 'c1', terms: v1.right, channel: 'check-out', on: d('2025-02-01') }, packageDecider.initialState);
    if (!isRight(sold)) throw new Error('sale should succeed');
    const afterEdit = fold(packageCatalogDecider, [defined, revised]);
    expect(isRight(packageTermsForSale(afterEdit)) && fold(packageDecider, sold.right)).toMatchObject({ terms: { version: 1, price: usd(450_00) }, pricePaid: usd(450_00) });
  });
  it('an unknown definition cannot be edited', () => {
    spec.given([]).when(revise).thenError('PACKAGE_DEFINITION_NOT_FOUND');
  });
});

describe('retiring a package', () => {
  const retire = { type: 'RetirePackageDefinition', definitionId: 'six-pack-facials', on: d('2025-09-01') } as const;
  const retired: PackageCatalogEvent = { type: 'PackageDefinitionRetired', data: { definitionId: 'six-pack-facials', version: 1, on: d('2025-09-01') } };
  it('is no longer sold nor edited; retiring again records nothing', () => {
    const state = spec.given([defined]).when(retire).then([retired]);
    expect(isLeft(packageTermsForSale(state)) && packageTermsForSale(state)).toMatchObject({ left: { code: 'PACKAGE_DEFINITION_RETIRED' } });
    spec.given([defined, retired]).when({ ...define, type: 'RevisePackageDefinition' }).thenError('PACKAGE_DEFINITION_RETIRED');
    spec.given([defined, retired]).when(retire).then([]);
  });
  it('a version that does not exist is not for sale', () => {
    const state = fold(packageCatalogDecider, [defined]);
    expect(packageTermsForSale(state, 7)).toMatchObject({ left: { code: 'PACKAGE_VERSION_NOT_FOUND' } });
    expect(packageTermsForSale(packageCatalogDecider.initialState)).toMatchObject({ left: { code: 'PACKAGE_DEFINITION_NOT_FOUND' } });
  });
});
