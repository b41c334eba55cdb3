/**
 * Member usage tracking ("1 of 2 treatments used"), read from the credits ledgers: for a
 * membership's current period, per included service, the credits the period granted, the
 * sessions booked from them (net of cancellations that gave the credit back), what is
 * left and until when, and what is still left of earlier periods' rolled-over credits.
 * The membership's benefit events say which ledger (the member's, or a household's pool)
 * and which reference is the current period; everything else comes from the ledgers.
 * `memberUsageProfile` adds what the roster knows: tier, discount, renewal date.
 */
import { creditsClientOf, creditsEvents, type CreditsEvent } from '../core/credits/index.js';
import type { DomainEvent, RecordedEvent } from '../core/kernel/envelope.js';
import { householdPoolClientId, membershipBenefitsEvents, type MembershipBenefitsEvent } from '../core/membership-benefits/index.js';
import { membershipSummary } from '../core/memberships/index.js';
import type { LocalDate } from '../core/values/local-date.js';
import type { Percent } from '../core/values/percent.js';
import type { Period } from '../core/values/period.js';
import { PersistentMap } from '../core/values/persistent.js';
import type { MembershipRoster } from './memberships.js';
import type { Projection } from './projection.js';

/** What the read model follows of a lot. */
interface UsageLot {
  readonly appointmentType: string;
  readonly reference: string | null;
  readonly remaining: number;
  readonly expiresOn: LocalDate | null;
  /** Credits rolled over into it from its period. */
  readonly rolled: boolean;
}

interface BenefitsInfo {
  readonly primaryClientId: string;
  readonly dependents: readonly string[];
  readonly pooled: boolean;
  readonly services: readonly { readonly serviceId: string; readonly quantity: number }[];
  readonly tier: string;
  readonly current: { readonly number: number; readonly reference: string; readonly period: Period } | null;
  readonly ended: boolean;
}

export interface MembershipUsageModel {
  /** Per ledger, its lots by number. */
  readonly lots: PersistentMap<string, PersistentMap<number, UsageLot>>;
  /** Credits granted by a reference (its own grants, not rollovers), keyed ledger NUL reference NUL type. */
  readonly granted: PersistentMap<string, number>;
  /** Sessions booked from the credits of a reference, same keys. */
  readonly used: PersistentMap<string, number>;
  readonly memberships: PersistentMap<string, BenefitsInfo>;
}

const usedKey = (ledger: string, reference: string, type: string): string => `${ledger}\u0000${reference}\u0000${type}`;

type LotChange = { readonly lot: number; readonly by: number } | { readonly lot: number; readonly set: UsageLot } | { readonly lot: number; readonly expiresOn: LocalDate };

/** What a credits event does to the lots, and to the sessions used from a lot. */
const changesOf = (event: CreditsEvent): { readonly lots: readonly LotChange[]; readonly usedFrom: readonly { readonly lot: number; readonly count: number }[] } => {
  const none = { lots: [], usedFrom: [] };
  switch (event.type) {
    case 'CreditsGranted': {
      const d = event.data;
      return { lots: [{ lot: d.lot, set: { appointmentType: d.appointmentType, reference: d.reference, remaining: d.quantity, expiresOn: d.expiresOn, rolled: false } }], usedFrom: [] };
    }
    case 'CreditDebtRepaid':
      return { lots: [{ lot: event.data.lot, by: -event.data.bookingIds.length }], usedFrom: [{ lot: event.data.lot, count: event.data.bookingIds.length }] };
    case 'SessionBooked':
      return event.data.lot === null ? none : { lots: [{ lot: event.data.lot, by: -1 }], usedFrom: [{ lot: event.data.lot, count: 1 }] };
    case 'SessionCancelled':
      return event.data.restore !== 'restored' || event.data.lot === null ? none : { lots: [{ lot: event.data.lot, by: 1 }], usedFrom: [{ lot: event.data.lot, count: -1 }] };
    case 'CreditsAdjusted': {
      const d = event.data;
      if (d.lot !== null) return { lots: [{ lot: d.lot, set: { appointmentType: d.appointmentType, reference: null, remaining: d.delta, expiresOn: d.expiresOn, rolled: false } }], usedFrom: [] };
      return { lots: d.taken.map((p) => ({ lot: p.lot, by: -p.quantity })), usedFrom: [] };
    }
    case 'CreditsExpired':
    case 'CreditsVoided':
      return { lots: [{ lot: event.data.lot, by: -event.data.quantity }], usedFrom: [] };
    case 'CreditExpiryExtended':
      return { lots: [{ lot: event.data.lot, expiresOn: event.data.to }], usedFrom: [] };
    case 'CreditsRolledOver': {
      const d = event.data;
      const lots: LotChange[] = d.taken.map((p) => ({ lot: p.lot, by: -p.quantity }));
      if (d.lot !== null) lots.push({ lot: d.lot, set: { appointmentType: d.appointmentType, reference: d.toReference, remaining: d.rolled, expiresOn: d.expiresOn, rolled: true } });
      return { lots, usedFrom: [] };
    }
    case 'CreditsTransferredOut':
      return { lots: event.data.taken.map((p) => ({ lot: p.lot, by: -p.quantity })), usedFrom: [] };
    case 'CreditsTransferredIn': {
      const d = event.data;
      return { lots: d.lots.map((l) => ({ lot: l.lot, set: { appointmentType: d.appointmentType, reference: d.reference, remaining: l.quantity, expiresOn: l.expiresOn, rolled: false } })), usedFrom: [] };
    }
    case 'CreditTransferReversed':
      return { lots: event.data.restored.map((p) => ({ lot: p.lot, by: p.quantity })), usedFrom: [] };
    case 'PackageCreditDeclined': {
      // The package declined the credit a booking took from its lot: the credit goes back
      // to that lot (when restorable) and the booking moves to another lot, or is owed.
      const d = event.data;
      const lots: LotChange[] = d.returned === 'restored' ? [{ lot: d.fromLot, by: 1 }] : [];
      const usedFrom = [{ lot: d.fromLot, count: -1 }];
      if (d.lot !== null) {
        lots.push({ lot: d.lot, by: -1 });
        usedFrom.push({ lot: d.lot, count: 1 });
      }
      return { lots, usedFrom };
    }
    case 'PackageCreditKept':
    case 'PackageCreditUnavailable':
    case 'CreditTransferDeclined':
    case 'CreditSettingsAdjusted':
      return none;
  }
};

