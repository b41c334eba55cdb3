import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { packageDecider, packageValueIn } from '../../../core/packages/index.js';
import { percent } from '../../../core/values/percent.js';
import { d, facialApplied, facialsSold, physicalTherapyPack, sixPackFacials, usd } from './fixtures.js';

const spec = deciderSpec(packageDecider);
const sell = { type: 'SellPackage', packageId: 'p1', clientId: 'c1', terms: sixPackFacials, channel: 'check-out', on: d('2025-01-15') } as const;

describe('selling a package', () => {
  it('"6-Pack Facials" for $450: the price is allocated $75 a facial and the $150 saved against $600 is shown', () => {
    spec.given([]).when(sell).then([facialsSold()]);
  });
  it('expires 12 months from purchase', () => {
    const state = spec.given([]).when(sell).then([facialsSold()]);
    expect(state.status !== 'unsold' && state.expiresOn).toBe('2026-01-15');
  });
  it('a validity in days counts days from the purchase', () => {
    spec
      .given([])
      .when({ ...sell, terms: physicalTherapyPack })
      .thenEvents((events) => {
        const sold = events[0];
        expect(sold?.type === 'PackageSold' && sold.data.expiresOn).toBe('2025-04-15');
      });
  });
  it('the price is allocated over units by unit value and sums to the price paid', () => {
    spec
      .given([])
      .when({ ...sell, terms: physicalTherapyPack })
      .thenEvents((events, state) => {
        const sold = events[0];
        if (sold?.type !== 'PackageSold') throw new Error('expected a sale');
        // $700 over 8 × $90 + 1 × $150 = $870: a session is worth $72.41 (+1¢ for the three largest
        // remainders, ties to the earlier unit), the assessment $120.69.
        expect(sold.data.units.map((u) => u.value.amount)).toEqual([7242, 7242, 7242, 7241, 7241, 7241, 7241, 7241, 12069]);
        expect(sold.data.savings).toEqual(usd(170_00));
        expect(state.status !== 'unsold' && packageValueIn(state, 'unused')).toEqual(usd(700_00));
      });
  });
  it('during an appointment, records the appointment', () => {
    spec
      .given([])
      .when({ ...sell, channel: 'appointment', appointmentId: 'a0' })
      .thenEvents((events) => {
        const sold = events[0];
        expect(sold?.type === 'PackageSold' && [sold.data.channel, sold.data.appointmentId]).toEqual(['appointment', 'a0']);
      });
  });
  it('at check-out, the first service may be applied immediately', () => {
    spec
      .given([])
      .when({ ...sell, applyFirstService: { serviceId: 'facial', appointmentId: 'a1' } })
      .then([facialsSold(), facialApplied(0, 'a1', d('2025-01-15'))]);
  });
  it('a package is sold once', () => {
    spec.given([facialsSold()]).when(sell).thenError('PACKAGE_ALREADY_SOLD');
  });
  it('refuses terms with no services or mixed currencies', () => {
    spec.given([]).when({ ...sell, terms: { ...sixPackFacials, items: [] } }).thenError('PACKAGE_HAS_NO_ITEMS');
    spec
      .given([])
      .when({ ...sell, terms: { ...sixPackFacials, price: { amount: 450_00, currency: 'EUR' } } })
      .thenError('CURRENCY_MISMATCH');
  });
});

