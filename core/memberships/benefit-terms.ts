/**
 * What a plan says about its benefits beyond the services it includes: what happens to
 * unused credits at a period's end (rollover), and whether it is a family or group plan
 * (a primary member with dependents, benefits pooled or per person, billing to the primary
 * or split). Both are optional in the terms, so memberships recorded before they existed
 * read as before: no rollover, one member.
 */
import * as t from 'io-ts';
import { PercentC, percent } from '../values/percent.js';
import type { RolloverPolicy } from '../rules/rollover.js';
import { monthsPerPeriod, type Frequency } from '../rules/billing-calendar.js';

const PositiveIntegerC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveInteger');
const NonNegativeIntegerC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'NonNegativeInteger');

export const MembershipRolloverTermsC = t.type(
  { percent: PercentC, cap: t.union([NonNegativeIntegerC, t.null]), expiresAfterMonths: PositiveIntegerC },
  'MembershipRolloverTerms',
);
/**
 * Rollover at a period's end: `min(cap, floor(unused × percent / 100))` of each included
 * service's unused credits roll into a new lot expiring `expiresAfterMonths` after the
 * period's end; the rest expire. A plan without rollover terms rolls nothing over.
 */
export interface MembershipRolloverTerms extends RolloverPolicy {
  /** Months after the period's end at which rolled credits expire. @defaultValue the months of one billing period */
  readonly expiresAfterMonths: number;
}

export const HouseholdBenefitsC = t.keyof({ pooled: null, 'per-person': null }, 'HouseholdBenefits');
export const HouseholdBillingC = t.keyof({ primary: null, split: null }, 'HouseholdBilling');

export const MembershipHouseholdTermsC = t.type(
  {
    kind: t.keyof({ family: null, group: null }),
    benefits: HouseholdBenefitsC,
    billing: HouseholdBillingC,
    maxMembers: t.union([PositiveIntegerC, t.null]),
  },
  'MembershipHouseholdTerms',
);
/** A family or group plan: a primary member who manages it, and dependents. */
export interface MembershipHouseholdTerms {
  /** A household (family) or a group (a team, a company). @defaultValue `'family'` */
  readonly kind: 'family' | 'group';
  /** One shared pool any member draws from, or each member gets the included services. @defaultValue `'per-person'` */
  readonly benefits: t.TypeOf<typeof HouseholdBenefitsC>;
  /** The primary pays every charge, or each charge is split between the members in their shares. @defaultValue `'primary'` */
  readonly billing: t.TypeOf<typeof HouseholdBillingC>;
  /** Most members, the primary included; `null` for no limit. @defaultValue null */
  readonly maxMembers: number | null;
}

export const defaultHouseholdTerms: MembershipHouseholdTerms = { kind: 'family', benefits: 'per-person', billing: 'primary', maxMembers: null };

/** The full rollover terms of a plan billed at `frequency`, defaults filled in. */
export const membershipRolloverTerms = (frequency: Frequency, input: Partial<MembershipRolloverTerms>): MembershipRolloverTerms => ({
  percent: input.percent ?? percent(100),
  cap: input.cap ?? null,
  expiresAfterMonths: input.expiresAfterMonths ?? monthsPerPeriod(frequency),
});

/** The full household terms, defaults filled in. */
export const membershipHouseholdTerms = (input: Partial<MembershipHouseholdTerms>): MembershipHouseholdTerms => ({ ...defaultHouseholdTerms, ...input });

/** The optional benefit fields of a plan's terms. */
export const MembershipBenefitTermsC = t.partial({
  rollover: t.union([MembershipRolloverTermsC, t.null]),
  household: t.union([MembershipHouseholdTermsC, t.null]),
});

/** The optional benefit fields of a plan as a practice defines it (missing fields take their defaults). */
export const MembershipBenefitInputC = t.partial({
  rollover: t.union([t.partial(MembershipRolloverTermsC.props), t.null]),
  household: t.union([t.partial(MembershipHouseholdTermsC.props), t.null]),
});
