/**
 * A random-walk driver for membership laws: a sign-up and a list of actions a few days
 * apart; before each action every due step is sent (the schedule the membership states),
 * and refused actions are skipped. Returns every decision with the state before it.
 */
import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  membershipDecider,
  membershipNextStep,
  type MembershipCommand,
  type MembershipEvent,
  type MembershipState,
  type MembershipTerms,
} from '../../../core/memberships/index.js';
import { addDays, type LocalDate } from '../../../core/values/local-date.js';
import { percent } from '../../../core/values/percent.js';
import { arbLocalDate } from '../../../testing/arbitraries.js';
import { M, d, tier, usd } from './fixtures.js';

export const tiers: readonly MembershipTerms[] = [
  tier('basic', 1000),
  tier('gold', 9900),
  tier('platinum', 19900, { renewal: { noticeDays: 10, cancellationTakesEffect: 'after-notice' } }),
  tier('vip', 29999, { trial: { days: 14, price: usd(500) }, dunning: { afterLastFailure: 'cancel' } }),
  tier('trial', 4999, { trial: { days: 30, price: usd(0) }, renewal: { benefitsEnd: 'immediately' } }),
  tier('quarterly', 27000, { frequency: 'quarterly' }),
  tier('annual', 99000, { frequency: 'annual', pause: { minMonths: 1, maxMonths: 3 } }),
];

export type Action =
  | { readonly kind: 'wait' }
  | { readonly kind: 'pay'; readonly succeed: boolean; readonly extra: number; readonly which: number }
  | { readonly kind: 'pause'; readonly months: number }
  | { readonly kind: 'resume' }
  | { readonly kind: 'change'; readonly tier: number; readonly immediately: boolean; readonly refund: boolean }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'extend'; readonly days: number };

export interface Scenario {
  readonly start: LocalDate;
  readonly startsIn: number;
  readonly tier: number;
  readonly fixedDay: number | null;
  readonly discount: number | null;
  readonly wallet: number;
  readonly steps: readonly { readonly afterDays: number; readonly action: Action }[];
}

const arbAction: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant<Action>({ kind: 'wait' }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pay' as const), succeed: fc.constantFrom(true, false, false), extra: fc.constantFrom(0, 0, 0, 150), which: fc.nat() }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('pause' as const), months: fc.integer({ min: 1, max: 7 }) }), weight: 1 },
  { arbitrary: fc.constant<Action>({ kind: 'resume' }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('change' as const), tier: fc.nat({ max: tiers.length - 1 }), immediately: fc.boolean(), refund: fc.boolean() }),
    weight: 3,
  },
  { arbitrary: fc.constant<Action>({ kind: 'cancel' }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('extend' as const), days: fc.integer({ min: 1, max: 20 }) }), weight: 1 },
);

export const arbScenario = (maxSteps = 25): fc.Arbitrary<Scenario> =>
  fc.record({
    start: arbLocalDate(d('2023-01-01'), d('2027-12-31')),
    startsIn: fc.constantFrom(0, 0, 0, 12),
    tier: fc.nat({ max: tiers.length - 1 }),
    fixedDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
    discount: fc.option(fc.constantFrom(10, 20, 33.33), { nil: null }),
    wallet: fc.constantFrom(0, 0, 700, 50_000),
    steps: fc.array(fc.record({ afterDays: fc.integer({ min: 0, max: 12 }), action: arbAction }), { maxLength: maxSteps }),
  });

export interface Decided {
  readonly command: MembershipCommand;
  readonly before: MembershipState;
  readonly events: readonly MembershipEvent[];
}

/** Plays a scenario; every due step must be accepted (a refusal there is a bug and throws). */
export const play = (scenario: Scenario): { readonly decided: readonly Decided[]; readonly events: readonly MembershipEvent[]; readonly state: MembershipState } => {
  let state = membershipDecider.initialState;
  const decided: Decided[] = [];
  const events: MembershipEvent[] = [];
  const wallet = usd(scenario.wallet);
  const send = (command: MembershipCommand, mustPass: boolean): void => {
    const decision = membershipDecider.decide(command, state);
    if (isLeft(decision)) {
      if (mustPass) throw new Error(`${command.type} for ${command.on} refused: ${decision.left.code} ${decision.left.message}`);
      return;
    }
    decided.push({ command, before: state, events: decision.right });
    for (const e of decision.right) {
      events.push(e);
      state = membershipDecider.evolve(state, e);
    }
  };
  let today = scenario.start;
  const base = { membershipId: M };
  send(
    {
      type: 'SignUpForMembership',
      ...base,
      clientId: 'c1',
      on: today,
      startsOn: addDays(today, scenario.startsIn),
      terms: tiers[scenario.tier] ?? tiers[0]!,
      ...(scenario.fixedDay !== null ? { billingAlignment: { kind: 'fixed-day' as const, dayOfMonth: scenario.fixedDay } } : {}),
      ...(scenario.discount !== null ? { discount: { percent: percent(scenario.discount), periods: 3 } } : {}),
      walletAvailable: wallet,
    },
    true,
  );
  const catchUp = (): void => {
    for (let step = membershipNextStep(state); step !== undefined && step.on <= today; step = membershipNextStep(state)) {
      const on = step.on;
      switch (step.command) {
        case 'RetryMembershipPayment':
          send({ type: step.command, ...base, on, chargeId: step.chargeId ?? '' }, true);
          break;
        case 'ResumeMembership':
        case 'EndMembership':
          send({ type: step.command, ...base, on }, true);
          break;
        default:
          send({ type: step.command, ...base, on, walletAvailable: wallet }, true);
      }
    }
  };
  for (const { afterDays, action } of scenario.steps) {
    today = addDays(today, afterDays);
    catchUp();
    const on = today;
    switch (action.kind) {
      case 'wait':
        break;
      case 'pay': {
        if (state.phase === 'none') break;
        const inFlight = state.outstanding.filter((c) => c.attemptInFlight);
        const charge = inFlight[action.which % Math.max(1, inFlight.length)];
        if (charge === undefined) break;
        send(
          action.succeed
            ? { type: 'RecordMembershipPaymentSucceeded', ...base, on, chargeId: charge.chargeId, amountPaid: usd(charge.amount.amount + action.extra) }
            : { type: 'RecordMembershipPaymentFailed', ...base, on, chargeId: charge.chargeId },
          false,
        );
        break;
      }
      case 'pause':
        send({ type: 'PauseMembership', ...base, on, months: action.months }, false);
        break;
      case 'resume':
        send({ type: 'ResumeMembership', ...base, on }, false);
        break;
      case 'change':
        send(
          {
            type: 'ChangeMembershipTier',
            ...base,
            on,
            terms: tiers[action.tier] ?? tiers[0]!,
            policy: { downgrade: action.immediately ? 'immediately' : 'end-of-period', negativeNet: action.refund ? 'refund' : 'wallet' },
            walletAvailable: wallet,
          },
          false,
        );
        break;
      case 'cancel':
        send({ type: 'CancelMembership', ...base, on }, false);
        break;
      case 'extend':
        send({ type: 'ExtendMembershipPeriod', ...base, on, days: action.days }, false);
        break;
    }
  }
  today = addDays(today, 400);
  catchUp();
  return { decided, events, state };
};
