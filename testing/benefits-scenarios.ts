/**
 * Scenarios for property tests of membership benefits: a membership over a few months, as
 * a practice lives it — payments, bookings by members and a stranger, cancellations of
 * bookings, pauses, changes of tier, the extension, a household's comings and goings,
 * expiry ticks — played in a world (`benefits-world.ts`) whose flows may misbehave.
 */
import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { DomainError } from '../core/kernel/errors.js';
import {
  membershipDecider,
  membershipEvents,
  membershipNextStep,
  membershipStream,
  membershipTerms,
  type MembershipCommand,
  type MembershipState,
  type MembershipTerms,
} from '../core/memberships/index.js';
import type { MembershipHouseholdTerms, MembershipRolloverTerms } from '../core/memberships/benefit-terms.js';
import { creditsClientOf } from '../core/credits/index.js';
import {
  householdPoolClientId,
  membershipBenefitBooking,
  membershipBenefitsDecider,
  membershipBenefitsEvents,
  membershipBenefitsStream,
  type MembershipBenefitsState,
} from '../core/membership-benefits/index.js';
import { addDays, localDate, type LocalDate } from '../core/values/local-date.js';
import { money } from '../core/values/money.js';
import { percent } from '../core/values/percent.js';
import { arbLocalDate } from './arbitraries.js';
import type { BenefitsWorld, PumpChaos, WorldCommand } from './benefits-world.js';

/** What happens on a day of a scenario. `member` and `who` index the candidates (primary, dependents, a stranger). */
export type BenefitsAction =
  | { readonly kind: 'wait' }
  | { readonly kind: 'pay'; readonly succeed: boolean }
  | { readonly kind: 'book'; readonly member: number }
  | { readonly kind: 'cancel-booking'; readonly pick: number }
  | { readonly kind: 'pause'; readonly months: number }
  | { readonly kind: 'resume' }
  | { readonly kind: 'change'; readonly tier: number; readonly immediately: boolean }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'extend'; readonly days: number }
  | { readonly kind: 'add'; readonly who: number }
  | { readonly kind: 'remove'; readonly who: number }
  | { readonly kind: 'expire' };

export interface BenefitsScenario {
  /** The plan signed up for (an index into `plans`). */
  readonly plan: number;
  readonly start: LocalDate;
  readonly steps: readonly { readonly afterDays: number; readonly action: BenefitsAction }[];
}

/** The primary member, the people who may join a household, and a stranger who never does (last). */
export const SCENARIO_PRIMARY = 'alex';
export const SCENARIO_CANDIDATES: readonly string[] = [SCENARIO_PRIMARY, 'sam', 'jordan', 'riley', 'stranger'];

const arbRollover = (): fc.Arbitrary<Partial<MembershipRolloverTerms> | null> =>
  fc.option(
    fc.record({
      percent: fc.constantFrom(0, 33, 50, 100).map((p) => percent(p)),
      cap: fc.constantFrom<number | null>(null, 0, 1, 3),
      expiresAfterMonths: fc.integer({ min: 1, max: 3 }),
    }),
    { nil: null },
  );

/** Plans with included services, a random rollover, and household terms (none, per person, pooled). */
export const arbBenefitPlans = (): fc.Arbitrary<readonly MembershipTerms[]> =>
  fc
    .tuple(
      arbRollover(),
      arbRollover(),
      fc.constantFrom<Partial<MembershipHouseholdTerms> | null>(null, { benefits: 'per-person', billing: 'split', maxMembers: 3 }, { benefits: 'pooled' }),
    )
    .map(([rollover, richerRollover, household]) => [
      membershipTerms('vip', 1, { name: 'VIP', price: money(9900, 'USD'), frequency: 'monthly', includedServices: [{ serviceId: 'treatment', quantity: 2 }], rollover, household }),
      membershipTerms('platinum', 1, {
        name: 'Platinum',
        price: money(19900, 'USD'),
        frequency: 'monthly',
        includedServices: [{ serviceId: 'treatment', quantity: 3 }, { serviceId: 'facial', quantity: 1 }],
        rollover: richerRollover,
        household,
      }),
      membershipTerms('basic', 1, { name: 'Basic', price: money(4900, 'USD'), frequency: 'monthly', includedServices: [{ serviceId: 'treatment', quantity: 1 }], rollover, household }),
    ]);

