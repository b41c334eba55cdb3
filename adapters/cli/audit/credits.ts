/**
 * The auditor's re-derivation of every client's credits. Each credits event of the log is
 * checked against the state of its ledger folded from the events before it — with the
 * credits decider's own `evolve` and the rules it decides by (order of use, expiry,
 * rollover) — and must be what that state implies: a grant numbers the next lot, a booking
 * takes a credit a lot still has (or is one the recorded policy let through without credit),
 * a cancellation restores what the policy and the lot allow, an expiry or a void takes
 * exactly what the lot had left, an adjustment starts from the balance the lots hold, a
 * rollover rolls `min(cap, ⌊unused × percent⌋)`, each side of a transfer matches the other,
 * a package's lot is used and restored naming the package and never ended by the ledger.
 * After each event the balance its lots give must equal the running sum of the changes
 * recorded (what the credit history shows), and no lot holds more than it was granted.
 *
 * Pure: it holds the ledgers it folded and answers with a sentence for the first event
 * that disagrees, so the CLI can name its line.
 */
import {
  creditTypeStateOf,
  creditsClientOf,
  creditsEvents,
  evolveCredits,
  findCreditLot,
  initialCreditsState,
  isCreditLotExpired,
  openCreditLots,
  type CreditsEvent,
  type CreditsEventData,
  type CreditsState,
  type DomainEvent,
  type RecordedEvent,
} from '../../../core/index.js';
import { packageOfCreditLot } from '../../../core/credits/lots.js';
import {
  checkAdjustment,
  checkBooking,
  checkCancellation,
  checkDecline,
  checkKept,
  checkPackageNamed,
  checkRollover,
  checkTaken,
  checkUnavailable,
  describeLot,
  lotBalance,
  oldestOwed,
  openLot,
  parts,
  sameParts,
  sum,
} from './credit-rules.js';

type Data<T extends CreditsEvent['type']> = CreditsEventData<T>;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface TransferSeen {
  readonly fromClientId: string;
  readonly toClientId: string;
  readonly appointmentType: string;
  readonly parts: Data<'CreditsTransferredOut'>['taken'];
  readonly line: number;
  settled: boolean;
}

/** What the audit re-derived. */
export interface CreditsAuditSummary {
  /** Clients with a credits ledger. */
  readonly clients: number;
  /** Credits events checked. */
  readonly events: number;
  /** Transfers between clients matched side to side. */
  readonly transfers: number;
  /** Every client's balance per appointment type, clients and types in name order. */
  readonly balances: readonly { readonly clientId: string; readonly appointmentType: string; readonly balance: number; readonly openLots: number }[];
}

/** An event that disagrees with the ledger before it, and why (a sentence without its subject: "books from lot 3, …"). */
export interface CreditsFinding {
  readonly line: number;
  readonly reason: string;
}

export interface CreditsAuditor {
  /** Checks one event of the log (events of other streams are passed over) and folds it; a disagreement is returned. */
  readonly check: (event: RecordedEvent<DomainEvent>, line: number) => string | undefined;
  /** After the last event: a transfer debited but never credited nor undone. */
  readonly finish: () => CreditsFinding | undefined;
  readonly summary: () => CreditsAuditSummary;
}

/** The change of each appointment type's balance an event records (what the credit history adds up). */
const recordedChanges = (event: CreditsEvent, s: CreditsState): readonly (readonly [string, number])[] => {
  switch (event.type) {
    case 'CreditsGranted':
      return [[event.data.appointmentType, event.data.quantity]];
    case 'SessionBooked':
      return [[event.data.appointmentType, -1]];
    case 'SessionCancelled':
      return [[event.data.appointmentType, event.data.restore === 'restored' ? 1 : 0]];
    case 'CreditsAdjusted':
      return [[event.data.appointmentType, event.data.delta]];
    case 'CreditsExpired':
    case 'CreditsVoided':
      return [[event.data.appointmentType, -event.data.quantity]];
    case 'CreditsRolledOver':
      return [[event.data.appointmentType, -event.data.lapsed]];
    case 'CreditsTransferredOut':
      return [[event.data.appointmentType, -event.data.quantity]];
    case 'CreditsTransferredIn':
      return [[event.data.appointmentType, sum(event.data.lots)]];
    case 'CreditTransferReversed':
      return [[event.data.appointmentType, sum(event.data.restored)]];
    case 'PackageCreditDeclined':
      return [[event.data.appointmentType, (event.data.returned === 'restored' ? 1 : 0) - (event.data.lot !== null || event.data.owed ? 1 : 0)]];
    case 'CreditDebtRepaid':
    case 'CreditExpiryExtended':
    case 'CreditTransferDeclined':
    case 'PackageCreditKept':
    case 'PackageCreditUnavailable':
      return [[event.data.appointmentType, 0]];
    case 'CreditSettingsAdjusted':
      return [...s.types.keys()].map((type) => [type, 0] as const);
  }
};

