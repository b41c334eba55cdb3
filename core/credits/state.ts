/**
 * The state of a client's credits ledger and the fold of its events. `evolve` is cheap:
 * it copies only the small per-type working set it touches; what grows with the log
 * (bookings, closed lots, transfers) lives in persistent maps updated in O(1).
 */
import { PersistentMap } from '../values/persistent.js';
import type { CreditPolicySettings } from './policy.js';
import type { CreditsEvent, CreditsEventData } from './events.js';
import {
  emptyTypeState,
  takeFromLot,
  withLot,
  withoutLot,
  type CreditLot,
  type CreditTypeState,
  type LotStatus,
} from './lots.js';

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

export interface LotRef {
  readonly lot: number;
  readonly appointmentType: string;
}

export interface CreditsState {
  /** The client's own settings, overriding the practice's. */
  readonly overrides: CreditPolicySettings;
  readonly types: ReadonlyMap<string, CreditTypeState>;
  /** The number of the last lot granted (0 before the first). */
  readonly lastLot: number;
  readonly closedLots: PersistentMap<number, CreditLot>;
  readonly lotsByReference: PersistentMap<string, readonly LotRef[]>;
  readonly bookings: PersistentMap<string, CreditBooking>;
  /** Bookings without credit in the order they were made, keyed `debtKey(type, index)`. */
  readonly debtQueue: PersistentMap<string, string>;
  readonly transfers: PersistentMap<string, CreditTransfer>;
}

export const initialCreditsState: CreditsState = {
  overrides: {},
  types: new Map(),
  lastLot: 0,
  closedLots: PersistentMap.empty(),
  lotsByReference: PersistentMap.empty(),
  bookings: PersistentMap.empty(),
  debtQueue: PersistentMap.empty(),
  transfers: PersistentMap.empty(),
};

export const debtKey = (appointmentType: string, index: number): string => `${appointmentType}\u0000${index}`;

/** The ledger of one appointment type (empty when the client never had any). */
export const typeStateOf = (state: CreditsState, appointmentType: string): CreditTypeState =>
  state.types.get(appointmentType) ?? emptyTypeState;

/** A lot by number, open or closed. */
export const findLot = (state: CreditsState, appointmentType: string, lot: number): CreditLot | undefined =>
  typeStateOf(state, appointmentType).open.find((l) => l.lot === lot) ?? state.closedLots.get(lot);

const withType = (state: CreditsState, appointmentType: string, ts: CreditTypeState): CreditsState => {
  const types = new Map(state.types);
  types.set(appointmentType, ts);
  return { ...state, types };
};

/** Takes parts from open lots of one type, closing the lots left empty with `emptyStatus`. */
const takeParts = (
  state: CreditsState,
  appointmentType: string,
  parts: readonly { readonly lot: number; readonly quantity: number }[],
  emptyStatus: LotStatus = 'exhausted',
): CreditsState => {
  let ts = typeStateOf(state, appointmentType);
  let closedLots = state.closedLots;
  for (const part of parts) {
    const result = takeFromLot(ts, part.lot, part.quantity, emptyStatus);
    ts = result.ts;
    if (result.closed !== undefined) closedLots = closedLots.set(result.closed.lot, result.closed);
  }
  return { ...withType(state, appointmentType, ts), closedLots };
};

/** Gives credits back to a lot: to an open one, or reopening a used-up one. */
const restoreParts = (
  state: CreditsState,
  appointmentType: string,
  parts: readonly { readonly lot: number; readonly quantity: number }[],
): CreditsState => {
  let ts = typeStateOf(state, appointmentType);
  let closedLots = state.closedLots;
  for (const part of parts) {
    const open = withoutLot(ts, part.lot);
    if (open !== undefined) {
      ts = withLot(open.ts, { ...open.lot, remaining: open.lot.remaining + part.quantity });
      continue;
    }
    const closed = closedLots.get(part.lot);
    if (closed === undefined || closed.status !== 'exhausted') continue;
    closedLots = closedLots.delete(part.lot);
    ts = withLot(ts, { ...closed, remaining: part.quantity, status: 'open' });
  }
  return { ...withType(state, appointmentType, ts), closedLots };
};

/** Adds a new open lot. */
const grantLot = (state: CreditsState, lot: CreditLot): CreditsState => {
  const next = withType(state, lot.appointmentType, withLot(typeStateOf(state, lot.appointmentType), lot));
  const lotsByReference =
    lot.reference === null
      ? state.lotsByReference
      : state.lotsByReference.set(lot.reference, [
          ...(state.lotsByReference.get(lot.reference) ?? []),
          { lot: lot.lot, appointmentType: lot.appointmentType },
        ]);
  return { ...next, lastLot: Math.max(state.lastLot, lot.lot), lotsByReference };
};

/** Closes an open lot with a status (expired, voided), keeping it findable. */
const closeLot = (state: CreditsState, appointmentType: string, lotNumber: number, status: LotStatus): CreditsState => {
  const removed = withoutLot(typeStateOf(state, appointmentType), lotNumber);
  if (removed === undefined) return state;
  const closedLots = state.closedLots.set(lotNumber, { ...removed.lot, remaining: 0, status });
  return { ...withType(state, appointmentType, removed.ts), closedLots };
};

const updateBooking = (state: CreditsState, bookingId: string, change: Partial<CreditBooking>): CreditsState => {
  const booking = state.bookings.get(bookingId);
  return booking === undefined ? state : { ...state, bookings: state.bookings.set(bookingId, { ...booking, ...change }) };
};

