/** The package flows as pure reactions: from a recorded package event to the commands it causes. */
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import { deriveId } from '../../../core/values/ids.js';
import { packageCreditsFlow } from '../../../core/flows/package-credits.js';
import { packageWalletFlow } from '../../../core/flows/package-wallet.js';
import { packageEnrollmentFlow } from '../../../core/flows/package-enrollment.js';
import type { PackageEvent } from '../../../core/packages/index.js';
import { d, facialsSaleData, physicalTherapyPack, sixPackFacials, usd } from '../packages/fixtures.js';
import { acne } from '../programs/fixtures.js';

const recorded = (event: PackageEvent, eventId = 'ev-1'): RecordedEvent<PackageEvent> => ({
  ...event,
  streamName: `package-${event.data.packageId}`,
  revision: 0n,
  position: 0n,
  eventId,
  schemaVersion: 1,
  metadata: { at: '2025-01-15T10:00:00.000Z', actor: 'provider:ann' },
});

const sold: PackageEvent = { type: 'PackageSold', data: facialsSaleData() };
const withProgram: PackageEvent = { type: 'PackageSold', data: { ...facialsSaleData(), terms: { ...sixPackFacials, programId: 'p-acne' } } };
const directory = { programTerms: (id: string) => (id === 'p-acne' ? acne : undefined) };
const byService = (serviceId: string, quantity: number, cents: number) => ({ serviceId, quantity, value: usd(cents) });

describe('package → credits', () => {
  it('when a client purchases a package, the corresponding credits are added, expiring with the package', () => {
    expect(packageCreditsFlow.react(recorded(sold))).toEqual([
      {
        command: {
          type: 'GrantCredits',
          clientId: 'c1',
          on: '2025-01-15',
          appointmentType: 'facial',
          quantity: 6,
          source: 'package',
          reference: 'p1',
          note: '6-Pack Facials',
          packageHolding: 'sale',
          expiresOn: '2026-01-15',
        },
        commandId: deriveId('ev-1', 'credits/grant/facial'),
        actor: 'system',
      },
    ]);
  });
  it('a package of several services grants a lot per service, free units included', () => {
    const units = [
      ...Array.from({ length: 8 }, () => ({ item: 0, serviceId: 'pt-session', value: usd(70_00), free: false })),
      { item: 0, serviceId: 'pt-session', value: usd(70_00), free: true },
      { item: 1, serviceId: 'assessment', value: usd(70_00), free: false },
    ];
    const pt: PackageEvent = { type: 'PackageSold', data: { ...facialsSaleData(), terms: physicalTherapyPack, units } };
    expect(packageCreditsFlow.react(recorded(pt)).map((x) => x.command.type === 'GrantCredits' && [x.command.appointmentType, x.command.quantity])).toEqual([
      ['pt-session', 9],
      ['assessment', 1],
    ]);
  });
  it('expiry and refund void the package\'s credits; an extension moves their expiry', () => {
    const expired: PackageEvent = {
      type: 'PackageExpired',
      data: { packageId: 'p1', clientId: 'c1', expiresOn: d('2026-01-15'), on: d('2026-01-15'), units: [5], byService: [byService('facial', 1, 75_00)], valueExpired: usd(75_00) },
    };
    expect(packageCreditsFlow.react(recorded(expired)).map((x) => x.command)).toEqual([
      { type: 'VoidCredits', clientId: 'c1', on: '2026-01-15', reference: 'p1', reason: 'package expired', by: 'system', packageHolding: 'sale' },
    ]);
    const refunded: PackageEvent = {
      type: 'PackageRefunded',
      data: { packageId: 'p1', clientId: 'c1', method: 'card', amount: usd(75_00), units: [5], byService: [byService('facial', 1, 75_00)], on: d('2025-06-01'), afterExpiry: false },
    };
    expect(packageCreditsFlow.react(recorded(refunded)).map((x) => x.command.type)).toEqual(['VoidCredits']);
    const extended: PackageEvent = {
      type: 'PackageExtended',
      data: { packageId: 'p1', clientId: 'c1', from: d('2026-01-15'), to: d('2026-04-15'), on: d('2026-01-05'), allowAfterExpiry: false, reinstated: [], reinstatedByService: [] },
    };
    expect(packageCreditsFlow.react(recorded(extended)).map((x) => x.command)).toEqual([
      { type: 'ExtendCreditExpiry', clientId: 'c1', on: '2026-01-05', reference: 'p1', reason: 'package extended', expiresOn: '2026-04-15', by: 'system' },
    ]);
  });
  it('an extension after the expiry grants the reinstated units again', () => {
    const extended: PackageEvent = {
      type: 'PackageExtended',
      data: { packageId: 'p1', clientId: 'c1', from: d('2026-01-15'), to: d('2026-04-15'), on: d('2026-01-20'), allowAfterExpiry: true, reinstated: [4, 5], reinstatedByService: [byService('facial', 2, 150_00)] },
    };
    expect(packageCreditsFlow.react(recorded(extended)).map((x) => [x.command.type, x.command.type === 'GrantCredits' ? [x.command.quantity, x.command.expiresOn] : null])).toEqual([
      ['ExtendCreditExpiry', null],
      ['GrantCredits', [2, '2026-04-15']],
    ]);
  });
  it('a transfer voids the giver\'s credits and grants the recipient the units that moved', () => {
    const transferred: PackageEvent = {
      type: 'PackageTransferred',
      data: {
        packageId: 'p1',
        fromClientId: 'c1',
        toClientId: 'c2',
        accessCode: 'K',
        units: [2, 3, 4, 5],
        byService: [byService('facial', 4, 300_00)],
        value: usd(300_00),
        on: d('2025-03-02'),
        sharingEnded: [],
        offersWithdrawn: [],
        expiresOn: d('2026-01-15'),
      },
    };
    expect(packageCreditsFlow.react(recorded(transferred)).map((x) => x.command)).toEqual([
      { type: 'VoidCredits', clientId: 'c1', on: '2025-03-02', reference: 'p1', reason: 'package transferred to c2', by: 'system', packageHolding: 'sale' },
      {
        type: 'GrantCredits',
        clientId: 'c2',
        on: '2025-03-02',
        appointmentType: 'facial',
        quantity: 4,
        source: 'package',
        reference: 'p1',
        note: 'package transferred',
        packageHolding: 'transfer/K',
        expiresOn: '2026-01-15',
      },
    ]);
  });
  it('command ids are derived from the causing event: the same event gives the same ids', () => {
    const ids = (eventId: string) => packageCreditsFlow.react(recorded(sold, eventId)).map((x) => x.commandId);
    expect(ids('ev-1')).toEqual(ids('ev-1'));
    expect(ids('ev-1')).not.toEqual(ids('ev-2'));
  });
});

