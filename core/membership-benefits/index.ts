/**
 * Membership benefits (stream `benefits-<membershipId>`): what a membership gives each
 * period as session credits — to the member, or a household's members, or its shared pool —
 * with rollover at the period's end, pauses that freeze, the one-time extension, voiding on
 * cancellation, and the family and group plans' dependents and billing shares. The
 * membership–benefits flow feeds it the membership's facts; the benefits–credits flow
 * records its grants, rollovers, pushes and voids in the credits ledgers.
 */
import type { Decider } from '../kernel/decider.js';
import type { MembershipBenefitsCommand } from './commands.js';
import { decideMembershipBenefits } from './decide.js';
import type { MembershipBenefitsEvent } from './events.js';
import { evolveMembershipBenefits, initialMembershipBenefitsState, type MembershipBenefitsState } from './state.js';

export const membershipBenefitsDecider: Decider<MembershipBenefitsCommand, MembershipBenefitsEvent, MembershipBenefitsState> = {
  initialState: initialMembershipBenefitsState,
  evolve: evolveMembershipBenefits,
  decide: decideMembershipBenefits,
};

export * from './events.js';
export * from './commands.js';
export {
  evolveMembershipBenefits,
  initialMembershipBenefitsState,
  currentBenefitsPeriod,
  householdMembers,
  type BenefitsPeriod,
  type MembershipBenefits,
  type MembershipBenefitsState,
} from './state.js';
export { decideMembershipBenefits } from './decide.js';
export { benefitRecipients as membershipBenefitRecipients, liveBenefitHoldings, benefitTermsOf as membershipBenefitTermsOf } from './support.js';
export { householdChargeShares } from './household.js';
export * from './queries.js';
