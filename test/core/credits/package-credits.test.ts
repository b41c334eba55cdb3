/**
 * Credits connected with packages, in the ledger: a lot a package granted holds its units.
 * Bookings use them (and name the package, so the package counts the unit used); a service
 * applied to the package books from its lots; a credit the package declines goes back and
 * the booking takes one elsewhere; provider edits and transfers leave package credits alone.
 */
import { describe, expect, it } from 'vitest';
import { creditBalance, openCreditLots, type CreditsCommandOf, type CreditsEvent, type CreditsEventData } from '../../../core/credits/index.js';
import { percent } from '../../../core/values/percent.js';
import { book, booked, cancel, cancelled, d, FOLLOW_UP, grant, granted, JAN_1, policy, repaid, spec } from './fixtures.js';

const P = 'pkg-6';
/** Lot `lot` of package P's sale holding: `quantity` follow-ups expiring on 2025-07-01. */
const packageLot = (lot: number, quantity: number, extra: Partial<CreditsEventData<'CreditsGranted'>> = {}): CreditsEvent =>
  granted(lot, quantity, { reference: P, packageHolding: 'sale', expiresOn: d('2025-07-01'), ...extra });
const fromPackage = { packageId: P, packageHolding: 'sale' } as const;

const bookFromPackage = (bookingId: string, extra: Partial<CreditsCommandOf<'BookSessionFromPackage'>> = {}): CreditsCommandOf<'BookSessionFromPackage'> => ({
  type: 'BookSessionFromPackage',
  clientId: 'c1',
  bookingId,
  packageId: P,
  appointmentType: FOLLOW_UP,
  packageHolding: 'sale',
  on: JAN_1,
  ...extra,
});
const decline = (bookingId: string, extra: Partial<CreditsCommandOf<'DeclinePackageCredit'>> = {}): CreditsCommandOf<'DeclinePackageCredit'> => ({
  type: 'DeclinePackageCredit',
  clientId: 'c1',
  bookingId,
  packageId: P,
  code: 'NO_UNITS_LEFT',
  reason: '"6-Pack" has no Follow-up left.',
  on: JAN_1,
  ...extra,
});
const declined = (bookingId: string, data: Partial<CreditsEventData<'PackageCreditDeclined'>>): CreditsEvent => ({
  type: 'PackageCreditDeclined',
  data: { bookingId, appointmentType: FOLLOW_UP, packageId: P, fromLot: 1, returned: 'restored', lot: null, owed: false, code: 'NO_UNITS_LEFT', reason: '"6-Pack" has no Follow-up left.', on: JAN_1, ...data },
});
const unavailable = (bookingId: string, data: Partial<CreditsEventData<'PackageCreditUnavailable'>> = {}): CreditsEvent => ({
  type: 'PackageCreditUnavailable',
  data: { bookingId, packageId: P, appointmentType: FOLLOW_UP, code: 'NO_CREDITS_FROM_PACKAGE', reason: `No ${FOLLOW_UP} credits of package ${P} are left in this ledger.`, creditVoid: false, on: JAN_1, ...data },
});

describe('Connect Credits System with Client Packages: a package\'s credits name their package', () => {
  it('when a client purchases a package, its credits are a lot of the package (and of its holding)', () => {
    const state = spec
      .given([])
      .when(grant(6, { reference: P, packageHolding: 'sale', expiresOn: d('2025-07-01') }))
      .then([packageLot(1, 6)]);
    expect(openCreditLots(state, FOLLOW_UP)[0]).toMatchObject({ lot: 1, reference: P, packageHolding: 'sale', remaining: 6 });
  });

  it('a session booked from the package\'s credit names the package, so the package counts the unit used', () => {
    spec.given([packageLot(1, 6)]).when(book('b1')).then([booked('b1', 1, fromPackage)]);
  });

  it('a cancellation that gives the credit back names the package, so the unit is unused again', () => {
    spec.given([packageLot(1, 6), booked('b1', 1, fromPackage)]).when(cancel('b1')).then([cancelled('b1', 1, 'restored', fromPackage)]);
  });

  it('negative credits repaid by a package name it: those sessions used its units', () => {
    spec
      .given([booked('b0', null, { policy: policy({ allowBookingWithoutCredits: true }) })])
      .when(grant(6, { reference: P, packageHolding: 'sale', expiresOn: d('2025-07-01') }))
      .then([packageLot(1, 6), repaid(1, ['b0'], fromPackage)]);
  });

  it('credits of another source are not a package\'s', () => {
    spec.given([granted(1, 1, { source: 'membership', reference: 'vip/2025-01' })]).when(book('b1')).then([booked('b1', 1)]);
  });
});

