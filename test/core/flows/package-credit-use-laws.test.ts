/**
 * The law of credits connected with packages: for every package, the units used on the
 * package equal the credits consumed from its lots in the ledgers (net of restores), and the
 * units it can still give equal the usable credits of its lots — whatever the practice does
 * on either side, in whatever order, with the flows running late (commands pile up between
 * runs) and each flow catching up at its own pace, then all run to quiescence through the
 * command handlers. No flow command is ever
 * refused, the money of each package adds up, and running the flows again writes nothing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  creditsEvents,
  creditsStateCodec,
  creditsStream,
  evolveCredits,
  initialCreditsState,
  type CreditBookingChannel,
  type CreditsCommand,
  type CreditsEvent,
  type CreditsState,
} from '../../../core/credits/index.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import { PersistentMap } from '../../../core/values/persistent.js';
import { packageStream, type PackageCommand, type PackageTerms, type PackageRefundMethod } from '../../../core/packages/index.js';
import { addDays, type LocalDate } from '../../../core/values/local-date.js';
import { percent } from '../../../core/values/percent.js';
import { d, usd } from '../packages/fixtures.js';
import { createPracticeWorld, expectAgreement, foldWorld, type PracticeWorld } from './package-credit-world.js';

const START = d('2025-01-01');
const CLIENTS = ['c0', 'c1', 'c2'] as const;
const PACKAGES = ['p0', 'p1'] as const;
const SERVICES = ['facial', 'massage', 'hot-stone'] as const;
const TYPES = ['facial', 'massage'] as const;

/** Three facials, transferable and shareable, valid 30 days, blacked out on Jan 11. */
const threeFacials: PackageTerms = {
  definitionId: 'three-facials',
  version: 1,
  name: '3 Facials',
  items: [{ serviceId: 'facial', quantity: 3, unitValue: usd(100_00) }],
  price: usd(270_00),
  validity: { days: 30 },
  restrictions: { transferable: true, shareable: true, blackoutDates: [d('2025-01-11')] },
};

/** Two facials and a massage (or a hot-stone massage), shareable, valid 45 days. */
const facialsAndMassage: PackageTerms = {
  definitionId: 'facials-and-massage',
  version: 2,
  name: 'Facials & Massage',
  items: [
    { serviceId: 'facial', quantity: 2, unitValue: usd(100_00) },
    { serviceId: 'massage', quantity: 1, unitValue: usd(120_00), allowedServices: ['massage', 'hot-stone'] },
  ],
  price: usd(290_00),
  validity: { days: 45 },
  restrictions: { transferable: false, shareable: true, blackoutDates: [] },
};

type Op =
  | { readonly kind: 'sell'; readonly pkg: number; readonly client: number; readonly terms: number; readonly first: boolean }
  | { readonly kind: 'apply'; readonly pkg: number; readonly client: number; readonly service: number; readonly appointment: number }
  | { readonly kind: 'book'; readonly client: number; readonly type: number; readonly channel: CreditBookingChannel; readonly allow: boolean; readonly fromPackage: number | null }
  | { readonly kind: 'cancel'; readonly client: number; readonly pick: number; readonly restore: boolean }
  | { readonly kind: 'grant'; readonly client: number; readonly type: number; readonly quantity: number }
  | { readonly kind: 'adjust'; readonly client: number; readonly type: number; readonly delta: number }
  | { readonly kind: 'give'; readonly client: number; readonly to: number; readonly type: number; readonly quantity: number; readonly fromPackage: number | null }
  | { readonly kind: 'rollover'; readonly client: number; readonly pkg: number }
  | { readonly kind: 'settings'; readonly client: number; readonly enabled: boolean }
  | { readonly kind: 'refund'; readonly pkg: number; readonly method: PackageRefundMethod; readonly afterExpiry: boolean }
  | { readonly kind: 'share'; readonly pkg: number; readonly client: number }
  | { readonly kind: 'transfer'; readonly pkg: number; readonly to: number }
  | { readonly kind: 'extend'; readonly pkg: number; readonly days: number; readonly afterExpiry: boolean }
  | { readonly kind: 'tick' }
  | { readonly kind: 'advance'; readonly days: number }
  | { readonly kind: 'settle' }
  | { readonly kind: 'step'; readonly flow: number; readonly events: number };

