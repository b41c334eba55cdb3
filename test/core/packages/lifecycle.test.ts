import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { packageDecider, packageValueIn, type PackageEvent } from '../../../core/packages/index.js';
import { d, facialApplied, facialsSold, sixPackFacials, usd } from './fixtures.js';

const spec = deciderSpec(packageDecider);
const twoUsed = [facialsSold(), facialApplied(0, 'a1'), facialApplied(1, 'a2')];
const unusedFour = [2, 3, 4, 5];

const expired: PackageEvent = {
  type: 'PackageExpired',
  data: {
    packageId: 'p1',
    clientId: 'c1',
    expiresOn: d('2026-01-15'),
    on: d('2026-01-15'),
    units: unusedFour,
    byService: [{ serviceId: 'facial', quantity: 4, value: usd(300_00) }],
    valueExpired: usd(300_00),
  },
};

describe('expiration', () => {
  const expire = { type: 'ExpirePackage', packageId: 'p1', on: d('2026-01-15') } as const;
  it('after expiration, unused services void and their value is recorded', () => {
    const state = spec.given(twoUsed).when(expire).then([expired]);
    expect(state.status).toBe('expired');
    expect(state.status !== 'unsold' && packageValueIn(state, 'expired')).toEqual(usd(300_00));
  });
  it('a package does not expire before its date', () => {
    spec.given(twoUsed).when({ ...expire, on: d('2026-01-14') }).thenError('PACKAGE_NOT_YET_EXPIRED');
  });
  it('expiring again records nothing', () => {
    spec.given([...twoUsed, expired]).when({ ...expire, on: d('2026-02-01') }).then([]);
  });
  it('a fully used package still records its expiry, with nothing to void', () => {
    const used = Array.from({ length: 6 }, (_, i) => facialApplied(i, `a${i}`));
    spec.given([facialsSold(), ...used]).when(expire).thenEvents((events) => {
      expect(events[0]?.type === 'PackageExpired' && events[0].data.valueExpired).toEqual(usd(0));
    });
  });
});

describe('option to extend expiration', () => {
  const extend = { type: 'ExtendPackage', packageId: 'p1', to: d('2026-04-15'), on: d('2026-01-05') } as const;
  it('an extension moves the expiry date', () => {
    const state = spec.given(twoUsed).when(extend).then([
      {
        type: 'PackageExtended',
        data: {
          packageId: 'p1',
          clientId: 'c1',
          from: d('2026-01-15'),
          to: d('2026-04-15'),
          on: d('2026-01-05'),
          allowAfterExpiry: false,
          reinstated: [],
          reinstatedByService: [],
        },
      },
    ]);
    expect(state.status !== 'unsold' && state.expiresOn).toBe('2026-04-15');
  });
  it('must move the date later', () => {
    spec.given(twoUsed).when({ ...extend, to: d('2026-01-15') }).thenError('EXTENSION_NOT_LATER');
  });
  it('after the expiry, only if the policy allows it, and then the void units are usable again', () => {
    spec.given([...twoUsed, expired]).when({ ...extend, on: d('2026-01-20') }).thenError('PACKAGE_EXPIRED');
    const state = spec
      .given([...twoUsed, expired])
      .when({ ...extend, on: d('2026-01-20'), policy: { allowAfterExpiry: true } })
      .thenEvents((events) => {
        const e = events[0];
        expect(e?.type === 'PackageExtended' && [e.data.reinstated, e.data.reinstatedByService]).toEqual([
          unusedFour,
          [{ serviceId: 'facial', quantity: 4, value: usd(300_00) }],
        ]);
      });
    expect(state.status).toBe('active');
    expect(state.status !== 'unsold' && packageValueIn(state, 'unused')).toEqual(usd(300_00));
  });
  it('a package without an expiry cannot be extended', () => {
    const { validity: _never, ...forever } = sixPackFacials;
    let sold: readonly PackageEvent[] = [];
    spec
      .given([])
      .when({ type: 'SellPackage', packageId: 'p1', clientId: 'c1', terms: forever, channel: 'check-out', on: d('2025-01-15') })
      .thenEvents((events) => {
        sold = events;
        expect(events[0]?.type === 'PackageSold' && events[0].data.expiresOn).toBeUndefined();
      });
    spec.given(sold).when(extend).thenError('PACKAGE_DOES_NOT_EXPIRE');
    spec.given(sold).when({ type: 'ExpirePackage', packageId: 'p1', on: d('2099-01-01') }).thenError('PACKAGE_DOES_NOT_EXPIRE');
  });
});

