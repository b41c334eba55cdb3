import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { bulkOrderDecider, bulkPackageId, type BulkOrderEvent } from '../../../core/packages/index.js';
import { percent } from '../../../core/values/percent.js';
import { d, sixPackFacials, usd } from './fixtures.js';

const spec = deciderSpec(bulkOrderDecider);
const codes = Array.from({ length: 10 }, (_, i) => `ACME-${i + 1}`);
const order = {
  type: 'OrderBulkPackages',
  orderId: 'o1',
  businessId: 'acme',
  terms: sixPackFacials,
  quantity: 10,
  codes,
  discountPercent: percent(15),
  on: d('2025-01-10'),
} as const;
const ordered: BulkOrderEvent = {
  type: 'BulkPackagesOrdered',
  data: {
    orderId: 'o1',
    businessId: 'acme',
    terms: sixPackFacials,
    quantity: 10,
    codes,
    orderedOn: d('2025-01-10'),
    listTotal: usd(4500_00),
    discountPercent: percent(15),
    discount: usd(675_00),
    total: usd(3825_00),
    packagePrices: Array.from({ length: 10 }, () => usd(382_50)),
    expiresOn: d('2026-01-10'),
  },
};
const redeem = { type: 'RedeemBulkPackageCode', orderId: 'o1', code: 'ACME-3', clientId: 'employee-7', on: d('2025-02-01') } as const;
const redeemed: BulkOrderEvent = {
  type: 'BulkPackageCodeRedeemed',
  data: {
    orderId: 'o1',
    businessId: 'acme',
    code: 'ACME-3',
    clientId: 'employee-7',
    packageId: bulkPackageId('o1', 'ACME-3'),
    on: d('2025-02-01'),
    orderedOn: d('2025-01-10'),
    terms: sixPackFacials,
    discountPercent: percent(15),
    pricePaid: usd(382_50),
  },
};

describe('bulk packages', () => {
  it('company buys 10 wellness packages for employees, with a bulk discount and a unique code for each', () => {
    spec.given([]).when(order).then([ordered]);
  });
  it('the packages\' prices sum to the discounted total', () => {
    spec.given([]).when({ ...order, quantity: 3, codes: ['A', 'B', 'C'], discountPercent: percent(10) }).thenEvents((events) => {
      const e = events[0];
      if (e?.type !== 'BulkPackagesOrdered') throw new Error('expected an order');
      expect(e.data.total).toEqual(usd(1215_00));
      expect(e.data.packagePrices.map((p) => p.amount)).toEqual([405_00, 405_00, 405_00]);
    });
  });
  it('without a discount the total is the list total', () => {
    const { discountPercent: _p, ...plain } = order;
    spec.given([]).when(plain).thenEvents((events) => {
      expect(events[0]?.type === 'BulkPackagesOrdered' && events[0].data.total).toEqual(usd(4500_00));
    });
  });
  it('needs one unique code per package', () => {
    spec.given([]).when({ ...order, codes: codes.slice(1) }).thenError('BULK_CODES_MISMATCH');
    spec.given([]).when({ ...order, codes: [...codes.slice(1), 'ACME-2'] }).thenError('DUPLICATE_BULK_CODE', 'ACME-2');
    spec.given([ordered]).when(order).thenError('BULK_ORDER_EXISTS');
  });
  it('an employee redeems a code and owns the package', () => {
    spec.given([ordered]).when(redeem).then([redeemed]);
  });
  it('a code redeems once', () => {
    spec.given([ordered, redeemed]).when({ ...redeem, clientId: 'employee-8' }).thenError('BULK_CODE_ALREADY_REDEEMED');
  });
  it('an unknown code, a missing order, an expired order are refused', () => {
    spec.given([ordered]).when({ ...redeem, code: 'NOPE' }).thenError('UNKNOWN_BULK_CODE');
    spec.given([]).when(redeem).thenError('BULK_ORDER_NOT_FOUND');
    spec.given([ordered]).when({ ...redeem, on: d('2026-01-10') }).thenError('BULK_CODE_EXPIRED');
    spec.given([ordered]).when({ ...redeem, on: d('2025-01-09') }).thenError('DATE_BEFORE_PURCHASE');
  });
  it('the package id of a code is derived from the order and the code', () => {
    expect(bulkPackageId('o1', 'ACME-3')).toBe(bulkPackageId('o1', 'ACME-3'));
    expect(bulkPackageId('o1', 'ACME-3')).not.toBe(bulkPackageId('o2', 'ACME-3'));
  });
});