describe('Apply to patient\'s package? — the session is booked from the package\'s lots', () => {
  it('one credit of the package is used, marked as applied by the package', () => {
    const state = spec
      .given([granted(1, 2, { expiresOn: d('2025-03-01') }), packageLot(2, 6)])
      .when(bookFromPackage('pb-1'))
      .then([booked('pb-1', 2, { ...fromPackage, channel: 'provider', appliedToPackage: true })]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(7);
  });

  it('only lots of the holding it was applied in', () => {
    spec
      .given([packageLot(1, 1, { packageHolding: 'sale' }), packageLot(2, 1, { packageHolding: 'transfer/GIFT' })])
      .when(bookFromPackage('pb-1', { packageHolding: 'transfer/GIFT' }))
      .then([booked('pb-1', 2, { packageId: P, packageHolding: 'transfer/GIFT', channel: 'provider', appliedToPackage: true })]);
  });

  it('is recorded whatever the credit settings: the package already decided', () => {
    spec
      .given([packageLot(1, 1), { type: 'CreditSettingsAdjusted', data: { overrides: { enabled: false }, by: 'admin', on: JAN_1 } }])
      .when(bookFromPackage('pb-1'))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['SessionBooked']));
  });

  it('with the package\'s credit used up here first, nothing is booked and the package takes its unit back', () => {
    spec.given([packageLot(1, 1), booked('b1', 1, fromPackage)]).when(bookFromPackage('pb-1')).then([unavailable('pb-1')]);
  });

  it('with the package\'s lot past its date or voided, the unit is void too', () => {
    const lost = { code: 'PACKAGE_CREDITS_VOID', reason: `The ${FOLLOW_UP} credits of package ${P} in this ledger have expired or been voided.`, creditVoid: true };
    spec.given([packageLot(1, 1)]).when(bookFromPackage('pb-1', { on: d('2025-07-01') })).then([unavailable('pb-1', { ...lost, on: d('2025-07-01') })]);
    const voided: CreditsEvent = { type: 'CreditsVoided', data: { lot: 1, appointmentType: FOLLOW_UP, quantity: 1, reference: P, reason: 'package refunded', by: 'system', on: JAN_1 } };
    spec.given([packageLot(1, 1), voided]).when(bookFromPackage('pb-1')).then([unavailable('pb-1', lost)]);
  });
});

