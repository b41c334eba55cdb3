/**
 * Membership plans (stream `plan-<planId>`): the tiers a practice sells, each a list of
 * versions. A price change is a new version; members on older versions keep them
 * (grandfathered) or move at their next renewal after notice, as the revision says
 * (`planRevisionDispatches` in core/flows sends the moves).
 */
import type { Decider } from '../kernel/decider.js';
import type { MembershipPlanCommand } from './commands.js';
import { decideMembershipPlan } from './decide.js';
import type { MembershipPlanEvent } from './events.js';
import { evolveMembershipPlanState, initialMembershipPlanState, type MembershipPlanState } from './state.js';

export const membershipPlanDecider: Decider<MembershipPlanCommand, MembershipPlanEvent, MembershipPlanState> = {
  initialState: initialMembershipPlanState,
  evolve: evolveMembershipPlanState,
  decide: decideMembershipPlan,
};

export * from './events.js';
export * from './commands.js';
export * from './state.js';
