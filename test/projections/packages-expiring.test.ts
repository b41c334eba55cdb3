import { describe, expect, it } from 'vitest';
import type { PackageEvent } from '../../core/packages/index.js';
import { packageCommandsDue, packagesExpiringProjection, packageSchedule, packagesExpiringSoon } from '../../projections/packages-expiring.js';
import { projectAll } from '../../projections/projection.js';
import { d, facialApplied, facialsSold, recorded, usd } from '../core/packages/fixtures.js';

const history = [facialsSold(), facialApplied(0, 'a1'), facialApplied(1, 'a2'), facialsSold('p2', 'c1', d('2025-06-01'))];

describe('packages expiring soon', () => {
  const model = projectAll(packagesExpiringProjection, recorded(history));
  it('lists packages with unused services that expire within two weeks', () => {
    expect(packagesExpiringSoon(model, d('2026-01-01')).map((p) => [p.packageId, p.expiresOn, p.unitsRemaining, p.valueRemaining])).toEqual([
      ['p1', '2026-01-15', 4, usd(300_00)],
    ]);
    expect(packagesExpiringSoon(model, d('2026-01-01'), { withinDays: 200 }).map((p) => p.packageId)).toEqual(['p1', 'p2']);
    expect(packagesExpiringSoon(model, d('2025-12-31'))).toEqual([]);
  });
  it('schedules the notice 14 days before the expiry, and the expiry on its date', () => {
    expect(packageSchedule(model)).toEqual([
      { packageId: 'p1', noticeOn: '2026-01-01', expiresOn: '2026-01-15' },
      { packageId: 'p2', noticeOn: '2026-05-18', expiresOn: '2026-06-01' },
    ]);
    expect(packageCommandsDue(model, d('2025-12-31'))).toEqual([]);
    expect(packageCommandsDue(model, d('2026-01-01'))).toEqual([
      { type: 'IssuePackageExpiryNotice', packageId: 'p1', on: '2026-01-01', policy: { daysBefore: 14 } },
    ]);
    expect(packageCommandsDue(model, d('2026-01-15'), { noticeDaysBefore: 30 })).toEqual([{ type: 'ExpirePackage', packageId: 'p1', on: '2026-01-15' }]);
  });
  it('a notice issued is not due again; an expired or refunded package leaves the list', () => {
    const noticed: PackageEvent = {
      type: 'PackageExpiryNoticeIssued',
      data: { packageId: 'p1', clientId: 'c1', expiresOn: d('2026-01-15'), noticeOn: d('2026-01-01'), daysBefore: 14, on: d('2026-01-01'), unitsRemaining: 4, valueRemaining: usd(300_00) },
    };
    const refunded: PackageEvent = {
      type: 'PackageRefunded',
      data: { packageId: 'p2', clientId: 'c1', method: 'card', amount: usd(450_00), units: [0, 1, 2, 3, 4, 5], byService: [{ serviceId: 'facial', quantity: 6, value: usd(450_00) }], on: d('2025-07-01'), afterExpiry: false },
    };
    const after = projectAll(packagesExpiringProjection, recorded([...history, noticed, refunded]));
    expect(packageCommandsDue(after, d('2026-01-02'))).toEqual([]);
    expect(Object.keys(after.packages)).toEqual(['p1']);
  });
});