describe('promotions', () => {
  it('"Buy 6 get 1 free": 7 services at the 6-service rate', () => {
    spec
      .given([])
      .when({ ...sell, promotions: [{ kind: 'buy-get-free', name: 'Buy 6 get 1 free', serviceId: 'facial', buy: 6, free: 1 }] })
      .thenEvents((events) => {
        const sold = events[0];
        if (sold?.type !== 'PackageSold') throw new Error('expected a sale');
        expect(sold.data.units).toHaveLength(7);
        expect(sold.data.units.filter((u) => u.free)).toHaveLength(1);
        expect(sold.data.pricePaid).toEqual(usd(450_00));
        expect(sold.data.listValue).toEqual(usd(700_00));
        expect(sold.data.savings).toEqual(usd(250_00));
        expect(sold.data.units.reduce((n, u) => n + u.value.amount, 0)).toBe(450_00);
        expect(sold.data.promotions).toHaveLength(1);
      });
  });
  it('"New Year Special": 10% off packages', () => {
    spec
      .given([])
      .when({ ...sell, promotions: [{ kind: 'percent-off', name: 'New Year Special', percent: percent(10) }] })
      .thenEvents((events) => {
        const sold = events[0];
        if (sold?.type !== 'PackageSold') throw new Error('expected a sale');
        expect(sold.data.pricePaid).toEqual(usd(405_00));
        expect(sold.data.savings).toEqual(usd(195_00));
        expect(sold.data.units.every((u) => u.value.amount === 67_50)).toBe(true);
      });
  });
  it('a "buy n get m free" for a service the package does not include, or with too few units, is refused', () => {
    const promo = { kind: 'buy-get-free', name: 'Buy 10 get 1', serviceId: 'facial', buy: 10, free: 1 } as const;
    spec.given([]).when({ ...sell, promotions: [promo] }).thenError('PROMOTION_NOT_APPLICABLE', 'needs 10 units');
    spec.given([]).when({ ...sell, promotions: [{ ...promo, serviceId: 'massage', buy: 1 }] }).thenError('PROMOTION_NOT_APPLICABLE');
  });
});

describe('applying a service from a package ("Apply to patient\'s package?")', () => {
  const apply = { type: 'ApplyServiceToPackage', packageId: 'p1', clientId: 'c1', serviceId: 'facial', appointmentId: 'a2', on: d('2025-02-01') } as const;
  it('the service is deducted from the package balance and the remaining balance is updated', () => {
    const state = spec.given([facialsSold()]).when(apply).then([facialApplied(0, 'a2')]);
    expect(state.status !== 'unsold' && packageValueIn(state, 'unused')).toEqual(usd(375_00));
  });
  it('the next visit uses the next unit', () => {
    spec.given([facialsSold(), facialApplied(0, 'a1')]).when(apply).then([facialApplied(1, 'a2')]);
  });
  it('an appointment is applied once', () => {
    spec.given([facialsSold(), facialApplied(0, 'a2')]).when(apply).thenError('APPOINTMENT_ALREADY_APPLIED');
  });
  it('is refused for a service the package does not cover', () => {
    spec.given([facialsSold()]).when({ ...apply, serviceId: 'massage' }).thenError('SERVICE_NOT_COVERED', 'does not cover massage');
  });
  it('a unit may be used for the services its item allows', () => {
    spec
      .given([])
      .when({
        type: 'SellPackage',
        packageId: 'p1',
        clientId: 'c1',
        terms: physicalTherapyPack,
        channel: 'check-out',
        on: d('2025-01-15'),
        applyFirstService: { serviceId: 'reassessment', appointmentId: 'a1' },
      })
      .thenEvents((events) => {
        const applied = events[1];
        expect(applied?.type === 'PackageServiceApplied' && [applied.data.unit, applied.data.unitServiceId]).toEqual([8, 'assessment']);
      });
  });
  it('is refused on a blackout date (holidays)', () => {
    spec.given([facialsSold()]).when({ ...apply, on: d('2025-12-25') }).thenError('BLACKOUT_DATE');
  });
  it('cannot be used after the expiration date', () => {
    spec.given([facialsSold()]).when({ ...apply, on: d('2026-01-15') }).thenError('PACKAGE_EXPIRED', 'expired on 2026-01-15');
    spec.given([facialsSold()]).when({ ...apply, on: d('2026-01-14') }).then([facialApplied(0, 'a2', d('2026-01-14'))]);
  });
  it('is refused with no units left', () => {
    const used = Array.from({ length: 6 }, (_, i) => facialApplied(i, `a-${i}`));
    spec.given([facialsSold(), ...used]).when(apply).thenError('NO_UNITS_LEFT', '6 of 6');
  });
  it('is refused before the purchase, for a package never sold, and for someone it is not shared with', () => {
    spec.given([facialsSold()]).when({ ...apply, on: d('2025-01-14') }).thenError('DATE_BEFORE_PURCHASE');
    spec.given([]).when(apply).thenError('PACKAGE_NOT_FOUND');
    spec.given([facialsSold()]).when({ ...apply, clientId: 'c9' }).thenError('CLIENT_CANNOT_USE_PACKAGE');
  });
});
