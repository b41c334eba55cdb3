/**
 * Family and group plans. Benefits are either pooled — one shared pool any member draws
 * from, so the household gets the included services once — or allocated per person, each
 * member getting the included services. A charge is billed to the primary member alone, or
 * split between the members in their shares by `allocate` (largest remainder), so the
 * shares always sum to the charge.
 */
import { allocate, type Money } from '../values/money.js';

/** What one ledger is granted of one service for a period. */
export interface BenefitAllotment {
  readonly clientId: string;
  readonly serviceId: string;
  readonly quantity: number;
}

/** The included services of a plan: a service listed twice counts once, with the quantities added. */
export const mergeIncludedServices = (
  services: readonly { readonly serviceId: string; readonly quantity: number }[],
): readonly { readonly serviceId: string; readonly quantity: number }[] => {
  const totals = new Map<string, number>();
  for (const s of services) totals.set(s.serviceId, (totals.get(s.serviceId) ?? 0) + s.quantity);
  return [...totals.entries()].map(([serviceId, quantity]) => ({ serviceId, quantity }));
};

/**
 * The allotments of one period: every ledger that receives benefits (the pool alone when
 * pooled, each member when per person) gets each included service's quantity.
 */
export const benefitAllotments = (
  services: readonly { readonly serviceId: string; readonly quantity: number }[],
  recipients: readonly string[],
): readonly BenefitAllotment[] =>
  recipients.flatMap((clientId) => mergeIncludedServices(services).map((s) => ({ clientId, serviceId: s.serviceId, quantity: s.quantity })));

/**
 * What an immediate change to a richer tier adds in the current period: for each ledger and
 * service, what the new tier includes beyond what was already granted (never less than 0).
 */
export const benefitTopUps = (
  services: readonly { readonly serviceId: string; readonly quantity: number }[],
  recipients: readonly string[],
  granted: readonly BenefitAllotment[],
): readonly BenefitAllotment[] =>
  benefitAllotments(services, recipients).flatMap((a) => {
    const already = granted.filter((g) => g.clientId === a.clientId && g.serviceId === a.serviceId).reduce((n, g) => n + g.quantity, 0);
    return a.quantity > already ? [{ ...a, quantity: a.quantity - already }] : [];
  });

/** A member's weight in the household's charges. */
export interface ChargeShare {
  readonly clientId: string;
  /** A whole number ≥ 0; members with weight 0 pay nothing. */
  readonly weight: number;
}

/**
 * Splits a charge between members in proportion to their weights (`allocate`): the amounts
 * sum to the charge, each within one minor unit of its exact share. When every weight is
 * zero the charge is split equally.
 */
export const splitHouseholdCharge = (
  total: Money,
  shares: readonly ChargeShare[],
): readonly (ChargeShare & { readonly amount: Money })[] => {
  if (shares.length === 0) throw new RangeError('A charge is split between at least one member');
  const weights = shares.some((s) => s.weight > 0) ? shares.map((s) => s.weight) : shares.map(() => 1);
  return allocate(total, weights).map((amount, i) => {
    const share = shares[i];
    const weight = weights[i];
    if (share === undefined || weight === undefined) throw new RangeError('allocate returned more parts than weights');
    return { clientId: share.clientId, weight, amount };
  });
};
