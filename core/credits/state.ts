/**
 * The state of a client's credits ledger and the fold of its events. `evolve` is cheap:
 * everything that grows with the log (bookings, lots, transfers) lives in persistent maps
 * updated in O(1); using a credit changes one number; the small per-type working set is
 * copied only when a lot opens or closes.
 */
import { PersistentMap } from '../values/persistent.js';
import type { CreditPolicySettings } from './policy.js';
import type { CreditsEvent, CreditsEventData } from './events.js';
import { creditLotOf, emptyCreditTypeState, insertLot, openCreditLotOf, removeLot, type CreditLot, type CreditTypeState, type CreditLotStatus, type OpenCreditLot } from './lots.js';

/** A booked session as the ledger remembers it. */
export interface CreditBooking {
  readonly appointmentType: string;
  /** The lot its credit came from (set when a later grant repaid a booking without credit). */
  readonly lot: number | null;
  /** Booked without credit and neither repaid nor forgiven yet. */
  readonly owed: boolean;
  readonly debtIndex: number | null;
  readonly cancelled: boolean;
}

export type CreditTransfer =
  | {
      readonly direction: 'out';
      readonly toClientId: string;
      readonly appointmentType: string;
      readonly taken: CreditsEventData<'CreditsTransferredOut'>['taken'];
      readonly reversed: boolean;
    }
  | { readonly direction: 'in'; readonly fromClientId: string; readonly appointmentType: string; readonly declined: boolean };

export interface CreditLotRef {
  readonly lot: number;
  readonly appointmentType: string;
}

export interface CreditsState {
  /** The client's own settings, overriding the practice's. */
  readonly overrides: CreditPolicySettings;
  readonly types: PersistentMap<string, CreditTypeState>;
  /** Credits left in each open lot. */
  readonly remaining: PersistentMap<number, number>;
  /** The number of the last lot granted (0 before the first). */
  readonly lastLot: number;
  readonly closedLots: PersistentMap<number, CreditLot>;
  readonly lotsByReference: PersistentMap<string, readonly CreditLotRef[]>;
  readonly bookings: PersistentMap<string, CreditBooking>;
  /** Bookings without credit in the order they were made, keyed `debtKey(type, index)`. */
  readonly debtQueue: PersistentMap<string, string>;
  readonly transfers: PersistentMap<string, CreditTransfer>;
}

export const initialCreditsState: CreditsState = {
  overrides: {},
  types: PersistentMap.empty(),
  remaining: PersistentMap.empty(),
  lastLot: 0,
  closedLots: PersistentMap.empty(),
  lotsByReference: PersistentMap.empty(),
  bookings: PersistentMap.empty(),
  debtQueue: PersistentMap.empty(),
  transfers: PersistentMap.empty(),
};

export const debtKey = (appointmentType: string, index: number): string => `${appointmentType}\u0000${index}`;

/** The ledger of one appointment type (empty when the client never had any). */
export const creditTypeStateOf = (state: CreditsState, appointmentType: string): CreditTypeState =>
  state.types.get(appointmentType) ?? emptyCreditTypeState;

const asOpen = (state: CreditsState, lot: OpenCreditLot): CreditLot => creditLotOf(lot, state.remaining.get(lot.lot) ?? 0, 'open');

/** Credits left in the open lots of a type. */
export const availableCredits = (state: CreditsState, appointmentType: string): number => {
  let available = 0;
  for (const lot of creditTypeStateOf(state, appointmentType).open) available += state.remaining.get(lot.lot) ?? 0;
  return available;
};

/** The open lots of a type with their credits left, in the order of use. */
export const openCreditLots = (state: CreditsState, appointmentType: string): readonly CreditLot[] =>
  creditTypeStateOf(state, appointmentType).open.map((lot) => asOpen(state, lot));

/** A lot by number, open or closed. */
export const findCreditLot = (state: CreditsState, appointmentType: string, lot: number): CreditLot | undefined => {
  const open = creditTypeStateOf(state, appointmentType).open.find((l) => l.lot === lot);
  return open !== undefined ? asOpen(state, open) : state.closedLots.get(lot);
};

/** A copy of the state whose fields the fold replaces (the persistent values in it never change). */
type Draft = { -readonly [K in keyof CreditsState]: CreditsState[K] };

const setType = (s: Draft, appointmentType: string, change: (ts: CreditTypeState) => CreditTypeState): void => {
  s.types = s.types.set(appointmentType, change(creditTypeStateOf(s, appointmentType)));
};

