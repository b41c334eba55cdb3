/** Packages end to end: the command handler over the in-memory store, the bulk flow, the read models, replay. */
import { describe, expect, it } from 'vitest';
import { isRight, type Either } from 'fp-ts/lib/Either.js';
import { isDeepStrictEqual } from 'node:util';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler, type CommandContext } from '../../../core/kernel/command-handler.js';
import { fold } from '../../../core/kernel/decider.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import { localDate } from '../../../core/values/local-date.js';
import { percent } from '../../../core/values/percent.js';
import { practiceEvents, type PracticeEvent } from '../../../core/events.js';
import { bulkPackageIssuedFlow } from '../../../core/flows/bulk-package-issued.js';
import {
  bulkOrderCommands,
  bulkOrderDecider,
  bulkOrderEvents,
  bulkOrderStreamOf,
  bulkPackageId,
  packageCatalogCommands,
  packageCatalogDecider,
  packageCatalogEvents,
  packageCatalogStreamOf,
  packageCommands,
  packageDecider,
  packageDefinitionStream,
  packageEvents,
  packageStream,
  packageStreamOf,
  packageTermsForSale,
  type BulkOrderEvent,
  type PackageCatalogEvent,
  type PackageEvent,
} from '../../../core/packages/index.js';
import { clientPackageUsage, packageUsageProjection } from '../../../projections/package-usage.js';
import { project } from '../../../projections/projection.js';

let n = 0;
const ctx = (): CommandContext => ({ commandId: `cmd-${++n}`, at: '2025-01-15T10:00:00.000Z', actor: 'provider:ann' });
const ok = <T>(r: Either<DomainError, T>): T => {
  if (!isRight(r)) throw new Error(`refused: ${r.left.code} ${r.left.message}`);
  return r.right;
};
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

const setup = () => {
  const store = createInMemoryEventStore(practiceEvents);
  return {
    store,
    catalog: createCommandHandler({ store, decider: packageCatalogDecider, events: packageCatalogEvents, streamName: packageCatalogStreamOf, commands: packageCatalogCommands }),
    packages: createCommandHandler({ store, decider: packageDecider, events: packageEvents, streamName: packageStreamOf, commands: packageCommands }),
    bulk: createCommandHandler({ store, decider: bulkOrderDecider, events: bulkOrderEvents, streamName: bulkOrderStreamOf, commands: bulkOrderCommands }),
  };
};

