/**
 * Each membership's life as the retention figures need it, folded beside the membership
 * roster (whose states come from the membership's own `evolve`): the day it became a
 * paying member, and its monthly recurring revenue from day to day.
 *
 * **Monthly recurring revenue (MRR)** of a membership on a day is the price of its tier
 * after the discount of its current period, divided by the months of its billing period
 * (1, 3 or 12) and rounded to the minor unit — while it is active (past due and
 * cancelling included). It is zero while the membership is pending, in trial, paused,
 * suspended for non-payment, or ended — as Stripe counts MRR only for active and
 * past-due subscriptions. The practice's MRR is the sum over memberships.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import { discountedPrice } from '../core/memberships/charges.js';
import { membershipEvents, type Membership, type MembershipEvent } from '../core/memberships/index.js';
import { monthsPerPeriod } from '../core/rules/billing-calendar.js';
import type { LocalDate } from '../core/values/local-date.js';
import { money, multiplyByRatio, type Money } from '../core/values/money.js';
import { PersistentMap } from '../core/values/persistent.js';
import { membershipRosterProjection, type MembershipRoster } from './memberships.js';
import type { Projection } from './projection.js';

/** From `on`, the membership's MRR is `amount` minor units. */
export interface MrrStep {
  readonly on: LocalDate;
  readonly amount: number;
}

export interface MembershipLifetime {
  readonly membershipId: string;
  readonly clientId: string;
  readonly currency: string;
  /** The first day of its first paid period (after any trial); `null` until then. */
  readonly memberFrom: LocalDate | null;
  /** Its MRR from day to day, in the order recorded. */
  readonly mrr: readonly MrrStep[];
}

export interface MembershipHistoryModel {
  readonly roster: MembershipRoster;
  readonly lifetimes: PersistentMap<string, MembershipLifetime>;
}

/** A membership's monthly recurring revenue in its current state (see the module comment). */
export const membershipMrr = (m: Membership): Money => {
  const currency = m.terms.price.currency;
  if (m.phase !== 'active' || m.benefitsSuspended) return money(0, currency);
  return multiplyByRatio(discountedPrice(m.terms.price, m.periodDiscount), 1, monthsPerPeriod(m.terms.frequency));
};

/** The practice date a membership event concerns. */
export const membershipEventDate = (event: MembershipEvent): LocalDate => {
  switch (event.type) {
    case 'MembershipSignedUp':
      return event.data.signedUpOn;
    case 'MembershipTrialStarted':
      return event.data.startedOn;
    case 'MembershipTrialConverted':
      return event.data.convertedOn;
    case 'MembershipPeriodStarted':
      return event.data.period.start;
    case 'MembershipChargeRequested':
      return event.data.requestedOn;
    case 'MembershipPaymentSucceeded':
      return event.data.paidOn;
    case 'MembershipPaymentFailed':
      return event.data.failedOn;
    case 'MembershipWentPastDue':
      return event.data.since;
    case 'MembershipPaymentRetryScheduled':
    case 'MembershipPaymentRetryRequested':
      return event.data.retryOn;
    case 'MembershipPaymentMethodUpdateRequested':
    case 'MembershipRefundRequested':
    case 'MembershipCancellationRequested':
    case 'MembershipTierChangeScheduled':
      return event.data.requestedOn;
    case 'MembershipPaymentRetriesExhausted':
    case 'MembershipChargeUnpaid':
      return event.data.on;
    case 'MembershipBenefitsSuspended':
      return event.data.suspendedOn;
    case 'MembershipBenefitsRestored':
      return event.data.restoredOn;
    case 'MembershipPaused':
      return event.data.pausedOn;
    case 'MembershipResumed':
      return event.data.resumedOn;
    case 'MembershipPeriodExtended':
      return event.data.extendedOn;
    case 'MembershipTierChanged':
      return event.data.changedOn;
    case 'MembershipEnded':
      return event.data.endedOn;
  }
};

const lifetimeAfter = (before: MembershipLifetime | undefined, m: Membership, event: MembershipEvent): MembershipLifetime => {
  const lifetime = before ?? { membershipId: m.membershipId, clientId: m.clientId, currency: m.terms.price.currency, memberFrom: null, mrr: [] };
  const memberFrom =
    lifetime.memberFrom === null && event.type === 'MembershipPeriodStarted' && event.data.periodNumber === 1 ? event.data.period.start : lifetime.memberFrom;
  const amount = membershipMrr(m).amount;
  const last = lifetime.mrr[lifetime.mrr.length - 1];
  const changed = last === undefined ? amount !== 0 : last.amount !== amount;
  return { ...lifetime, memberFrom, mrr: changed ? [...lifetime.mrr, { on: membershipEventDate(event), amount }] : lifetime.mrr };
};

export const membershipHistoryProjection: Projection<DomainEvent, MembershipHistoryModel> = {
  name: 'membership-history',
  initial: { roster: membershipRosterProjection.initial, lifetimes: PersistentMap.empty() },
  apply: (model, event) => {
    if (!membershipEvents.is(event)) return model;
    const roster = membershipRosterProjection.apply(model.roster, event);
    const m = roster.memberships.get(event.data.membershipId);
    if (m === undefined) return model;
    return { roster, lifetimes: model.lifetimes.set(m.membershipId, lifetimeAfter(model.lifetimes.get(m.membershipId), m, event)) };
  },
};

/** A membership's MRR on `date`, in minor units: its last step on or before that day, in the order recorded. */
export const mrrOn = (lifetime: MembershipLifetime, date: LocalDate): number => {
  let amount = 0;
  for (const step of lifetime.mrr) if (step.on <= date) amount = step.amount;
  return amount;
};

/** The day the membership stopped being a member (its end), or `null` while it lasts. */
export const memberUntil = (roster: MembershipRoster, membershipId: string): LocalDate | null => roster.memberships.get(membershipId)?.ended?.on ?? null;
