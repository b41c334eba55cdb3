/**
 * What a practice sees of a membership: its status, tier, renewal date, next payment and
 * next retry. Derived from the state with the same functions the rules use, so the
 * amount shown is the amount that will be charged (before any wallet credit).
 */
import type { LocalDate } from '../values/local-date.js';
import { quoteNextMembershipCharge, type MembershipChargeQuote } from './periods.js';
import { isPastDue, type Membership } from './state.js';
import { tierRef, type TierRef } from './terms.js';

export type MembershipStatus = 'pending' | 'trialing' | 'active' | 'past-due' | 'suspended' | 'paused' | 'cancelling' | 'ended';

/** The status a practice reads: lifecycle first, then standing (suspended, past due), then a pending cancellation. */
export const membershipStatus = (m: Membership): MembershipStatus => {
  if (m.phase === 'ended' || m.phase === 'pending' || m.phase === 'paused') return m.phase;
  if (m.benefitsSuspended) return 'suspended';
  if (isPastDue(m)) return 'past-due';
  if (m.cancellation !== null) return 'cancelling';
  return m.phase;
};

/** Whether the member may use the membership's benefits on `on`. */
export const membershipBenefitsActive = (m: Membership, on: LocalDate): boolean => {
  if (m.phase !== 'active' && m.phase !== 'trialing') return false;
  if (m.benefitsSuspended) return false;
  if (on < m.startsOn) return false;
  return m.cancellation === null || on < m.cancellation.benefitsEndOn;
};

export interface MembershipSummary {
  readonly membershipId: string;
  readonly clientId: string;
  readonly tier: TierRef;
  readonly status: MembershipStatus;
  readonly startsOn: LocalDate;
  /** When the next period starts (a renewal, or a trial's conversion); `null` when none will. */
  readonly renewalOn: LocalDate | null;
  /** The next payment the membership will request (before wallet credit), if one is scheduled. */
  readonly nextPayment: MembershipChargeQuote | null;
  /** The earliest scheduled retry of an unpaid charge. */
  readonly nextRetryOn: LocalDate | null;
  /** When a cancellation takes effect, if one was requested. */
  readonly cancelsOn: LocalDate | null;
}

export const membershipSummary = (m: Membership): MembershipSummary => {
  const nextPayment = quoteNextMembershipCharge(m) ?? null;
  const retries = m.outstanding.flatMap((c) => (c.retryOn === null ? [] : [c.retryOn])).sort();
  return {
    membershipId: m.membershipId,
    clientId: m.clientId,
    tier: tierRef(m.terms),
    status: membershipStatus(m),
    startsOn: m.startsOn,
    renewalOn: m.phase === 'pending' ? null : (nextPayment?.on ?? null),
    nextPayment,
    nextRetryOn: retries[0] ?? null,
    cancelsOn: m.cancellation?.effectiveOn ?? null,
  };
};
