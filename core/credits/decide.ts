/**
 * The rules of a client's credits ledger: grants, bookings, cancellations, manual edits,
 * the expiry tick and the client's own settings. The rules on lots by reference (void,
 * extend, roll over) are in `decide-lots.ts`, the two sides of a transfer in
 * `decide-transfer.ts`.
 */
import { left, right } from 'fp-ts/lib/Either.js';
import { domainError } from '../kernel/errors.js';
import { isCreditLotExpired, takeCredits } from '../rules/credit-use.js';
import type { LocalDate } from '../values/local-date.js';
import type { CreditsCommand, CreditsCommandOf as Cmd } from './commands.js';
import {
  catchUp,
  checkAppointmentType,
  checkExpiry,
  checkQuantity,
  expiryOf,
  insufficientCredits,
  repayDebt,
  type Decision,
} from './decide-support.js';
import { decideExtendExpiry, decideRollOver, decideVoid } from './decide-lots.js';
import { decideReceiveTransfer, decideReverseTransfer, decideTransferOut } from './decide-transfer.js';
import { decideBookFromPackage, decideDeclinePackageCredit, heldByPackages, outsidePackages } from './decide-package.js';
import { creditLotPackage, packageOfCreditLot } from './lots.js';
import type { CreditsEvent, CreditRestoreOutcome } from './events.js';
import { effectiveCreditPolicy, preventsBookingWithoutCredits } from './policy.js';
import { findCreditLot, openCreditLots, type CreditsState } from './state.js';

const grant = (c: Cmd<'GrantCredits'>, state: CreditsState): Decision => {
  const error =
    checkAppointmentType(c.appointmentType, c.appointmentTypes) ??
    checkQuantity(c.quantity, 'A grant') ??
    checkExpiry(c.expiresOn, c.on);
  if (error !== undefined) return left(error);
  const lot = state.lastLot + 1;
  const granted: CreditsEvent = {
    type: 'CreditsGranted',
    data: {
      lot,
      appointmentType: c.appointmentType,
      quantity: c.quantity,
      source: c.source,
      reference: c.reference ?? null,
      expiresOn: c.expiresOn ?? null,
      on: c.on,
      by: c.by ?? null,
      note: c.note ?? null,
      ...(c.packageHolding !== undefined ? { packageHolding: c.packageHolding } : {}),
    },
  };
  const lotPackage = creditLotPackage({ source: c.source, reference: c.reference ?? null, ...(c.packageHolding !== undefined ? { packageHolding: c.packageHolding } : {}) });
  return right([granted, ...repayDebt(state, c.appointmentType, [{ lot, quantity: c.quantity, package: lotPackage }], c.on)]);
};

const book = (c: Cmd<'BookSession'>, state: CreditsState): Decision => {
  const policy = effectiveCreditPolicy(c.policy, state.overrides);
  if (!policy.enabled) return right([]);
  const error = checkAppointmentType(c.appointmentType, c.appointmentTypes);
  if (error !== undefined) return left(error);
  if (state.bookings.has(c.bookingId)) {
    return left(
      domainError('BOOKING_ALREADY_RECORDED', `Booking "${c.bookingId}" is already in this client's credits ledger.`, {
        field: 'bookingId',
        details: { bookingId: c.bookingId },
      }),
    );
  }
  const now = catchUp(state, c.appointmentType, c.on);
  const usable = c.fromReference === undefined ? now.live : now.live.filter((l) => l.reference === c.fromReference);
  const from = usable[0];
  if (from === undefined && c.fromReference !== undefined) {
    return left(
      domainError('NO_CREDITS_FROM_REFERENCE', `No ${c.appointmentType} credits are left from "${c.fromReference}".`, {
        field: 'fromReference',
        details: { appointmentType: c.appointmentType, reference: c.fromReference },
      }),
    );
  }
  if (from === undefined && preventsBookingWithoutCredits(policy, c.channel)) {
    return left(insufficientCredits(c.appointmentType, now.balance));
  }
  const booked: CreditsEvent = {
    type: 'SessionBooked',
    data: {
      bookingId: c.bookingId,
      appointmentType: c.appointmentType,
      channel: c.channel,
      lot: from?.lot ?? null,
      on: c.on,
      policy,
      ...creditLotPackage(from),
    },
  };
  return right([...now.expiries, booked]);
};

const cancel = (c: Cmd<'CancelBooking'>, state: CreditsState): Decision => {
  const policy = effectiveCreditPolicy(c.policy, state.overrides);
  if (!policy.enabled) return right([]);
  const booking = state.bookings.get(c.bookingId);
  if (booking === undefined) {
    return left(
      domainError('UNKNOWN_BOOKING', `There is no booking "${c.bookingId}" in this client's credits ledger.`, {
        field: 'bookingId',
        details: { bookingId: c.bookingId },
      }),
    );
  }
  if (booking.cancelled) {
    return left(
      domainError('BOOKING_ALREADY_CANCELLED', `Booking "${c.bookingId}" was already cancelled.`, {
        field: 'bookingId',
        details: { bookingId: c.bookingId },
      }),
    );
  }
  const type = booking.appointmentType;
  const now = catchUp(state, type, c.on);
  const lot = booking.lot === null ? undefined : findCreditLot(state, type, booking.lot);
  const restore: CreditRestoreOutcome = !policy.restoreOnCancel
    ? 'not_restored'
    : lot === undefined
      ? 'restored'
      : lot.status === 'voided'
        ? 'voided'
        : lot.status === 'expired' || isCreditLotExpired(lot, c.on)
          ? 'expired'
          : 'restored';
  const lotPackage = creditLotPackage(lot);
  const cancelled: CreditsEvent = {
    type: 'SessionCancelled',
    data: { bookingId: c.bookingId, appointmentType: type, lot: booking.lot, restore, on: c.on, policy, ...lotPackage },
  };
  const repaid = restore === 'restored' && lot !== undefined ? repayDebt(state, type, [{ lot: lot.lot, quantity: 1, package: lotPackage }], c.on) : [];
  return right([...now.expiries, cancelled, ...repaid]);
};

