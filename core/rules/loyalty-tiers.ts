/**
 * Loyalty tiers with conditions: a tier is earned when any of its conditions holds —
 * months of membership tenure, money spent, packages bought (the seed's Silver for 1–2
 * packages, Gold for 3–5, Platinum for 6 or more). Tiers are listed from the lowest; the
 * tier earned is the highest one with a condition that holds, and the condition that fired
 * is the first of its conditions that holds.
 */
import { addMonthsClamped, type LocalDate } from '../values/local-date.js';
import { multiplyByRatio, type Money } from '../values/money.js';
import { monthsPerPeriod, type Frequency } from './billing-calendar.js';

export type LoyaltyCondition =
  | { readonly kind: 'tenure-months'; readonly atLeast: number }
  | { readonly kind: 'spend'; readonly atLeast: Money }
  | { readonly kind: 'packages-bought'; readonly atLeast: number };

/** What the conditions are measured on. */
export interface LoyaltyStanding {
  /** Whole months since the member's membership started (0 for a client who is not a member). */
  readonly tenureMonths: number;
  /** Money spent so far; `null` before the first purchase. */
  readonly spend: Money | null;
  readonly packagesBought: number;
}

/** What a condition measured: a number of months or packages, or an amount. */
export type LoyaltyMeasure = number | Money;

/** Whether the condition holds, and what it measured. */
export const measureLoyaltyCondition = (condition: LoyaltyCondition, standing: LoyaltyStanding): { readonly holds: boolean; readonly measured: LoyaltyMeasure } => {
  switch (condition.kind) {
    case 'tenure-months':
      return { holds: standing.tenureMonths >= condition.atLeast, measured: standing.tenureMonths };
    case 'packages-bought':
      return { holds: standing.packagesBought >= condition.atLeast, measured: standing.packagesBought };
    case 'spend': {
      const spend = standing.spend ?? { amount: 0, currency: condition.atLeast.currency };
      return { holds: spend.currency === condition.atLeast.currency && spend.amount >= condition.atLeast.amount, measured: spend };
    }
  }
};

/** The highest tier (by index in `tiers`, lowest first) with a condition that holds, and the condition that fired. */
export const earnedLoyaltyTier = <T extends { readonly conditions: readonly LoyaltyCondition[] }>(
  tiers: readonly T[],
  standing: LoyaltyStanding,
): { readonly index: number; readonly tier: T; readonly condition: LoyaltyCondition; readonly measured: LoyaltyMeasure } | undefined => {
  for (let index = tiers.length - 1; index >= 0; index--) {
    const tier = tiers[index];
    if (tier === undefined) continue;
    for (const condition of tier.conditions) {
      const { holds, measured } = measureLoyaltyCondition(condition, standing);
      if (holds) return { index, tier, condition, measured };
    }
  }
  return undefined;
};

/** Whole months from `since` to `on` (month ends clamped, as the billing calendar counts them); 0 before `since`. */
export const membershipTenureMonths = (since: LocalDate, on: LocalDate): number => {
  if (on < since) return 0;
  let months = Math.max(0, (Number(on.slice(0, 4)) - Number(since.slice(0, 4))) * 12 + Number(on.slice(5, 7)) - Number(since.slice(5, 7)));
  while (months > 0 && addMonthsClamped(since, months) > on) months--;
  return months;
};

/** The value of one free month of a plan: its price over the months of one period, rounded. */
export const freeMonthValue = (price: Money, frequency: Frequency): Money => multiplyByRatio(price, 1, monthsPerPeriod(frequency));