const arbAction: fc.Arbitrary<BenefitsAction> = fc.oneof(
  { arbitrary: fc.constant<BenefitsAction>({ kind: 'wait' }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pay' as const), succeed: fc.constantFrom(true, true, true, false) }), weight: 4 },
  {
    arbitrary: fc.record({ kind: fc.constant('book' as const), member: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.nat({ max: SCENARIO_CANDIDATES.length - 1 }), weight: 1 }) }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant('cancel-booking' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pause' as const), months: fc.integer({ min: 1, max: 2 }) }), weight: 1 },
  { arbitrary: fc.constant<BenefitsAction>({ kind: 'resume' }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('change' as const), tier: fc.nat({ max: 2 }), immediately: fc.boolean() }), weight: 1 },
  { arbitrary: fc.constant<BenefitsAction>({ kind: 'cancel' }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('extend' as const), days: fc.integer({ min: 1, max: 10 }) }), weight: 1 },
  // The last candidate, the stranger, is never added: they stay outside every household.
  { arbitrary: fc.record({ kind: fc.constant('add' as const), who: fc.integer({ min: 1, max: SCENARIO_CANDIDATES.length - 2 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), who: fc.integer({ min: 0, max: SCENARIO_CANDIDATES.length - 1 }) }), weight: 1 },
  { arbitrary: fc.constant<BenefitsAction>({ kind: 'expire' }), weight: 1 },
);

/** A scenario of up to `maxSteps` actions (@defaultValue 30), a few days apart, on one of three plans. */
export const arbBenefitsScenario = (maxSteps = 30): fc.Arbitrary<BenefitsScenario> =>
  fc.record({
    plan: fc.nat({ max: 2 }),
    start: arbLocalDate(localDate('2024-01-01'), localDate('2026-12-31')),
    steps: fc.array(fc.record({ afterDays: fc.integer({ min: 0, max: 12 }), action: arbAction }), { maxLength: maxSteps }),
  });

/** What a played scenario left: the platform's refused commands (expected) beside the world's flow refusals. */
export interface PlayedBenefitsScenario {
  readonly refused: readonly DomainError[];
  readonly ledgers: readonly string[];
  /** The sessions booked on membership benefits: for whom, and in which ledger. */
  readonly bookings: readonly { readonly member: string; readonly clientId: string; readonly bookingId: string }[];
}

/**
 * Plays a scenario in a world: the sign-up, then each action on its day, after every
 * membership step due by then (each followed by the flows, so a period's rollover comes
 * before that day's expiry tick). `chaos` makes the flows pump misbehave; at the end the
 * pump reads everything again from the start.
 */
export const playBenefitsScenario = async (
  world: BenefitsWorld,
  plans: readonly MembershipTerms[],
  scenario: BenefitsScenario,
  chaos: PumpChaos = {},
): Promise<PlayedBenefitsScenario> => {
  const membershipId = 'm1';
  const refused: DomainError[] = [];
  const ledgers = new Set<string>();
  const bookings: { readonly member: string; readonly clientId: string; readonly bookingId: string }[] = [];
  const attempt = async (target: WorldCommand, actor?: string): Promise<boolean> => {
    const result = await world.command(target, actor);
    if (isLeft(result)) refused.push(result.left);
    await world.pump(chaos);
    return !isLeft(result);
  };
  const membership = async (): Promise<MembershipState> => {
    let state = membershipDecider.initialState;
    for (const e of await world.stream(membershipStream(membershipId))) if (membershipEvents.is(e)) state = membershipDecider.evolve(state, e);
    return state;
  };
  const benefits = async (): Promise<MembershipBenefitsState> => {
    let state = membershipBenefitsDecider.initialState;
    for (const e of await world.stream(membershipBenefitsStream(membershipId))) if (membershipBenefitsEvents.is(e)) state = membershipBenefitsDecider.evolve(state, e);
    return state;
  };
  const catchUp = async (today: LocalDate): Promise<void> => {
    for (;;) {
      const step = membershipNextStep(await membership());
      if (step === undefined || step.on > today) return;
      const command: MembershipCommand =
        step.command === 'RetryMembershipPayment'
          ? { type: step.command, membershipId, on: step.on, chargeId: step.chargeId ?? '' }
          : { type: step.command, membershipId, on: step.on };
      const result = await world.command({ to: 'membership', command }, 'system');
      if (isLeft(result)) throw new Error(`${command.type} for ${step.on} refused: ${result.left.code} ${result.left.message}`);
      await world.pump(chaos);
    }
  };
  const first = plans[scenario.plan] ?? plans[0];
  if (first === undefined) throw new Error('no plan');
  let today = scenario.start;
  await attempt({ to: 'membership', command: { type: 'SignUpForMembership', membershipId, clientId: SCENARIO_PRIMARY, on: today, terms: first } });
  let n = 0;
  for (const { afterDays, action } of scenario.steps) {
    today = addDays(today, afterDays);
    await catchUp(today);
    const on = today;
    const m = await membership();
    switch (action.kind) {
      case 'wait':
        break;
      case 'pay': {
        const charge = m.phase === 'none' ? undefined : m.outstanding.find((c) => c.attemptInFlight);
        if (charge === undefined) break;
        await attempt({
          to: 'membership',
          command: action.succeed
            ? { type: 'RecordMembershipPaymentSucceeded', membershipId, on, chargeId: charge.chargeId }
            : { type: 'RecordMembershipPaymentFailed', membershipId, on, chargeId: charge.chargeId },
        });
        break;
      }
      case 'book': {
        const clientId = SCENARIO_CANDIDATES[action.member] ?? SCENARIO_PRIMARY;
        const bookingId = `b${++n}`;
        const booking = membershipBenefitBooking(await benefits(), { membershipId, clientId, bookingId, appointmentType: 'treatment', channel: 'client_portal', on });
        if (isLeft(booking)) {
          refused.push(booking.left);
          break;
        }
        ledgers.add(booking.right.clientId);
        if (await attempt({ to: 'credits', command: booking.right }, clientId)) bookings.push({ member: clientId, clientId: booking.right.clientId, bookingId });
        break;
      }
      case 'cancel-booking': {
        const booking = bookings.length === 0 ? undefined : bookings[action.pick % bookings.length];
        if (booking !== undefined) await attempt({ to: 'credits', command: { type: 'CancelBooking', clientId: booking.clientId, bookingId: booking.bookingId, on } });
        break;
      }
      case 'pause':
        await attempt({ to: 'membership', command: { type: 'PauseMembership', membershipId, on, months: action.months } });
        break;
      case 'resume':
        await attempt({ to: 'membership', command: { type: 'ResumeMembership', membershipId, on } });
        break;
      case 'change': {
        const terms = plans[action.tier];
        if (terms !== undefined) {
          await attempt({ to: 'membership', command: { type: 'ChangeMembershipTier', membershipId, on, terms, policy: { downgrade: action.immediately ? 'immediately' : 'end-of-period' } } });
        }
        break;
      }
      case 'cancel':
        await attempt({ to: 'membership', command: { type: 'CancelMembership', membershipId, on } });
        break;
      case 'extend':
        await attempt({ to: 'membership', command: { type: 'ExtendMembershipPeriod', membershipId, on, days: action.days } });
        break;
      case 'add':
      case 'remove': {
        const clientId = SCENARIO_CANDIDATES[action.who] ?? 'stranger';
        await attempt(
          { to: 'benefits', command: { type: action.kind === 'add' ? 'AddHouseholdMember' : 'RemoveHouseholdMember', membershipId, on, clientId, by: SCENARIO_PRIMARY } },
          SCENARIO_PRIMARY,
        );
        break;
      }
      case 'expire':
        for (const clientId of [...SCENARIO_CANDIDATES, householdPoolClientId(membershipId)]) {
          await attempt({ to: 'credits', command: { type: 'ExpireCredits', clientId, on } }, 'system');
        }
        break;
    }
  }
  await catchUp(addDays(today, 100));
  world.rewind();
  await world.pump(chaos);
  for (const e of await world.events()) {
    const ledger = creditsClientOf(e.streamName);
    if (ledger !== undefined) ledgers.add(ledger);
  }
  return { refused, ledgers: [...ledgers].sort(), bookings };
};
