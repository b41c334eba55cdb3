/**
 * A membership's state: its lifecycle phase, the terms it is on, its billing calendar
 * and current period, the charges awaiting payment, and what is scheduled (a pause's end,
 * a cancellation, a change of tier).
 */
import { addDays, daysBetween, maxDate, type LocalDate } from '../values/local-date.js';
import type { Money } from '../values/money.js';
import type { Percent } from '../values/percent.js';
import type { Period } from '../values/period.js';
import type { BillingAlignment } from '../rules/billing-alignment.js';
import type { MembershipDiscount, MembershipEvent } from './events.js';
import type { MembershipTerms } from './terms.js';

/** A charge requested and not yet paid (nor written off). */
export interface OutstandingCharge {
  readonly chargeId: string;
  readonly amount: Money;
  readonly requestedOn: LocalDate;
  /** Failed attempts so far. */
  readonly failures: number;
  /** An attempt (the first, or a retry) awaits its result from the platform. */
  readonly attemptInFlight: boolean;
  /** The next retry, when one is scheduled. */
  readonly retryOn: LocalDate | null;
  /** Every retry failed. */
  readonly exhausted: boolean;
}

/** The period whose price the current days are a share of, and the days in it that were paused. */
export interface PricingWindow {
  readonly period: Period;
  readonly paused: readonly Period[];
}

export interface ScheduledTierChange {
  readonly terms: MembershipTerms;
  readonly reason: 'downgrade' | 'frequency-change' | 'plan-revision' | 'loyalty';
  readonly notBefore: LocalDate;
}

export interface Membership {
  readonly phase: 'pending' | 'trialing' | 'active' | 'paused' | 'ended';
  readonly membershipId: string;
  readonly clientId: string;
  readonly terms: MembershipTerms;
  readonly alignment: BillingAlignment;
  readonly discount: MembershipDiscount | null;
  readonly signedUpOn: LocalDate;
  readonly startsOn: LocalDate;
  /** The latest date a change to the schedule was made for; later commands may not go before it. */
  readonly lastOn: LocalDate;
  readonly trial: { readonly startedOn: LocalDate; readonly endsOn: LocalDate } | null;
  /** The anchor of the calendar the periods after the current one follow. */
  readonly anchor: LocalDate | null;
  /** The days the current period covers (extended by pauses and an extension). */
  readonly period: Period | null;
  readonly pricing: PricingWindow | null;
  readonly periodDiscount: Percent | null;
  readonly periodsStarted: number;
  readonly pause: { readonly pausedOn: LocalDate; readonly resumesOn: LocalDate; readonly endBeforePause: LocalDate } | null;
  readonly outstanding: readonly OutstandingCharge[];
  readonly chargesRequested: number;
  readonly refundsRequested: number;
  readonly benefitsSuspended: boolean;
  readonly cancellation: { readonly requestedOn: LocalDate; readonly effectiveOn: LocalDate; readonly benefitsEndOn: LocalDate } | null;
  readonly scheduledChange: ScheduledTierChange | null;
  readonly extensionUsed: boolean;
  readonly ended: { readonly on: LocalDate; readonly reason: 'cancelled' | 'not-renewed' | 'non-payment' } | null;
}

export type MembershipState = { readonly phase: 'none' } | Membership;

export const initialMembershipState: MembershipState = { phase: 'none' };

const updateCharge = (m: Membership, chargeId: string, f: (c: OutstandingCharge) => OutstandingCharge): Membership => ({
  ...m,
  outstanding: m.outstanding.map((c) => (c.chargeId === chargeId ? f(c) : c)),
});

const withoutCharge = (m: Membership, chargeId: string): Membership => ({
  ...m,
  outstanding: m.outstanding.filter((c) => c.chargeId !== chargeId),
});

const later = (m: Membership, on: LocalDate): LocalDate => maxDate(m.lastOn, on);

