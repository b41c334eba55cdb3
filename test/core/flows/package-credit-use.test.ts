/** The package ↔ credits use flows as pure reactions: from a recorded event to the commands it causes. */
import { describe, expect, it } from 'vitest';
import type { DomainEvent, RecordedEvent } from '../../../core/kernel/envelope.js';
import { deriveId } from '../../../core/values/ids.js';
import { creditPackageUseFlow } from '../../../core/flows/package-credit-use.js';
import { packageCreditsFlow } from '../../../core/flows/package-credits.js';
import { defaultCreditPolicy, type CreditsEvent } from '../../../core/credits/index.js';
import { packageBookingId, type PackageEvent } from '../../../core/packages/index.js';
import { d, facialApplied, usd } from '../packages/fixtures.js';

const recorded = <E extends DomainEvent>(event: E, streamName: string, eventId = 'ev-1'): RecordedEvent<E> => ({
  ...event,
  streamName,
  revision: 0n,
  position: 0n,
  eventId,
  schemaVersion: 1,
  metadata: { at: '2025-02-01T10:00:00.000Z' },
});
const inPackage = (event: PackageEvent, eventId?: string) => recorded(event, 'package-p1', eventId);
const inLedger = (event: CreditsEvent, eventId?: string) => recorded(event, 'credits-c1', eventId);
const on = d('2025-02-01');
const booked = (extra: Partial<Extract<CreditsEvent, { type: 'SessionBooked' }>['data']>): CreditsEvent => ({
  type: 'SessionBooked',
  data: { bookingId: 'b1', appointmentType: 'facial', channel: 'client_portal', lot: 1, on, policy: defaultCreditPolicy, ...extra },
});

describe('package → credits (hosted by the package-credits flow, after its grants)', () => {
  it('"Apply to patient\'s package?" books the session in the holder\'s ledger from the package\'s lots of that holding', () => {
    expect(packageCreditsFlow.react(inPackage(facialApplied(0, 'a1', on)))).toEqual([
      {
        command: { type: 'BookSessionFromPackage', clientId: 'c1', bookingId: packageBookingId('p1', 'a1'), packageId: 'p1', appointmentType: 'facial', on, packageHolding: 'sale' },
        commandId: deriveId('ev-1', 'credits/book-from-package'),
        actor: 'system',
      },
    ]);
  });
  it('a use the package declined moves the booking off its credit', () => {
    const declined: PackageEvent = {
      type: 'PackageCreditUseDeclined',
      data: { packageId: 'p1', clientId: 'c1', bookingId: 'b1', serviceId: 'facial', code: 'BLACKOUT_DATE', reason: 'holiday', creditVoid: false, on, holding: 'sale' },
    };
    expect(packageCreditsFlow.react(inPackage(declined)).map((x) => x.command)).toEqual([
      { type: 'DeclinePackageCredit', clientId: 'c1', bookingId: 'b1', packageId: 'p1', code: 'BLACKOUT_DATE', reason: 'holiday', on },
    ]);
  });
  it('when the package can no longer be used from there, the credit is void, and so is what came back to that holding\'s lots meanwhile', () => {
    const declined: PackageEvent = {
      type: 'PackageCreditUseDeclined',
      data: { packageId: 'p1', clientId: 'c1', bookingId: 'b1', serviceId: 'facial', code: 'PACKAGE_REFUNDED', reason: 'refunded', creditVoid: true, on, holding: 'sale' },
    };
    expect(packageCreditsFlow.react(inPackage(declined)).map((x) => x.command)).toEqual([
      { type: 'DeclinePackageCredit', clientId: 'c1', bookingId: 'b1', packageId: 'p1', code: 'PACKAGE_REFUNDED', reason: 'refunded', on, creditVoid: true },
      { type: 'VoidCredits', clientId: 'c1', on, reference: 'p1', packageHolding: 'sale', reason: 'package no longer usable from this ledger', by: 'system' },
    ]);
  });
  it('a unit whose credit came back void voids that holding\'s credits in the ledger; one back in use causes nothing', () => {
    const back = (outcome: 'unused' | 'void'): PackageEvent => ({
      type: 'PackageUnitRestored',
      data: { packageId: 'p1', clientId: 'c1', bookingId: 'b1', unit: 0, outcome, value: usd(75_00), on, holding: 'sale' },
    });
    expect(packageCreditsFlow.react(inPackage(back('void'))).map((x) => x.command)).toEqual([
      { type: 'VoidCredits', clientId: 'c1', on, reference: 'p1', packageHolding: 'sale', reason: 'package no longer usable from this ledger', by: 'system' },
    ]);
    expect(packageCreditsFlow.react(inPackage(back('unused')))).toEqual([]);
  });
});