export const evolveCredits = (state: CreditsState, event: CreditsEvent): CreditsState => {
  switch (event.type) {
    case 'CreditsGranted': {
      const d = event.data;
      return grantLot(state, {
        lot: d.lot,
        appointmentType: d.appointmentType,
        source: d.source,
        reference: d.reference,
        quantity: d.quantity,
        remaining: d.quantity,
        expiresOn: d.expiresOn,
        status: 'open',
      });
    }
    case 'CreditDebtRepaid': {
      const d = event.data;
      let next = takeParts(state, d.appointmentType, [{ lot: d.lot, quantity: d.bookingIds.length }]);
      let debtFrom = typeStateOf(next, d.appointmentType).debtFrom;
      for (const id of d.bookingIds) {
        const index = next.bookings.get(id)?.debtIndex;
        if (index !== undefined && index !== null) debtFrom = Math.max(debtFrom, index + 1);
        next = updateBooking(next, id, { lot: d.lot, owed: false, debtIndex: null });
      }
      const ts = typeStateOf(next, d.appointmentType);
      return withType(next, d.appointmentType, { ...ts, debt: ts.debt - d.bookingIds.length, debtFrom });
    }
    case 'SessionBooked': {
      const d = event.data;
      if (d.lot !== null) {
        const next = takeParts(state, d.appointmentType, [{ lot: d.lot, quantity: 1 }]);
        const booking: CreditBooking = { appointmentType: d.appointmentType, lot: d.lot, owed: false, debtIndex: null, cancelled: false };
        return { ...next, bookings: next.bookings.set(d.bookingId, booking) };
      }
      const ts = typeStateOf(state, d.appointmentType);
      const booking: CreditBooking = { appointmentType: d.appointmentType, lot: null, owed: true, debtIndex: ts.debtTo, cancelled: false };
      return {
        ...withType(state, d.appointmentType, { ...ts, debt: ts.debt + 1, debtTo: ts.debtTo + 1 }),
        bookings: state.bookings.set(d.bookingId, booking),
        debtQueue: state.debtQueue.set(debtKey(d.appointmentType, ts.debtTo), d.bookingId),
      };
    }
    case 'SessionCancelled': {
      const d = event.data;
      const next = updateBooking(state, d.bookingId, { cancelled: true });
      if (d.restore !== 'restored') return next;
      if (d.lot !== null) return restoreParts(next, d.appointmentType, [{ lot: d.lot, quantity: 1 }]);
      const ts = typeStateOf(next, d.appointmentType);
      return updateBooking(withType(next, d.appointmentType, { ...ts, debt: ts.debt - 1 }), d.bookingId, { owed: false });
    }
    case 'CreditsAdjusted': {
      const d = event.data;
      if (d.lot === null) return takeParts(state, d.appointmentType, d.taken);
      const lot: CreditLot = {
        lot: d.lot,
        appointmentType: d.appointmentType,
        source: 'manual',
        reference: null,
        quantity: d.delta,
        remaining: d.delta,
        expiresOn: d.expiresOn,
        status: 'open',
      };
      return grantLot(state, lot);
    }
    case 'CreditsExpired':
      return closeLot(state, event.data.appointmentType, event.data.lot, 'expired');
    case 'CreditsVoided':
      return closeLot(state, event.data.appointmentType, event.data.lot, 'voided');
    case 'CreditExpiryExtended': {
      const d = event.data;
      const open = withoutLot(typeStateOf(state, d.appointmentType), d.lot);
      if (open !== undefined) return withType(state, d.appointmentType, withLot(open.ts, { ...open.lot, expiresOn: d.to }));
      const closed = state.closedLots.get(d.lot);
      return closed === undefined ? state : { ...state, closedLots: state.closedLots.set(d.lot, { ...closed, expiresOn: d.to }) };
    }
    case 'CreditsRolledOver': {
      const d = event.data;
      const next = takeParts(state, d.appointmentType, d.taken, 'expired');
      if (d.lot === null) return next;
      return grantLot(next, {
        lot: d.lot,
        appointmentType: d.appointmentType,
        source: 'rollover',
        reference: d.toReference,
        quantity: d.rolled,
        remaining: d.rolled,
        expiresOn: d.expiresOn,
        status: 'open',
      });
    }
    case 'CreditsTransferredOut': {
      const d = event.data;
      const next = takeParts(state, d.appointmentType, d.taken);
      const transfer: CreditTransfer = { direction: 'out', toClientId: d.toClientId, appointmentType: d.appointmentType, taken: d.taken, reversed: false };
      return { ...next, transfers: next.transfers.set(d.transferId, transfer) };
    }
    case 'CreditsTransferredIn': {
      const d = event.data;
      let next = state;
      for (const part of d.lots) {
        next = grantLot(next, {
          lot: part.lot,
          appointmentType: d.appointmentType,
          source: 'transfer',
          reference: d.transferId,
          quantity: part.quantity,
          remaining: part.quantity,
          expiresOn: part.expiresOn,
          status: 'open',
        });
      }
      const transfer: CreditTransfer = { direction: 'in', fromClientId: d.fromClientId, appointmentType: d.appointmentType, declined: false };
      return { ...next, transfers: next.transfers.set(d.transferId, transfer) };
    }
    case 'CreditTransferDeclined': {
      const d = event.data;
      const transfer: CreditTransfer = { direction: 'in', fromClientId: d.fromClientId, appointmentType: d.appointmentType, declined: true };
      return { ...state, transfers: state.transfers.set(d.transferId, transfer) };
    }
    case 'CreditTransferReversed': {
      const d = event.data;
      const next = restoreParts(state, d.appointmentType, d.restored);
      const transfer = next.transfers.get(d.transferId);
      if (transfer === undefined || transfer.direction !== 'out') return next;
      return { ...next, transfers: next.transfers.set(d.transferId, { ...transfer, reversed: true }) };
    }
    case 'CreditSettingsAdjusted':
      return { ...state, overrides: event.data.overrides };
  }
};
