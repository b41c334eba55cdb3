/** Type-level tests: a wrong package event or command shape must not compile. */
import { describe, expect, it } from 'vitest';
import type { PackageCommand, PackageEvent, PackageTerms } from '../../../core/packages/index.js';
import { d, sixPackFacials, usd } from './fixtures.js';

describe('package types', () => {
  it('reject wrong shapes at compile time', () => {
    const ok: PackageCommand = { type: 'ExpirePackage', packageId: 'p1', on: d('2026-01-15') };
    // @ts-expect-error a refund needs its method
    const noMethod: PackageCommand = { type: 'RefundPackage', packageId: 'p1', on: d('2026-01-15') };
    // @ts-expect-error a refund method the practice does not have
    const cash: PackageCommand = { type: 'RefundPackage', packageId: 'p1', method: 'cash', on: d('2026-01-15') };
    // @ts-expect-error money is Money, not a number
    const floatPrice: PackageTerms = { ...sixPackFacials, price: 450 };
    // @ts-expect-error an applied service records the unit it used
    const noUnit: PackageEvent = { type: 'PackageServiceApplied', data: { packageId: 'p1', clientId: 'c1', serviceId: 'facial', unitServiceId: 'facial', value: usd(1), appointmentId: 'a', on: d('2025-01-01') } };
    expect([ok, noMethod, cash, floatPrice, noUnit]).toHaveLength(5);
  });
});