/** Mostly the first two clients, so that packages are often used by whoever holds them. */
const client = fc.oneof({ arbitrary: fc.nat({ max: 1 }), weight: 4 }, { arbitrary: fc.constant(2), weight: 1 });
const pkg = fc.nat({ max: PACKAGES.length - 1 });
const type = fc.nat({ max: TYPES.length - 1 });
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('sell' as const), pkg, client, terms: fc.nat({ max: 1 }), first: fc.boolean() }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('apply' as const),
      pkg,
      client,
      service: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat({ max: SERVICES.length - 1 }), weight: 1 }),
      appointment: fc.nat({ max: 30 }),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      client,
      type: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: type, weight: 1 }),
      channel: fc.constantFrom<CreditBookingChannel>('client_portal', 'provider', 'shared_link'),
      allow: fc.boolean(),
      fromPackage: fc.option(pkg, { nil: null, freq: 4 }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), client, pick: fc.nat(), restore: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('grant' as const), client, type, quantity: fc.integer({ min: 1, max: 2 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('adjust' as const), client, type, delta: fc.integer({ min: -2, max: 2 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('give' as const), client, to: client, type, quantity: fc.integer({ min: 1, max: 2 }), fromPackage: fc.option(pkg, { nil: null }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('rollover' as const), client, pkg }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('settings' as const), client, enabled: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('refund' as const), pkg, method: fc.constantFrom<PackageRefundMethod>('wallet', 'card', 'store-credit'), afterExpiry: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('share' as const), pkg, client }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('transfer' as const), pkg, to: client }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('extend' as const), pkg, days: fc.integer({ min: 1, max: 30 }), afterExpiry: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 20 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('settle' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('step' as const), flow: fc.nat({ max: 2 }), events: fc.integer({ min: 1, max: 6 }) }), weight: 3 },
);

const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** The bookings in a client's ledger, in the order they were made. */
const bookingsOf = async (w: PracticeWorld, clientId: string): Promise<string[]> => {
  const ids: string[] = [];
  for await (const e of w.store.readStream(creditsStream(clientId))) if (e.type === 'SessionBooked') ids.push((e.data as { bookingId: string }).bookingId);
  return ids;
};

