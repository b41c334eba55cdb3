import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayPrices } from '../../../core/rules/period-share.js';
import { addDays, daysBetween, type LocalDate } from '../../../core/values/local-date.js';
import { sum, type Money } from '../../../core/values/money.js';
import { percent, type Percent } from '../../../core/values/percent.js';
import type { Period } from '../../../core/values/period.js';
import { membershipDecider, membershipEvents, type MembershipChargeLine, type MembershipEvent, type MembershipTerms } from '../../../core/memberships/index.js';
import { discountedPrice } from '../../../core/memberships/charges.js';
import { arbLocalDate } from '../../../testing/arbitraries.js';
import { arbScenario, play } from './driver.js';
import { M, d, run, signUp, tier } from './fixtures.js';

const RUNS = { numRuns: 300 };

describe('membership laws', () => {
  it('law: the line items of every charge sum to its total, which is never negative', () => {
    fc.assert(
      fc.property(arbScenario(), (scenario) => {
        for (const e of play(scenario).events) {
          if (e.type === 'MembershipChargeRequested') {
            expect(sum('USD', e.data.lines.map((l) => l.amount))).toEqual(e.data.total);
            expect(e.data.total.amount).toBeGreaterThanOrEqual(0);
          }
          if (e.type === 'MembershipRefundRequested') expect(sum('USD', e.data.lines.map((l) => l.amount))).toEqual({ ...e.data.amount, amount: -e.data.amount.amount });
          if (e.type === 'MembershipTierChanged') expect(sum('USD', e.data.lines.map((l) => l.amount))).toEqual(e.data.net);
        }
      }),
      RUNS,
    );
  });

  it('law: no charge is requested for a paused or cancelled day', () => {
    fc.assert(
      fc.property(arbScenario(), (scenario) => {
        const paused: Period[] = [];
        let cancelledFrom: LocalDate | null = null;
        for (const { before, events } of play(scenario).decided) {
          for (const e of events) {
            if (e.type === 'MembershipPaused') paused.push({ start: e.data.pausedOn, end: e.data.resumesOn });
            if (e.type === 'MembershipResumed') {
              const last = paused.pop();
              if (last !== undefined) paused.push({ start: last.start, end: e.data.resumedOn });
            }
            if (e.type === 'MembershipCancellationRequested') cancelledFrom = e.data.effectiveOn;
            if (e.type === 'MembershipEnded') cancelledFrom ??= e.data.endedOn;
            if (e.type !== 'MembershipChargeRequested') continue;
            expect(before.phase === 'paused' || before.phase === 'ended').toBe(false);
            for (const line of e.data.lines) {
              if (line.span === null) continue;
              const span = line.span;
              for (const p of paused) expect(span.end <= p.start || span.start >= p.end).toBe(true);
              if (cancelledFrom !== null) expect(span.end <= cancelledFrom).toBe(true);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('law: replay is deterministic — the events, stored and read back, fold to the same state', () => {
    fc.assert(
      fc.property(arbScenario(), (scenario) => {
        const { events, state } = play(scenario);
        const stored = events.map((e, i) => JSON.parse(JSON.stringify(membershipEvents.encode(e))) as ReturnType<typeof membershipEvents.encode>);
        const read = stored.map((s, i) => membershipEvents.decode(s, { streamName: `membership-${M}`, revision: BigInt(i) }));
        expect(read).toEqual(events);
        expect(read.reduce(membershipDecider.evolve, membershipDecider.initialState)).toEqual(state);
        expect(play(scenario).events).toEqual(events);
      }),
      { numRuns: 150 },
    );
  });
});

describe('proration law', () => {
  const monthly = [tier('a', 1000), tier('b', 2000), tier('c', 3333), tier('d', 9999), tier('e', 29900), tier('f', 7)];

  /** Each day of the lines' spans, with the amount the line charged (or credited) for it, by the tier's day prices. */
  const perDay = (line: MembershipChargeLine, pricing: Period, priceOf: (planId: string) => Money): Map<LocalDate, number> => {
    const days = dayPrices(priceOf(line.planId ?? ''), pricing);
    const sign = line.kind === 'proration-credit' ? -1 : 1;
    const out = new Map<LocalDate, number>();
    if (line.span === null) return out;
    for (let day = line.span.start; day < line.span.end; day = addDays(day, 1)) {
      out.set(day, sign * (days[daysBetween(pricing.start, day)]?.amount ?? Number.NaN));
    }
    return out;
  };

  it('law: over any sequence of tier changes within a period, what was charged for each day adds up to that day’s price', () => {
    fc.assert(
      fc.property(
        arbLocalDate(d('2023-01-01'), d('2027-12-31')),
        fc.nat({ max: monthly.length - 1 }),
        fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
        fc.option(fc.constantFrom(10, 25, 33.33), { nil: null }),
        fc.array(fc.record({ after: fc.integer({ min: 0, max: 6 }), to: fc.nat({ max: monthly.length - 1 }) }), { minLength: 1, maxLength: 8 }),
        (start, first, fixedDay, discount, changes) => {
          const firstTier = monthly[first] as MembershipTerms;
          let events: MembershipEvent[] = run(
            [],
            signUp(start, firstTier, {
              ...(fixedDay !== null ? { billingAlignment: { kind: 'fixed-day' as const, dayOfMonth: fixedDay } } : {}),
              ...(discount !== null ? { discount: { percent: percent(discount), periods: null } } : {}),
            }),
          );
          const started = events.find((e) => e.type === 'MembershipPeriodStarted');
          if (started?.type !== 'MembershipPeriodStarted') throw new Error('no period');
          const { period, pricingPeriod, discountPercent } = started.data;
          const active = new Map<LocalDate, MembershipTerms>();
          const setFrom = (from: LocalDate, terms: MembershipTerms): void => {
            for (let day = from; day < period.end; day = addDays(day, 1)) active.set(day, terms);
          };
          setFrom(period.start, firstTier);
          let on = period.start;
          let current = firstTier;
          for (const change of changes) {
            on = addDays(on, change.after);
            const to = monthly[change.to] as MembershipTerms;
            if (on >= period.end) break;
            if (to.planId === current.planId) continue;
            events = [...events, ...run(events, { type: 'ChangeMembershipTier', membershipId: M, on, terms: to, policy: { downgrade: 'immediately' } })];
            setFrom(on, to);
            current = to;
          }
          const pct: Percent | null = discountPercent;
          const priceOf = (planId: string): Money => discountedPrice((monthly.find((t) => t.planId === planId) as MembershipTerms).price, pct);
          const lines = events.flatMap((e) =>
            e.type === 'MembershipChargeRequested' && e.data.reason === 'period'
              ? e.data.lines
              : e.type === 'MembershipTierChanged'
                ? e.data.lines
                : [],
          );
          const charged = new Map<LocalDate, number>();
          for (const line of lines) {
            if (line.kind === 'discount' || line.kind === 'wallet-credit') continue;
            const days = perDay(line, pricingPeriod, line.kind === 'base-price' ? (id) => (monthly.find((t) => t.planId === id) as MembershipTerms).price : priceOf);
            // Each line is exactly the sum of its days.
            expect([...days.values()].reduce((a, b) => a + b, 0)).toBe(line.amount.amount);
            for (const [day, amount] of days) charged.set(day, (charged.get(day) ?? 0) + amount);
          }
          // The discount line's days: the first tier's discounted day prices less its full ones.
          const discountDays = new Map<LocalDate, number>();
          if (pct !== null) {
            const full = dayPrices(firstTier.price, pricingPeriod);
            const discounted = dayPrices(priceOf(firstTier.planId), pricingPeriod);
            for (let day = period.start; day < period.end; day = addDays(day, 1)) {
              const i = daysBetween(pricingPeriod.start, day);
              discountDays.set(day, (discounted[i]?.amount ?? 0) - (full[i]?.amount ?? 0));
            }
          }
          const discountLine = lines.find((l) => l.kind === 'discount');
          expect([...discountDays.values()].reduce((a, b) => a + b, 0)).toBe(discountLine?.amount.amount ?? 0);
          for (let day = period.start; day < period.end; day = addDays(day, 1)) {
            const terms = active.get(day) as MembershipTerms;
            const dayPrice = dayPrices(priceOf(terms.planId), pricingPeriod)[daysBetween(pricingPeriod.start, day)]?.amount;
            expect((charged.get(day) ?? 0) + (discountDays.get(day) ?? 0)).toBe(dayPrice);
          }
        },
      ),
      RUNS,
    );
  });
});
