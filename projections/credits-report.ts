/**
 * The practice's credits report: balances per client and appointment type, the clients in
 * negative credits, the credits expiring in the next N days, and per month and type the
 * credits granted, used, restored, expired, voided, transferred and adjusted. It follows
 * every lot from the events alone. For each type, the monthly movements add up to the sum
 * of the clients' balances.
 */
import { creditsClientOf, creditsEvents, type CreditsEvent } from '../core/credits/index.js';
import type { DomainEvent, RecordedEvent } from '../core/kernel/envelope.js';
import { addDays, monthOf, type LocalDate } from '../core/values/local-date.js';
import { PersistentMap } from '../core/values/persistent.js';
import type { Projection } from './projection.js';

export interface ReportLot {
  readonly appointmentType: string;
  readonly remaining: number;
  readonly expiresOn: LocalDate | null;
}

/** The movements of one appointment type in one month (by the practice date of each change). */
export interface CreditMonthTotals {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly appointmentType: string;
  /** Credits granted (packages, memberships, renewals, promotions, courtesy, manual grants). */
  readonly granted: number;
  /** Sessions booked, with credit or without. */
  readonly used: number;
  /** Credits given back: cancellation restores, reversed transfers, and credits a package declined (back to its lot). */
  readonly restored: number;
  /** Credits lost to expiry, and the part of a rollover that did not roll. */
  readonly expired: number;
  readonly voided: number;
  readonly transferredIn: number;
  readonly transferredOut: number;
  /** Net of the manual adjustments. */
  readonly adjusted: number;
}

export interface CreditsReportModel {
  readonly balances: PersistentMap<string, ReadonlyMap<string, number>>;
  readonly lots: PersistentMap<string, PersistentMap<number, ReportLot>>;
  /** Keyed `YYYY-MM` NUL `appointmentType`. */
  readonly months: PersistentMap<string, CreditMonthTotals>;
}

type Movement = Exclude<keyof CreditMonthTotals, 'month' | 'appointmentType'>;
type LotChange = { readonly lot: number; readonly by?: number; readonly set?: ReportLot; readonly expiresOn?: LocalDate; readonly empty?: true };

interface Effect {
  readonly appointmentType: string;
  readonly delta: number;
  readonly movements: Partial<Record<Movement, number>>;
  readonly lots: readonly LotChange[];
}

const newLot = (appointmentType: string, lot: number, quantity: number, expiresOn: LocalDate | null): LotChange => ({
  lot,
  set: { appointmentType, remaining: quantity, expiresOn },
});
const sum = (parts: readonly { readonly quantity: number }[]): number => parts.reduce((n, p) => n + p.quantity, 0);