/** Sends what an op stands for; a refused command is a normal outcome (the practice asked for something the rules refuse). */
const run = async (w: PracticeWorld, op: Op, on: LocalDate, n: number): Promise<void> => {
  const p = (i: number) => at(PACKAGES, i);
  const c = (i: number) => at(CLIENTS, i);
  const send = (command: PackageCommand) => w.pkg(command);
  const ledger = (command: CreditsCommand) => w.ledger(command);
  switch (op.kind) {
    case 'sell':
      await send({
        type: 'SellPackage',
        packageId: p(op.pkg),
        clientId: c(op.client),
        terms: op.terms === 0 ? threeFacials : facialsAndMassage,
        channel: 'check-out',
        on,
        ...(op.first ? { applyFirstService: { serviceId: 'facial', appointmentId: `first-${n}` } } : {}),
      });
      return;
    case 'apply':
      await send({ type: 'ApplyServiceToPackage', packageId: p(op.pkg), clientId: c(op.client), serviceId: at(SERVICES, op.service), appointmentId: `appt-${op.appointment}`, on });
      return;
    case 'book':
      await ledger({
        type: 'BookSession',
        clientId: c(op.client),
        bookingId: `booking-${n}`,
        appointmentType: at(TYPES, op.type),
        channel: op.channel,
        on,
        policy: { allowBookingWithoutCredits: op.allow },
        ...(op.fromPackage !== null ? { fromReference: p(op.fromPackage) } : {}),
      });
      return;
    case 'cancel': {
      const ids = await bookingsOf(w, c(op.client));
      if (ids.length === 0) return;
      await ledger({ type: 'CancelBooking', clientId: c(op.client), bookingId: at(ids, op.pick), on, policy: { restoreOnCancel: op.restore } });
      return;
    }
    case 'grant':
      await ledger({ type: 'GrantCredits', clientId: c(op.client), appointmentType: at(TYPES, op.type), quantity: op.quantity, source: 'manual', on });
      return;
    case 'adjust':
      if (op.delta !== 0) await ledger({ type: 'AdjustCredits', clientId: c(op.client), appointmentType: at(TYPES, op.type), delta: op.delta, by: 'provider', reason: 'edit', on });
      return;
    case 'give': {
      const [from, to] = [c(op.client), c(op.to)];
      const transferId = `gift-${n}`;
      const debit = await ledger({
        type: 'TransferCreditsOut',
        clientId: from,
        transferId,
        toClientId: to,
        appointmentType: at(TYPES, op.type),
        quantity: op.quantity,
        on,
        ...(op.fromPackage !== null ? { fromReference: p(op.fromPackage) } : {}),
      });
      if (debit._tag === 'Right' && debit.right.events.some((e) => e.type === 'CreditsTransferredOut')) {
        const out = debit.right.events.find((e) => e.type === 'CreditsTransferredOut');
        if (out?.type === 'CreditsTransferredOut') {
          await ledger({ type: 'ReceiveCreditTransfer', clientId: to, transferId, fromClientId: from, appointmentType: out.data.appointmentType, parts: out.data.taken.map((t) => ({ quantity: t.quantity, expiresOn: t.expiresOn })), on });
        }
      }
      return;
    }
    case 'rollover':
      await ledger({ type: 'RollOverCredits', clientId: c(op.client), fromReference: p(op.pkg), toReference: `${p(op.pkg)}-next`, percent: percent(50), on });
      return;
    case 'settings':
      await ledger({ type: 'AdjustCreditSettings', clientId: c(op.client), overrides: { enabled: op.enabled }, by: 'admin', on });
      return;
    case 'refund':
      await send({ type: 'RefundPackage', packageId: p(op.pkg), method: op.method, on, policy: { allowAfterExpiry: op.afterExpiry } });
      return;
    case 'share':
      await send({ type: 'SharePackage', packageId: p(op.pkg), clientId: c(op.client), on });
      return;
    case 'transfer': {
      const code = `code-${n}`;
      await send({ type: 'OfferPackageTransfer', packageId: p(op.pkg), recipient: `${c(op.to)}@example.com`, accessCode: code, on });
      await send({ type: 'ClaimPackageTransfer', packageId: p(op.pkg), accessCode: code, clientId: c(op.to), on });
      return;
    }
    case 'extend': {
      const sold = foldWorld(await w.events()).packages[p(op.pkg)];
      if (sold?.expiresOn === undefined) return;
      const to = addDays(sold.expiresOn > on ? sold.expiresOn : on, op.days);
      await send({ type: 'ExtendPackage', packageId: p(op.pkg), to, on, policy: { allowAfterExpiry: op.afterExpiry } });
      return;
    }
    case 'tick':
      for (const id of PACKAGES) if ((await w.store.streamRevision(packageStream(id))) !== undefined) await send({ type: 'ExpirePackage', packageId: id, on });
      for (const id of CLIENTS) await ledger({ type: 'ExpireCredits', clientId: id, on });
      return;
    case 'settle':
      await w.settle();
      return;
    case 'step':
      await w.step(op.flow, op.events);
      return;
    case 'advance':
      return;
  }
};

