/**
 * Laws of packages, for any terms, promotions and sequence of commands:
 * - the allocated unit values sum to the price paid;
 * - refund + value used + value expired (+ value remaining while open) = price paid;
 * - an access code or a bulk code redeems at most once;
 * - transfers move units, never create them;
 * - every event round-trips through its codec, and replay gives the same state.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { isDeepStrictEqual } from 'node:util';
import { fold } from '../../../core/kernel/decider.js';
import {
  bulkOrderDecider,
  bulkOrderEvents,
  packageDecider,
  packageEvents,
  packageValueIn,
  type BulkOrderCommand,
  type BulkOrderEvent,
  type PackageCommand,
  type PackageEvent,
  type PackagePromotion,
  type PackageState,
  type PackageTerms,
} from '../../../core/packages/index.js';
import { quotePackageSale } from '../../../core/rules/package-pricing.js';
import { addDays, localDate, type LocalDate } from '../../../core/values/local-date.js';
import { money, sum } from '../../../core/values/money.js';
import { arbPackagePromotions, arbPackageTerms } from '../../../testing/package-arbitraries.js';

const start = localDate('2025-01-01');

const arbTerms = () => arbPackageTerms({ from: start });
const arbPromotions = arbPackagePromotions;

const clients = ['c1', 'c2', 'c3'] as const;
const codes = ['K1', 'K2', 'K3'] as const;

type Make = (on: LocalDate) => PackageCommand;
const methods = ['wallet', 'card', 'store-credit'] as const;

const applyStep = (services: readonly string[]): fc.Arbitrary<Make> =>
  fc
    .record({ client: fc.constantFrom('c1', 'c1', 'c2', 'c3'), service: fc.constantFrom(...services, 'yoga'), appt: fc.integer({ min: 0, max: 40 }) })
    .map((r) => (on) => ({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId: r.client, serviceId: r.service, appointmentId: `a${r.appt}`, on }));

const offerStep: fc.Arbitrary<Make> = fc
  .constantFrom(...codes)
  .map((code) => (on) => ({ type: 'OfferPackageTransfer', packageId: 'p1', recipient: 'friend@example.com', accessCode: code, on }));

const claimStep: fc.Arbitrary<Make> = fc
  .record({ code: fc.constantFrom(...codes), client: fc.constantFrom('c2', 'c2', 'c3', 'c1') })
  .map((r) => (on) => ({ type: 'ClaimPackageTransfer', packageId: 'p1', accessCode: r.code, clientId: r.client, on }));

const extendStep: fc.Arbitrary<Make> = fc
  .record({ by: fc.integer({ min: 1, max: 200 }), allow: fc.boolean() })
  .map((r) => (on) => ({ type: 'ExtendPackage', packageId: 'p1', to: addDays(on, r.by), on, policy: { allowAfterExpiry: r.allow } }));

const refundStep: fc.Arbitrary<Make> = fc
  .record({ method: fc.constantFrom(...methods), allow: fc.boolean() })
  .map((r) => (on) => ({ type: 'RefundPackage', packageId: 'p1', method: r.method, on, policy: { allowAfterExpiry: r.allow } }));

const shareStep: fc.Arbitrary<Make> = fc.constantFrom(...clients).map((c) => (on) => ({ type: 'SharePackage', packageId: 'p1', clientId: c, on }));
const expireStep: fc.Arbitrary<Make> = fc.constant((on) => ({ type: 'ExpirePackage', packageId: 'p1', on }));
const noticeStep: fc.Arbitrary<Make> = fc.constant((on) => ({ type: 'IssuePackageExpiryNotice', packageId: 'p1', on }));

/** A command to package p1 on day `day` after the start (mostly services applied, transfers next). */
const arbStep = (services: readonly string[]): fc.Arbitrary<{ day: number; make: Make }> =>
  fc.record({
    day: fc.integer({ min: 0, max: 400 }),
    make: fc.oneof(
      { arbitrary: applyStep(services), weight: 10 },
      { arbitrary: offerStep, weight: 3 },
      { arbitrary: claimStep, weight: 3 },
      { arbitrary: shareStep, weight: 2 },
      { arbitrary: extendStep, weight: 2 },
      { arbitrary: expireStep, weight: 1 },
      { arbitrary: refundStep, weight: 1 },
      { arbitrary: noticeStep, weight: 2 },
    ),
  });

