/**
 * The package as the gatekeeper of its units when its credits move in the holder's ledger:
 * a booking that used one of its credits uses a unit (or is declined, with the reason), a
 * credit that came back makes its unit unused again (or void), an applied service whose
 * credit the ledger no longer had is reversed. None of these is refused for a sold package.
 */
import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { packageBookingId, packageDecider, packageUnitsIn, packageValueIn, type PackageCommand, type PackageEvent } from '../../../core/packages/index.js';
import { d, facialApplied, facialsSold, usd } from './fixtures.js';

const spec = deciderSpec(packageDecider);
const FEB_2 = d('2025-02-02');

const use = (bookingId: string, extra: Partial<Extract<PackageCommand, { type: 'RecordPackageCreditUse' }>> = {}): PackageCommand => ({
  type: 'RecordPackageCreditUse',
  packageId: 'p1',
  clientId: 'c1',
  bookingId,
  serviceId: 'facial',
  on: FEB_2,
  holding: 'sale',
  ...extra,
});
const used = (unit: number, bookingId: string, on = FEB_2): PackageEvent => ({
  type: 'PackageCreditUsed',
  data: { packageId: 'p1', clientId: 'c1', bookingId, serviceId: 'facial', unit, value: usd(75_00), on, holding: 'sale' },
});
const declinedUse = (bookingId: string, code: string, creditVoid: boolean) => ({ type: 'PackageCreditUseDeclined', data: { bookingId, code, creditVoid } });
const restore = (bookingId: string, extra: Partial<Extract<PackageCommand, { type: 'RecordPackageCreditRestore' }>> = {}): PackageCommand => ({
  type: 'RecordPackageCreditRestore',
  packageId: 'p1',
  clientId: 'c1',
  bookingId,
  on: FEB_2,
  ...extra,
});
const unavailable = (bookingId: string, creditVoid = false): PackageCommand => ({
  type: 'RecordPackageCreditUnavailable',
  packageId: 'p1',
  clientId: 'c1',
  bookingId,
  code: creditVoid ? 'PACKAGE_CREDITS_VOID' : 'NO_CREDITS_FROM_PACKAGE',
  reason: 'No facial credits of package p1 are left in this ledger.',
  on: FEB_2,
  ...(creditVoid ? { creditVoid } : {}),
});
const refunded: PackageEvent = {
  type: 'PackageRefunded',
  data: { packageId: 'p1', clientId: 'c1', method: 'card', amount: usd(375_00), units: [1, 2, 3, 4, 5], byService: [{ serviceId: 'facial', quantity: 5, value: usd(375_00) }], on: d('2025-03-01'), afterExpiry: false },
};
const transferred: PackageEvent = {
  type: 'PackageTransferred',
  data: { packageId: 'p1', fromClientId: 'c1', toClientId: 'c2', accessCode: 'GIFT', units: [1, 2, 3, 4, 5], byService: [{ serviceId: 'facial', quantity: 5, value: usd(375_00) }], value: usd(375_00), on: d('2025-03-02'), sharingEnded: [], offersWithdrawn: [] },
};

describe('Applying Service from Package: the booking in the credits ledger', () => {
  it('an applied service names the booking that takes its credit in the holder\'s ledger, and the holding it comes from', () => {
    spec
      .given([facialsSold()])
      .when({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId: 'c1', serviceId: 'facial', appointmentId: 'a1', on: FEB_2 })
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ bookingId: packageBookingId('p1', 'a1'), ledgerClientId: 'c1', ledgerHolding: 'sale' }));
  });
  it('for a person the package is shared with, the credit is the owner\'s', () => {
    const shared: PackageEvent = { type: 'PackageShared', data: { packageId: 'p1', ownerId: 'c1', clientId: 'c5', on: d('2025-01-20') } };
    spec
      .given([facialsSold(), shared])
      .when({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId: 'c5', serviceId: 'facial', appointmentId: 'a1', on: FEB_2 })
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ clientId: 'c5', ledgerClientId: 'c1' }));
  });
  it('an appointment is applied once, even after its unit came back, as a booking is recorded once', () => {
    const back: PackageEvent = { type: 'PackageUnitRestored', data: { packageId: 'p1', clientId: 'c1', bookingId: packageBookingId('p1', 'a1'), unit: 0, outcome: 'unused', value: usd(75_00), on: FEB_2, holding: 'sale' } };
    spec
      .given([facialsSold(), facialApplied(0, 'a1'), back])
      .when({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId: 'c1', serviceId: 'facial', appointmentId: 'a1', on: FEB_2 })
      .thenError('APPOINTMENT_ALREADY_APPLIED');
  });
});