/** How often each path was taken over a property's runs, so a law cannot pass by never reaching it. */
const paths = new Map<string, number>();
const PATHS = [
  'PackageCreditUsed',
  'PackageCreditUseDeclined',
  'PackageCreditDeclined',
  'PackageCreditKept',
  'PackageCreditUnavailable',
  'PackageServiceApplicationReversed',
  'PackageUnitRestored',
  'CreditDebtRepaid',
] as const;
const ops = fc.array(arbOp, { minLength: 10, maxLength: 45, size: 'max' });

const runOps = async (ops: readonly Op[]): Promise<{ world: PracticeWorld; today: LocalDate }> => {
  const world = createPracticeWorld();
  let on = START;
  for (const [i, op] of ops.entries()) {
    if (op.kind === 'advance') on = addDays(on, op.days);
    await run(world, op, on, i);
  }
  await world.settle();
  return { world, today: on };
};

describe('credits connected with packages: both sides always agree', () => {
  const law = fc.asyncProperty(ops, async (generated) => {
    const { world, today } = await runOps(generated);
    expect(world.refusals).toEqual([]);
    const log = await world.events();
    for (const e of log) paths.set(e.type, (paths.get(e.type) ?? 0) + 1);
    expectAgreement(log, today);
  });

  it('for every package, units used = credits consumed from its lots net of restores, and remaining units = remaining credits of its lots', async () => {
    await fc.assert(law, { numRuns: 100 });
  });

  it('the same on a fixed seed, which reaches every path: declines, the last credit taken at once, reversals, restores, debts', async () => {
    paths.clear();
    await fc.assert(law, { numRuns: 150, seed: 20250601 });
    for (const path of PATHS) expect(paths.get(path) ?? 0, path).toBeGreaterThan(0);
  });

  it('a ledger with package credits restored from a snapshot at any event, then folded on, is the ledger folded from the start', async () => {
    await fc.assert(
      fc.asyncProperty(ops, fc.nat(), async (generated, cut) => {
        const { world } = await runOps(generated);
        const byClient = new Map<string, RecordedEvent<CreditsEvent>[]>();
        for (const e of await world.events()) {
          if (!creditsEvents.is(e)) continue;
          byClient.set(e.streamName, [...(byClient.get(e.streamName) ?? []), e]);
        }
        const encoded = (state: CreditsState): string => JSON.stringify(creditsStateCodec.encode(state));
        // The state itself, every persistent map listed out: independent of the snapshot's layout.
        const canonical = (state: CreditsState): string =>
          JSON.stringify(state, (_key, value: unknown) => {
            if (value instanceof PersistentMap) return [...(value as PersistentMap<unknown, unknown>)];
            if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
              return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
            }
            return value;
          });
        for (const events of byClient.values()) {
          const at = cut % (events.length + 1);
          const whole = events.reduce(evolveCredits, initialCreditsState);
          const decoded = creditsStateCodec.decode(JSON.parse(encoded(events.slice(0, at).reduce(evolveCredits, initialCreditsState))) as unknown);
          if (decoded._tag === 'Left') throw new Error(`a snapshot of a folded ledger should decode: ${decoded.left}`);
          const restored = events.slice(at).reduce(evolveCredits, decoded.right);
          expect(canonical(restored)).toBe(canonical(whole));
        }
      }),
      { numRuns: 60, seed: 20250601 },
    );
  });

  it('running the flows again over the whole log (a replay) writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (generated) => {
        const { world } = await runOps(generated);
        expect(world.refusals).toEqual([]);
        const before = world.store.size;
        await world.settle({ fromStart: true });
        expect(world.store.size).toBe(before);
        // Only a command that recorded nothing the first time (so left no id to find) is decided again,
        // against the newer state; whatever it answers, it writes nothing.
        const applied = new Set((await world.events()).map((e) => e.metadata.commandId));
        for (const refusal of world.refusals) expect(applied.has(refusal.commandId), refusal.message).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
