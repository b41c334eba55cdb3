import { describe, expect, it } from 'vitest';
import { walletStream } from '../../../core/wallet/index.js';
import { owner, practice } from './fixtures.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const facials = {
  definitionId: 'six-facials',
  name: '6-Pack Facials',
  items: [{ serviceId: 'facial', name: 'Facial', quantity: 6, unitValue: usd(10000) }],
  price: usd(45000),
  validity: { months: 3 },
  restrictions: { transferable: true },
};

describe('the Promise facade: packages', () => {
  it('a sale grants its credits (flow); the schedule sends the expiry notice, then the expiry, which voids what is left', async () => {
    const { ledger, goTo, store } = practice({ start: '2025-01-15', policies: { packages: { expiryNotice: { daysBefore: 7 } } } });
    await ledger.definePackage(facials);
    const sold = await ledger.sellPackage({ packageId: 'p1', clientId: 'c1', definitionId: 'six-facials', channel: 'check-out' });
    expect(sold.events[0]?.data).toMatchObject({ packageId: 'p1', expiresOn: '2025-04-15', terms: { definitionId: 'six-facials', version: 1 } });
    expect(sold.flows.dispatched.map((d) => [d.flow, d.command.type, d.outcome])).toEqual([
      ['package-credits', 'GrantCredits', 'applied'],
      ['package-loyalty', 'RecordLoyaltyPurchase', 'applied'],
    ]);
    // "Apply to patient's package?": the package gives a unit and the flow books its credit in the ledger.
    const applied = await ledger.applyServiceToPackage({ packageId: 'p1', clientId: 'c1', serviceId: 'facial', appointmentId: 'b1' });
    expect(applied.flows.dispatched.map((d) => [d.flow, d.command.type, d.outcome])).toEqual([['package-credits', 'BookSessionFromPackage', 'applied']]);
    // A second booking made in the ledger takes the next credit from the package's lot and is mirrored onto the package.
    const booked = await ledger.bookSession({ clientId: 'c1', bookingId: 'b2', appointmentType: 'facial', channel: 'provider' });
    expect(booked.flows.dispatched.map((d) => [d.flow, d.command.type, d.outcome])).toEqual([['credit-package-use', 'RecordPackageCreditUse', 'applied']]);

    expect((await ledger.due('2025-12-31')).map((i) => [i.on, i.step.kind])).toEqual([
      ['2025-04-08', 'package-expiry-notice'],
      ['2025-04-15', 'package-expiry'],
      ['2025-04-15', 'credit-expiry'],
    ]);
    goTo('2025-04-08');
    expect((await ledger.tick()).sent.flatMap((s) => s.events.map((e) => e.type))).toEqual(['PackageExpiryNoticeIssued']);
    goTo('2025-04-16');
    const expiry = await ledger.tick();
    expect(expiry.sent.map((s) => [s.item.step.kind, s.outcome, s.events.map((e) => e.type)])).toEqual([['package-expiry', 'applied', ['PackageExpired']]]);
    expect(expiry.flows.map((d) => [d.command.type, d.outcome, d.events])).toEqual([['VoidCredits', 'applied', 1]]);
    expect(await ledger.due('2025-12-31')).toEqual([]);
    expect(store.size).toBeGreaterThan(0);
  });

  it('a refund to the wallet credits it (flow), with the practice’s refund policy recorded', async () => {
    const { ledger, store } = practice({ start: '2025-01-15' });
    await ledger.definePackage(facials);
    await ledger.sellPackage({ packageId: 'p1', clientId: 'c1', definitionId: 'six-facials', channel: 'check-out' });
    const refunded = await ledger.refundPackage({ packageId: 'p1', method: 'wallet' });
    expect(refunded.flows.dispatched.map((d) => [d.flow, d.command.type, d.outcome])).toEqual([
      ['package-credits', 'VoidCredits', 'applied'],
      ['package-wallet', 'CreditWallet', 'applied'],
    ]);
    const wallet = [];
    for await (const e of store.readStream(walletStream('c1'))) wallet.push(e);
    expect(wallet.map((e) => [e.type, e.type === 'WalletCredited' ? e.data.amount : null])).toEqual([['WalletCredited', usd(45000)]]);
  });

  it('a package that includes a program enrolls its buyer (flow)', async () => {
    const { ledger } = practice({ start: '2025-01-15' });
    await ledger.createProgram({
      programId: 'p-skin',
      by: owner,
      definition: { name: 'Clear Skin', kind: 'standard', modules: [{ moduleId: 'm1', title: 'Intro', kind: 'video', releaseDay: 0 }] },
    });
    await ledger.definePackage({ ...facials, programId: 'p-skin' });
    const sold = await ledger.sellPackage({ packageId: 'p1', clientId: 'c1', definitionId: 'six-facials', channel: 'check-out' });
    expect(sold.flows.dispatched.map((d) => [d.flow, d.command.type, d.outcome])).toEqual([
      ['package-credits', 'GrantCredits', 'applied'],
      ['package-loyalty', 'RecordLoyaltyPurchase', 'applied'],
      ['package-enrollment', 'EnrollClientInProgram', 'applied'],
    ]);
  });

  it('a bulk order’s code redeemed issues the package (flow), which grants its credits (cascade)', async () => {
    const { ledger } = practice({ start: '2025-01-15' });
    await ledger.definePackage(facials);
    await ledger.orderBulkPackages({ orderId: 'o1', businessId: 'acme', definitionId: 'six-facials', quantity: 2, codes: ['A1', 'B2'], discountPercent: 10 });
    const redeemed = await ledger.redeemBulkPackageCode({ orderId: 'o1', code: 'A1', clientId: 'c9' });
    expect(redeemed.flows.dispatched.map((d) => [d.flow, d.command.type, d.outcome])).toEqual([
      ['bulk-package-issued', 'IssueBulkPackage', 'applied'],
      ['package-credits', 'GrantCredits', 'applied'],
    ]);
  });

  it('packages purchased count toward the loyalty tiers: the third package reaches Gold (3–5 packages → 10%)', async () => {
    const { ledger, store } = practice({ start: '2025-01-15' });
    await ledger.definePackage(facials);
    for (const id of ['p1', 'p2', 'p3']) await ledger.sellPackage({ packageId: id, clientId: 'c1', definitionId: 'six-facials', channel: 'check-out' });
    const loyalty = [];
    for await (const e of store.readAll()) if (e.streamName === 'loyalty-c1') loyalty.push(e);
    const reached = loyalty.filter((e) => e.type === 'LoyaltyTierReached').map((e) => (e.type === 'LoyaltyTierReached' ? e.data : null));
    expect(reached.map((r) => r?.tier)).toEqual(['Silver', 'Gold']);
    expect(loyalty.filter((e) => e.type === 'LoyaltyPurchaseRecorded')).toHaveLength(3);
  });

  it('a loyal client pays less: Silver (1–2 packages) takes 5% off the next package, Gold (3–5) 10%', async () => {
    const { ledger } = practice({ start: '2025-01-15' });
    await ledger.definePackage(facials);
    const paid: unknown[] = [];
    for (const id of ['p1', 'p2', 'p3', 'p4']) {
      const sold = await ledger.sellPackage({ packageId: id, clientId: 'c1', definitionId: 'six-facials', channel: 'check-out' });
      const data = sold.events[0]?.type === 'PackageSold' ? sold.events[0].data : undefined;
      paid.push([data?.pricePaid.amount, data?.promotions.map((p) => p.name)]);
    }
    expect(paid).toEqual([
      [45000, []],
      [42750, ['Silver loyalty discount']],
      [42750, ['Silver loyalty discount']],
      [40500, ['Gold loyalty discount']],
    ]);
  });

  it('a practice that keeps loyalty discounts off its packages charges the full price', async () => {
    const { ledger } = practice({ start: '2025-01-15', policies: { packages: { loyaltyDiscount: false } } });
    await ledger.definePackage(facials);
    await ledger.sellPackage({ packageId: 'p1', clientId: 'c1', definitionId: 'six-facials', channel: 'check-out' });
    const second = await ledger.sellPackage({ packageId: 'p2', clientId: 'c1', definitionId: 'six-facials', channel: 'check-out' });
    expect(second.events[0]?.type === 'PackageSold' ? second.events[0].data.pricePaid.amount : 0).toBe(45000);
  });

  it('a package issued from a business’s bulk order is not the employee’s purchase', async () => {
    const { ledger, store } = practice({ start: '2025-01-15' });
    await ledger.definePackage(facials);
    await ledger.orderBulkPackages({ orderId: 'o1', businessId: 'acme', definitionId: 'six-facials', quantity: 1, codes: ['A1'], discountPercent: 10 });
    await ledger.redeemBulkPackageCode({ orderId: 'o1', code: 'A1', clientId: 'c9' });
    const loyalty = [];
    for await (const e of store.readAll()) if (e.streamName.startsWith('loyalty-')) loyalty.push(e);
    expect(loyalty).toEqual([]);
  });

  it('an unknown or retired definition is refused naming it', async () => {
    const { ledger, store } = practice();
    await expect(ledger.sellPackage({ clientId: 'c1', definitionId: 'none', channel: 'check-out' })).rejects.toMatchObject({
      code: 'PACKAGE_DEFINITION_NOT_FOUND',
      field: 'definitionId',
    });
    expect(store.size).toBe(0);
  });
});
