/**
 * Membership read models, from one fold: every membership's state, by id, folded with the
 * membership's own `evolve` (so a read model never disagrees with the rules), and the
 * views a practice reads from it — active members, upcoming renewals with amounts,
 * past-due members with their next retry, and the members on a plan (for price changes).
 *
 * Membership usage this period ("1 of 2 treatments used") needs the credits ledger and
 * is not here.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import { addDays, type LocalDate } from '../core/values/local-date.js';
import type { Money } from '../core/values/money.js';
import {
  evolveMembershipState,
  initialMembershipState,
  membershipEvents,
  membershipSummary,
  quoteNextMembershipCharge,
  type Membership,
  type MembershipChargeLine,
  type MembershipSummary,
  type MembershipTierRef,
} from '../core/memberships/index.js';
import type { MemberOnPlan } from '../core/flows/plan-revision.js';
import type { Projection } from './projection.js';

export interface MembershipRoster {
  /** Every membership by id. */
  readonly memberships: ReadonlyMap<string, Membership>;
}

export const membershipRosterProjection: Projection<DomainEvent, MembershipRoster> = {
  name: 'membership-roster',
  initial: { memberships: new Map() },
  apply: (model, event) => {
    if (!membershipEvents.is(event)) return model;
    const id = event.data.membershipId;
    const next = evolveMembershipState(model.memberships.get(id) ?? initialMembershipState, event);
    if (next.phase === 'none') return model;
    const memberships = new Map(model.memberships);
    memberships.set(id, next);
    return { memberships };
  },
};

const byClient = (a: { clientId: string; membershipId: string }, b: { clientId: string; membershipId: string }): number =>
  a.clientId === b.clientId ? (a.membershipId < b.membershipId ? -1 : 1) : a.clientId < b.clientId ? -1 : 1;

/** Members whose membership has not ended: tier, start date, renewal date, next payment amount, status. */
export const activeMembers = (roster: MembershipRoster): readonly MembershipSummary[] =>
  [...roster.memberships.values()].filter((m) => m.phase !== 'ended').map(membershipSummary).sort(byClient);

export interface UpcomingRenewal {
  readonly membershipId: string;
  readonly clientId: string;
  readonly tier: MembershipTierRef;
  /** A renewal, or the first charge when a trial converts. */
  readonly kind: 'renewal' | 'trial-conversion';
  readonly on: LocalDate;
  /** The amount to be charged, before any wallet credit. */
  readonly amount: Money;
  readonly lines: readonly MembershipChargeLine[];
}

/** Charges scheduled in `[asOf, asOf + days)`, earliest first. @param days @defaultValue 30 */
export const upcomingRenewals = (roster: MembershipRoster, asOf: LocalDate, days = 30): readonly UpcomingRenewal[] => {
  const until = addDays(asOf, days);
  const rows: UpcomingRenewal[] = [];
  for (const m of roster.memberships.values()) {
    if (m.phase !== 'active' && m.phase !== 'paused' && m.phase !== 'trialing') continue;
    const quote = quoteNextMembershipCharge(m);
    if (quote === undefined || quote.on < asOf || quote.on >= until) continue;
    const summary = membershipSummary(m);
    rows.push({
      membershipId: m.membershipId,
      clientId: m.clientId,
      tier: summary.tier,
      kind: m.phase === 'trialing' ? 'trial-conversion' : 'renewal',
      on: quote.on,
      amount: quote.total,
      lines: quote.lines,
    });
  }
  return rows.sort((a, b) => (a.on === b.on ? byClient(a, b) : a.on < b.on ? -1 : 1));
};

export interface PastDueMember {
  readonly membershipId: string;
  readonly clientId: string;
  readonly tier: MembershipTierRef;
  readonly chargeId: string;
  readonly amount: Money;
  readonly requestedOn: LocalDate;
  readonly failures: number;
  /** The next retry; `null` while an attempt awaits its result or when every retry failed. */
  readonly nextRetryOn: LocalDate | null;
  /** Every retry failed: benefits are suspended until it is paid. */
  readonly exhausted: boolean;
}

/** Every unpaid charge that has failed at least once, with its next retry date. */
export const pastDueMembers = (roster: MembershipRoster): readonly PastDueMember[] =>
  [...roster.memberships.values()]
    .flatMap((m) =>
      m.outstanding
        .filter((c) => c.failures > 0)
        .map((c) => ({
          membershipId: m.membershipId,
          clientId: m.clientId,
          tier: membershipSummary(m).tier,
          chargeId: c.chargeId,
          amount: c.amount,
          requestedOn: c.requestedOn,
          failures: c.failures,
          nextRetryOn: c.retryOn,
          exhausted: c.exhausted,
        })),
    )
    .sort(byClient);

/** The memberships on a plan (any version) that have not ended: the input of `planRevisionDispatches`. */
export const membershipsOnPlan = (roster: MembershipRoster, planId: string): readonly MemberOnPlan[] =>
  [...roster.memberships.values()]
    .filter((m) => m.phase !== 'ended' && m.terms.planId === planId)
    .map((m) => ({ membershipId: m.membershipId, planId, version: m.terms.version }))
    .sort((a, b) => (a.membershipId < b.membershipId ? -1 : 1));
