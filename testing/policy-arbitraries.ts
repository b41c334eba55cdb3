/**
 * fast-check arbitraries for a practice's policies (`PracticePolicies`, what an integrator
 * passes to `createPracticeLedger`): every policy present or left to its default, within
 * the bounds a practice would choose. Run the laws over them to show that no configuration
 * breaks an invariant, or over your own fixed policies.
 */
import fc from 'fast-check';
import type { PracticePolicies } from '../core/service/policies.js';
import { money } from '../core/values/money.js';
import { percent } from '../core/values/percent.js';
import { arbCheckInPolicyInput } from './check-ins.js';
import { arbCreditPolicySettings } from './credits.js';

export interface PracticePolicyArbitraryOptions {
  /** The currency of the wallet's forgiveness threshold. @defaultValue 'USD' */
  readonly currency?: string;
  /** The practice's appointment types, when it restricts them. @defaultValue none: the policies leave `appointmentTypes` out */
  readonly appointmentTypes?: readonly string[];
}

/** Each key present or not: a policy left out takes its default. */
const some = { requiredKeys: [] as [] };

/** Membership policies: pause bounds, dunning, renewal, rollover, tier changes, billing alignment, wallet credit. */
export const arbMembershipPolicies = (): fc.Arbitrary<NonNullable<PracticePolicies['memberships']>> =>
  fc.record(
    {
      pause: fc.integer({ min: 1, max: 3 }).chain((min) => fc.record({ minMonths: fc.constant(min), maxMonths: fc.integer({ min, max: 6 }) })),
      dunning: fc.record({
        retryIntervalDays: fc.integer({ min: 1, max: 7 }),
        retries: fc.integer({ min: 0, max: 4 }),
        afterLastFailure: fc.constantFrom('suspend-benefits' as const, 'cancel' as const),
      }),
      renewal: fc.record(
        {
          autoRenew: fc.boolean(),
          noticeDays: fc.integer({ min: 0, max: 30 }),
          cancellationTakesEffect: fc.constantFrom('end-of-period' as const, 'after-notice' as const),
          benefitsEnd: fc.constantFrom('when-cancellation-takes-effect' as const, 'immediately' as const),
        },
        some,
      ),
      rollover: fc.option(
        fc.record({
          percent: fc.constantFrom(0, 25, 50, 100).map((p) => percent(p)),
          cap: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
          expiresAfterMonths: fc.integer({ min: 1, max: 3 }),
        }),
        { nil: null },
      ),
      tierChange: fc.record({
        downgrade: fc.constantFrom('end-of-period' as const, 'immediately' as const),
        negativeNet: fc.constantFrom('wallet' as const, 'refund' as const),
      }),
      billingAlignment: fc.oneof(
        fc.constant({ kind: 'anniversary' as const }),
        fc.integer({ min: 1, max: 31 }).map((dayOfMonth) => ({ kind: 'fixed-day' as const, dayOfMonth })),
      ),
      applyWalletCredit: fc.boolean(),
    },
    some,
  );

/** Any practice's policies: credits, memberships, plan revisions, the wallet, program access, packages, check-ins, the escalation. */
export const arbPracticePolicies = (options: PracticePolicyArbitraryOptions = {}): fc.Arbitrary<PracticePolicies> => {
  const currency = options.currency ?? 'USD';
  const policies = fc.record(
    {
      credits: arbCreditPolicySettings(),
      memberships: arbMembershipPolicies(),
      planRevision: fc.record({
        existingMembers: fc.constantFrom('grandfathered' as const, 'move-at-renewal' as const),
        noticeDays: fc.integer({ min: 0, max: 60 }),
      }),
      wallet: fc.integer({ min: 0, max: 5_000 }).map((n) => ({ forgivenessThreshold: money(n, currency) })),
      programAccess: fc.record({ maxAccessDays: fc.integer({ min: 1, max: 120 }), removeUnpaidAfterDays: fc.integer({ min: 1, max: 30 }) }, some),
      packages: fc.record({
        refund: fc.record({ allowAfterExpiry: fc.boolean() }),
        extension: fc.record({ allowAfterExpiry: fc.boolean() }),
        expiryNotice: fc.record({ daysBefore: fc.integer({ min: 0, max: 60 }) }),
      }),
      checkIns: arbCheckInPolicyInput().map(({ timeZone: _zone, ...rest }) => rest),
      checkInEscalation: fc.record({ tellClient: fc.boolean() }),
    },
    some,
  );
  const types = options.appointmentTypes;
  return types === undefined ? policies : policies.map((p) => ({ ...p, appointmentTypes: types }));
};