const arbHistory = arbTerms().chain((terms) =>
  fc.tuple(fc.constant(terms), arbPromotions(terms), fc.array(arbStep(terms.items.map((i) => i.serviceId)), { minLength: 5, maxLength: 40 })),
);

interface Run {
  readonly events: readonly PackageEvent[];
  readonly states: readonly PackageState[];
}

/** Sells the package and applies the steps in date order; refused commands change nothing. */
const run = (terms: PackageTerms, promotions: readonly PackagePromotion[], steps: readonly { day: number; make: (on: LocalDate) => PackageCommand }[]): Run | undefined => {
  const sale = packageDecider.decide({ type: 'SellPackage', packageId: 'p1', clientId: 'c1', terms, channel: 'check-out', on: start, promotions }, packageDecider.initialState);
  if (!isRight(sale)) return undefined;
  const events: PackageEvent[] = [...sale.right];
  let state = fold(packageDecider, events);
  const states: PackageState[] = [state];
  for (const step of [...steps].sort((a, b) => a.day - b.day)) {
    const decision = packageDecider.decide(step.make(addDays(start, step.day)), state);
    if (!isRight(decision)) continue;
    for (const e of decision.right) {
      events.push(e);
      state = packageDecider.evolve(state, e);
      states.push(state);
    }
  }
  return { events, states };
};