describe('the package declines a credit it cannot give', () => {
  it('the credit goes back to the package\'s lot and the booking takes one from another lot', () => {
    const state = spec
      .given([packageLot(1, 1), granted(2, 1), booked('b1', 1, fromPackage)])
      .when(decline('b1', { code: 'BLACKOUT_DATE' }))
      .then([declined('b1', { lot: 2, code: 'BLACKOUT_DATE' })]);
    expect(openCreditLots(state, FOLLOW_UP).map((l) => [l.lot, l.remaining])).toEqual([[1, 1]]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(1);
  });

  it('never from that package again: with no other credit, the booking is owed', () => {
    const state = spec
      .given([packageLot(1, 2), booked('b1', 1, fromPackage)])
      .when(decline('b1'))
      .then([declined('b1', { owed: true })]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(1);
    // A later grant from that package does not repay it; another grant does.
    const owed = [packageLot(1, 2), booked('b1', 1, fromPackage), declined('b1', { owed: true })];
    spec.given(owed).when(grant(2, { reference: P, packageHolding: 'sale', expiresOn: d('2025-07-01') })).then([packageLot(2, 2)]);
    spec.given(owed).when(grant(1)).then([granted(2, 1), repaid(2, ['b1'])]);
  });

  it('when the package can no longer be used from this ledger, the credit given back is void', () => {
    const state = spec
      .given([packageLot(1, 2), booked('b1', 1, fromPackage)])
      .when(decline('b1', { code: 'PACKAGE_REFUNDED', creditVoid: true }))
      .then([declined('b1', { returned: 'voided', owed: true, code: 'PACKAGE_REFUNDED' })]);
    expect(openCreditLots(state, FOLLOW_UP).map((l) => [l.lot, l.remaining])).toEqual([[1, 1]]);
  });

  it('a cancelled booking only gives its credit back; one whose credit came back already gives nothing', () => {
    const kept = [packageLot(1, 2), booked('b1', 1, fromPackage), cancelled('b1', 1, 'not_restored', { ...fromPackage, policy: policy({ restoreOnCancel: false }) })];
    spec.given(kept).when(decline('b1')).then([declined('b1', {})]);
    spec.given([packageLot(1, 2), booked('b1', 1, fromPackage), cancelled('b1', 1, 'restored', fromPackage)]).when(decline('b1')).then([]);
  });

  it('is applied once: the booking has moved off the package', () => {
    spec.given([packageLot(1, 2), granted(2, 1), booked('b1', 1, fromPackage), declined('b1', { lot: 2 })]).when(decline('b1')).then([]);
  });

  it('both sides took the last credit at once: the ledger\'s booking keeps it while the package takes back the applied unit', () => {
    const race = [packageLot(1, 1), booked('b1', 1, fromPackage), unavailable('pb-1')];
    spec.given(race).when(decline('b1')).then([{ type: 'PackageCreditKept', data: { bookingId: 'b1', packageId: P, appointmentType: FOLLOW_UP, on: JAN_1, packageHolding: 'sale' } }]);
    // Once per application that found no credit; a second decline moves the booking off.
    const once: CreditsEvent = { type: 'PackageCreditKept', data: { bookingId: 'b1', packageId: P, appointmentType: FOLLOW_UP, on: JAN_1, packageHolding: 'sale' } };
    spec.given([...race, once]).when(decline('b1')).then([declined('b1', { owed: true })]);
    // A void credit gives nothing back to wait for.
    spec.given([packageLot(1, 1), booked('b1', 1, fromPackage), unavailable('pb-1', { creditVoid: true })]).when(decline('b1')).then([declined('b1', { owed: true })]);
  });

  it('an unknown booking is refused', () => {
    spec.given([]).when(decline('nope')).thenError('UNKNOWN_BOOKING');
  });
});

describe('a package\'s credits end with the package', () => {
  it('past their date they are not used, but the ledger does not expire them itself: the package\'s expiry voids them', () => {
    const state = spec
      .given([packageLot(1, 2), granted(2, 1, { expiresOn: d('2025-07-01') })])
      .when({ type: 'ExpireCredits', clientId: 'c1', on: d('2025-07-01') })
      .then([{ type: 'CreditsExpired', data: { lot: 2, appointmentType: FOLLOW_UP, quantity: 1, expiresOn: d('2025-07-01'), reference: null, on: d('2025-07-01') } }]);
    expect(openCreditLots(state, FOLLOW_UP).map((l) => l.lot)).toEqual([1]);
    spec.given([packageLot(1, 2)]).when(book('b1', { on: d('2025-07-01') })).thenError('INSUFFICIENT_CREDITS');
  });

  it('so an extension that reaches the ledger late still finds them', () => {
    spec
      .given([packageLot(1, 2)])
      .when({ type: 'ExtendCreditExpiry', clientId: 'c1', reference: P, expiresOn: d('2025-08-01'), reason: 'package extended', on: d('2025-06-30') })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['CreditExpiryExtended']));
  });

  it('credits granted with source package but no holding are managed by hand, like any others', () => {
    spec.given([granted(1, 1, { reference: P, expiresOn: d('2025-02-01') })]).when({ type: 'ExpireCredits', clientId: 'c1', on: d('2025-02-01') }).thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['CreditsExpired']));
    spec.given([granted(1, 1, { reference: P })]).when(book('b1')).then([booked('b1', 1)]);
  });
});

describe('Track & Edit Client Credits: a package\'s credits change through the package', () => {
  it('a manual decrease takes credits outside packages only', () => {
    spec
      .given([packageLot(1, 3), granted(2, 2)])
      .when({ type: 'AdjustCredits', clientId: 'c1', appointmentType: FOLLOW_UP, delta: -2, by: 'dr-lee', reason: 'edit', on: JAN_1 })
      .thenEvents((events) => expect(events[0]?.type === 'CreditsAdjusted' && events[0].data.taken).toEqual([{ lot: 2, quantity: 2 }]));
    spec
      .given([packageLot(1, 3), granted(2, 1)])
      .when({ type: 'SetCreditBalance', clientId: 'c1', appointmentType: FOLLOW_UP, balance: 0, by: 'dr-lee', reason: 'edit', on: JAN_1 })
      .thenError('CREDITS_HELD_BY_PACKAGE', 'units of a package');
  });

  it('a transfer between clients gives credits outside packages only (the package moves with its own transfer)', () => {
    const transfer = { type: 'TransferCreditsOut', clientId: 'c1', transferId: 't1', toClientId: 'c2', appointmentType: FOLLOW_UP, quantity: 1, on: JAN_1 } as const;
    spec.given([packageLot(1, 3)]).when(transfer).thenError('CREDITS_HELD_BY_PACKAGE');
    spec.given([packageLot(1, 3)]).when({ ...transfer, fromReference: P }).thenError('CREDITS_HELD_BY_PACKAGE');
    spec
      .given([packageLot(1, 3, { expiresOn: d('2025-03-01') }), granted(2, 1)])
      .when(transfer)
      .thenEvents((events) => expect(events[0]?.type === 'CreditsTransferredOut' && events[0].data.taken).toEqual([{ lot: 2, quantity: 1, expiresOn: null }]));
  });

  it('a package\'s units do not roll over', () => {
    spec
      .given([packageLot(1, 3)])
      .when({ type: 'RollOverCredits', clientId: 'c1', fromReference: P, toReference: `${P}/next`, percent: percent(100), on: JAN_1 })
      .then([]);
  });
});