const effectOf = (event: CreditsEvent): Effect | undefined => {
  switch (event.type) {
    case 'CreditsGranted': {
      const d = event.data;
      return { appointmentType: d.appointmentType, delta: d.quantity, movements: { granted: d.quantity }, lots: [newLot(d.appointmentType, d.lot, d.quantity, d.expiresOn)] };
    }
    case 'CreditDebtRepaid':
      return { appointmentType: event.data.appointmentType, delta: 0, movements: {}, lots: [{ lot: event.data.lot, by: -event.data.bookingIds.length }] };
    case 'SessionBooked':
      return { appointmentType: event.data.appointmentType, delta: -1, movements: { used: 1 }, lots: event.data.lot === null ? [] : [{ lot: event.data.lot, by: -1 }] };
    case 'SessionCancelled': {
      const d = event.data;
      if (d.restore !== 'restored') return undefined;
      return { appointmentType: d.appointmentType, delta: 1, movements: { restored: 1 }, lots: d.lot === null ? [] : [{ lot: d.lot, by: 1 }] };
    }
    case 'CreditsAdjusted': {
      const d = event.data;
      const lots = d.lot === null ? d.taken.map((p) => ({ lot: p.lot, by: -p.quantity })) : [newLot(d.appointmentType, d.lot, d.delta, d.expiresOn)];
      return { appointmentType: d.appointmentType, delta: d.delta, movements: { adjusted: d.delta }, lots };
    }
    case 'CreditsExpired':
      return { appointmentType: event.data.appointmentType, delta: -event.data.quantity, movements: { expired: event.data.quantity }, lots: [{ lot: event.data.lot, empty: true }] };
    case 'CreditsVoided':
      return { appointmentType: event.data.appointmentType, delta: -event.data.quantity, movements: { voided: event.data.quantity }, lots: [{ lot: event.data.lot, empty: true }] };
    case 'CreditExpiryExtended':
      return { appointmentType: event.data.appointmentType, delta: 0, movements: {}, lots: [{ lot: event.data.lot, expiresOn: event.data.to }] };
    case 'CreditsRolledOver': {
      const d = event.data;
      const lots: LotChange[] = d.taken.map((p) => ({ lot: p.lot, by: -p.quantity }));
      if (d.lot !== null) lots.push(newLot(d.appointmentType, d.lot, d.rolled, d.expiresOn));
      return { appointmentType: d.appointmentType, delta: -d.lapsed, movements: { expired: d.lapsed }, lots };
    }
    case 'CreditsTransferredOut': {
      const d = event.data;
      return { appointmentType: d.appointmentType, delta: -d.quantity, movements: { transferredOut: d.quantity }, lots: d.taken.map((p) => ({ lot: p.lot, by: -p.quantity })) };
    }
    case 'CreditsTransferredIn': {
      const d = event.data;
      const quantity = sum(d.lots);
      return { appointmentType: d.appointmentType, delta: quantity, movements: { transferredIn: quantity }, lots: d.lots.map((l) => newLot(d.appointmentType, l.lot, l.quantity, l.expiresOn)) };
    }
    case 'CreditTransferReversed': {
      const d = event.data;
      const quantity = sum(d.restored);
      return { appointmentType: d.appointmentType, delta: quantity, movements: { restored: quantity }, lots: d.restored.map((p) => ({ lot: p.lot, by: p.quantity })) };
    }
    case 'PackageCreditDeclined': {
      // The credit goes back to its lot (restored, or lost with the lot), and the booking uses another or owes one.
      const d = event.data;
      const lost = d.returned === 'restored' ? 0 : 1;
      const takes = d.lot !== null || d.owed ? 1 : 0;
      const lots: LotChange[] = [];
      if (lost === 0) lots.push({ lot: d.fromLot, by: 1 });
      if (d.lot !== null) lots.push({ lot: d.lot, by: -1 });
      const movements: Partial<Record<Movement, number>> = { restored: 1, used: takes };
      if (lost === 1) movements[d.returned === 'expired' ? 'expired' : 'voided'] = 1;
      return { appointmentType: d.appointmentType, delta: 1 - lost - takes, movements, lots };
    }
    case 'CreditTransferDeclined':
    case 'CreditSettingsAdjusted':
    case 'PackageCreditUnavailable':
    case 'PackageCreditKept':
      return undefined;
  }
};

const emptyMonth = (month: string, appointmentType: string): CreditMonthTotals => ({
  month,
  appointmentType,
  granted: 0,
  used: 0,
  restored: 0,
  expired: 0,
  voided: 0,
  transferredIn: 0,
  transferredOut: 0,
  adjusted: 0,
});

const applyLot = (lots: PersistentMap<number, ReportLot>, change: LotChange): PersistentMap<number, ReportLot> => {
  if (change.set !== undefined) return lots.set(change.lot, change.set);
  const lot = lots.get(change.lot);
  if (lot === undefined) return lots;
  if (change.empty === true) return lots.set(change.lot, { ...lot, remaining: 0 });
  if (change.expiresOn !== undefined) return lots.set(change.lot, { ...lot, expiresOn: change.expiresOn });
  return lots.set(change.lot, { ...lot, remaining: lot.remaining + (change.by ?? 0) });
};