describe('package laws', () => {
  it('the allocated unit values sum to the price paid, each within a cent of its exact share', () => {
    fc.assert(
      fc.property(arbTerms().chain((t) => fc.tuple(fc.constant(t), arbPromotions(t))), ([terms, promotions]) => {
        const quote = quotePackageSale(terms.items, terms.price, promotions);
        if (!isRight(quote)) return;
        const { units, pricePaid } = quote.right;
        expect(sum('USD', units.map((u) => u.value))).toEqual(pricePaid);
        const weights = units.map((u) => u.unitValue.amount);
        const total = weights.reduce((a, b) => a + b, 0);
        units.forEach((u, i) => {
          const exact = total === 0 ? pricePaid.amount / units.length : (pricePaid.amount * (weights[i] ?? 0)) / total;
          expect(Math.abs(u.value.amount - exact)).toBeLessThan(1);
        });
      }),
    );
  });

  it('refund + value used + value expired (+ value remaining) = price paid, at every step', () => {
    fc.assert(
      fc.property(arbHistory, ([terms, promotions, steps]) => {
        const r = run(terms, promotions, steps);
        if (r === undefined) return;
        let refunded = money(0, 'USD');
        let expired = money(0, 'USD');
        r.events.forEach((e, i) => {
          if (e.type === 'PackageRefunded') refunded = money(refunded.amount + e.data.amount.amount, 'USD');
          if (e.type === 'PackageExpired') expired = money(expired.amount + e.data.valueExpired.amount, 'USD');
          if (e.type === 'PackageExtended') expired = money(expired.amount - sum('USD', e.data.reinstatedByService.map((s) => s.value)).amount, 'USD');
          const state = r.states[i];
          if (state === undefined || state.status === 'unsold') throw new Error('sold');
          const used = packageValueIn(state, 'used');
          const remaining = packageValueIn(state, 'unused');
          // Refunds after expiry pay out value that had expired.
          const expiredNow = packageValueIn(state, 'expired');
          expect(packageValueIn(state, 'refunded')).toEqual(refunded);
          expect(refunded.amount + used.amount + expiredNow.amount + remaining.amount).toBe(state.pricePaid.amount);
          if (state.status !== 'active') expect(refunded.amount + used.amount + expiredNow.amount).toBe(state.pricePaid.amount);
          expect(expiredNow.amount).toBeLessThanOrEqual(expired.amount);
        });
      }),
    );
  });

  it('an access code redeems at most once, and transfers move units, never create them', () => {
    fc.assert(
      fc.property(arbHistory, ([terms, promotions, steps]) => {
        const r = run(terms, promotions, steps);
        if (r === undefined) return;
        const redeemed = r.events.flatMap((e) => (e.type === 'PackageTransferred' ? [e.data.accessCode] : []));
        expect(new Set(redeemed).size).toBe(redeemed.length);
        const first = r.states[0];
        if (first === undefined || first.status === 'unsold') throw new Error('sold');
        r.events.forEach((e, i) => {
          const after = r.states[i];
          const before = r.states[i - 1];
          if (after === undefined || after.status === 'unsold') throw new Error('sold');
          expect(after.units.length).toBe(first.units.length);
          if (e.type !== 'PackageTransferred' || before === undefined || before.status === 'unsold') return;
          expect(e.data.units).toEqual(before.units.flatMap((u, k) => (u.status === 'unused' ? [k] : [])));
          expect(after.units).toEqual(before.units);
          expect([before.ownerId, after.ownerId]).toEqual([e.data.fromClientId, e.data.toClientId]);
          expect(e.data.value).toEqual(packageValueIn(before, 'unused'));
        });
      }),
    );
  });

  it('every event round-trips through its codec, and replaying the events gives the same state', () => {
    fc.assert(
      fc.property(arbHistory, ([terms, promotions, steps]) => {
        const r = run(terms, promotions, steps);
        if (r === undefined) return;
        const decoded = r.events.map((e, i) =>
          packageEvents.decode(JSON.parse(JSON.stringify(packageEvents.encode(e))), { streamName: 'package-p1', revision: BigInt(i) }),
        );
        expect(decoded).toEqual(r.events);
        expect(isDeepStrictEqual(fold(packageDecider, decoded), r.states[r.states.length - 1])).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('bulk order laws', () => {
  it('a bulk code redeems at most once, and no more packages are issued than were ordered', () => {
    const arbRedeem = fc.record({ code: fc.constantFrom('A', 'B', 'C', 'D', 'X'), client: fc.constantFrom('e1', 'e2', 'e3'), day: fc.integer({ min: 0, max: 400 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(arbRedeem, { maxLength: 20 }), (quantity, redemptions) => {
        const terms: PackageTerms = {
          definitionId: 'def',
          version: 1,
          name: 'Wellness',
          items: [{ serviceId: 'massage', quantity: 4, unitValue: money(80_00, 'USD') }],
          price: money(250_00, 'USD'),
          validity: { months: 12 },
          restrictions: { transferable: false, shareable: false, blackoutDates: [] },
        };
        const order: BulkOrderCommand = { type: 'OrderBulkPackages', orderId: 'o1', businessId: 'acme', terms, quantity, codes: ['A', 'B', 'C', 'D'].slice(0, quantity), on: start };
        let state = bulkOrderDecider.initialState;
        const events: BulkOrderEvent[] = [];
        for (const command of [order, ...redemptions.map((r): BulkOrderCommand => ({ type: 'RedeemBulkPackageCode', orderId: 'o1', code: r.code, clientId: r.client, on: addDays(start, r.day) }))]) {
          const decision = bulkOrderDecider.decide(command, state);
          if (!isRight(decision)) continue;
          for (const e of decision.right) {
            events.push(e);
            state = bulkOrderDecider.evolve(state, e);
          }
        }
        const redeemed = events.flatMap((e) => (e.type === 'BulkPackageCodeRedeemed' ? [e.data.code] : []));
        expect(new Set(redeemed).size).toBe(redeemed.length);
        expect(redeemed.length).toBeLessThanOrEqual(quantity);
        const ordered = events[0];
        if (ordered?.type !== 'BulkPackagesOrdered') throw new Error('ordered');
        expect(sum('USD', ordered.data.packagePrices)).toEqual(ordered.data.total);
        const decoded = events.map((e, i) => bulkOrderEvents.decode(JSON.parse(JSON.stringify(bulkOrderEvents.encode(e))), { streamName: 'bulkorder-o1', revision: BigInt(i) }));
        expect(decoded).toEqual(events);
      }),
    );
  });
});