interface ManualChange {
  readonly clientId: string;
  readonly appointmentType: string;
  readonly on: LocalDate;
  readonly by: string;
  readonly reason: string;
  readonly expiresOn?: LocalDate;
  readonly appointmentTypes?: readonly string[];
}

const manual = (c: ManualChange, state: CreditsState, mode: 'set' | 'adjust', delta: (balance: number) => number): Decision => {
  const error = checkAppointmentType(c.appointmentType, c.appointmentTypes);
  if (error !== undefined) return left(error);
  const now = catchUp(state, c.appointmentType, c.on);
  const change = delta(now.balance);
  if (change === 0) return right(now.expiries);
  const base = {
    appointmentType: c.appointmentType,
    mode,
    delta: change,
    balanceBefore: now.balance,
    balanceAfter: now.balance + change,
    by: c.by,
    reason: c.reason,
    on: c.on,
  };
  if (change > 0) {
    const expiryError = checkExpiry(c.expiresOn, c.on);
    if (expiryError !== undefined) return left(expiryError);
    const lot = state.lastLot + 1;
    const adjusted: CreditsEvent = { type: 'CreditsAdjusted', data: { ...base, lot, expiresOn: c.expiresOn ?? null, taken: [] } };
    return right([...now.expiries, adjusted, ...repayDebt(state, c.appointmentType, [{ lot, quantity: change }], c.on)]);
  }
  if (-change > now.available) {
    return left(
      domainError(
        'INSUFFICIENT_CREDITS',
        `Only credits the client has can be removed: the ${c.appointmentType} balance is ${now.balance}, so ${-change} cannot be taken away.`,
        { details: { appointmentType: c.appointmentType, balance: now.balance, needed: -change } },
      ),
    );
  }
  const own = outsidePackages(now.live);
  if (-change > own.available) return left(heldByPackages(c.appointmentType, now.available, own.available, -change));
  const { taken } = takeCredits(own.lots, -change);
  const adjusted: CreditsEvent = { type: 'CreditsAdjusted', data: { ...base, lot: null, expiresOn: null, taken: [...taken] } };
  return right([...now.expiries, adjusted]);
};

const setBalance = (c: Cmd<'SetCreditBalance'>, state: CreditsState): Decision => {
  if (!Number.isSafeInteger(c.balance) || c.balance < 0) {
    return left(
      domainError('INVALID_BALANCE', `A balance can be set to zero or more credits; got ${c.balance}.`, {
        field: 'balance',
        details: { balance: c.balance },
      }),
    );
  }
  return manual(c, state, 'set', (balance) => c.balance - balance);
};

const adjust = (c: Cmd<'AdjustCredits'>, state: CreditsState): Decision => {
  if (!Number.isSafeInteger(c.delta) || c.delta === 0) {
    return left(
      domainError('INVALID_QUANTITY', `An adjustment must add or remove a whole number of credits; got ${c.delta}.`, {
        field: 'delta',
        details: { quantity: c.delta },
      }),
    );
  }
  return manual(c, state, 'adjust', () => c.delta);
};

/** A package's lots are left to the package: its expiry voids them. */
const expire = (c: Cmd<'ExpireCredits'>, state: CreditsState): Decision => {
  const events: CreditsEvent[] = [];
  for (const type of state.types.keys()) {
    for (const lot of openCreditLots(state, type)) {
      if (isCreditLotExpired(lot, c.on) && packageOfCreditLot(lot) === undefined) events.push(expiryOf(lot, c.on));
    }
  }
  return right(events);
};

const adjustSettings = (c: Cmd<'AdjustCreditSettings'>): Decision =>
  right([{ type: 'CreditSettingsAdjusted', data: { overrides: c.overrides, by: c.by, on: c.on } }]);

/** Answers a command with the facts it establishes, or the rule it breaks. */
export const decideCredits = (command: CreditsCommand, state: CreditsState): Decision => {
  switch (command.type) {
    case 'GrantCredits':
      return grant(command, state);
    case 'BookSession':
      return book(command, state);
    case 'BookSessionFromPackage':
      return decideBookFromPackage(command, state);
    case 'DeclinePackageCredit':
      return decideDeclinePackageCredit(command, state);
    case 'CancelBooking':
      return cancel(command, state);
    case 'SetCreditBalance':
      return setBalance(command, state);
    case 'AdjustCredits':
      return adjust(command, state);
    case 'ExpireCredits':
      return expire(command, state);
    case 'VoidCredits':
      return decideVoid(command, state);
    case 'ExtendCreditExpiry':
      return decideExtendExpiry(command, state);
    case 'RollOverCredits':
      return decideRollOver(command, state);
    case 'TransferCreditsOut':
      return decideTransferOut(command, state);
    case 'ReceiveCreditTransfer':
      return decideReceiveTransfer(command, state);
    case 'ReverseCreditTransfer':
      return decideReverseTransfer(command, state);
    case 'AdjustCreditSettings':
      return adjustSettings(command);
  }
};