describe('packages through the command handler', () => {
  it('define, sell with the first service applied, apply, transfer, refund — and replay gives the same state', async () => {
    const { store, catalog, packages } = setup();
    ok(
      await catalog.handleInput(
        {
          type: 'DefinePackage',
          definitionId: 'facials',
          name: '6-Pack Facials',
          items: [{ serviceId: 'facial', name: 'Facial', quantity: 6, unitValue: { amount: 10000, currency: 'USD' } }],
          price: { amount: 45000, currency: 'USD' },
          validity: { months: 12 },
          restrictions: { transferable: true },
          on: '2025-01-01',
        },
        ctx(),
      ),
    );
    const catalogState = fold(
      packageCatalogDecider,
      (await collect(store.readStream(packageDefinitionStream('facials')))).filter((e): e is RecordedEvent<PackageCatalogEvent> => packageCatalogEvents.is(e)),
    );
    const terms = ok(packageTermsForSale(catalogState));
    ok(
      await packages.handle(
        { type: 'SellPackage', packageId: 'p1', clientId: 'c1', terms, channel: 'check-out', on: localDate('2025-01-15'), applyFirstService: { serviceId: 'facial', appointmentId: 'a1' } },
        ctx(),
      ),
    );
    ok(await packages.handleInput({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId: 'c1', serviceId: 'facial', appointmentId: 'a2', on: '2025-02-01' }, ctx()));
    const refused = await packages.handleInput({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId: 'c1', serviceId: 'massage', appointmentId: 'a3', on: '2025-02-02' }, ctx());
    expect(!isRight(refused) && refused.left.code).toBe('SERVICE_NOT_COVERED');

    const usage = clientPackageUsage(await project(packageUsageProjection, store.readAll()), 'c1');
    expect(usage.map((u) => [u.usedLabel, u.valueRemaining.amount])).toEqual([['2 of 6 used', 300_00]]);

    ok(await packages.handleInput({ type: 'OfferPackageTransfer', packageId: 'p1', recipient: 'friend@example.com', accessCode: 'GIFT', on: '2025-03-01' }, ctx()));
    ok(await packages.handleInput({ type: 'ClaimPackageTransfer', packageId: 'p1', accessCode: 'GIFT', clientId: 'c2', on: '2025-03-02' }, ctx()));
    const again = await packages.handleInput({ type: 'ClaimPackageTransfer', packageId: 'p1', accessCode: 'GIFT', clientId: 'c3', on: '2025-03-03' }, ctx());
    expect(!isRight(again) && again.left.code).toBe('ACCESS_CODE_ALREADY_REDEEMED');
    const refund = ok(await packages.handleInput({ type: 'RefundPackage', packageId: 'p1', method: 'wallet', on: '2025-04-01' }, ctx()));
    expect(refund.events[0]?.type === 'PackageRefunded' && [refund.events[0].data.clientId, refund.events[0].data.amount.amount]).toEqual(['c2', 300_00]);

    // Replay: a cold fold of the stored stream equals the state reached command by command.
    const stored = (await collect(store.readStream(packageStream('p1')))).filter((e): e is RecordedEvent<PackageEvent> => packageEvents.is(e));
    const replayed = fold(packageDecider, stored);
    const again2 = fold(packageDecider, stored);
    expect(isDeepStrictEqual(replayed, again2)).toBe(true);
    expect(replayed).toMatchObject({ status: 'refunded', ownerId: 'c2', buyerId: 'c1' });
    const usageAfter = await project(packageUsageProjection, store.readAll());
    expect(await project(packageUsageProjection, store.readAll())).toEqual(usageAfter);
    expect(clientPackageUsage(usageAfter, 'c2').map((u) => [u.status, u.usedLabel, u.valueRemaining.amount])).toEqual([['refunded', '2 of 6 used', 0]]);
  });

  it('a bulk order: an employee redeems a code, the flow issues the package once, and the code redeems once', async () => {
    const { store, catalog, packages, bulk } = setup();
    ok(
      await catalog.handleInput(
        {
          type: 'DefinePackage',
          definitionId: 'wellness',
          name: 'Wellness Package',
          items: [{ serviceId: 'massage', quantity: 4, unitValue: { amount: 8000, currency: 'USD' } }],
          price: { amount: 25000, currency: 'USD' },
          validity: { months: 6 },
          on: '2025-01-01',
        },
        ctx(),
      ),
    );
    const terms = ok(
      packageTermsForSale(
        fold(
          packageCatalogDecider,
          (await collect(store.readStream(packageDefinitionStream('wellness')))).filter((e): e is RecordedEvent<PackageCatalogEvent> => packageCatalogEvents.is(e)),
        ),
      ),
    );
    const codes = ['W-1', 'W-2', 'W-3'];
    ok(await bulk.handle({ type: 'OrderBulkPackages', orderId: 'o1', businessId: 'acme', terms, quantity: 3, codes, discountPercent: percent(20), on: localDate('2025-01-10') }, ctx()));
    const redemption = ok(await bulk.handleInput({ type: 'RedeemBulkPackageCode', orderId: 'o1', code: 'W-2', clientId: 'employee-7', on: '2025-02-01' }, ctx()));
    const twice = await bulk.handleInput({ type: 'RedeemBulkPackageCode', orderId: 'o1', code: 'W-2', clientId: 'employee-8', on: '2025-02-02' }, ctx());
    expect(!isRight(twice) && twice.left.code).toBe('BULK_CODE_ALREADY_REDEEMED');

    const recorded = (await collect(store.readStream(`bulkorder-o1`))).filter((e): e is RecordedEvent<BulkOrderEvent> => bulkOrderEvents.is(e));
    const redeemed = recorded.find((e) => e.type === 'BulkPackageCodeRedeemed');
    if (redeemed === undefined) throw new Error('the redemption should be stored');
    expect(redemption.eventIds).toEqual([redeemed.eventId]);
    for (let attempt = 0; attempt < 2; attempt++) {
      for (const dispatch of bulkPackageIssuedFlow.react(redeemed)) {
        ok(await packages.handle(dispatch.command, { commandId: dispatch.commandId, at: '2025-02-01T10:00:00.000Z', actor: dispatch.actor, causationId: redeemed.eventId }));
      }
    }
    const issued = (await collect(store.readStream(packageStream(bulkPackageId('o1', 'W-2'))))).filter((e): e is RecordedEvent<PackageEvent> => packageEvents.is(e));
    expect(issued).toHaveLength(1);
    const state = fold(packageDecider, issued);
    expect(state).toMatchObject({ ownerId: 'employee-7', soldOn: '2025-01-10', expiresOn: '2025-07-10', channel: 'bulk-order', pricePaid: { amount: 20000 } });
    expect(state.status !== 'unsold' && state.units.reduce((s, u) => s + u.value.amount, 0)).toBe(20000);
    const all: RecordedEvent<PracticeEvent>[] = await collect(store.readAll());
    expect(all.map((e) => e.type)).toEqual(['PackageDefined', 'BulkPackagesOrdered', 'BulkPackageCodeRedeemed', 'PackageSold']);
  });
});
