/**
 * Opening a billing period: which tier applies (a scheduled change takes effect at a
 * renewal), which days the period covers, the price they are a share of, the discount,
 * and the charge's lines. Deciding a renewal and quoting the next payment use the same
 * plan, so a quote is what will be charged (before any wallet credit).
 */
import { addDays, type LocalDate } from '../values/local-date.js';
import type { Money } from '../values/money.js';
import type { Percent } from '../values/percent.js';
import type { Period } from '../values/period.js';
import { billingPeriod, periodContaining } from '../rules/billing-calendar.js';
import { firstBillingPeriod } from '../rules/billing-alignment.js';
import { tierChangeDirection } from '../rules/tier-change.js';
import { chargeRequested, linesTotal, noMoney, periodLines, trialLine, withWalletCredit } from './charges.js';
import type { MembershipChargeLine, MembershipEvent } from './events.js';
import type { Membership, ScheduledTierChange } from './state.js';
import { tierRef, type MembershipTerms } from './terms.js';

/** What opening a period will do. */
export interface PeriodPlan {
  readonly terms: MembershipTerms;
  /** The scheduled change of tier that takes effect with this period, if any. */
  readonly change: ScheduledTierChange | null;
  readonly number: number;
  readonly period: Period;
  readonly pricingPeriod: Period;
  readonly anchor: LocalDate;
  readonly discount: Percent | null;
  readonly lines: readonly MembershipChargeLine[];
}

const discountFor = (m: Membership, number: number): Percent | null =>
  m.discount !== null && (m.discount.periods === null || number <= m.discount.periods) ? m.discount.percent : null;

/** The scheduled change of tier that takes effect with a period starting on `start`. */
const scheduledFor = (m: Membership, start: LocalDate): ScheduledTierChange | null =>
  m.scheduledChange !== null && m.scheduledChange.notBefore <= start ? m.scheduledChange : null;

const planWith = (
  m: Membership,
  terms: MembershipTerms,
  change: ScheduledTierChange | null,
  span: Period,
  pricingPeriod: Period,
  anchor: LocalDate,
): PeriodPlan => {
  const number = m.periodsStarted + 1;
  const discount = discountFor(m, number);
  return { terms, change, number, period: span, pricingPeriod, anchor, discount, lines: periodLines(terms, span, pricingPeriod, discount) };
};

/** The first period of a membership whose billing starts on `billingStart` (its start, or its trial's end). */
export const firstPeriodPlan = (m: Membership, billingStart: LocalDate): PeriodPlan => {
  const change = scheduledFor(m, billingStart);
  const terms = change?.terms ?? m.terms;
  const first = firstBillingPeriod(billingStart, m.alignment, terms.frequency);
  return planWith(m, terms, change, first.period, first.pricingPeriod, first.anchor);
};

/** The period after the current one, or `undefined` when there is no current period. */
export const renewalPlan = (m: Membership): PeriodPlan | undefined => {
  if (m.period === null || m.anchor === null) return undefined;
  const start = m.period.end;
  const change = scheduledFor(m, start);
  const terms = change?.terms ?? m.terms;
  let anchor = terms.frequency === m.terms.frequency ? m.anchor : start;
  let full = periodContaining(anchor, terms.frequency, start);
  if (full.start !== start) {
    anchor = start;
    full = billingPeriod(start, terms.frequency, 0);
  }
  const pricingPeriod = { start: full.start, end: full.end };
  const cancelOn = m.cancellation?.effectiveOn;
  const span = cancelOn !== undefined && cancelOn > start && cancelOn < full.end ? { start, end: cancelOn } : pricingPeriod;
  return planWith(m, terms, change, span, pricingPeriod, anchor);
};

/** The events of opening a planned period, on `requestedOn`, with the wallet credit available. */
export const periodEvents = (m: Membership, plan: PeriodPlan, requestedOn: LocalDate, walletAvailable: Money | undefined): MembershipEvent[] => {
  const started: MembershipEvent = {
    type: 'MembershipPeriodStarted',
    data: {
      membershipId: m.membershipId,
      periodNumber: plan.number,
      period: plan.period,
      pricingPeriod: plan.pricingPeriod,
      anchor: plan.anchor,
      tier: tierRef(plan.terms),
      discountPercent: plan.discount,
    },
  };
  const charge = chargeRequested(m, requestedOn, 'period', withWalletCredit(plan.lines, m.terms.price.currency, walletAvailable));
  if (plan.change === null) return [started, charge];
  const changed: MembershipEvent = {
    type: 'MembershipTierChanged',
    data: {
      membershipId: m.membershipId,
      clientId: m.clientId,
      changedOn: plan.period.start,
      from: tierRef(m.terms),
      to: plan.change.terms,
      direction: tierChangeDirection(m.terms, plan.change.terms),
      timing: 'at-period-start',
      lines: [],
      net: noMoney(m),
      settlement: 'none',
    },
  };
  return [changed, started, charge];
};

/** The events of starting service on the start date: a trial (charged if it has a price), or the first period. */
export const startEvents = (m: Membership, requestedOn: LocalDate, walletAvailable: Money | undefined): MembershipEvent[] => {
  const trial = m.terms.trial;
  if (trial === null) return periodEvents(m, firstPeriodPlan(m, m.startsOn), requestedOn, walletAvailable);
  const span = { start: m.startsOn, end: addDays(m.startsOn, trial.days) };
  const started: MembershipEvent = {
    type: 'MembershipTrialStarted',
    data: { membershipId: m.membershipId, startedOn: span.start, endsOn: span.end, days: trial.days, price: trial.price },
  };
  if (trial.price.amount === 0) return [started];
  const lines = withWalletCredit([trialLine(m.terms, trial.price, span)], m.terms.price.currency, walletAvailable);
  return [started, chargeRequested(m, requestedOn, 'trial', lines)];
};

/** The next payment the membership will request, before any wallet credit: when, and its lines. */
export interface MembershipChargeQuote {
  readonly on: LocalDate;
  readonly lines: readonly MembershipChargeLine[];
  readonly total: Money;
}

/** The next scheduled charge (a trial's, the first period's or a renewal's), or `undefined` if none is scheduled. */
export const quoteNextMembershipCharge = (m: Membership): MembershipChargeQuote | undefined => {
  const currency = m.terms.price.currency;
  const quote = (on: LocalDate, lines: readonly MembershipChargeLine[]): MembershipChargeQuote => ({ on, lines, total: linesTotal(currency, lines) });
  switch (m.phase) {
    case 'pending': {
      const trial = m.terms.trial;
      if (trial === null) return quote(m.startsOn, firstPeriodPlan(m, m.startsOn).lines);
      if (trial.price.amount > 0) return quote(m.startsOn, [trialLine(m.terms, trial.price, { start: m.startsOn, end: addDays(m.startsOn, trial.days) })]);
      return quote(addDays(m.startsOn, trial.days), firstPeriodPlan(m, addDays(m.startsOn, trial.days)).lines);
    }
    case 'trialing':
      if (m.trial === null || m.cancellation !== null) return undefined;
      return quote(m.trial.endsOn, firstPeriodPlan(m, m.trial.endsOn).lines);
    case 'active':
    case 'paused': {
      if (m.period === null || !m.terms.renewal.autoRenew) return undefined;
      if (m.cancellation !== null && m.cancellation.effectiveOn <= m.period.end) return undefined;
      const plan = renewalPlan(m);
      return plan === undefined ? undefined : quote(plan.period.start, plan.lines);
    }
    case 'ended':
      return undefined;
  }
};