describe('notify when nearing expiration', () => {
  const notice = { type: 'IssuePackageExpiryNotice', packageId: 'p1', on: d('2026-01-01') } as const;
  const issued: PackageEvent = {
    type: 'PackageExpiryNoticeIssued',
    data: {
      packageId: 'p1',
      clientId: 'c1',
      expiresOn: d('2026-01-15'),
      noticeOn: d('2026-01-01'),
      daysBefore: 14,
      on: d('2026-01-01'),
      unitsRemaining: 4,
      valueRemaining: usd(300_00),
    },
  };
  it('the notice falls due 2 weeks before the expiry', () => {
    spec.given(twoUsed).when(notice).then([issued]);
  });
  it('not before', () => {
    spec.given(twoUsed).when({ ...notice, on: d('2025-12-31') }).thenError('NOTICE_NOT_DUE', '2026-01-01');
  });
  it('N days before, as the practice sets it', () => {
    spec.given(twoUsed).when({ ...notice, on: d('2025-12-16'), policy: { daysBefore: 30 } }).thenEvents((events) => {
      expect(events[0]?.type === 'PackageExpiryNoticeIssued' && events[0].data.noticeOn).toBe('2025-12-16');
    });
  });
  it('once per expiry date, and again after an extension', () => {
    spec.given([...twoUsed, issued]).when(notice).then([]);
    const extended: PackageEvent = {
      type: 'PackageExtended',
      data: { packageId: 'p1', clientId: 'c1', from: d('2026-01-15'), to: d('2026-03-01'), on: d('2026-01-02'), allowAfterExpiry: false, reinstated: [], reinstatedByService: [] },
    };
    spec.given([...twoUsed, issued, extended]).when({ ...notice, on: d('2026-02-15') }).thenEvents((events) => {
      expect(events[0]?.type === 'PackageExpiryNoticeIssued' && events[0].data.expiresOn).toBe('2026-03-01');
    });
  });
  it('nothing to say for a package used up or already expired', () => {
    const used = Array.from({ length: 6 }, (_, i) => facialApplied(i, `a${i}`));
    spec.given([facialsSold(), ...used]).when(notice).then([]);
    spec.given([...twoUsed, expired]).when(notice).then([]);
  });
});

describe('refunding unused services', () => {
  const refund = { type: 'RefundPackage', packageId: 'p1', method: 'wallet', on: d('2025-06-01') } as const;
  const refunded = (method: 'wallet' | 'card' | 'store-credit'): PackageEvent => ({
    type: 'PackageRefunded',
    data: {
      packageId: 'p1',
      clientId: 'c1',
      method,
      amount: usd(300_00),
      units: unusedFour,
      byService: [{ serviceId: 'facial', quantity: 4, value: usd(300_00) }],
      on: d('2025-06-01'),
      afterExpiry: false,
    },
  });
  it('refunds the unused portion: the value remaining, to the account (wallet)', () => {
    const state = spec.given(twoUsed).when(refund).then([refunded('wallet')]);
    expect(state.status).toBe('refunded');
    expect(state.status !== 'unsold' && packageValueIn(state, 'unused')).toEqual(usd(0));
  });
  it('money back to the card, or store credit', () => {
    spec.given(twoUsed).when({ ...refund, method: 'card' }).then([refunded('card')]);
    spec.given(twoUsed).when({ ...refund, method: 'store-credit' }).then([refunded('store-credit')]);
  });
  it('after a refund the package cannot be used nor refunded again', () => {
    spec
      .given([...twoUsed, refunded('wallet')])
      .when({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId: 'c1', serviceId: 'facial', appointmentId: 'a9', on: d('2025-06-02') })
      .thenError('PACKAGE_REFUNDED');
    spec.given([...twoUsed, refunded('wallet')]).when(refund).thenError('PACKAGE_REFUNDED');
  });
  it('nothing to refund when every service was used', () => {
    const used = Array.from({ length: 6 }, (_, i) => facialApplied(i, `a${i}`));
    spec.given([facialsSold(), ...used]).when(refund).thenError('NOTHING_TO_REFUND');
  });
  it('check the refund policy allows it: refused after expiry unless policy allows', () => {
    spec.given(twoUsed).when({ ...refund, on: d('2026-01-15') }).thenError('PACKAGE_EXPIRED');
    spec.given([...twoUsed, expired]).when({ ...refund, on: d('2026-01-20') }).thenError('PACKAGE_EXPIRED');
    spec
      .given([...twoUsed, expired])
      .when({ ...refund, on: d('2026-01-20'), policy: { allowAfterExpiry: true } })
      .thenEvents((events, state) => {
        const e = events[0];
        expect(e?.type === 'PackageRefunded' && [e.data.amount, e.data.afterExpiry]).toEqual([usd(300_00), true]);
        expect(state.status !== 'unsold' && packageValueIn(state, 'expired')).toEqual(usd(0));
      });
  });
});
