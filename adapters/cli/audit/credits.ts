/**
 * The auditor's re-derivation of every client's credits. Each credits event of the log is
 * checked against the state of its ledger folded from the events before it — with the
 * credits decider's own `evolve` and the rules it decides by (order of use, expiry,
 * rollover) — and must be what that state implies: a grant numbers the next lot, a booking
 * takes a credit a lot still has (or is one the recorded policy let through without credit),
 * a cancellation restores what the policy and the lot allow, an expiry or a void takes
 * exactly what the lot had left, an adjustment starts from the balance the lots hold, a
 * rollover rolls `min(cap, ⌊unused × percent⌋)`, each side of a transfer matches the other.
 * After each event the balance its lots give must equal the running sum of the changes
 * recorded (what the credit history shows), and no lot holds more than it was granted.
 *
 * Pure: it holds the ledgers it folded and answers with a sentence for the first event
 * that disagrees, so the CLI can name its line.
 */
import {
  availableCredits,
  creditTypeStateOf,
  creditsClientOf,
  creditsEvents,
  evolveCredits,
  findCreditLot,
  initialCreditsState,
  isCreditLotExpired,
  openCreditLots,
  preventsBookingWithoutCredits,
  rolloverQuantity,
  takeCredits,
  type CreditLot,
  type CreditsEvent,
  type CreditsEventData,
  type CreditsState,
  type DomainEvent,
  type LocalDate,
  type RecordedEvent,
} from '../../../core/index.js';
import { debtKey } from '../../../core/credits/state.js';

type Data<T extends CreditsEvent['type']> = CreditsEventData<T>;

interface Part {
  readonly lot: number;
  readonly quantity: number;
}

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

const parts = (ps: readonly Part[]): string => (ps.length === 0 ? 'none' : ps.map((p) => `${p.quantity} from lot ${p.lot}`).join(', '));
const sameParts = (a: readonly Part[], b: readonly Part[]): boolean => a.length === b.length && a.every((p, i) => p.lot === b[i]?.lot && p.quantity === b[i]?.quantity);
const sum = (ps: readonly { readonly quantity: number }[]): number => ps.reduce((n, p) => n + p.quantity, 0);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The balance of a type by its lots: credits left in the open lots minus sessions owed. */
const lotBalance = (s: CreditsState, type: string): number => availableCredits(s, type) - creditTypeStateOf(s, type).debt;

/** The lot if it is an open lot of the type. */
const openLot = (s: CreditsState, type: string, lot: number): CreditLot | undefined => {
  const found = findCreditLot(s, type, lot);
  return found?.status === 'open' && found.appointmentType === type ? found : undefined;
};

const describeLot = (s: CreditsState, type: string, lot: number): string => {
  const found = findCreditLot(s, type, lot);
  if (found === undefined) return `lot ${lot}, which the ledger never granted`;
  if (found.appointmentType !== type) return `lot ${lot}, which holds ${found.appointmentType} credits`;
  return found.status === 'open' ? `lot ${lot}, which has ${found.remaining} left` : `lot ${lot}, which is ${found.status}`;
};

/** Parts taken from open lots of a type, each usable on `on` and holding what is taken. */
const checkTaken = (s: CreditsState, type: string, taken: readonly Part[], on: LocalDate, what: string): string | undefined => {
  const left = new Map<number, number>();
  for (const p of taken) {
    const lot = openLot(s, type, p.lot);
    if (lot === undefined) return `${what} ${p.quantity} from ${describeLot(s, type, p.lot)}`;
    if (isCreditLotExpired(lot, on)) return `${what} ${p.quantity} from lot ${p.lot}, which expired on ${lot.expiresOn ?? ''}`;
    const remaining = (left.get(p.lot) ?? lot.remaining) - p.quantity;
    if (remaining < 0) return `${what} ${p.quantity} from lot ${p.lot}, which has only ${left.get(p.lot) ?? lot.remaining} left`;
    left.set(p.lot, remaining);
  }
  return undefined;
};

/** The open lots of a type usable on `on` (what the decider draws from). */
const liveLots = (s: CreditsState, type: string, on: LocalDate): readonly CreditLot[] => openCreditLots(s, type).filter((l) => !isCreditLotExpired(l, on));

/** The oldest `n` sessions of a type booked without credit and still owed. */
const oldestOwed = (s: CreditsState, type: string, n: number): string[] => {
  const ts = creditTypeStateOf(s, type);
  const ids: string[] = [];
  for (let i = ts.debtFrom; i < ts.debtTo && ids.length < n; i++) {
    const id = s.debtQueue.get(debtKey(type, i));
    if (id !== undefined && s.bookings.get(id)?.owed === true) ids.push(id);
  }
  return ids;
};

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
    case 'CreditDebtRepaid':
    case 'CreditExpiryExtended':
    case 'CreditTransferDeclined':
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
        const owed = oldestOwed(s, d.appointmentType, d.bookingIds.length);
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
        const error = checkTaken(s, d.appointmentType, d.taken, d.on, 'transfers');
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

