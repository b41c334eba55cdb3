/** A client's loyalty: what it is measured on, the tier applied and the one reached, and who referred them. */
import type { LocalDate } from '../values/local-date.js';
import type { Money } from '../values/money.js';
import type { Percent } from '../values/percent.js';
import type { LoyaltyEvent } from './events.js';

export interface LoyaltyTierStatus {
  readonly name: string;
  /** Its index in the program, lowest first. */
  readonly rank: number;
  readonly discount: Percent;
  readonly on: LocalDate;
}

export interface LoyaltyState {
  readonly clientId: string | null;
  /** The membership whose renewals apply tiers, while it lasts. */
  readonly membershipId: string | null;
  readonly memberSince: LocalDate | null;
  readonly spend: Money | null;
  readonly packagesBought: number;
  readonly purchases: number;
  /** The tier in force (applied), if any. */
  readonly tier: (LoyaltyTierStatus & { readonly perks: readonly string[] }) | null;
  /** The highest tier reached; above `tier` while it waits for the next renewal. */
  readonly reached: LoyaltyTierStatus | null;
  readonly referral: { readonly referrerId: string; readonly reward: Money; readonly qualified: boolean } | null;
}

export const initialLoyaltyState: LoyaltyState = {
  clientId: null,
  membershipId: null,
  memberSince: null,
  spend: null,
  packagesBought: 0,
  purchases: 0,
  tier: null,
  reached: null,
  referral: null,
};

export const evolveLoyalty = (state: LoyaltyState, event: LoyaltyEvent): LoyaltyState => {
  const s = { ...state, clientId: event.data.clientId };
  switch (event.type) {
    case 'LoyaltyPurchaseRecorded':
      return { ...s, spend: event.data.spendAfter, packagesBought: event.data.packagesBought, purchases: state.purchases + 1 };
    case 'LoyaltyMembershipPeriodRecorded':
      return { ...s, membershipId: event.data.membershipId, memberSince: event.data.memberSince };
    case 'LoyaltyMembershipEnded':
      return state.membershipId === event.data.membershipId ? { ...s, membershipId: null, memberSince: null } : s;
    case 'LoyaltyTierReached': {
      const d = event.data;
      return { ...s, reached: { name: d.tier, rank: d.rank, discount: d.discount, on: d.on } };
    }
    case 'LoyaltyTierApplied': {
      const d = event.data;
      return { ...s, tier: { name: d.tier, rank: d.rank, discount: d.discount, perks: d.perks, on: d.on } };
    }
    case 'ReferralRecorded':
      return { ...s, referral: { referrerId: event.data.referrerId, reward: event.data.reward, qualified: false } };
    case 'ReferralQualified':
      return state.referral === null ? s : { ...s, referral: { ...state.referral, qualified: true } };
  }
};

/** The client's loyalty discount in force (`null` before a tier applies), for pricing their purchases. */
export const loyaltyDiscount = (state: LoyaltyState): Percent | null => state.tier?.discount ?? null;
