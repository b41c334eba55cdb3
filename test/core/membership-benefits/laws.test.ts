import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditsClientOf, creditsEvents, type CreditsEvent } from '../../../core/credits/index.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import { householdPoolClientId, membershipBenefitsDecider, membershipBenefitsEvents, type MembershipBenefitsEvent } from '../../../core/membership-benefits/index.js';
import { rolloverQuantity } from '../../../core/rules/rollover.js';
import { splitHouseholdCharge } from '../../../core/rules/household.js';
import { money, sum } from '../../../core/values/money.js';
import { arbBenefitPlans, arbBenefitsScenario, createBenefitsWorld, playBenefitsScenario, SCENARIO_CANDIDATES, type BenefitsWorld } from '../../../testing/index.js';
import { d, M, PRIMARY, familyPerPerson, history, open, run } from './fixtures.js';

const creditEvents = async (w: BenefitsWorld): Promise<RecordedEvent<CreditsEvent>[]> =>
  (await w.events()).flatMap((e) => (creditsEvents.is(e) && creditsClientOf(e.streamName) !== undefined ? [e] : []));
const benefitEvents = async (w: BenefitsWorld): Promise<RecordedEvent<MembershipBenefitsEvent>[]> =>
  (await w.events()).flatMap((e) => (membershipBenefitsEvents.is(e) ? [e] : []));

/** Each ledger's facts, without the ids and instants that only say when they were written. */
const ledgersOf = async (w: BenefitsWorld): Promise<Record<string, unknown[]>> => {
  const out: Record<string, unknown[]> = {};
  for (const e of await creditEvents(w)) (out[e.streamName] ??= []).push({ type: e.type, data: e.data });
  return out;
};

const RUNS = { numRuns: 60 };

