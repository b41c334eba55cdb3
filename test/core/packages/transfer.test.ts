import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { packageDecider, type PackageEvent } from '../../../core/packages/index.js';
import { d, facialApplied, facialsSaleData, facialsSold, physicalTherapyPack, usd } from './fixtures.js';

const spec = deciderSpec(packageDecider);
const twoUsed = [facialsSold(), facialApplied(0, 'a1'), facialApplied(1, 'a2')];
const offer = { type: 'OfferPackageTransfer', packageId: 'p1', recipient: 'friend@example.com', accessCode: 'GIFT-42', on: d('2025-03-01') } as const;
const offered: PackageEvent = {
  type: 'PackageTransferOffered',
  data: { packageId: 'p1', fromClientId: 'c1', recipient: 'friend@example.com', accessCode: 'GIFT-42', on: d('2025-03-01') },
};
const claim = { type: 'ClaimPackageTransfer', packageId: 'p1', accessCode: 'GIFT-42', clientId: 'c2', on: d('2025-03-02') } as const;
const transferred: PackageEvent = {
  type: 'PackageTransferred',
  data: {
    packageId: 'p1',
    fromClientId: 'c1',
    toClientId: 'c2',
    accessCode: 'GIFT-42',
    units: [2, 3, 4, 5],
    byService: [{ serviceId: 'facial', quantity: 4, value: usd(300_00) }],
    value: usd(300_00),
    on: d('2025-03-02'),
    sharingEnded: [],
    offersWithdrawn: [],
    expiresOn: d('2026-01-15'),
  },
};
const apply = (clientId: string, appointmentId: string) =>
  ({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId, serviceId: 'facial', appointmentId, on: d('2025-03-03') }) as const;

describe('transferring services', () => {
  it('if transferable: enter recipient email, the recipient gets an access code', () => {
    spec.given(twoUsed).when(offer).then([offered]);
  });
  it('the recipient redeems the code and can use the services; the giver no longer can', () => {
    const state = spec.given([...twoUsed, offered]).when(claim).then([transferred]);
    expect(state.status !== 'unsold' && state.ownerId).toBe('c2');
    spec.given([...twoUsed, offered, transferred]).when(apply('c2', 'a3')).thenEvents((events) => {
      expect(events[0]?.type === 'PackageServiceApplied' && [events[0].data.clientId, events[0].data.unit]).toEqual(['c2', 2]);
    });
    spec.given([...twoUsed, offered, transferred]).when(apply('c1', 'a3')).thenError('CLIENT_CANNOT_USE_PACKAGE');
  });
  it('if not transferable: cannot transfer, and the patient is told the policy', () => {
    const pt: PackageEvent = { type: 'PackageSold', data: { ...facialsSaleData(), terms: physicalTherapyPack } };
    spec.given([pt]).when(offer).thenError('PACKAGE_NOT_TRANSFERABLE', 'not transferable');
  });
  it('an access code redeems once', () => {
    spec.given([...twoUsed, offered, transferred]).when({ ...claim, clientId: 'c3' }).thenError('ACCESS_CODE_ALREADY_REDEEMED');
    spec.given([...twoUsed, offered, transferred]).when({ ...offer, on: d('2025-03-05') }).thenError('ACCESS_CODE_IN_USE');
  });
  it('an unknown or withdrawn code is refused', () => {
    spec.given([...twoUsed, offered]).when({ ...claim, accessCode: 'GUESS' }).thenError('ACCESS_CODE_UNKNOWN');
    const cancelled: PackageEvent = { type: 'PackageTransferCancelled', data: { packageId: 'p1', accessCode: 'GIFT-42', on: d('2025-03-01') } };
    spec
      .given([...twoUsed, offered])
      .when({ type: 'CancelPackageTransfer', packageId: 'p1', accessCode: 'GIFT-42', on: d('2025-03-01') })
      .then([cancelled]);
    spec.given([...twoUsed, offered, cancelled]).when(claim).thenError('ACCESS_CODE_UNKNOWN');
  });
  it('a code cannot be offered twice, nor claimed by the owner, nor after expiry', () => {
    spec.given([...twoUsed, offered]).when(offer).thenError('ACCESS_CODE_IN_USE');
    spec.given([...twoUsed, offered]).when({ ...claim, clientId: 'c1' }).thenError('TRANSFER_TO_OWNER');
    spec.given([...twoUsed, offered]).when({ ...claim, on: d('2026-01-15') }).thenError('PACKAGE_EXPIRED');
  });
  it('a package with nothing left has nothing to transfer', () => {
    const used = Array.from({ length: 6 }, (_, i) => facialApplied(i, `a${i}`));
    spec.given([facialsSold(), ...used]).when(offer).thenError('NOTHING_TO_TRANSFER');
  });
  it('a transfer ends the former owner\'s sharing and withdraws other offers', () => {
    const shared: PackageEvent = { type: 'PackageShared', data: { packageId: 'p1', ownerId: 'c1', clientId: 'c5', on: d('2025-02-10') } };
    const other: PackageEvent = { type: 'PackageTransferOffered', data: { packageId: 'p1', fromClientId: 'c1', recipient: 'other@example.com', accessCode: 'OTHER', on: d('2025-03-01') } };
    spec.given([...twoUsed, shared, offered, other]).when(claim).thenEvents((events, state) => {
      const e = events[0];
      expect(e?.type === 'PackageTransferred' && [e.data.sharingEnded, e.data.offersWithdrawn]).toEqual([['c5'], ['OTHER']]);
      expect(state.status !== 'unsold' && [state.sharedWith, state.transferOffers]).toEqual([[], []]);
    });
  });
});

describe('sharing', () => {
  const share = { type: 'SharePackage', packageId: 'p1', clientId: 'c5', on: d('2025-02-10') } as const;
  const shared: PackageEvent = { type: 'PackageShared', data: { packageId: 'p1', ownerId: 'c1', clientId: 'c5', on: d('2025-02-10') } };
  it('shareable: can split across multiple people', () => {
    spec.given(twoUsed).when(share).then([shared]);
    spec.given([...twoUsed, shared]).when(apply('c5', 'a3')).thenEvents((events) => {
      expect(events[0]?.type === 'PackageServiceApplied' && events[0].data.clientId).toBe('c5');
    });
  });
  it('only if the package is shareable', () => {
    const pt: PackageEvent = { type: 'PackageSold', data: { ...facialsSaleData(), terms: physicalTherapyPack } };
    spec.given([pt]).when(share).thenError('PACKAGE_NOT_SHAREABLE');
  });
  it('sharing twice records nothing; stopping ends the access', () => {
    spec.given([...twoUsed, shared]).when(share).then([]);
    const stopped: PackageEvent = { type: 'PackageSharingStopped', data: { packageId: 'p1', ownerId: 'c1', clientId: 'c5', on: d('2025-04-01') } };
    spec.given([...twoUsed, shared]).when({ type: 'StopSharingPackage', packageId: 'p1', clientId: 'c5', on: d('2025-04-01') }).then([stopped]);
    spec.given([...twoUsed, shared, stopped]).when(apply('c5', 'a3')).thenError('CLIENT_CANNOT_USE_PACKAGE');
  });
});