export const createCreditsAuditor = (): CreditsAuditor => {
  const ledgers = new Map<string, CreditsState>();
  const running = new Map<string, number>();
  const transfers = new Map<string, TransferSeen>();
  let events = 0;
  let matched = 0;

  const checkEvent = (clientId: string, s: CreditsState, event: CreditsEvent, line: number): string | undefined => {
    switch (event.type) {
      case 'CreditsGranted': {
        const d = event.data;
        if (d.lot !== s.lastLot + 1) return `grants lot ${d.lot} where the ledger's next lot is ${s.lastLot + 1}`;
        if (d.expiresOn !== null && d.expiresOn <= d.on) return `grants credits on ${d.on} that expire on ${d.expiresOn}, not after the day they are given`;
        return undefined;
      }
      case 'CreditDebtRepaid': {
        const d = event.data;
        const lot = openLot(s, d.appointmentType, d.lot);
        if (lot === undefined || lot.remaining < d.bookingIds.length) return `repays ${d.bookingIds.length} sessions from ${describeLot(s, d.appointmentType, d.lot)}`;
        const named = checkPackageNamed(s, d.appointmentType, d.lot, d, 'repays sessions and');
        if (named !== undefined) return named;
        const owed = oldestOwed(s, d.appointmentType, d.bookingIds.length, d.packageId);
        if (owed.join() !== d.bookingIds.join()) return `repays ${d.bookingIds.join(', ')} where the oldest sessions owed are ${owed.join(', ') || 'none'}`;
        return undefined;
      }
      case 'SessionBooked':
        return checkBooking(s, event.data);
      case 'SessionCancelled':
        return checkCancellation(s, event.data);
      case 'CreditsAdjusted':
        return checkAdjustment(s, event.data);
      case 'CreditsExpired': {
        const d = event.data;
        const lot = openLot(s, d.appointmentType, d.lot);
        if (lot === undefined) return `expires ${d.quantity} of ${describeLot(s, d.appointmentType, d.lot)}`;
        if (lot.remaining !== d.quantity) return `expires ${d.quantity} credits of lot ${d.lot}, which has ${lot.remaining} left`;
        if (packageOfCreditLot(lot) !== undefined) return `expires lot ${d.lot}, which holds the units of package ${lot.reference ?? ''}: only the package ends them`;
        if (lot.expiresOn === null || lot.expiresOn !== d.expiresOn || lot.expiresOn > d.on) {
          return `expires lot ${d.lot} on ${d.on} as of ${d.expiresOn}, but the lot ${lot.expiresOn === null ? 'never expires' : `expires on ${lot.expiresOn}`}`;
        }
        return undefined;
      }
      case 'CreditsVoided': {
        const d = event.data;
        const lot = openLot(s, d.appointmentType, d.lot);
        if (lot === undefined) return `voids ${d.quantity} of ${describeLot(s, d.appointmentType, d.lot)}`;
        if (lot.remaining !== d.quantity) return `voids ${d.quantity} credits of lot ${d.lot}, which has ${lot.remaining} left`;
        if (lot.reference !== d.reference) return `voids lot ${d.lot} as granted by "${d.reference}", but it was granted by "${lot.reference ?? 'nothing'}"`;
        return undefined;
      }
      case 'CreditExpiryExtended': {
        const d = event.data;
        const lot = findCreditLot(s, d.appointmentType, d.lot);
        if (lot === undefined || lot.appointmentType !== d.appointmentType || (lot.status !== 'open' && lot.status !== 'exhausted')) {
          return `extends the expiry of ${describeLot(s, d.appointmentType, d.lot)}`;
        }
        if (lot.reference !== d.reference) return `extends lot ${d.lot} as granted by "${d.reference}", but it was granted by "${lot.reference ?? 'nothing'}"`;
        if (lot.expiresOn !== d.from || d.to <= d.from) return `moves the expiry of lot ${d.lot} from ${d.from} to ${d.to}, but the lot expires on ${lot.expiresOn ?? 'no date'}`;
        return undefined;
      }
      case 'CreditsRolledOver':
        return checkRollover(s, event.data);
      case 'CreditsTransferredOut': {
        const d = event.data;
        if (s.transfers.has(d.transferId)) return `gives transfer "${d.transferId}", which the ledger already holds`;
        if (sum(d.taken) !== d.quantity) return `transfers ${d.quantity} credits but takes ${sum(d.taken)}`;
        const error = checkTaken(s, d.appointmentType, d.taken, d.on, 'transfers', false);
        if (error !== undefined) return error;
        const wrongDate = d.taken.find((p) => openLot(s, d.appointmentType, p.lot)?.expiresOn !== p.expiresOn);
        if (wrongDate !== undefined) return `transfers lot ${wrongDate.lot} as expiring on ${wrongDate.expiresOn ?? 'no date'}, which is not the lot's expiry`;
        transfers.set(d.transferId, { fromClientId: clientId, toClientId: d.toClientId, appointmentType: d.appointmentType, parts: d.taken, line, settled: false });
        return undefined;
      }
      case 'CreditsTransferredIn': {
        const d = event.data;
        const out = transfers.get(d.transferId);
        if (out === undefined || out.toClientId !== clientId || out.fromClientId !== d.fromClientId) return `receives transfer "${d.transferId}", which ${d.fromClientId} never gave to this client`;
        if (out.settled) return `receives transfer "${d.transferId}" a second time`;
        if (out.appointmentType !== d.appointmentType) return `receives transfer "${d.transferId}" as ${d.appointmentType} credits, but ${out.appointmentType} credits were given`;
        const given = out.parts.map((p) => `${p.quantity}/${p.expiresOn ?? '-'}`).join();
        if (d.lots.map((p) => `${p.quantity}/${p.expiresOn ?? '-'}`).join() !== given) return `receives transfer "${d.transferId}" in other quantities or expiries than were given`;
        const wrongLot = d.lots.findIndex((p, i) => p.lot !== s.lastLot + 1 + i);
        if (wrongLot >= 0) return `numbers a received lot ${d.lots[wrongLot]?.lot ?? ''} where the ledger's next lot is ${s.lastLot + 1 + wrongLot}`;
        out.settled = true;
        matched++;
        return undefined;
      }
      case 'CreditTransferDeclined': {
        const d = event.data;
        const out = transfers.get(d.transferId);
        if (out === undefined || out.toClientId !== clientId || sum(out.parts) !== d.quantity) return `declines transfer "${d.transferId}", which ${d.fromClientId} never gave to this client`;
        return undefined;
      }
      case 'CreditTransferReversed': {
        const d = event.data;
        const given = s.transfers.get(d.transferId);
        const out = transfers.get(d.transferId);
        if (given?.direction !== 'out' || given.reversed || out === undefined) return `undoes transfer "${d.transferId}", which this client did not give or already undid`;
        if (out.settled) return `undoes transfer "${d.transferId}", which its receiver was credited with`;
        const back = [...d.restored, ...d.expired].sort((a, b) => a.lot - b.lot);
        const taken = given.taken.map((p) => ({ lot: p.lot, quantity: p.quantity })).sort((a, b) => a.lot - b.lot);
        if (!sameParts(back, taken)) return `undoes transfer "${d.transferId}" with ${parts(back)}, but it took ${parts(taken)}`;
        for (const p of d.restored) {
          const lot = findCreditLot(s, d.appointmentType, p.lot);
          if (lot === undefined || (lot.status !== 'open' && lot.status !== 'exhausted') || isCreditLotExpired(lot, d.on)) {
            return `gives ${p.quantity} back to ${describeLot(s, d.appointmentType, p.lot)}`;
          }
        }
        out.settled = true;
        matched++;
        return undefined;
      }
      case 'CreditSettingsAdjusted':
        return undefined;
      case 'PackageCreditDeclined':
        return checkDecline(s, event.data);
      case 'PackageCreditKept':
        return checkKept(s, event.data);
      case 'PackageCreditUnavailable':
        return checkUnavailable(event.data);
    }
  };

  const check = (event: RecordedEvent<DomainEvent>, line: number): string | undefined => {
    const clientId = creditsClientOf(event.streamName);
    if (clientId === undefined) return undefined;
    if (!creditsEvents.is(event)) return `is a ${event.type} event, which has no place in a credits ledger`;
    events++;
    const before = ledgers.get(clientId) ?? initialCreditsState;
    const wrong = checkEvent(clientId, before, event, line);
    if (wrong !== undefined) return wrong;
    const after = evolveCredits(before, event);
    ledgers.set(clientId, after);
    for (const [type, change] of recordedChanges(event, before)) {
      const key = `${clientId}\u0000${type}`;
      const total = (running.get(key) ?? 0) + change;
      running.set(key, total);
      const byLots = lotBalance(after, type);
      if (byLots !== total) return `leaves the ${type} balance at ${byLots} by its lots, but the changes recorded so far add up to ${total}`;
      for (const lot of openCreditLots(after, type)) {
        if (lot.remaining < 1 || lot.remaining > lot.quantity) return `leaves lot ${lot.lot} with ${lot.remaining} of the ${lot.quantity} credits it was granted`;
      }
      if (creditTypeStateOf(after, type).debt < 0) return `leaves fewer than zero ${type} sessions owed`;
    }
    return undefined;
  };

  return {
    check,
    finish: () => {
      for (const [id, t] of transfers) {
        if (!t.settled) return { line: t.line, reason: `gives transfer "${id}" to ${t.toClientId}, who was never credited, and it was never undone` };
      }
      return undefined;
    },
    summary: () => ({
      clients: ledgers.size,
      events,
      transfers: matched,
      balances: [...ledgers.keys()].sort(byText).flatMap((clientId) => {
        const s = ledgers.get(clientId) ?? initialCreditsState;
        return [...s.types.keys()].sort(byText).map((appointmentType) => ({
          clientId,
          appointmentType,
          balance: lotBalance(s, appointmentType),
          openLots: openCreditLots(s, appointmentType).length,
        }));
      }),
    }),
  };
};