const evolveMembership = (m: Membership, event: MembershipEvent): Membership => {
  switch (event.type) {
    case 'MembershipSignedUp':
      return m;
    case 'MembershipTrialStarted':
      return { ...m, phase: 'trialing', trial: { startedOn: event.data.startedOn, endsOn: event.data.endsOn }, lastOn: later(m, event.data.startedOn) };
    case 'MembershipTrialConverted':
      return { ...m, lastOn: later(m, event.data.convertedOn) };
    case 'MembershipPeriodStarted':
      return {
        ...m,
        phase: 'active',
        anchor: event.data.anchor,
        period: event.data.period,
        pricing: { period: event.data.pricingPeriod, paused: [] },
        periodDiscount: event.data.discountPercent,
        periodsStarted: event.data.periodNumber,
        lastOn: later(m, event.data.period.start),
      };
    case 'MembershipChargeRequested': {
      const counted = { ...m, chargesRequested: m.chargesRequested + 1 };
      if (event.data.total.amount <= 0) return counted;
      const charge: OutstandingCharge = {
        chargeId: event.data.chargeId,
        amount: event.data.total,
        requestedOn: event.data.requestedOn,
        failures: 0,
        attemptInFlight: true,
        retryOn: null,
        exhausted: false,
      };
      return { ...counted, outstanding: [...m.outstanding, charge] };
    }
    case 'MembershipPaymentSucceeded':
      return withoutCharge(m, event.data.chargeId);
    case 'MembershipPaymentFailed':
      return updateCharge(m, event.data.chargeId, (c) => ({ ...c, failures: event.data.failures, attemptInFlight: false }));
    case 'MembershipPaymentRetryScheduled':
      return updateCharge(m, event.data.chargeId, (c) => ({ ...c, retryOn: event.data.retryOn }));
    case 'MembershipPaymentRetryRequested':
      return updateCharge(m, event.data.chargeId, (c) => ({ ...c, retryOn: null, attemptInFlight: true }));
    case 'MembershipPaymentRetriesExhausted':
      return updateCharge(m, event.data.chargeId, (c) => ({ ...c, retryOn: null, exhausted: true }));
    case 'MembershipBenefitsSuspended':
      return { ...m, benefitsSuspended: true };
    case 'MembershipBenefitsRestored':
      return { ...m, benefitsSuspended: false };
    case 'MembershipChargeUnpaid':
      return withoutCharge(m, event.data.chargeId);
    case 'MembershipPaused':
      if (m.period === null) return m;
      return {
        ...m,
        phase: 'paused',
        pause: { pausedOn: event.data.pausedOn, resumesOn: event.data.resumesOn, endBeforePause: m.period.end },
        period: { start: m.period.start, end: event.data.periodEndsOn },
        anchor: event.data.periodEndsOn,
        lastOn: later(m, event.data.pausedOn),
      };
    case 'MembershipResumed': {
      if (m.period === null || m.pause === null || m.pricing === null) return m;
      const paused = { start: m.pause.pausedOn, end: event.data.resumedOn };
      return {
        ...m,
        phase: 'active',
        pause: null,
        period: { start: m.period.start, end: event.data.periodEndsOn },
        anchor: event.data.periodEndsOn,
        pricing: daysBetween(paused.start, paused.end) > 0 ? { ...m.pricing, paused: [...m.pricing.paused, paused] } : m.pricing,
        lastOn: later(m, event.data.resumedOn),
      };
    }
    case 'MembershipPeriodExtended':
      if (m.period === null) return m;
      return {
        ...m,
        period: { start: m.period.start, end: event.data.periodEndsOn },
        anchor: event.data.periodEndsOn,
        extensionUsed: true,
        lastOn: later(m, event.data.extendedOn),
      };
    case 'MembershipTierChanged':
      return { ...m, terms: event.data.to, scheduledChange: null, lastOn: later(m, event.data.changedOn) };
    case 'MembershipTierChangeScheduled':
      return { ...m, scheduledChange: { terms: event.data.to, reason: event.data.reason, notBefore: event.data.notBefore } };
    case 'MembershipRefundRequested':
      return { ...m, refundsRequested: m.refundsRequested + 1 };
    case 'MembershipCancellationRequested':
      return {
        ...m,
        cancellation: { requestedOn: event.data.requestedOn, effectiveOn: event.data.effectiveOn, benefitsEndOn: event.data.benefitsEndOn },
        lastOn: later(m, event.data.requestedOn),
      };
    case 'MembershipEnded':
      return { ...m, phase: 'ended', pause: null, ended: { on: event.data.endedOn, reason: event.data.reason }, lastOn: later(m, event.data.endedOn) };
    case 'MembershipWentPastDue':
    case 'MembershipPaymentMethodUpdateRequested':
      return m;
  }
};

export const evolveMembershipState = (state: MembershipState, event: MembershipEvent): MembershipState => {
  if (state.phase !== 'none') return evolveMembership(state, event);
  if (event.type !== 'MembershipSignedUp') return state;
  const d = event.data;
  return {
    phase: 'pending',
    membershipId: d.membershipId,
    clientId: d.clientId,
    terms: d.terms,
    alignment: d.alignment,
    discount: d.discount,
    signedUpOn: d.signedUpOn,
    startsOn: d.startsOn,
    lastOn: d.signedUpOn,
    trial: null,
    anchor: null,
    period: null,
    pricing: null,
    periodDiscount: null,
    periodsStarted: 0,
    pause: null,
    outstanding: [],
    chargesRequested: 0,
    refundsRequested: 0,
    benefitsSuspended: false,
    cancellation: null,
    scheduledChange: null,
    extensionUsed: false,
    ended: null,
  };
};

/** Whether a charge has failed and is not yet paid: the membership is past due. */
export const isPastDue = (m: Membership): boolean => m.outstanding.some((c) => c.failures > 0);

/**
 * The date in the pricing period that `date` corresponds to: paused days do not count,
 * and days past the period's priced end (an extension) count as its end.
 */
export const pricingDate = (pricing: PricingWindow, date: LocalDate): LocalDate => {
  let shift = 0;
  for (const p of pricing.paused) {
    if (p.start < date) shift += daysBetween(p.start, p.end < date ? p.end : date);
  }
  const shifted = addDays(date, -shift);
  if (shifted < pricing.period.start) return pricing.period.start;
  return shifted > pricing.period.end ? pricing.period.end : shifted;
};