/** Takes credits from open lots of one type; a lot left empty closes with `emptyStatus`. */
const take = (s: Draft, appointmentType: string, parts: readonly { readonly lot: number; readonly quantity: number }[], emptyStatus: CreditLotStatus = 'exhausted'): void => {
  const ts = creditTypeStateOf(s, appointmentType);
  let open = ts.open;
  for (const part of parts) {
    const left = s.remaining.get(part.lot);
    if (left === undefined) continue;
    if (left - part.quantity > 0) {
      s.remaining = s.remaining.set(part.lot, left - part.quantity);
      continue;
    }
    const lot = open.find((l) => l.lot === part.lot);
    open = removeLot(open, part.lot);
    s.remaining = s.remaining.delete(part.lot);
    if (lot !== undefined) s.closedLots = s.closedLots.set(part.lot, creditLotOf(lot, 0, emptyStatus));
  }
  if (open !== ts.open) s.types = s.types.set(appointmentType, { open, debt: ts.debt, debtFrom: ts.debtFrom, debtTo: ts.debtTo });
};

/** Gives credits back to lots: to open ones, or reopening used-up ones. */
const restore = (s: Draft, appointmentType: string, parts: readonly { readonly lot: number; readonly quantity: number }[]): void => {
  for (const part of parts) {
    const left = s.remaining.get(part.lot);
    if (left !== undefined) {
      s.remaining = s.remaining.set(part.lot, left + part.quantity);
      continue;
    }
    const closed = s.closedLots.get(part.lot);
    if (closed === undefined || closed.status !== 'exhausted') continue;
    s.closedLots = s.closedLots.delete(part.lot);
    open(s, openCreditLotOf(closed), part.quantity);
  }
};

/** Puts a lot in the working set with `quantity` credits left. */
const open = (s: Draft, lot: OpenCreditLot, quantity: number): void => {
  s.remaining = s.remaining.set(lot.lot, quantity);
  setType(s, lot.appointmentType, (ts) => ({ ...ts, open: insertLot(ts.open, lot) }));
};

/** Adds a newly granted lot. */
const grant = (s: Draft, lot: OpenCreditLot): void => {
  open(s, lot, lot.quantity);
  s.lastLot = Math.max(s.lastLot, lot.lot);
  if (lot.reference !== null) {
    const refs = s.lotsByReference.get(lot.reference) ?? [];
    s.lotsByReference = s.lotsByReference.set(lot.reference, [...refs, { lot: lot.lot, appointmentType: lot.appointmentType }]);
  }
};

/** Closes an open lot with a status (expired, voided), keeping it findable. */
const close = (s: Draft, appointmentType: string, lotNumber: number, status: CreditLotStatus): void => {
  const left = s.remaining.get(lotNumber);
  const lot = creditTypeStateOf(s, appointmentType).open.find((l) => l.lot === lotNumber);
  if (left === undefined || lot === undefined) return;
  s.remaining = s.remaining.delete(lotNumber);
  s.closedLots = s.closedLots.set(lotNumber, creditLotOf(lot, 0, status));
  setType(s, appointmentType, (ts) => ({ ...ts, open: removeLot(ts.open, lotNumber) }));
};

const updateBooking = (s: Draft, bookingId: string, change: Partial<CreditBooking>): void => {
  const booking = s.bookings.get(bookingId);
  if (booking !== undefined) s.bookings = s.bookings.set(bookingId, { ...booking, ...change });
};

const lotOf = (lot: number, appointmentType: string, source: OpenCreditLot['source'], reference: string | null, quantity: number, expiresOn: OpenCreditLot['expiresOn']): OpenCreditLot => ({
  lot,
  appointmentType,
  source,
  reference,
  quantity,
  expiresOn,
});

