/**
 * The fold of a client's credits ledger. `evolve` is cheap: using a credit changes one
 * number; the small per-type working set is copied only when a lot opens or closes.
 */
import type { CreditsEvent } from './events.js';
import { creditLotOf, insertLot, openCreditLotOf, removeLot, type CreditLotStatus, type CreditTypeState, type OpenCreditLot } from './lots.js';
import { creditTypeStateOf, debtKey, type CreditBooking, type CreditsState } from './state.js';

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

const newBooking: CreditBooking = { appointmentType: '', lot: null, owed: false, debtIndex: null, cancelled: false, restored: false, declinedPackages: [] };

/** Puts a booking at the end of its type's debt queue: it is owed until a grant repays it. */
const owe = (s: Draft, appointmentType: string, bookingId: string): void => {
  const ts = creditTypeStateOf(s, appointmentType);
  s.types = s.types.set(appointmentType, { ...ts, debt: ts.debt + 1, debtTo: ts.debtTo + 1 });
  s.debtQueue = s.debtQueue.set(debtKey(appointmentType, ts.debtTo), bookingId);
  updateBooking(s, bookingId, { owed: true, debtIndex: ts.debtTo });
};

/** The queue index of the oldest booking still owed (the queue's end when none is). */
const firstOwed = (s: Draft, appointmentType: string, ts: CreditTypeState): number => {
  let from = ts.debtFrom;
  for (; from < ts.debtTo; from++) {
    const booking = s.bookings.get(s.debtQueue.get(debtKey(appointmentType, from)) ?? '');
    if (booking?.owed === true && booking.debtIndex === from) break;
  }
  return from;
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
    packageWaits: state.packageWaits,
  };
  switch (event.type) {
    case 'CreditsGranted': {
      const d = event.data;
      const lot = lotOf(d.lot, d.appointmentType, d.source, d.reference, d.quantity, d.expiresOn);
      grant(s, d.packageHolding === undefined ? lot : { ...lot, packageHolding: d.packageHolding });
      break;
    }
    case 'CreditDebtRepaid': {
      const d = event.data;
      take(s, d.appointmentType, [{ lot: d.lot, quantity: d.bookingIds.length }]);
      for (const id of d.bookingIds) updateBooking(s, id, { lot: d.lot, owed: false, debtIndex: null });
      setType(s, d.appointmentType, (ts) => ({ ...ts, debt: ts.debt - d.bookingIds.length, debtFrom: firstOwed(s, d.appointmentType, ts) }));
      break;
    }
    case 'SessionBooked': {
      const d = event.data;
      if (d.lot !== null) {
        take(s, d.appointmentType, [{ lot: d.lot, quantity: 1 }]);
        s.bookings = s.bookings.set(d.bookingId, { ...newBooking, appointmentType: d.appointmentType, lot: d.lot });
        break;
      }
      s.bookings = s.bookings.set(d.bookingId, { ...newBooking, appointmentType: d.appointmentType });
      owe(s, d.appointmentType, d.bookingId);
      break;
    }
    case 'SessionCancelled': {
      const d = event.data;
      updateBooking(s, d.bookingId, { cancelled: true, restored: d.restore === 'restored' });
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
    case 'PackageCreditDeclined': {
      const d = event.data;
      if (d.returned === 'restored') restore(s, d.appointmentType, [{ lot: d.fromLot, quantity: 1 }]);
      const booking = s.bookings.get(d.bookingId);
      if (booking === undefined) break;
      const declinedPackages = [...booking.declinedPackages, d.packageId];
      if (booking.cancelled) updateBooking(s, d.bookingId, { lot: null, declinedPackages });
      else if (d.lot !== null) {
        take(s, d.appointmentType, [{ lot: d.lot, quantity: 1 }]);
        updateBooking(s, d.bookingId, { lot: d.lot, declinedPackages });
      } else {
        updateBooking(s, d.bookingId, { lot: null, declinedPackages });
        owe(s, d.appointmentType, d.bookingId);
      }
      break;
    }
    case 'PackageCreditUnavailable':
    case 'PackageCreditKept': {
      const d = event.data;
      // Only a credit used up by a booking here is one the package gives back for a booking kept on it.
      if (event.type === 'PackageCreditUnavailable' && event.data.creditVoid) break;
      const waits = s.packageWaits.get(d.packageId) ?? { unavailable: 0, kept: 0 };
      s.packageWaits = s.packageWaits.set(
        d.packageId,
        event.type === 'PackageCreditKept' ? { ...waits, kept: waits.kept + 1 } : { ...waits, unavailable: waits.unavailable + 1 },
      );
      break;
    }
  }
  return s;
};
