/**
 * The terms of a membership plan (a tier such as Gold, Platinum or VIP) at one version:
 * price and frequency, trial, what is included, renewal and cancellation terms, pause
 * bounds and the dunning policy. A membership records the terms it is on, so replaying it
 * never needs the plan catalogue of the day.
 */
import * as t from 'io-ts';
import { MoneyC } from '../values/money.js';
import { PercentC, percent } from '../values/percent.js';
import { FrequencyC } from '../rules/billing-calendar.js';
import { AfterLastFailureC, defaultDunningPolicy, type DunningPolicy } from '../rules/dunning.js';
import { CancellationTimingC } from '../rules/cancellation.js';
import {
  MembershipBenefitInputC,
  MembershipBenefitTermsC,
  membershipHouseholdTerms,
  membershipRolloverTerms,
  type MembershipHouseholdTerms,
  type MembershipRolloverTerms,
} from './benefit-terms.js';

export const PositiveIntegerC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveInteger');
export const NonNegativeIntegerC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'NonNegativeInteger');

export const BenefitsEndC = t.keyof({ 'when-cancellation-takes-effect': null, immediately: null }, 'BenefitsEnd');

export const RenewalTermsC = t.type({
  autoRenew: t.boolean,
  noticeDays: NonNegativeIntegerC,
  cancellationTakesEffect: CancellationTimingC,
  benefitsEnd: BenefitsEndC,
});
/** Renewal and cancellation terms. */
export interface RenewalTerms {
  /** Each period renews by itself; when false the membership ends at its period's end. @defaultValue true */
  readonly autoRenew: boolean;
  /** Days of notice a cancellation needs. @defaultValue 0 */
  readonly noticeDays: number;
  /** At the end of the period containing request + notice, or on request + notice. @defaultValue `'end-of-period'` */
  readonly cancellationTakesEffect: t.TypeOf<typeof CancellationTimingC>;
  /** Benefits end when the cancellation takes effect, or as soon as it is requested. @defaultValue `'when-cancellation-takes-effect'` */
  readonly benefitsEnd: t.TypeOf<typeof BenefitsEndC>;
}
export const defaultRenewalTerms: RenewalTerms = {
  autoRenew: true,
  noticeDays: 0,
  cancellationTakesEffect: 'end-of-period',
  benefitsEnd: 'when-cancellation-takes-effect',
};

export const PauseBoundsC = t.type({ minMonths: PositiveIntegerC, maxMonths: PositiveIntegerC });
/** How long a pause may be. */
export interface PauseBounds {
  /** Shortest pause, in months. @defaultValue 1 */
  readonly minMonths: number;
  /** Longest pause, in months; longer is refused with `PAUSE_TOO_LONG`. @defaultValue 6 */
  readonly maxMonths: number;
}
export const defaultPauseBounds: PauseBounds = { minMonths: 1, maxMonths: 6 };

export const DunningPolicyC = t.type({
  retryIntervalDays: PositiveIntegerC,
  retries: NonNegativeIntegerC,
  afterLastFailure: AfterLastFailureC,
});

export const TrialTermsC = t.type({ days: PositiveIntegerC, price: MoneyC });
export const IncludedServiceC = t.type({ serviceId: t.string, quantity: PositiveIntegerC });
export const IncludedProductC = t.type({ productId: t.string, quantity: PositiveIntegerC });

/** Everything a plan version promises: the data every membership on it records. */
export const MembershipTermsC = t.intersection(
  [
    t.type({
      planId: t.string,
      version: PositiveIntegerC,
      name: t.string,
      price: MoneyC,
      frequency: FrequencyC,
      trial: t.union([TrialTermsC, t.null]),
      includedServices: t.readonlyArray(IncludedServiceC),
      includedProducts: t.readonlyArray(IncludedProductC),
      addOnDiscount: PercentC,
      renewal: RenewalTermsC,
      pause: PauseBoundsC,
      dunning: DunningPolicyC,
    }),
    MembershipBenefitTermsC,
  ],
  'MembershipTerms',
);
export type MembershipTerms = t.TypeOf<typeof MembershipTermsC>;