describe('laws of membership benefits', () => {
  it('benefits are granted once per period whatever the replays or retries', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbBenefitPlans(),
        arbBenefitsScenario(),
        fc.func(fc.boolean()),
        fc.func(fc.option(fc.record({ pick: fc.nat() }), { nil: undefined })),
        async (plans, scenario, duplicate, resend) => {
          const clean = createBenefitsWorld();
          await playBenefitsScenario(clean, plans, scenario);
          const flaky = createBenefitsWorld();
          await playBenefitsScenario(flaky, plans, scenario, { duplicate: (n) => duplicate(n), resend: (n) => resend(n) });
          // Run the flows twice more over the whole log, sending every dispatch twice.
          flaky.rewind();
          await flaky.pump({ duplicate: () => true });
          expect(clean.refusals()).toEqual([]);
          expect(flaky.refusals()).toEqual([]);
          expect(await ledgersOf(flaky)).toEqual(await ledgersOf(clean));

          // Every grant the benefits decided (a period's, a top-up, a member who joined) is in its ledger exactly once.
          const decided = new Map<string, number[]>();
          for (const b of await benefitEvents(flaky)) {
            if (b.type !== 'MembershipBenefitsPeriodOpened' && b.type !== 'MembershipBenefitsGranted') continue;
            for (const g of b.data.grants) {
              const key = `credits-${g.clientId}|${b.data.reference}|${g.serviceId}`;
              decided.set(key, [...(decided.get(key) ?? []), g.quantity]);
            }
          }
          const recorded = new Map<string, number[]>();
          for (const c of await creditEvents(flaky)) {
            if (c.type !== 'CreditsGranted' || c.data.source !== 'membership' || c.data.reference === null) continue;
            const key = `${c.streamName}|${c.data.reference}|${c.data.appointmentType}`;
            recorded.set(key, [...(recorded.get(key) ?? []), c.data.quantity]);
          }
          expect(recorded).toEqual(decided);
        },
      ),
      RUNS,
    );
  });

  it('rolled-over credits never exceed the cap nor the unused amount', async () => {
    await fc.assert(
      fc.asyncProperty(arbBenefitPlans(), arbBenefitsScenario(), async (plans, scenario) => {
        const w = createBenefitsWorld();
        await playBenefitsScenario(w, plans, scenario);
        const closes = (await benefitEvents(w)).flatMap((e) => (e.type === 'MembershipBenefitsPeriodClosed' ? [e.data] : []));
        for (const e of await creditEvents(w)) {
          if (e.type !== 'CreditsRolledOver') continue;
          const r = e.data;
          const close = closes.find((c) => c.reference === r.fromReference);
          expect(close).toBeDefined();
          expect(r.rolled).toBeLessThanOrEqual(r.unused);
          if (r.cap !== null) expect(r.rolled).toBeLessThanOrEqual(r.cap);
          expect(r.cap).toBe(close?.rollover?.cap ?? null);
          expect(r.rolled).toBe(rolloverQuantity(r.unused, { percent: r.percent, cap: r.cap }));
          expect(r.rolled + r.lapsed).toBe(r.unused);
          expect(r.rolled === 0 || r.expiresOn === close?.rolledExpireOn).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('a pooled family’s total use never exceeds the pool, and only its members draw on it', async () => {
    await fc.assert(
      fc.asyncProperty(arbBenefitPlans(), arbBenefitsScenario(40), async (plans, scenario) => {
        const pooled = plans.map((p) => ({ ...p, household: { kind: 'family' as const, benefits: 'pooled' as const, billing: 'primary' as const, maxMembers: null } }));
        const w = createBenefitsWorld();
        const { bookings } = await playBenefitsScenario(w, pooled, scenario);
        const pool = `credits-${householdPoolClientId('m1')}`;
        let balance = 0;
        let granted = 0;
        let used = 0;
        for (const e of await creditEvents(w)) {
          if (e.streamName !== pool) {
            // Nobody's own ledger gets membership credits in a pooled plan.
            expect(e.type === 'CreditsGranted' && e.data.source === 'membership').toBe(false);
            continue;
          }
          if (e.type === 'CreditsGranted') (granted += e.data.quantity), (balance += e.data.quantity);
          if (e.type === 'SessionBooked') {
            expect(e.data.lot).not.toBeNull();
            used += 1;
            balance -= 1;
          }
          if (e.type === 'SessionCancelled' && e.data.restore === 'restored') (used -= 1), (balance += 1);
          if (e.type === 'CreditsExpired' || e.type === 'CreditsVoided') balance -= e.data.quantity;
          if (e.type === 'CreditsRolledOver') balance -= e.data.lapsed;
          expect(balance).toBeGreaterThanOrEqual(0);
          expect(used).toBeLessThanOrEqual(granted);
        }
        // Only members drew on the pool: the stranger (never a member) booked nothing.
        expect(bookings.filter((b) => b.member === SCENARIO_CANDIDATES[SCENARIO_CANDIDATES.length - 1])).toEqual([]);
        expect(bookings.every((b) => b.clientId === householdPoolClientId('m1'))).toBe(true);
      }),
      RUNS,
    );
  });

  it('split shares sum to the charge, each within a minor unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 10_000_000 }),
        fc.array(fc.record({ clientId: fc.string({ minLength: 1, maxLength: 4 }), weight: fc.nat({ max: 20 }) }), { minLength: 1, maxLength: 8 }),
        (amount, shares) => {
          const total = money(amount, 'EUR');
          const split = splitHouseholdCharge(total, shares);
          expect(sum('EUR', split.map((s) => s.amount))).toEqual(total);
          const weights = split.map((s) => s.weight);
          const w = weights.reduce((a, b) => a + b, 0);
          split.forEach((s) => expect(Math.abs(s.amount.amount - (amount * s.weight) / w)).toBeLessThan(1));
          if (shares.some((s) => s.weight > 0)) split.forEach((s, i) => expect(s.weight).toBe(shares[i]?.weight));
        },
      ),
    );
  });

  it('a household’s charge split by the benefits sums to the charge, whatever the members and shares', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('sam', 'jordan', 'riley'), { maxLength: 3 }),
        fc.option(fc.array(fc.nat({ max: 5 }), { minLength: 4, maxLength: 4 }), { nil: null }),
        fc.integer({ min: 1, max: 5_000_000 }),
        (dependents, weights, amount) => {
          let events = history(open(familyPerPerson), ...dependents.map((clientId) => ({ type: 'AddHouseholdMember' as const, membershipId: M, on: d('2025-01-01'), clientId, by: PRIMARY })));
          const members = [PRIMARY, ...dependents];
          if (weights !== null && members.some((_, i) => (weights[i] ?? 0) > 0)) {
            events = [...events, ...run(events, { type: 'SetHouseholdBillingShares', membershipId: M, on: d('2025-01-02'), by: PRIMARY, shares: members.map((clientId, i) => ({ clientId, weight: weights[i] ?? 0 })) })];
          }
          const state = events.reduce(membershipBenefitsDecider.evolve, membershipBenefitsDecider.initialState);
          const decision = membershipBenefitsDecider.decide({ type: 'SplitMembershipCharge', membershipId: M, on: d('2025-01-03'), chargeId: 'c', total: money(amount, 'USD') }, state);
          if (decision._tag === 'Left') throw new Error(decision.left.message);
          const [split] = decision.right;
          if (split?.type !== 'HouseholdChargeSplit') throw new Error('no split');
          expect(split.data.shares.map((s) => s.clientId)).toEqual(members);
          expect(sum('USD', split.data.shares.map((s) => s.amount))).toEqual(money(amount, 'USD'));
        },
      ),
    );
  });
});