describe('package → wallet', () => {
  const refund = (method: 'wallet' | 'card' | 'store-credit'): PackageEvent => ({
    type: 'PackageRefunded',
    data: { packageId: 'p1', clientId: 'c1', method, amount: usd(300_00), units: [2, 3, 4, 5], byService: [byService('facial', 4, 300_00)], on: d('2025-06-01'), afterExpiry: false },
  });
  it('credit to account: a refund to the wallet credits it, to apply to a new purchase', () => {
    expect(packageWalletFlow.react(recorded(refund('wallet')))).toEqual([
      {
        command: { type: 'CreditWallet', clientId: 'c1', on: '2025-06-01', amount: usd(300_00), reason: 'refund-to-credit', reference: 'p1' },
        commandId: deriveId('ev-1', 'wallet/refund'),
        actor: 'system',
      },
    ]);
  });
  it('money back to the card and store credit are not wallet credits', () => {
    expect(packageWalletFlow.react(recorded(refund('card')))).toEqual([]);
    expect(packageWalletFlow.react(recorded(refund('store-credit')))).toEqual([]);
  });
});

describe('package → program', () => {
  const flow = packageEnrollmentFlow(directory);
  it('if a client purchases a package that contains a program, they are automatically added to the program', () => {
    const [enroll] = flow.react(recorded(withProgram));
    expect(enroll?.command).toMatchObject({
      type: 'EnrollClientInProgram',
      clientId: 'c1',
      on: '2025-01-15',
      program: { programId: 'p-acne' },
      through: { kind: 'package', packageId: 'p1' },
    });
  });
  it('a package without a program, or with a program that is not open, enrolls no one', () => {
    expect(flow.react(recorded(sold))).toEqual([]);
    const closed: PackageEvent = { type: 'PackageSold', data: { ...facialsSaleData(), terms: { ...sixPackFacials, programId: 'p-gone' } } };
    expect(flow.react(recorded(closed))).toEqual([]);
  });
  it('the recipient of a transfer is enrolled; the giver is not removed', () => {
    const transferred: PackageEvent = {
      type: 'PackageTransferred',
      data: {
        packageId: 'p1',
        fromClientId: 'c1',
        toClientId: 'c2',
        accessCode: 'K',
        units: [2],
        byService: [byService('facial', 1, 75_00)],
        value: usd(75_00),
        on: d('2025-03-02'),
        sharingEnded: [],
        offersWithdrawn: [],
        programId: 'p-acne',
      },
    };
    expect(flow.react(recorded(transferred)).map((x) => [x.command.type, x.command.clientId])).toEqual([['EnrollClientInProgram', 'c2']]);
  });
});