describe('credits → package', () => {
  it('a session booked from a package\'s credit is recorded on the package, with the holding of its lot', () => {
    expect(creditPackageUseFlow.react(inLedger(booked({ packageId: 'p1', packageHolding: 'sale' })))).toEqual([
      {
        command: { type: 'RecordPackageCreditUse', packageId: 'p1', clientId: 'c1', bookingId: 'b1', serviceId: 'facial', on, holding: 'sale' },
        commandId: deriveId('ev-1', 'package/use/b1'),
        actor: 'system',
      },
    ]);
  });
  it('no cycle: a session the package applied itself, or one from a lot of no package, is not sent back', () => {
    expect(creditPackageUseFlow.react(inLedger(booked({ packageId: 'p1', appliedToPackage: true })))).toEqual([]);
    expect(creditPackageUseFlow.react(inLedger(booked({})))).toEqual([]);
  });
  it('debts repaid from a package\'s lot use one unit each', () => {
    const repaid: CreditsEvent = { type: 'CreditDebtRepaid', data: { appointmentType: 'facial', lot: 1, bookingIds: ['b0', 'b1'], on, packageId: 'p1', packageHolding: 'sale' } };
    expect(creditPackageUseFlow.react(inLedger(repaid)).map((x) => [x.command.type, x.command.type === 'RecordPackageCreditUse' && x.command.bookingId, x.commandId])).toEqual([
      ['RecordPackageCreditUse', 'b0', deriveId('ev-1', 'package/use/b0')],
      ['RecordPackageCreditUse', 'b1', deriveId('ev-1', 'package/use/b1')],
    ]);
  });
  it('a cancellation that restored the package\'s credit restores its unit; one that did not, nothing', () => {
    const cancelled = (restore: 'restored' | 'not_restored'): CreditsEvent => ({
      type: 'SessionCancelled',
      data: { bookingId: 'b1', appointmentType: 'facial', lot: 1, restore, on, policy: defaultCreditPolicy, packageId: 'p1', packageHolding: 'sale' },
    });
    expect(creditPackageUseFlow.react(inLedger(cancelled('restored'))).map((x) => x.command)).toEqual([
      { type: 'RecordPackageCreditRestore', packageId: 'p1', clientId: 'c1', bookingId: 'b1', on },
    ]);
    expect(creditPackageUseFlow.react(inLedger(cancelled('not_restored')))).toEqual([]);
  });
  it('no credit left for an applied service reverses it on the package', () => {
    const unavailable: CreditsEvent = {
      type: 'PackageCreditUnavailable',
      data: { bookingId: 'pb', packageId: 'p1', appointmentType: 'facial', code: 'PACKAGE_CREDITS_VOID', reason: 'expired', creditVoid: true, on },
    };
    expect(creditPackageUseFlow.react(inLedger(unavailable)).map((x) => x.command)).toEqual([
      { type: 'RecordPackageCreditUnavailable', packageId: 'p1', clientId: 'c1', bookingId: 'pb', code: 'PACKAGE_CREDITS_VOID', reason: 'expired', on, creditVoid: true },
    ]);
  });
  it('a booking moved onto another package\'s credit, or kept on its package\'s, asks that package for the unit', () => {
    const moved: CreditsEvent = {
      type: 'PackageCreditDeclined',
      data: { bookingId: 'b1', appointmentType: 'facial', packageId: 'p1', fromLot: 1, returned: 'restored', lot: 2, owed: false, code: 'BLACKOUT_DATE', reason: 'holiday', on, toPackageId: 'p2', toPackageHolding: 'sale' },
    };
    const kept: CreditsEvent = { type: 'PackageCreditKept', data: { bookingId: 'b1', packageId: 'p1', appointmentType: 'facial', on, packageHolding: 'sale' } };
    expect(creditPackageUseFlow.react(inLedger(moved)).map((x) => x.command)).toMatchObject([{ type: 'RecordPackageCreditUse', packageId: 'p2', bookingId: 'b1' }]);
    const owed: CreditsEvent = {
      type: 'PackageCreditDeclined',
      data: { bookingId: 'b1', appointmentType: 'facial', packageId: 'p1', fromLot: 1, returned: 'restored', lot: null, owed: true, code: 'NO_UNITS_LEFT', reason: 'none left', on },
    };
    expect(creditPackageUseFlow.react(inLedger(owed))).toEqual([]);
    expect(creditPackageUseFlow.react(inLedger(kept)).map((x) => x.command)).toMatchObject([{ type: 'RecordPackageCreditUse', packageId: 'p1', bookingId: 'b1' }]);
  });
  it('command ids are derived from the causing event: a replay sends the same ids', () => {
    const ids = (eventId: string) => creditPackageUseFlow.react(inLedger(booked({ packageId: 'p1' }), eventId)).map((x) => x.commandId);
    expect(ids('ev-1')).toEqual(ids('ev-1'));
    expect(ids('ev-1')).not.toEqual(ids('ev-2'));
  });
});
