import { describe, expect, it } from 'vitest';
import type { PackageEvent } from '../../core/packages/index.js';
import { clientPackageUsage, packageUsageProjection } from '../../projections/package-usage.js';
import { projectAll } from '../../projections/projection.js';
import { d, facialApplied, facialsSold, recorded, usd } from '../core/packages/fixtures.js';

const history = [facialsSold(), facialApplied(0, 'a1'), facialApplied(1, 'a2'), facialsSold('p2', 'c1', d('2025-06-01'))];

describe('tracking package usage', () => {
  it('shows package name, purchase date, expiration date, services included, "2 of 6 used", remaining balance and value remaining', () => {
    const model = projectAll(packageUsageProjection, recorded(history));
    const [first, second] = clientPackageUsage(model, 'c1');
    expect(first).toEqual({
      packageId: 'p1',
      name: '6-Pack Facials',
      status: 'active',
      purchasedOn: '2025-01-15',
      expiresOn: '2026-01-15',
      services: [{ serviceId: 'facial', name: 'Facial', included: 6, used: 2, remaining: 4 }],
      used: 2,
      total: 6,
      usedLabel: '2 of 6 used',
      remainingUnits: 4,
      valueRemaining: usd(300_00),
      pricePaid: usd(450_00),
      savings: usd(150_00),
      sharedWith: [],
    });
    expect(second?.usedLabel).toBe('0 of 6 used');
  });
  it('a transferred package moves to the recipient\'s list', () => {
    const transferred: PackageEvent = {
      type: 'PackageTransferred',
      data: {
        packageId: 'p1',
        fromClientId: 'c1',
        toClientId: 'c2',
        accessCode: 'K',
        units: [2, 3, 4, 5],
        byService: [{ serviceId: 'facial', quantity: 4, value: usd(300_00) }],
        value: usd(300_00),
        on: d('2025-03-01'),
        sharingEnded: [],
        offersWithdrawn: [],
      },
    };
    const model = projectAll(packageUsageProjection, recorded([...history, transferred]));
    expect(clientPackageUsage(model, 'c1').map((p) => p.packageId)).toEqual(['p2']);
    expect(clientPackageUsage(model, 'c2').map((p) => [p.packageId, p.usedLabel])).toEqual([['p1', '2 of 6 used']]);
  });
  it('rebuilding from the start gives the same model, and other events are ignored', () => {
    const events = recorded(history);
    expect(projectAll(packageUsageProjection, events)).toEqual(projectAll(packageUsageProjection, events));
    const other = { ...events[0]!, type: 'SomethingElse', data: {} };
    expect(packageUsageProjection.apply(packageUsageProjection.initial, other)).toBe(packageUsageProjection.initial);
  });
});

