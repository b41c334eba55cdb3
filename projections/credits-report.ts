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

/** One appointment type's balance in a client's ledger. */
export interface ReportBalance {
  readonly appointmentType: string;
  readonly balance: number;
}

/** What the report follows of one client: a balance per appointment type and every lot. */
export interface ClientCreditsReport {
  /** In order of appearance. */
  readonly balances: readonly ReportBalance[];
  readonly lots: PersistentMap<number, ReportLot>;
}

export interface CreditsReportModel {
  readonly clients: PersistentMap<string, ClientCreditsReport>;
  /** Keyed `YYYY-MM` NUL `appointmentType`. */
  readonly months: PersistentMap<string, CreditMonthTotals>;
}

type Movement = Exclude<keyof CreditMonthTotals, 'month' | 'appointmentType'>;
type LotChange = { readonly lot: number; readonly by?: number; readonly set?: ReportLot; readonly expiresOn?: LocalDate; readonly empty?: true };

interface Effect {
  readonly appointmentType: string;
  readonly delta: number;
  /** The movement the event counts as, if any, and its amount. */
  readonly movement?: Movement;
  readonly amount?: number;
  /** For the rare event that counts as several movements (a package declining a credit). */
  readonly movements?: Partial<Record<Movement, number>>;
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
      return { appointmentType: d.appointmentType, delta: d.quantity, movement: 'granted', amount: d.quantity, lots: [newLot(d.appointmentType, d.lot, d.quantity, d.expiresOn)] };
    }
    case 'CreditDebtRepaid':
      return { appointmentType: event.data.appointmentType, delta: 0, lots: [{ lot: event.data.lot, by: -event.data.bookingIds.length }] };
    case 'SessionBooked':
      return { appointmentType: event.data.appointmentType, delta: -1, movement: 'used', amount: 1, lots: event.data.lot === null ? [] : [{ lot: event.data.lot, by: -1 }] };
    case 'SessionCancelled': {
      const d = event.data;
      if (d.restore !== 'restored') return undefined;
      return { appointmentType: d.appointmentType, delta: 1, movement: 'restored', amount: 1, lots: d.lot === null ? [] : [{ lot: d.lot, by: 1 }] };
    }
    case 'CreditsAdjusted': {
      const d = event.data;
      const lots = d.lot === null ? d.taken.map((p) => ({ lot: p.lot, by: -p.quantity })) : [newLot(d.appointmentType, d.lot, d.delta, d.expiresOn)];
      return { appointmentType: d.appointmentType, delta: d.delta, movement: 'adjusted', amount: d.delta, lots };
    }
    case 'CreditsExpired':
      return { appointmentType: event.data.appointmentType, delta: -event.data.quantity, movement: 'expired', amount: event.data.quantity, lots: [{ lot: event.data.lot, empty: true }] };
    case 'CreditsVoided':
      return { appointmentType: event.data.appointmentType, delta: -event.data.quantity, movement: 'voided', amount: event.data.quantity, lots: [{ lot: event.data.lot, empty: true }] };
    case 'CreditExpiryExtended':
      return { appointmentType: event.data.appointmentType, delta: 0, lots: [{ lot: event.data.lot, expiresOn: event.data.to }] };
    case 'CreditsRolledOver': {
      const d = event.data;
      const lots: LotChange[] = d.taken.map((p) => ({ lot: p.lot, by: -p.quantity }));
      if (d.lot !== null) lots.push(newLot(d.appointmentType, d.lot, d.rolled, d.expiresOn));
      return { appointmentType: d.appointmentType, delta: -d.lapsed, movement: 'expired', amount: d.lapsed, lots };
    }
    case 'CreditsTransferredOut': {
      const d = event.data;
      return { appointmentType: d.appointmentType, delta: -d.quantity, movement: 'transferredOut', amount: d.quantity, lots: d.taken.map((p) => ({ lot: p.lot, by: -p.quantity })) };
    }
    case 'CreditsTransferredIn': {
      const d = event.data;
      const quantity = sum(d.lots);
      return { appointmentType: d.appointmentType, delta: quantity, movement: 'transferredIn', amount: quantity, lots: d.lots.map((l) => newLot(d.appointmentType, l.lot, l.quantity, l.expiresOn)) };
    }
    case 'CreditTransferReversed': {
      const d = event.data;
      const quantity = sum(d.restored);
      return { appointmentType: d.appointmentType, delta: quantity, movement: 'restored', amount: quantity, lots: d.restored.map((p) => ({ lot: p.lot, by: p.quantity })) };
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

// Lots are built field by field (a spread is slower here, and this runs for most events).
const applyLot = (lots: PersistentMap<number, ReportLot>, change: LotChange): PersistentMap<number, ReportLot> => {
  if (change.set !== undefined) return lots.set(change.lot, change.set);
  const lot = lots.get(change.lot);
  if (lot === undefined) return lots;
  const { appointmentType, remaining, expiresOn } = lot;
  if (change.empty === true) return lots.set(change.lot, { appointmentType, remaining: 0, expiresOn });
  if (change.expiresOn !== undefined) return lots.set(change.lot, { appointmentType, remaining, expiresOn: change.expiresOn });
  return lots.set(change.lot, { appointmentType, remaining: remaining + (change.by ?? 0), expiresOn });
};

const NO_LOTS: PersistentMap<number, ReportLot> = PersistentMap.empty();
const NEW_CLIENT: ClientCreditsReport = { balances: [], lots: NO_LOTS };

/** The balances with `delta` added to one type's (a new type goes last). */
const withDelta = (balances: readonly ReportBalance[], appointmentType: string, delta: number): readonly ReportBalance[] => {
  const next = balances.slice();
  for (let i = 0; i < next.length; i++) {
    const b = next[i] as ReportBalance;
    if (b.appointmentType === appointmentType) {
      next[i] = { appointmentType, balance: b.balance + delta };
      return next;
    }
  }
  next.push({ appointmentType, balance: delta });
  return next;
};

/** A month's totals with the effect's movements added, built field by field. */
const withMovements = (t: CreditMonthTotals, effect: Effect): CreditMonthTotals => {
  const m = effect.movements;
  const add = (movement: Movement): number => t[movement] + (effect.movement === movement ? (effect.amount ?? 0) : 0) + (m?.[movement] ?? 0);
  return {
    month: t.month,
    appointmentType: t.appointmentType,
    granted: add('granted'),
    used: add('used'),
    restored: add('restored'),
    expired: add('expired'),
    voided: add('voided'),
    transferredIn: add('transferredIn'),
    transferredOut: add('transferredOut'),
    adjusted: add('adjusted'),
  };
};

// One lookup per client and one per month (the client's balances and lots live together):
// the fold's cost per event is its map lookups.
const apply = (model: CreditsReportModel, event: RecordedEvent<DomainEvent>): CreditsReportModel => {
  const clientId = creditsClientOf(event.streamName);
  if (clientId === undefined || !creditsEvents.is(event)) return model;
  const effect = effectOf(event);
  if (effect === undefined) return model;
  const type = effect.appointmentType;
  const client = model.clients.get(clientId) ?? NEW_CLIENT;
  let lots = client.lots;
  for (const change of effect.lots) lots = applyLot(lots, change);
  const month = monthOf(event.data.on);
  const monthKey = `${month}\u0000${type}`;
  let months = model.months;
  if (effect.movement !== undefined || effect.movements !== undefined) {
    months = months.set(monthKey, withMovements(months.get(monthKey) ?? emptyMonth(month, type), effect));
  } else if (!months.has(monthKey)) {
    months = months.set(monthKey, emptyMonth(month, type));
  }
  return { clients: model.clients.set(clientId, { balances: withDelta(client.balances, type, effect.delta), lots }), months };
};

export const creditsReportProjection: Projection<DomainEvent, CreditsReportModel> = {
  name: 'credits-report',
  initial: { clients: PersistentMap.empty(), months: PersistentMap.empty() },
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
  [...model.clients.entries()]
    .sort(([a], [b]) => byText(a, b))
    .flatMap(([clientId, client]) =>
      [...client.balances].sort((a, b) => byText(a.appointmentType, b.appointmentType)).map(({ appointmentType, balance }) => ({ clientId, appointmentType, balance })),
    );

/** A client's balance per appointment type, by type. */
export const clientBalances = (model: CreditsReportModel, clientId: string): readonly ReportBalance[] =>
  [...(model.clients.get(clientId)?.balances ?? [])].sort((a, b) => byText(a.appointmentType, b.appointmentType));

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
  for (const [clientId, client] of model.clients.entries()) {
    for (const lot of client.lots.values()) {
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
  [...(model.clients.get(clientId)?.lots.entries() ?? [])].filter(([, l]) => l.remaining > 0).map(([lot, l]) => ({ lot, ...l }));