const applyCredits = (model: MembershipUsageModel, ledger: string, event: CreditsEvent): MembershipUsageModel => {
  const { lots: changes, usedFrom } = changesOf(event);
  if (changes.length === 0 && usedFrom.length === 0) return model;
  const before = model.lots.get(ledger) ?? PersistentMap.empty<number, UsageLot>();
  let used = model.used;
  for (const u of usedFrom) {
    const lot = before.get(u.lot);
    if (lot?.reference === null || lot === undefined) continue;
    const k = usedKey(ledger, lot.reference, lot.appointmentType);
    used = used.set(k, (used.get(k) ?? 0) + u.count);
  }
  let granted = model.granted;
  if (event.type === 'CreditsGranted' && event.data.reference !== null) {
    const k = usedKey(ledger, event.data.reference, event.data.appointmentType);
    granted = granted.set(k, (granted.get(k) ?? 0) + event.data.quantity);
  }
  let lots = before;
  for (const change of changes) {
    if ('set' in change) {
      lots = lots.set(change.lot, change.set);
      continue;
    }
    const lot = lots.get(change.lot);
    if (lot === undefined) continue;
    lots = lots.set(change.lot, 'by' in change ? { ...lot, remaining: Math.max(0, lot.remaining + change.by) } : { ...lot, expiresOn: change.expiresOn });
  }
  return { ...model, lots: model.lots.set(ledger, lots), granted, used };
};

const applyBenefits = (model: MembershipUsageModel, event: MembershipBenefitsEvent): MembershipUsageModel => {
  const id = event.data.membershipId;
  const info = model.memberships.get(id);
  const set = (next: BenefitsInfo): MembershipUsageModel => ({ ...model, memberships: model.memberships.set(id, next) });
  if (event.type === 'MembershipBenefitsOpened') {
    const t = event.data.terms;
    return set({ primaryClientId: event.data.primaryClientId, dependents: [], pooled: t.household?.benefits === 'pooled', services: t.services, tier: t.tier.name, current: null, ended: false });
  }
  if (info === undefined) return model;
  switch (event.type) {
    case 'MembershipBenefitsTierChanged': {
      const t = event.data.terms;
      return set({ ...info, pooled: t.household?.benefits === 'pooled', services: t.services, tier: t.tier.name });
    }
    case 'MembershipBenefitsPeriodOpened':
      return set({ ...info, tier: event.data.tier.name, current: { number: event.data.periodNumber, reference: event.data.reference, period: event.data.period } });
    case 'MembershipBenefitsFrozen':
    case 'MembershipBenefitsThawed':
    case 'MembershipBenefitsExtended':
      return info.current === null ? model : set({ ...info, current: { ...info.current, period: { start: info.current.period.start, end: event.data.periodEndsOn } } });
    case 'HouseholdMemberAdded':
      return set({ ...info, dependents: [...info.dependents, event.data.clientId] });
    case 'HouseholdMemberRemoved':
      return set({ ...info, dependents: info.dependents.filter((c) => c !== event.data.clientId) });
    case 'MembershipBenefitsEnded':
      return set({ ...info, ended: true });
    default:
      return model;
  }
};