const apply = (model: CreditsReportModel, event: RecordedEvent<DomainEvent>): CreditsReportModel => {
  const clientId = creditsClientOf(event.streamName);
  if (clientId === undefined || !creditsEvents.is(event)) return model;
  const effect = effectOf(event);
  if (effect === undefined) return model;
  const type = effect.appointmentType;
  const before = model.balances.get(clientId);
  const balances = new Map(before);
  balances.set(type, (before?.get(type) ?? 0) + effect.delta);
  let clientLots = model.lots.get(clientId) ?? PersistentMap.empty<number, ReportLot>();
  for (const change of effect.lots) clientLots = applyLot(clientLots, change);
  const monthKey = `${monthOf(event.data.on)}\u0000${type}`;
  const month = model.months.get(monthKey) ?? emptyMonth(monthOf(event.data.on), type);
  const totals = { ...month };
  for (const [k, v] of Object.entries(effect.movements) as [Movement, number][]) totals[k] += v;
  return {
    balances: model.balances.set(clientId, balances),
    lots: model.lots.set(clientId, clientLots),
    months: model.months.set(monthKey, totals),
  };
};

export const creditsReportProjection: Projection<DomainEvent, CreditsReportModel> = {
  name: 'credits-report',
  initial: { balances: PersistentMap.empty(), lots: PersistentMap.empty(), months: PersistentMap.empty() },
  apply,
};

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface ClientTypeBalance {
  readonly clientId: string;
  readonly appointmentType: string;
  readonly balance: number;
}

/** Every client's balance per appointment type, by client then type. */
export const creditBalances = (model: CreditsReportModel): readonly ClientTypeBalance[] =>
  [...model.balances.entries()]
    .sort(([a], [b]) => byText(a, b))
    .flatMap(([clientId, types]) =>
      [...types.entries()].sort(([a], [b]) => byText(a, b)).map(([appointmentType, balance]) => ({ clientId, appointmentType, balance })),
    );

/** The clients in negative credits: they booked without credit (confirm they paid, then adjust). */
export const clientsInNegativeCredits = (model: CreditsReportModel): readonly ClientTypeBalance[] =>
  creditBalances(model).filter((b) => b.balance < 0);

export interface ExpiringCredits {
  readonly clientId: string;
  readonly appointmentType: string;
  readonly quantity: number;
  readonly expiresOn: LocalDate;
}

/** Credits whose expiry date falls in `[from, from + days)`, by date then client and type. */
export const creditsExpiringWithin = (model: CreditsReportModel, from: LocalDate, days: number): readonly ExpiringCredits[] => {
  const until = addDays(from, days);
  const totals = new Map<string, ExpiringCredits>();
  for (const [clientId, lots] of model.lots.entries()) {
    for (const lot of lots.values()) {
      if (lot.remaining <= 0 || lot.expiresOn === null || lot.expiresOn < from || lot.expiresOn >= until) continue;
      const k = `${lot.expiresOn}\u0000${clientId}\u0000${lot.appointmentType}`;
      const seen = totals.get(k);
      totals.set(k, { clientId, appointmentType: lot.appointmentType, expiresOn: lot.expiresOn, quantity: (seen?.quantity ?? 0) + lot.remaining });
    }
  }
  return [...totals.entries()].sort(([a], [b]) => byText(a, b)).map(([, v]) => v);
};

/** The movements per month and appointment type, by month then type. */
export const creditsByMonth = (model: CreditsReportModel): readonly CreditMonthTotals[] =>
  [...model.months.values()].sort((a, b) => byText(a.month, b.month) || byText(a.appointmentType, b.appointmentType));

/** A client's open lots (with credits left) as the report follows them. */
export const reportLotsOf = (model: CreditsReportModel, clientId: string): readonly (ReportLot & { readonly lot: number })[] =>
  [...(model.lots.get(clientId)?.entries() ?? [])].filter(([, l]) => l.remaining > 0).map(([lot, l]) => ({ lot, ...l }));
