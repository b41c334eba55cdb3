/**
 * A loyalty program: tiers from the lowest, each earned when any of its conditions holds,
 * with the discount and perks it gives and, optionally, the membership plan a member on a
 * cheaper plan moves up to at the next renewal. The practice's program comes with each
 * loyalty command (the facade fills it from the configuration) and the tier events record
 * what applied.
 */
import * as t from 'io-ts';
import { money, MoneyC } from '../values/money.js';
import { percent, PercentC } from '../values/percent.js';
import { MembershipTermsC, PositiveIntegerC } from '../memberships/terms.js';
import type { LoyaltyCondition } from '../rules/loyalty-tiers.js';

export const LoyaltyConditionC: t.Type<LoyaltyCondition> = t.union(
  [
    t.type({ kind: t.literal('tenure-months'), atLeast: PositiveIntegerC }),
    t.type({ kind: t.literal('spend'), atLeast: MoneyC }),
    t.type({ kind: t.literal('packages-bought'), atLeast: PositiveIntegerC }),
  ],
  'LoyaltyCondition',
);

export const LoyaltyTierC = t.intersection(
  [
    t.type({ name: t.string, conditions: t.readonlyArray(LoyaltyConditionC), discount: PercentC }),
    t.partial({ perks: t.readonlyArray(t.string), membershipTerms: MembershipTermsC }),
  ],
  'LoyaltyTier',
);
/** One tier of a loyalty program. */
export interface LoyaltyTier {
  readonly name: string;
  /** Earned when any of these holds (months of tenure, spend, packages bought). */
  readonly conditions: readonly LoyaltyCondition[];
  /** The member's discount while on the tier. */
  readonly discount: t.TypeOf<typeof PercentC>;
  /** What else the tier gives, in words. @defaultValue [] */
  readonly perks?: readonly string[];
  /** The membership plan a member on a cheaper plan moves up to at the next renewal. @defaultValue none (the plan stays) */
  readonly membershipTerms?: t.TypeOf<typeof MembershipTermsC>;
}

export const LoyaltyProgramC = t.type({ tiers: t.readonlyArray(LoyaltyTierC) }, 'LoyaltyProgram');
/** A loyalty program: its tiers, lowest first. */
export interface LoyaltyProgram {
  readonly tiers: readonly LoyaltyTier[];
}

/** The seed's VIP/loyalty tiers: Silver for 1–2 packages bought (5 %), Gold for 3–5 (10 %), Platinum for 6 or more (15 % and perks). */
export const seedLoyaltyProgram: LoyaltyProgram = {
  tiers: [
    { name: 'Silver', conditions: [{ kind: 'packages-bought', atLeast: 1 }], discount: percent(5) },
    { name: 'Gold', conditions: [{ kind: 'packages-bought', atLeast: 3 }], discount: percent(10) },
    { name: 'Platinum', conditions: [{ kind: 'packages-bought', atLeast: 6 }], discount: percent(15), perks: ['Priority booking'] },
  ],
};

/** The program the loyalty commands use when none is given. */
export const defaultLoyaltyProgram: LoyaltyProgram = seedLoyaltyProgram;

/** A spend condition in minor units of a currency, for building programs. */
export const loyaltySpendCondition = (amount: number, currency: string): LoyaltyCondition => ({ kind: 'spend', atLeast: money(amount, currency) });
