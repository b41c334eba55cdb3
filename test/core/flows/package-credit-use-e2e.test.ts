/**
 * Credits connected with packages, end to end: packages and credits ledgers behind their
 * command handlers in one in-memory store, the flows run to quiescence, and both sides of
 * every package read back from the log — units used on the package equal the credits
 * consumed from its lots, remaining units equal remaining credits, whichever side acted.
 */
import { describe, expect, it } from 'vitest';
import { isLeft } from 'fp-ts/lib/Either.js';
import { creditBalance, type CreditsEvent } from '../../../core/credits/index.js';
import { packageBookingId, packageValueIn, type PackageEvent } from '../../../core/packages/index.js';
import { clientPackageUsage, packageUsageProjection } from '../../../projections/package-usage.js';
import { projectAll } from '../../../projections/projection.js';
import type { RecordedEvent, DomainEvent } from '../../../core/kernel/envelope.js';
import { d, sixPackFacials } from '../packages/fixtures.js';
import { createPracticeWorld, expectAgreement, foldWorld, ok, packageSides } from './package-credit-world.js';

const sell = (packageId = 'p1', clientId = 'c1') =>
  ({ type: 'SellPackage', packageId, clientId, terms: sixPackFacials, channel: 'check-out', on: d('2025-01-15') }) as const;
const apply = (appointmentId: string, on = '2025-02-01', clientId = 'c1') =>
  ({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId, serviceId: 'facial', appointmentId, on: d(on) }) as const;
const book = (bookingId: string, on = '2025-02-02', clientId = 'c1') =>
  ({ type: 'BookSession', clientId, bookingId, appointmentType: 'facial', channel: 'client_portal', on: d(on) }) as const;

const usage = (log: readonly RecordedEvent<DomainEvent>[], clientId = 'c1') =>
  clientPackageUsage(projectAll(packageUsageProjection, log), clientId).map((u) => [u.usedLabel, u.valueRemaining.amount]);
const balance = (log: readonly RecordedEvent<DomainEvent>[], clientId = 'c1') => {
  const ledger = foldWorld(log).ledgers.get(clientId);
  return ledger === undefined ? 0 : creditBalance(ledger, 'facial');
};
const ofType = <T extends string>(log: readonly RecordedEvent<DomainEvent>[], type: T) => log.filter((e) => e.type === type);

describe('applying service from package uses a credit', () => {
  it('"Apply to patient\'s package?" → the service is deducted from the package balance and one credit is used in the ledger', async () => {
    const w = createPracticeWorld();
    ok(await w.pkg(sell()));
    await w.settle();
    ok(await w.pkg(apply('a1')));
    await w.settle();
    const log = await w.events();
    expect(usage(log)).toEqual([['1 of 6 used', 375_00]]);
    expect(balance(log)).toBe(5);
    const [booked] = ofType(log, 'SessionBooked') as RecordedEvent<Extract<CreditsEvent, { type: 'SessionBooked' }>>[];
    expect(booked?.data).toMatchObject({ bookingId: packageBookingId('p1', 'a1'), packageId: 'p1', appliedToPackage: true, channel: 'provider', lot: 1 });
    expect(w.refusals).toEqual([]);
    expectAgreement(log, d('2025-02-01'));
  });

  it('a session booked in the credits ledger from the package\'s credit is counted as used on the package', async () => {
    const w = createPracticeWorld();
    ok(await w.pkg(sell()));
    await w.settle();
    ok(await w.ledger(book('b1'), 'c1'));
    await w.settle();
    const log = await w.events();
    expect(usage(log)).toEqual([['1 of 6 used', 375_00]]);
    expect(balance(log)).toBe(5);
    expect(ofType(log, 'PackageCreditUsed').map((e) => e.data)).toEqual([
      { packageId: 'p1', clientId: 'c1', bookingId: 'b1', serviceId: 'facial', unit: 0, value: { amount: 75_00, currency: 'USD' }, on: '2025-02-02', holding: 'sale' },
    ]);
    // The appointment that booked the credit cannot be applied to the package again.
    const again = await w.pkg(apply('b1', '2025-02-03'));
    expect(isLeft(again) && again.left.code).toBe('APPOINTMENT_ALREADY_APPLIED');
    expectAgreement(log, d('2025-02-02'));
  });

  it('cancelling a package-applied appointment restores both the credit and the unit', async () => {
    const w = createPracticeWorld();
    ok(await w.pkg(sell()));
    ok(await w.pkg(apply('a1')));
    await w.settle();
    ok(await w.ledger({ type: 'CancelBooking', clientId: 'c1', bookingId: packageBookingId('p1', 'a1'), on: d('2025-02-01') }));
    await w.settle();
    const log = await w.events();
    expect(usage(log)).toEqual([['0 of 6 used', 450_00]]);
    expect(balance(log)).toBe(6);
    expect(ofType(log, 'PackageUnitRestored').map((e) => e.data)).toMatchObject([{ unit: 0, outcome: 'unused' }]);
    // An appointment is applied once, as a booking is recorded once.
    const again = await w.pkg(apply('a1', '2025-02-03'));
    expect(isLeft(again) && again.left.code).toBe('APPOINTMENT_ALREADY_APPLIED');
    expectAgreement(log, d('2025-02-01'));
  });

  it('with restore on cancel turned off, a cancelled appointment keeps its unit used on both sides', async () => {
    const w = createPracticeWorld();
    ok(await w.pkg(sell()));
    await w.settle();
    ok(await w.ledger(book('b1')));
    ok(await w.ledger({ type: 'CancelBooking', clientId: 'c1', bookingId: 'b1', on: d('2025-02-03'), policy: { restoreOnCancel: false } }));
    await w.settle();
    const log = await w.events();
    expect([usage(log), balance(log)]).toEqual([[['1 of 6 used', 375_00]], 5]);
    expectAgreement(log, d('2025-02-03'));
  });
});

