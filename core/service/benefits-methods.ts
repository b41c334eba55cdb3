/**
 * The facade's methods for what the platform itself tells a membership's benefits and a
 * client's loyalty: the household of a family or group plan (the primary member adds and
 * removes dependents and sets billing shares), purchases and referrals. Everything else
 * the benefits and loyalty hear comes from the membership through the flows (`execute`
 * still sends those commands by name).
 */
import type { LoyaltyCommand, LoyaltyEvent } from '../loyalty/index.js';
import type { MembershipBenefitsCommand, MembershipBenefitsEvent } from '../membership-benefits/index.js';
import type { LedgerInput } from './inputs.js';
import { commandMethod, type Kit, type Recorded, type Untyped } from './kit.js';

type Be<T extends MembershipBenefitsCommand['type']> = LedgerInput<Extract<MembershipBenefitsCommand, { type: T }>>;
type Lo<T extends LoyaltyCommand['type'], F extends PropertyKey = never> = LedgerInput<Extract<LoyaltyCommand, { type: T }>, F>;
type BenefitsResult = Promise<Recorded<MembershipBenefitsEvent>>;
type LoyaltyResult = Promise<Recorded<LoyaltyEvent>>;

export interface BenefitsMethods {
  /** The primary member adds a dependent to a family or group plan (`by`: who asks). */
  readonly addHouseholdMember: (input: Be<'AddHouseholdMember'>) => BenefitsResult;
  /** The primary member removes a dependent; the dependent's benefit credits are voided (flow). */
  readonly removeHouseholdMember: (input: Be<'RemoveHouseholdMember'>) => BenefitsResult;
  /** The primary member sets each member's share of the charges (plans billed in shares). */
  readonly setHouseholdBillingShares: (input: Be<'SetHouseholdBillingShares'>) => BenefitsResult;
  /** A purchase (a package, a service) counts toward the client's loyalty; membership payments come through the flow. */
  readonly recordLoyaltyPurchase: (input: Lo<'RecordLoyaltyPurchase', 'program'>) => LoyaltyResult;
  /** `referrerId` referred the client: at the client's first purchase the referrer earns `reward` as wallet credit (flow). */
  readonly recordReferral: (input: Lo<'RecordReferral'>) => LoyaltyResult;
}

export const benefitsMethods = (kit: Kit): Untyped<BenefitsMethods> => {
  const { benefits, loyalty } = kit.aggregates;
  return {
    addHouseholdMember: commandMethod(kit, benefits, 'AddHouseholdMember'),
    removeHouseholdMember: commandMethod(kit, benefits, 'RemoveHouseholdMember'),
    setHouseholdBillingShares: commandMethod(kit, benefits, 'SetHouseholdBillingShares'),
    recordLoyaltyPurchase: commandMethod(kit, loyalty, 'RecordLoyaltyPurchase', (fields) => ({ ...fields, program: kit.policies.loyalty })),
    recordReferral: commandMethod(kit, loyalty, 'RecordReferral'),
  };
};