/** The fields of a plan a practice sets; the ones left out take their defaults. */
export const MembershipPlanInputC = t.intersection([
  t.type({ name: t.string, price: MoneyC, frequency: FrequencyC }),
  t.partial({
    trial: t.union([TrialTermsC, t.null]),
    includedServices: t.readonlyArray(IncludedServiceC),
    includedProducts: t.readonlyArray(IncludedProductC),
    addOnDiscount: PercentC,
    renewal: t.partial(RenewalTermsC.props),
    pause: t.partial(PauseBoundsC.props),
    dunning: t.partial(DunningPolicyC.props),
  }),
  MembershipBenefitInputC,
]);
/**
 * A plan as a practice defines it. Defaults: no trial, nothing included, no add-on
 * discount, {@link defaultRenewalTerms}, {@link defaultPauseBounds}, `defaultDunningPolicy`.
 */
export interface MembershipPlanInput {
  readonly name: string;
  /** Price of one period. */
  readonly price: t.TypeOf<typeof MoneyC>;
  readonly frequency: t.TypeOf<typeof FrequencyC>;
  /** A trial of `days` days at `price` (zero for free). @defaultValue null (no trial) */
  readonly trial?: t.TypeOf<typeof TrialTermsC> | null;
  /** Services included each period. @defaultValue [] */
  readonly includedServices?: readonly t.TypeOf<typeof IncludedServiceC>[];
  /** Products included each period. @defaultValue [] */
  readonly includedProducts?: readonly t.TypeOf<typeof IncludedProductC>[];
  /** Percent off add-ons for members. @defaultValue 0 */
  readonly addOnDiscount?: t.TypeOf<typeof PercentC>;
  readonly renewal?: Partial<RenewalTerms>;
  readonly pause?: Partial<PauseBounds>;
  readonly dunning?: Partial<DunningPolicy>;
  /** What happens to unused credits at a period's end (see `MembershipRolloverTerms`). @defaultValue null (they expire) */
  readonly rollover?: Partial<MembershipRolloverTerms> | null;
  /** A family or group plan (see `MembershipHouseholdTerms`). @defaultValue null (one member) */
  readonly household?: Partial<MembershipHouseholdTerms> | null;
}

/** The full terms of version `version` of plan `planId`, defaults filled in. */
export const membershipTerms = (planId: string, version: number, input: MembershipPlanInput): MembershipTerms => ({
  planId,
  version,
  name: input.name,
  price: input.price,
  frequency: input.frequency,
  trial: input.trial ?? null,
  includedServices: input.includedServices ?? [],
  includedProducts: input.includedProducts ?? [],
  addOnDiscount: input.addOnDiscount ?? percent(0),
  renewal: { ...defaultRenewalTerms, ...input.renewal },
  pause: { ...defaultPauseBounds, ...input.pause },
  dunning: { ...defaultDunningPolicy, ...input.dunning },
  ...(input.rollover !== undefined && input.rollover !== null ? { rollover: membershipRolloverTerms(input.frequency, input.rollover) } : {}),
  ...(input.household !== undefined && input.household !== null ? { household: membershipHouseholdTerms(input.household) } : {}),
});

/** Why terms cannot be used, and the field of the terms at fault, or `undefined` when they can. */
export const termsProblemOf = (terms: MembershipTerms): { readonly field: 'price' | 'trial' | 'pause'; readonly message: string } | undefined => {
  if (terms.price.amount < 0) return { field: 'price', message: 'A plan price cannot be negative.' };
  if (terms.trial !== null && terms.trial.price.currency !== terms.price.currency) {
    return { field: 'trial', message: `The trial is priced in ${terms.trial.price.currency} but the plan in ${terms.price.currency}.` };
  }
  if (terms.trial !== null && terms.trial.price.amount < 0) return { field: 'trial', message: 'A trial price cannot be negative.' };
  if (terms.pause.minMonths > terms.pause.maxMonths) {
    return { field: 'pause', message: `The shortest pause (${terms.pause.minMonths} months) is longer than the longest (${terms.pause.maxMonths}).` };
  }
  return undefined;
};

/** Why terms cannot be used, or `undefined` when they can. */
export const termsProblem = (terms: MembershipTerms): string | undefined => termsProblemOf(terms)?.message;

/** A short reference to a plan version. */
export interface TierRef {
  readonly planId: string;
  readonly version: number;
  readonly name: string;
}
export const TierRefC = t.type({ planId: t.string, version: PositiveIntegerC, name: t.string }, 'TierRef');
export const tierRef = (terms: MembershipTerms): TierRef => ({ planId: terms.planId, version: terms.version, name: terms.name });