describe('refunding unused services pays for the units used nowhere', () => {
  it('a refund after one applied service and one ledger booking pays out 4 units and voids 4 credits', async () => {
    const w = createPracticeWorld();
    ok(await w.pkg(sell()));
    await w.settle();
    ok(await w.pkg(apply('a1')));
    ok(await w.ledger(book('b1')));
    await w.settle();
    const refund = ok(await w.pkg({ type: 'RefundPackage', packageId: 'p1', method: 'wallet', on: d('2025-03-01') }));
    expect(refund.events[0]?.type === 'PackageRefunded' && refund.events[0].data.amount.amount).toBe(300_00);
    await w.settle();
    const log = await w.events();
    expect(balance(log)).toBe(0);
    expect(ofType(log, 'CreditsVoided').map((e) => e.data)).toMatchObject([{ quantity: 4, reference: 'p1' }]);
    expectAgreement(log, d('2025-03-01'));
  });

  it('a booking that took a credit the package refunded meanwhile moves off it: booked without credit, the refund stays right', async () => {
    const w = createPracticeWorld();
    ok(await w.pkg(sell()));
    await w.settle();
    // Both before the flows run: the ledger books from the package's lot, the package is refunded.
    ok(await w.ledger(book('b1')));
    const refund = ok(await w.pkg({ type: 'RefundPackage', packageId: 'p1', method: 'card', on: d('2025-02-02') }));
    expect(refund.events[0]?.type === 'PackageRefunded' && refund.events[0].data.amount.amount).toBe(450_00);
    await w.settle();
    const log = await w.events();
    expect(ofType(log, 'PackageCreditUseDeclined').map((e) => e.data)).toMatchObject([{ bookingId: 'b1', code: 'PACKAGE_REFUNDED' }]);
    expect(ofType(log, 'PackageCreditDeclined').map((e) => e.data)).toMatchObject([{ bookingId: 'b1', packageId: 'p1', returned: 'voided', lot: null, owed: true }]);
    expect(balance(log)).toBe(-1);
    expect(w.refusals).toEqual([]);
    expectAgreement(log, d('2025-02-02'));
  });
});

describe('negative credits repaid by a package', () => {
  it('a client who booked without credit and then purchased a package: the debt is repaid from it and counts as used', async () => {
    const w = createPracticeWorld();
    ok(await w.ledger({ ...book('b0', '2025-01-10'), policy: { allowBookingWithoutCredits: true } }));
    ok(await w.pkg(sell()));
    await w.settle();
    const log = await w.events();
    expect(ofType(log, 'CreditDebtRepaid').map((e) => e.data)).toMatchObject([{ bookingIds: ['b0'], packageId: 'p1' }]);
    expect([usage(log), balance(log)]).toEqual([[['1 of 6 used', 375_00]], 5]);
    expectAgreement(log, d('2025-01-15'));
  });
});

describe('sharing and transfers', () => {
  it('a service applied for a person the package is shared with uses the owner\'s credit', async () => {
    const w = createPracticeWorld();
    ok(await w.pkg(sell()));
    ok(await w.pkg({ type: 'SharePackage', packageId: 'p1', clientId: 'c5', on: d('2025-01-20') }));
    ok(await w.pkg(apply('a1', '2025-02-01', 'c5')));
    await w.settle();
    const log = await w.events();
    expect([balance(log, 'c1'), balance(log, 'c5')]).toEqual([5, 0]);
    expectAgreement(log, d('2025-02-01'));
  });

  it('after a transfer the recipient\'s bookings use the package; a restore in the giver\'s ledger voids the unit', async () => {
    const w = createPracticeWorld();
    ok(await w.pkg(sell()));
    await w.settle();
    ok(await w.ledger(book('b1')));
    await w.settle();
    ok(await w.pkg({ type: 'OfferPackageTransfer', packageId: 'p1', recipient: 'friend@example.com', accessCode: 'GIFT', on: d('2025-03-01') }));
    ok(await w.pkg({ type: 'ClaimPackageTransfer', packageId: 'p1', accessCode: 'GIFT', clientId: 'c2', on: d('2025-03-02') }));
    // The giver cancels before the flows run: the credit comes back to a lot the transfer is voiding.
    ok(await w.ledger({ type: 'CancelBooking', clientId: 'c1', bookingId: 'b1', on: d('2025-03-02') }));
    await w.settle();
    ok(await w.ledger(book('b2', '2025-03-05', 'c2')));
    await w.settle();
    const log = await w.events();
    expect([balance(log, 'c1'), balance(log, 'c2')]).toEqual([0, 4]);
    expect(usage(log, 'c2')).toEqual([['1 of 6 used', 300_00]]);
    expectAgreement(log, d('2025-03-05'));
  });
});

