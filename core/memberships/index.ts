/**
 * Memberships (stream `membership-<membershipId>`): recurring billing on a plan's terms —
 * trials, renewals on the billing calendar, failed payments and retries, pause and
 * resume, tier changes with daily proration, cancellation with notice.
 */
import type { Decider } from '../kernel/decider.js';
import type { MembershipCommand } from './commands.js';
import { decideMembership } from './decide.js';
import type { MembershipEvent } from './events.js';
import { evolveMembershipState, initialMembershipState, type MembershipState } from './state.js';

export const membershipDecider: Decider<MembershipCommand, MembershipEvent, MembershipState> = {
  initialState: initialMembershipState,
  evolve: evolveMembershipState,
  decide: decideMembership,
};

export {
  MembershipTermsC,
  MembershipPlanInputC,
  membershipTerms,
  defaultRenewalTerms as defaultMembershipRenewalTerms,
  defaultPauseBounds as defaultMembershipPauseBounds,
  termsProblem as membershipTermsProblem,
  tierRef as membershipTierRef,
  type MembershipTerms,
  type MembershipPlanInput,
  type RenewalTerms as MembershipRenewalTerms,
  type PauseBounds as MembershipPauseBounds,
  type TierRef as MembershipTierRef,
} from './terms.js';
export * from './events.js';
export {
  membershipCommands,
  membershipStream,
  membershipCommandStream,
  TierChangePolicyC as MembershipTierChangePolicyC,
  type TierChangePolicy as MembershipTierChangePolicy,
  type MembershipCommand,
  type MembershipCommandOf,
  type MembershipScheduledCommandType,
} from './commands.js';
export {
  initialMembershipState,
  evolveMembershipState,
  isPastDue as isMembershipPastDue,
  pricingDate as membershipPricingDate,
  type Membership,
  type MembershipState,
  type OutstandingCharge as MembershipOutstandingCharge,
  type PricingWindow as MembershipPricingWindow,
  type ScheduledTierChange as MembershipScheduledTierChange,
} from './state.js';
export { membershipDueSteps, membershipNextStep, membershipNextDueDate, type MembershipDueStep } from './schedule.js';
export { quoteNextMembershipCharge, type MembershipChargeQuote } from './periods.js';
export { membershipCancellationDate } from './cancellation.js';
export { describeSpan as describeMembershipSpan } from './charges.js';
export * from './summary.js';