const checkBooking = (s: CreditsState, d: Data<'SessionBooked'>): string | undefined => {
  if (s.bookings.has(d.bookingId)) return `books "${d.bookingId}", a booking already in the ledger`;
  if (!d.policy.enabled) return `records booking "${d.bookingId}" although the policy it records has the credit system off`;
  if (d.lot !== null) return checkTaken(s, d.appointmentType, [{ lot: d.lot, quantity: 1 }], d.on, `books "${d.bookingId}" with`);
  const usable = liveLots(s, d.appointmentType, d.on);
  if (usable.length > 0) return `books "${d.bookingId}" without credit although lot ${usable[0]?.lot ?? ''} still had ${usable[0]?.remaining ?? 0}`;
  if (preventsBookingWithoutCredits(d.policy, d.channel)) return `books "${d.bookingId}" without credit through ${d.channel}, which the policy it records prevents`;
  return undefined;
};

const checkCancellation = (s: CreditsState, d: Data<'SessionCancelled'>): string | undefined => {
  const booking = s.bookings.get(d.bookingId);
  if (booking === undefined) return `cancels "${d.bookingId}", which the ledger never booked`;
  if (booking.cancelled) return `cancels "${d.bookingId}" a second time`;
  if (booking.appointmentType !== d.appointmentType || booking.lot !== d.lot) {
    return `cancels "${d.bookingId}" as a ${d.appointmentType} session from lot ${d.lot ?? 'none'}, but it was a ${booking.appointmentType} session from lot ${booking.lot ?? 'none'}`;
  }
  if (!d.policy.enabled) return `records cancellation "${d.bookingId}" although the policy it records has the credit system off`;
  const lot = booking.lot === null ? undefined : findCreditLot(s, booking.appointmentType, booking.lot);
  const expected = !d.policy.restoreOnCancel
    ? 'not_restored'
    : lot === undefined
      ? 'restored'
      : lot.status === 'voided'
        ? 'voided'
        : lot.status === 'expired' || isCreditLotExpired(lot, d.on)
          ? 'expired'
          : 'restored';
  if (expected !== d.restore) return `records the credit of "${d.bookingId}" as ${d.restore} where the policy and lot ${d.lot ?? 'none'} make it ${expected}`;
  return undefined;
};

const checkAdjustment = (s: CreditsState, d: Data<'CreditsAdjusted'>): string | undefined => {
  const balance = lotBalance(s, d.appointmentType);
  if (d.balanceBefore !== balance) return `says the ${d.appointmentType} balance was ${d.balanceBefore}, but its lots give ${balance}`;
  if (d.balanceAfter !== d.balanceBefore + d.delta || d.delta === 0) return `says ${d.balanceBefore} ${d.delta >= 0 ? '+' : '−'} ${Math.abs(d.delta)} made ${d.balanceAfter}`;
  const stale = openCreditLots(s, d.appointmentType).find((l) => isCreditLotExpired(l, d.on));
  if (stale !== undefined) return `adjusts the balance while lot ${stale.lot} had expired on ${stale.expiresOn ?? ''} without its expiry recorded`;
  if (d.delta > 0) {
    if (d.lot !== s.lastLot + 1 || d.taken.length > 0) return `adds ${d.delta} credits as lot ${d.lot ?? 'none'} where the ledger's next lot is ${s.lastLot + 1}`;
    return undefined;
  }
  if (d.lot !== null) return `removes ${-d.delta} credits but opens lot ${d.lot}`;
  const expected = takeCredits(liveLots(s, d.appointmentType, d.on), -d.delta);
  if (expected.shortfall > 0) return `removes ${-d.delta} credits where only ${-d.delta - expected.shortfall} could be taken`;
  if (!sameParts(d.taken, expected.taken)) return `takes ${parts(d.taken)} where the order of use takes ${parts(expected.taken)}`;
  return undefined;
};

const checkRollover = (s: CreditsState, d: Data<'CreditsRolledOver'>): string | undefined => {
  const lots = (s.lotsByReference.get(d.fromReference) ?? [])
    .filter((ref) => ref.appointmentType === d.appointmentType)
    .map((ref) => findCreditLot(s, ref.appointmentType, ref.lot))
    .filter((l): l is CreditLot => l !== undefined && l.status === 'open' && l.remaining > 0);
  const unused = lots.map((l) => ({ lot: l.lot, quantity: l.remaining }));
  if (!sameParts(d.taken, unused)) return `rolls over ${parts(d.taken)} from "${d.fromReference}", whose unused credits are ${parts(unused)}`;
  if (d.unused !== sum(unused)) return `counts ${d.unused} unused credits where "${d.fromReference}" has ${sum(unused)}`;
  const rolled = rolloverQuantity(d.unused, { percent: d.percent, cap: d.cap });
  if (d.rolled !== rolled || d.lapsed !== d.unused - rolled) {
    return `rolls ${d.rolled} and lapses ${d.lapsed} of ${d.unused} where ${d.percent}% capped at ${d.cap ?? 'nothing'} rolls ${rolled} and lapses ${d.unused - rolled}`;
  }
  if ((rolled > 0 ? s.lastLot + 1 : null) !== d.lot) return `puts the rolled credits in lot ${d.lot ?? 'none'} where the ledger's next lot is ${s.lastLot + 1}`;
  if (d.expiresOn !== null && d.expiresOn <= d.on) return `rolls credits over on ${d.on} into a lot that expires on ${d.expiresOn}`;
  return undefined;
};