describe('both sides acting at once on the last credit', () => {
  const lastCredit = async () => {
    const w = createPracticeWorld();
    ok(await w.pkg({ ...sell(), terms: { ...sixPackFacials, items: [{ serviceId: 'facial', name: 'Facial', quantity: 1, unitValue: sixPackFacials.items[0]!.unitValue }], price: sixPackFacials.items[0]!.unitValue } }));
    await w.settle();
    return w;
  };

  it('the ledger booked it before the applied service reached it: the application is reversed, the booking keeps the credit', async () => {
    const w = await lastCredit();
    ok(await w.ledger(book('b1')));
    ok(await w.pkg(apply('a1', '2025-02-03')));
    await w.settle();
    const log = await w.events();
    expect(ofType(log, 'PackageCreditUnavailable').map((e) => e.data)).toMatchObject([{ bookingId: packageBookingId('p1', 'a1'), code: 'NO_CREDITS_FROM_PACKAGE' }]);
    expect(ofType(log, 'PackageServiceApplicationReversed').map((e) => e.data)).toMatchObject([{ appointmentId: 'a1', outcome: 'unused' }]);
    expect(ofType(log, 'PackageCreditKept').map((e) => e.data)).toMatchObject([{ bookingId: 'b1', packageId: 'p1' }]);
    expect(foldWorld(log).packages['p1']?.units.map((u) => [u.status, u.bookingId])).toEqual([['used', 'b1']]);
    expect(ofType(log, 'PackageCreditDeclined')).toEqual([]);
    expect(balance(log)).toBe(0);
    expect(w.refusals).toEqual([]);
    expectAgreement(log, d('2025-02-03'));
  });

  it('the same when the application came first but its booking reached the ledger second', async () => {
    const w = await lastCredit();
    ok(await w.pkg(apply('a1', '2025-02-01')));
    ok(await w.ledger(book('b1')));
    await w.settle();
    const log = await w.events();
    expect(foldWorld(log).packages['p1']?.units.map((u) => [u.status, u.bookingId])).toEqual([['used', 'b1']]);
    expect(ofType(log, 'PackageServiceApplicationReversed').map((e) => e.data)).toMatchObject([{ appointmentId: 'a1' }]);
    expect(w.refusals).toEqual([]);
    expectAgreement(log, d('2025-02-02'));
  });
});

describe('the package declines what it cannot give', () => {
  it('a ledger booking on a blackout date cannot use the package: it takes its credit from another lot', async () => {
    const w = createPracticeWorld();
    ok(await w.pkg(sell()));
    ok(await w.ledger({ type: 'GrantCredits', clientId: 'c1', appointmentType: 'facial', quantity: 1, source: 'manual', on: d('2025-01-20') }));
    await w.settle();
    ok(await w.ledger(book('b1', '2025-12-25')));
    await w.settle();
    const log = await w.events();
    expect(ofType(log, 'PackageCreditUseDeclined').map((e) => e.data)).toMatchObject([{ bookingId: 'b1', code: 'BLACKOUT_DATE' }]);
    expect(ofType(log, 'PackageCreditDeclined').map((e) => e.data)).toMatchObject([{ bookingId: 'b1', fromLot: 2, returned: 'restored', lot: 1, owed: false }]);
    expect([usage(log), balance(log)]).toEqual([[['0 of 6 used', 450_00]], 6]);
    expectAgreement(log, d('2025-12-25'));
  });
});

describe('replay', () => {
  it('running every flow again over the whole log applies nothing twice', async () => {
    const w = createPracticeWorld();
    ok(await w.ledger({ ...book('b0', '2025-01-10'), policy: { allowBookingWithoutCredits: true } }));
    ok(await w.pkg(sell()));
    ok(await w.pkg(apply('a1')));
    await w.settle();
    ok(await w.ledger(book('b1')));
    ok(await w.ledger({ type: 'CancelBooking', clientId: 'c1', bookingId: 'b1', on: d('2025-02-05') }));
    ok(await w.pkg({ type: 'RefundPackage', packageId: 'p1', method: 'wallet', on: d('2025-03-01') }));
    await w.settle();
    const before = await w.events();
    await w.settle({ fromStart: true });
    const after = await w.events();
    expect(after.length).toBe(before.length);
    const p = foldWorld(after).packages['p1'];
    expect(p !== undefined && packageValueIn(p, 'refunded').amount).toBe(4 * 75_00);
    expect(w.refusals).toEqual([]);
    expectAgreement(after, d('2025-03-01'));
    const applied = ofType(after, 'PackageServiceApplied') as RecordedEvent<PackageEvent>[];
    expect(applied).toHaveLength(1);
  });
});