export const membershipUsageProjection: Projection<DomainEvent, MembershipUsageModel> = {
  name: 'membership-usage',
  initial: { lots: PersistentMap.empty(), granted: PersistentMap.empty(), used: PersistentMap.empty(), memberships: PersistentMap.empty() },
  apply: (model, event: RecordedEvent<DomainEvent>) => {
    if (membershipBenefitsEvents.is(event)) return applyBenefits(model, event);
    const ledger = creditsClientOf(event.streamName);
    return ledger !== undefined && creditsEvents.is(event) ? applyCredits(model, ledger, event) : model;
  },
};

/** The usage of one included service in the current period. */
export interface BenefitServiceUsage {
  readonly serviceId: string;
  /** Credits the period granted (the plan's quantity, plus any top-up). */
  readonly included: number;
  /** Sessions booked from them, net of cancellations that gave the credit back. */
  readonly used: number;
  /** Of the period's credits, what is left (after anything voided or removed). */
  readonly remaining: number;
  /** When the period's credits expire. */
  readonly expiresOn: LocalDate | null;
  /** Credits rolled over from earlier periods and still usable. */
  readonly carriedOver: number;
  /** "1 of 2 treatments used". */
  readonly summary: string;
}

export interface MembershipUsage {
  readonly membershipId: string;
  readonly clientId: string;
  /** The ledger the benefits are in: the member's own, or the household's pool. */
  readonly ledger: string;
  readonly pooled: boolean;
  readonly tier: string;
  readonly periodNumber: number;
  readonly period: Period;
  readonly services: readonly BenefitServiceUsage[];
}

/** "1 of 2 treatments used". */
export const benefitUsageSummary = (used: number, included: number, serviceId: string): string => `${used} of ${included} ${serviceId}${included === 1 ? '' : 's'} used`;

/**
 * A member's usage of the current period on `asOf` (the membership's primary member by
 * default; in a pooled household, every member sees the pool). `undefined` for an unknown
 * membership, one with no period yet or that has ended, or a client who is not a member.
 */
export const membershipUsage = (model: MembershipUsageModel, membershipId: string, asOf: LocalDate, clientId?: string): MembershipUsage | undefined => {
  const info = model.memberships.get(membershipId);
  if (info === undefined || info.current === null || info.ended) return undefined;
  const member = clientId ?? info.primaryClientId;
  if (member !== info.primaryClientId && !info.dependents.includes(member)) return undefined;
  const ledger = info.pooled ? householdPoolClientId(membershipId) : member;
  const current = info.current;
  const lots = [...(model.lots.get(ledger)?.values() ?? [])];
  const prefix = `${membershipId}/`;
  const services = info.services.map((s): BenefitServiceUsage => {
    const own = lots.filter((l) => l.reference === current.reference && l.appointmentType === s.serviceId && !l.rolled);
    const remaining = own.reduce((n, l) => n + l.remaining, 0);
    const used = model.used.get(usedKey(ledger, current.reference, s.serviceId)) ?? 0;
    const granted = model.granted.get(usedKey(ledger, current.reference, s.serviceId)) ?? 0;
    const carriedOver = lots
      .filter((l) => l.rolled && l.appointmentType === s.serviceId && l.reference?.startsWith(prefix) === true && (l.expiresOn === null || l.expiresOn > asOf))
      .reduce((n, l) => n + l.remaining, 0);
    const expiresOn = own.reduce<LocalDate | null>((e, l) => (l.expiresOn !== null && (e === null || l.expiresOn > e) ? l.expiresOn : e), null);
    return { serviceId: s.serviceId, included: granted, used, remaining, expiresOn, carriedOver, summary: benefitUsageSummary(used, granted, s.serviceId) };
  });
  return { membershipId, clientId: member, ledger, pooled: info.pooled, tier: info.tier, periodNumber: current.number, period: current.period, services };
};

/** What the seed's member profile shows: tier, remaining benefits, included services, discount, renewal date. */
export interface MemberUsageProfile extends MembershipUsage {
  readonly discount: Percent;
  readonly renewalOn: LocalDate | null;
  readonly status: string;
}

export const memberUsageProfile = (
  roster: MembershipRoster,
  model: MembershipUsageModel,
  membershipId: string,
  asOf: LocalDate,
  clientId?: string,
): MemberUsageProfile | undefined => {
  const m = roster.memberships.get(membershipId);
  const usage = membershipUsage(model, membershipId, asOf, clientId);
  if (m === undefined || usage === undefined) return undefined;
  const summary = membershipSummary(m);
  return { ...usage, tier: summary.tier.name, discount: m.terms.addOnDiscount, renewalOn: summary.renewalOn, status: summary.status };
};
