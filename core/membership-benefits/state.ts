/**
 * The state of a membership's benefits: the member (and a household's dependents), the
 * benefit terms in force, and the periods whose credits may still be live — the current
 * one, and earlier ones whose rolled-over credits have not expired yet.
 */
import { addDays, type LocalDate } from '../values/local-date.js';
import type { Period } from '../values/period.js';
import type { MembershipRolloverTerms } from '../memberships/benefit-terms.js';
import type { BenefitGrant, HouseholdShare, MembershipBenefitsEvent, MembershipBenefitTerms } from './events.js';

/** One period's benefits. Rolled-over credits keep the period's reference in each ledger. */
export interface BenefitsPeriod {
  /** 0 for a trial, then the membership's period number. */
  readonly number: number;
  readonly reference: string;
  /** The days it covers, as extended by a pause or the manual extension. */
  readonly period: Period;
  /** The expiry its credits carry (the period's end, pushed by pauses and the extension). */
  readonly expiresOn: LocalDate;
  /** Every credit granted under the reference, in order. */
  readonly granted: readonly BenefitGrant[];
  /** The ledgers that hold its credits and have not had them voided. */
  readonly holders: readonly string[];
  /** The rollover of the tier the period is on (decided when it opened, or by an immediate change of tier). */
  readonly rollover: MembershipRolloverTerms | null;
  readonly closed: boolean;
  /** Once closed: when its rolled-over credits expire (`null`: nothing rolls over). */
  readonly rolledExpireOn: LocalDate | null;
}

export interface MembershipBenefits {
  readonly phase: 'open' | 'ended';
  readonly membershipId: string;
  readonly primaryClientId: string;
  readonly startsOn: LocalDate;
  readonly terms: MembershipBenefitTerms;
  /** The household's other members, in the order they joined. */
  readonly dependents: readonly string[];
  /** The billing shares the primary set; `null`: equal shares. */
  readonly shares: readonly HouseholdShare[] | null;
  /** Periods whose credits may still be live, oldest first; the last is the current one. */
  readonly periods: readonly BenefitsPeriod[];
  /** The number of the last period opened; −1 before the first. */
  readonly lastPeriodNumber: number;
  /** Set when a cancellation ended the benefits at once (no period grants after it). */
  readonly benefitsEndedOn: LocalDate | null;
  /** The pause in progress, by its start. */
  readonly pausedOn: LocalDate | null;
  /** The start of the latest pause, over or not (a pause is frozen once). */
  readonly lastPausedOn: LocalDate | null;
  /** The one-time manual extension was applied. */
  readonly extended: boolean;
  /** Since when grants are suspended for an unpaid charge. */
  readonly suspendedOn: LocalDate | null;
}

export type MembershipBenefitsState = { readonly phase: 'none' } | MembershipBenefits;

export const initialMembershipBenefitsState: MembershipBenefitsState = { phase: 'none' };

const unique = (ids: readonly string[]): readonly string[] => [...new Set(ids)];

const mapPeriods = (m: MembershipBenefits, f: (p: BenefitsPeriod) => BenefitsPeriod): MembershipBenefits => ({ ...m, periods: m.periods.map(f) });

/** Moves the expiry of the periods whose references were pushed by `days`, and the current period's end. */
const pushed = (m: MembershipBenefits, references: readonly string[], days: number, periodEndsOn: LocalDate): MembershipBenefits => {
  const refs = new Set(references);
  const last = m.periods[m.periods.length - 1];
  return mapPeriods(m, (p) => {
    const moved = !refs.has(p.reference)
      ? p
      : p.closed
        ? { ...p, rolledExpireOn: p.rolledExpireOn === null ? null : addDays(p.rolledExpireOn, days) }
        : { ...p, expiresOn: addDays(p.expiresOn, days) };
    return p === last && !p.closed ? { ...moved, period: { start: p.period.start, end: periodEndsOn } } : moved;
  });
};