describe('a session booked in the credits ledger from the package\'s credit', () => {
  it('uses one unit: "1 of 6 used", the value remaining goes down', () => {
    const state = spec.given([facialsSold()]).when(use('b1')).then([used(0, 'b1')]);
    expect(state.status !== 'unsold' && [packageUnitsIn(state, 'used'), packageValueIn(state, 'unused')]).toEqual([[0], usd(375_00)]);
  });
  it('is recorded once per booking', () => {
    spec.given([facialsSold(), used(0, 'b1')]).when(use('b1')).then([]);
  });
  it('the appointment that booked it cannot also be applied to the package', () => {
    spec
      .given([facialsSold(), used(0, 'b1')])
      .when({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId: 'c1', serviceId: 'facial', appointmentId: 'b1', on: FEB_2 })
      .thenError('APPOINTMENT_ALREADY_APPLIED');
  });
  it('is declined, never refused, when the package cannot give a unit — and says whether its credits there are void', () => {
    const allUsed = Array.from({ length: 6 }, (_, i) => facialApplied(i, `a${i}`));
    const cases: [readonly PackageEvent[], PackageCommand, string, boolean][] = [
      [[facialsSold(), ...allUsed], use('b1'), 'NO_UNITS_LEFT', false],
      [[facialsSold()], use('b1', { on: d('2025-12-25') }), 'BLACKOUT_DATE', false],
      [[facialsSold()], use('b1', { serviceId: 'massage' }), 'SERVICE_NOT_COVERED', false],
      [[facialsSold(), refunded], use('b1'), 'PACKAGE_REFUNDED', true],
      [[facialsSold()], use('b1', { on: d('2026-01-15') }), 'PACKAGE_EXPIRED', true],
      [[facialsSold(), transferred], use('b1'), 'CLIENT_CANNOT_USE_PACKAGE', true],
      [[facialsSold(), transferred], use('b1', { clientId: 'c2' }), 'PACKAGE_HOLDING_ENDED', true],
    ];
    for (const [given, command, code, creditVoid] of cases) {
      spec.given(given).when(command).thenEvents((events) => expect(events).toMatchObject([declinedUse('b1', code, creditVoid)]));
    }
  });
  it('after a transfer, the recipient\'s bookings from the new holding use its units', () => {
    spec
      .given([facialsSold(), used(0, 'b0'), transferred])
      .when(use('b9', { clientId: 'c2', holding: 'transfer/GIFT' }))
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ unit: 1, clientId: 'c2', holding: 'transfer/GIFT' }));
  });
  it('a reference that is not a sold package has nothing to mirror', () => {
    spec.given([]).when(use('b1')).then([]);
  });
});

describe('Restore Credits When an Appointment is Cancelled: the unit follows the credit', () => {
  it('the unit of a cancelled package-applied appointment is unused again', () => {
    const state = spec
      .given([facialsSold(), facialApplied(0, 'a1')])
      .when(restore(packageBookingId('p1', 'a1')))
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ unit: 0, outcome: 'unused', holding: 'sale' }));
    expect(state.status !== 'unsold' && packageUnitsIn(state, 'unused')).toHaveLength(6);
  });
  it('the same for a session booked in the ledger', () => {
    spec.given([facialsSold(), used(3, 'b1')]).when(restore('b1')).thenEvents((events) => expect(events[0]?.data).toMatchObject({ unit: 3, outcome: 'unused' }));
  });
  it('is void when the package can no longer be used from that ledger: refunded, expired, given away', () => {
    for (const given of [[facialsSold(), used(0, 'b1'), refunded], [facialsSold(), used(0, 'b1'), transferred]]) {
      const state = spec.given(given).when(restore('b1')).thenEvents((events) => expect(events[0]?.data).toMatchObject({ outcome: 'void' }));
      // Its value was neither used nor paid out.
      expect(state.status !== 'unsold' && packageValueIn(state, 'void')).toEqual(usd(75_00));
    }
  });
  it('a booking that holds no unit restores nothing', () => {
    spec.given([facialsSold()]).when(restore('b1')).then([]);
  });
});

describe('an applied service whose credit the ledger no longer had', () => {
  it('is reversed: the unit is unused again, the appointment is not paid by the package', () => {
    spec
      .given([facialsSold(), facialApplied(0, 'a1')])
      .when(unavailable(packageBookingId('p1', 'a1')))
      .thenEvents((events) => expect(events[0]).toMatchObject({ type: 'PackageServiceApplicationReversed', data: { unit: 0, appointmentId: 'a1', outcome: 'unused' } }));
  });
  it('the unit is void when the package\'s credit had expired or been voided', () => {
    spec
      .given([facialsSold(), facialApplied(0, 'a1')])
      .when(unavailable(packageBookingId('p1', 'a1'), true))
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ outcome: 'void', code: 'PACKAGE_CREDITS_VOID' }));
  });
});

describe('Option to extend expiration', () => {
  it('an extension past the date records the expiry first, so the unused units start a new holding', () => {
    spec
      .given([facialsSold(), facialApplied(0, 'a1')])
      .when({ type: 'ExtendPackage', packageId: 'p1', to: d('2026-04-15'), on: d('2026-01-20'), policy: { allowAfterExpiry: true } })
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['PackageExpired', 'PackageExtended']);
        expect(events[1]?.type === 'PackageExtended' && events[1].data.reinstated).toEqual([1, 2, 3, 4, 5]);
        expect(state.status !== 'unsold' && [state.status, state.holding]).toEqual(['active', 'reinstated/2026-04-15']);
      });
  });
});