export const evolveCredits = (state: CreditsState, event: CreditsEvent): CreditsState => {
  const s: Draft = {
    overrides: state.overrides,
    types: state.types,
    remaining: state.remaining,
    lastLot: state.lastLot,
    closedLots: state.closedLots,
    lotsByReference: state.lotsByReference,
    bookings: state.bookings,
    debtQueue: state.debtQueue,
    transfers: state.transfers,
  };
  switch (event.type) {
    case 'CreditsGranted': {
      const d = event.data;
      grant(s, lotOf(d.lot, d.appointmentType, d.source, d.reference, d.quantity, d.expiresOn));
      break;
    }
    case 'CreditDebtRepaid': {
      const d = event.data;
      take(s, d.appointmentType, [{ lot: d.lot, quantity: d.bookingIds.length }]);
      let debtFrom = creditTypeStateOf(s, d.appointmentType).debtFrom;
      for (const id of d.bookingIds) {
        const index = s.bookings.get(id)?.debtIndex;
        if (index !== undefined && index !== null) debtFrom = Math.max(debtFrom, index + 1);
        updateBooking(s, id, { lot: d.lot, owed: false, debtIndex: null });
      }
      setType(s, d.appointmentType, (ts) => ({ ...ts, debt: ts.debt - d.bookingIds.length, debtFrom }));
      break;
    }
    case 'SessionBooked': {
      const d = event.data;
      if (d.lot !== null) {
        take(s, d.appointmentType, [{ lot: d.lot, quantity: 1 }]);
        s.bookings = s.bookings.set(d.bookingId, { appointmentType: d.appointmentType, lot: d.lot, owed: false, debtIndex: null, cancelled: false });
        break;
      }
      const ts = creditTypeStateOf(s, d.appointmentType);
      s.types = s.types.set(d.appointmentType, { ...ts, debt: ts.debt + 1, debtTo: ts.debtTo + 1 });
      s.bookings = s.bookings.set(d.bookingId, { appointmentType: d.appointmentType, lot: null, owed: true, debtIndex: ts.debtTo, cancelled: false });
      s.debtQueue = s.debtQueue.set(debtKey(d.appointmentType, ts.debtTo), d.bookingId);
      break;
    }
    case 'SessionCancelled': {
      const d = event.data;
      updateBooking(s, d.bookingId, { cancelled: true });
      if (d.restore !== 'restored') break;
      if (d.lot !== null) restore(s, d.appointmentType, [{ lot: d.lot, quantity: 1 }]);
      else {
        setType(s, d.appointmentType, (ts) => ({ ...ts, debt: ts.debt - 1 }));
        updateBooking(s, d.bookingId, { owed: false });
      }
      break;
    }
    case 'CreditsAdjusted': {
      const d = event.data;
      if (d.lot === null) take(s, d.appointmentType, d.taken);
      else grant(s, lotOf(d.lot, d.appointmentType, 'manual', null, d.delta, d.expiresOn));
      break;
    }
    case 'CreditsExpired':
      close(s, event.data.appointmentType, event.data.lot, 'expired');
      break;
    case 'CreditsVoided':
      close(s, event.data.appointmentType, event.data.lot, 'voided');
      break;
    case 'CreditExpiryExtended': {
      const d = event.data;
      const lot = creditTypeStateOf(s, d.appointmentType).open.find((l) => l.lot === d.lot);
      if (lot !== undefined) {
        setType(s, d.appointmentType, (ts) => ({ ...ts, open: insertLot(removeLot(ts.open, d.lot), { ...lot, expiresOn: d.to }) }));
        break;
      }
      const closed = s.closedLots.get(d.lot);
      if (closed !== undefined) s.closedLots = s.closedLots.set(d.lot, { ...closed, expiresOn: d.to });
      break;
    }
    case 'CreditsRolledOver': {
      const d = event.data;
      take(s, d.appointmentType, d.taken, 'expired');
      if (d.lot !== null) grant(s, lotOf(d.lot, d.appointmentType, 'rollover', d.toReference, d.rolled, d.expiresOn));
      break;
    }
    case 'CreditsTransferredOut': {
      const d = event.data;
      take(s, d.appointmentType, d.taken);
      s.transfers = s.transfers.set(d.transferId, { direction: 'out', toClientId: d.toClientId, appointmentType: d.appointmentType, taken: d.taken, reversed: false });
      break;
    }
    case 'CreditsTransferredIn': {
      const d = event.data;
      for (const part of d.lots) grant(s, lotOf(part.lot, d.appointmentType, 'transfer', d.reference, part.quantity, part.expiresOn));
      s.transfers = s.transfers.set(d.transferId, { direction: 'in', fromClientId: d.fromClientId, appointmentType: d.appointmentType, declined: false });
      break;
    }
    case 'CreditTransferDeclined': {
      const d = event.data;
      s.transfers = s.transfers.set(d.transferId, { direction: 'in', fromClientId: d.fromClientId, appointmentType: d.appointmentType, declined: true });
      break;
    }
    case 'CreditTransferReversed': {
      const d = event.data;
      restore(s, d.appointmentType, d.restored);
      const transfer = s.transfers.get(d.transferId);
      if (transfer?.direction === 'out') s.transfers = s.transfers.set(d.transferId, { ...transfer, reversed: true });
      break;
    }
    case 'CreditSettingsAdjusted':
      s.overrides = event.data.overrides;
      break;
  }
  return s;
};