const evolveBenefits = (m: MembershipBenefits, event: MembershipBenefitsEvent): MembershipBenefits => {
  switch (event.type) {
    case 'MembershipBenefitsOpened':
      return m;
    case 'MembershipBenefitsTierChanged': {
      const d = event.data;
      const changed = { ...m, terms: d.terms };
      const current = currentBenefitsPeriod(m);
      if (d.timing === 'at-period-start' || current === undefined) return changed;
      return mapPeriods(changed, (p) => (p === current ? { ...p, rollover: d.terms.rollover } : p));
    }
    case 'MembershipBenefitsPeriodOpened': {
      const d = event.data;
      const start = d.period.start;
      const live = m.periods.filter((p) => !p.closed || (p.rolledExpireOn !== null && p.rolledExpireOn > start));
      const opened: BenefitsPeriod = {
        number: d.periodNumber,
        reference: d.reference,
        period: d.period,
        expiresOn: d.expiresOn,
        granted: d.grants,
        holders: unique(d.grants.map((g) => g.clientId)),
        rollover: m.terms.rollover,
        closed: false,
        rolledExpireOn: null,
      };
      return { ...m, periods: [...live, opened], lastPeriodNumber: d.periodNumber };
    }
    case 'MembershipBenefitsGranted': {
      const d = event.data;
      return mapPeriods(m, (p) =>
        p.reference === d.reference ? { ...p, granted: [...p.granted, ...d.grants], holders: unique([...p.holders, ...d.grants.map((g) => g.clientId)]) } : p,
      );
    }
    case 'MembershipBenefitsPeriodClosed': {
      const d = event.data;
      return mapPeriods(m, (p) => (p.reference === d.reference ? { ...p, closed: true, rolledExpireOn: d.rolledExpireOn } : p));
    }
    case 'MembershipBenefitsFrozen':
      return { ...pushed(m, event.data.pushed.map((h) => h.reference), event.data.days, event.data.periodEndsOn), pausedOn: event.data.pausedOn, lastPausedOn: event.data.pausedOn };
    case 'MembershipBenefitsExtended':
      return { ...pushed(m, event.data.pushed.map((h) => h.reference), event.data.days, event.data.periodEndsOn), extended: true };
    case 'MembershipBenefitsThawed':
      return { ...pushed(m, [], 0, event.data.periodEndsOn), pausedOn: null };
    case 'MembershipBenefitsVoided': {
      const d = event.data;
      const voided = m.periods.length === 0 ? m : mapPeriods(m, (p) => ({ ...p, holders: p.holders.filter((c) => !d.voided.some((h) => h.reference === p.reference && h.clientId === c)) }));
      return d.reason === 'cancelled-immediately' ? { ...voided, benefitsEndedOn: d.voidedOn } : voided;
    }
    case 'MembershipBenefitGrantsSuspended':
      return { ...m, suspendedOn: event.data.suspendedOn };
    case 'MembershipBenefitGrantsRestored':
      return { ...m, suspendedOn: null };
    case 'MembershipBenefitsEnded':
      return { ...m, phase: 'ended' };
    case 'HouseholdMemberAdded':
      return { ...m, dependents: [...m.dependents, event.data.clientId] };
    case 'HouseholdMemberRemoved': {
      const gone = event.data.clientId;
      return { ...m, dependents: m.dependents.filter((c) => c !== gone), shares: m.shares === null ? null : m.shares.filter((s) => s.clientId !== gone) };
    }
    case 'HouseholdBillingSharesSet':
      return { ...m, shares: event.data.shares };
    case 'HouseholdChargeSplit':
      return m;
  }
};

export const evolveMembershipBenefits = (state: MembershipBenefitsState, event: MembershipBenefitsEvent): MembershipBenefitsState => {
  if (state.phase !== 'none') return evolveBenefits(state, event);
  if (event.type !== 'MembershipBenefitsOpened') return state;
  const d = event.data;
  return {
    phase: 'open',
    membershipId: d.membershipId,
    primaryClientId: d.primaryClientId,
    startsOn: d.startsOn,
    terms: d.terms,
    dependents: [],
    shares: null,
    periods: [],
    lastPeriodNumber: -1,
    benefitsEndedOn: null,
    pausedOn: null,
    lastPausedOn: null,
    extended: false,
    suspendedOn: null,
  };
};

/** The current period (the last one opened), unless it is closed. */
export const currentBenefitsPeriod = (m: MembershipBenefits): BenefitsPeriod | undefined => {
  const last = m.periods[m.periods.length - 1];
  return last !== undefined && !last.closed ? last : undefined;
};

/** Every member: the primary, then the dependents in the order they joined. */
export const householdMembers = (m: Pick<MembershipBenefits, 'primaryClientId' | 'dependents'>): readonly string[] => [m.primaryClientId, ...m.dependents];
