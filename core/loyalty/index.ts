/**
 * Loyalty (stream `loyalty-<clientId>`): VIP tiers earned by conditions — months of
 * membership tenure, spend, packages bought — applied at the member's next renewal with
 * the rule that fired recorded; a tier may move a member up to a better membership plan;
 * and referral bonuses: a free month for the referrer when the referred client's first
 * purchase is recorded (paid as promotional wallet credit by the loyalty–wallet flow).
 */
import type { Decider } from '../kernel/decider.js';
import type { LoyaltyCommand } from './commands.js';
import { decideLoyalty } from './decide.js';
import type { LoyaltyEvent } from './events.js';
import { evolveLoyalty, initialLoyaltyState, type LoyaltyState } from './state.js';

export const loyaltyDecider: Decider<LoyaltyCommand, LoyaltyEvent, LoyaltyState> = {
  initialState: initialLoyaltyState,
  evolve: evolveLoyalty,
  decide: decideLoyalty,
};

export * from './events.js';
export * from './commands.js';
export * from './program.js';
export * from './state.js';
export { decideLoyalty } from './decide.js';
