/**
 * The lines of a charge, as a member reads them: the base price (or its prorated share),
 * the discount, proration debits and credits, the wallet credit applied. The total is
 * the sum of the lines, always.
 */
import { deriveId } from '../values/ids.js';
import { addDays, daysBetween } from '../values/local-date.js';
import { formatMoney, isZero, min, money, negate, percentOf, subtract, sum, type Money } from '../values/index.js';
import type { Percent } from '../values/percent.js';
import { periodDays, type Period } from '../values/period.js';
import { shareOfSpan } from '../rules/period-share.js';
import type { MembershipChargeLine, MembershipEventOf } from './events.js';
import type { Membership } from './state.js';
import type { MembershipTerms } from './terms.js';

/** `2025-03-01 to 2025-03-31` for the half-open span `[2025-03-01, 2025-04-01)`. */
export const describeSpan = (span: Period): string => `${span.start} to ${addDays(span.end, -1)}`;

/** A tier's price for a period after the membership's discount. */
export const discountedPrice = (price: Money, discount: Percent | null): Money =>
  discount === null ? price : subtract(price, percentOf(price, discount));

/** The base price (or its share for a shorter span) and the discount, for `span` of `pricingPeriod`. */
export const periodLines = (terms: MembershipTerms, span: Period, pricingPeriod: Period, discount: Percent | null): MembershipChargeLine[] => {
  const base = shareOfSpan(terms.price, pricingPeriod, span);
  const prorated = daysBetween(span.start, span.end) !== periodDays(pricingPeriod);
  const lines: MembershipChargeLine[] = [
    {
      kind: 'base-price',
      description: prorated
        ? `${terms.name}, ${describeSpan(span)} (${periodDays(span)} of ${periodDays(pricingPeriod)} days of ${formatMoney(terms.price)})`
        : `${terms.name}, ${describeSpan(span)}`,
      amount: base,
      span,
      planId: terms.planId,
    },
  ];
  if (discount !== null) {
    const discountAmount = subtract(shareOfSpan(discountedPrice(terms.price, discount), pricingPeriod, span), base);
    if (!isZero(discountAmount)) {
      lines.push({ kind: 'discount', description: `Membership discount ${discount}%`, amount: discountAmount, span, planId: terms.planId });
    }
  }
  return lines;
};

/** The line of a trial's price. */
export const trialLine = (terms: MembershipTerms, price: Money, span: Period): MembershipChargeLine => ({
  kind: 'trial-price',
  description: `${terms.name} trial, ${describeSpan(span)}`,
  amount: price,
  span,
  planId: terms.planId,
});

/** The lines with the wallet credit applied to them (at most their sum, never below zero). */
export const withWalletCredit = (lines: readonly MembershipChargeLine[], currency: string, walletAvailable: Money | undefined): readonly MembershipChargeLine[] => {
  const subtotal = sum(currency, lines.map((l) => l.amount));
  if (walletAvailable === undefined || walletAvailable.amount <= 0 || subtotal.amount <= 0) return lines;
  const applied = min(walletAvailable, subtotal);
  return [...lines, { kind: 'wallet-credit', description: 'Wallet credit applied', amount: negate(applied), span: null, planId: null }];
};

/** The total of some lines. */
export const linesTotal = (currency: string, lines: readonly MembershipChargeLine[]): Money => sum(currency, lines.map((l) => l.amount));

/** A charge request for `lines`; its id is derived from the membership and the charge's number. */
export const chargeRequested = (
  m: Membership,
  requestedOn: MembershipEventOf<'MembershipChargeRequested'>['data']['requestedOn'],
  reason: MembershipEventOf<'MembershipChargeRequested'>['data']['reason'],
  lines: readonly MembershipChargeLine[],
): MembershipEventOf<'MembershipChargeRequested'> => ({
  type: 'MembershipChargeRequested',
  data: {
    membershipId: m.membershipId,
    clientId: m.clientId,
    chargeId: deriveId(m.membershipId, `charge/${m.chargesRequested + 1}`),
    requestedOn,
    reason,
    lines,
    total: linesTotal(m.terms.price.currency, lines),
  },
});

/** Zero in the membership's currency. */
export const noMoney = (m: Membership): Money => money(0, m.terms.price.currency);
