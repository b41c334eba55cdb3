/**
 * The two sides of a transfer between clients (the seed's family case), each in its own
 * ledger, joined by one transfer id: the giver's debit, the receiver's credit, and the
 * reversal of the debit when the receiver declines. The receiver records a decline as a
 * fact, so a retried transfer meets the same answer; `transfer.ts` runs the three steps.
 */
import { left, right } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { isCreditLotExpired, takeCredits } from '../rules/credit-use.js';
import type { CreditsCommandOf as Cmd } from './commands.js';
import { catchUp, checkAppointmentType, checkQuantity, insufficientCredits, repayDebt, type Decision } from './decide-support.js';
import type { CreditsEvent, CreditsEventData } from './events.js';
import { effectiveCreditPolicy } from './policy.js';
import { heldByPackages, outsidePackages } from './decide-package.js';
import { creditLotPackage } from './lots.js';
import { findCreditLot, type CreditsState } from './state.js';

const toSelf = (clientId: string): DomainError =>
  domainError('TRANSFER_TO_SELF', `A transfer moves credits between two clients; "${clientId}" cannot transfer to themselves.`, {
    details: { clientId },
  });

const alreadyRecorded = (transferId: string): DomainError =>
  domainError('TRANSFER_ALREADY_RECORDED', `Transfer "${transferId}" is already in this client's credits ledger.`, {
    field: 'transferId',
    details: { transferId },
  });

const disabled = (clientId: string): DomainError =>
  domainError('CREDITS_DISABLED', `The credit system is turned off for client "${clientId}", so credits cannot be transferred.`, {
    details: { clientId },
  });

export const decideTransferOut = (c: Cmd<'TransferCreditsOut'>, state: CreditsState): Decision => {
  if (c.toClientId === c.clientId) return left(toSelf(c.clientId));
  if (!effectiveCreditPolicy(c.policy, state.overrides).enabled) return left(disabled(c.clientId));
  const error = checkAppointmentType(c.appointmentType, c.appointmentTypes) ?? checkQuantity(c.quantity, 'A transfer');
  if (error !== undefined) return left(error);
  if (state.transfers.has(c.transferId)) return left(alreadyRecorded(c.transferId));
  const now = catchUp(state, c.appointmentType, c.on);
  // A transfer gives credits outside packages only: a package's units move with the package's own transfer.
  const named = c.fromReference === undefined ? now.live : now.live.filter((l) => l.reference === c.fromReference);
  const from = outsidePackages(named).lots;
  const available = from.reduce((n, l) => n + l.remaining, 0);
  if (available < c.quantity) {
    const all = named.reduce((n, l) => n + l.remaining, 0);
    if (all >= c.quantity) return left(heldByPackages(c.appointmentType, all, available, c.quantity));
    return left(insufficientCredits(c.appointmentType, c.fromReference === undefined ? now.balance : available, c.quantity));
  }
  const expiryOf = new Map(from.map((l) => [l.lot, l.expiresOn]));
  const { taken } = takeCredits(from, c.quantity);
  const data: CreditsEventData<'CreditsTransferredOut'> = {
    transferId: c.transferId,
    toClientId: c.toClientId,
    appointmentType: c.appointmentType,
    quantity: c.quantity,
    taken: taken.map((p) => ({ lot: p.lot, quantity: p.quantity, expiresOn: expiryOf.get(p.lot) ?? null })),
    by: c.by ?? null,
    on: c.on,
  };
  return right([...now.expiries, { type: 'CreditsTransferredOut', data }]);
};

export const decideReceiveTransfer = (c: Cmd<'ReceiveCreditTransfer'>, state: CreditsState): Decision => {
  if (c.fromClientId === c.clientId) return left(toSelf(c.clientId));
  if (state.transfers.has(c.transferId)) return left(alreadyRecorded(c.transferId));
  if (c.parts.length === 0) {
    return left(domainError('INVALID_QUANTITY', 'A transfer must carry at least one credit; it has no parts.', { field: 'parts' }));
  }
  for (const part of c.parts) {
    const error = checkQuantity(part.quantity, 'Each part of a transfer', 'parts');
    if (error !== undefined) return left(error);
  }
  const quantity = c.parts.reduce((n, p) => n + p.quantity, 0);
  const refusal = !effectiveCreditPolicy(c.policy, state.overrides).enabled
    ? disabled(c.clientId)
    : checkAppointmentType(c.appointmentType, c.appointmentTypes);
  if (refusal !== undefined) {
    const declined: CreditsEvent = {
      type: 'CreditTransferDeclined',
      data: {
        transferId: c.transferId,
        fromClientId: c.fromClientId,
        appointmentType: c.appointmentType,
        quantity,
        code: refusal.code,
        reason: refusal.message,
        on: c.on,
      },
    };
    return right([declined]);
  }
  let lot = state.lastLot;
  const lots = c.parts.map((p) => ({ lot: ++lot, quantity: p.quantity, expiresOn: p.expiresOn }));
  const received: CreditsEvent = {
    type: 'CreditsTransferredIn',
    data: { transferId: c.transferId, fromClientId: c.fromClientId, appointmentType: c.appointmentType, reference: c.reference ?? c.transferId, lots, on: c.on },
  };
  return right([received, ...repayDebt(state, c.appointmentType, lots, c.on)]);
};

export const decideReverseTransfer = (c: Cmd<'ReverseCreditTransfer'>, state: CreditsState): Decision => {
  const transfer = state.transfers.get(c.transferId);
  if (transfer === undefined || transfer.direction !== 'out') {
    return left(
      domainError('UNKNOWN_TRANSFER', `Client "${c.clientId}" gave no transfer "${c.transferId}".`, {
        field: 'transferId',
        details: { transferId: c.transferId },
      }),
    );
  }
  if (transfer.reversed) {
    return left(
      domainError('TRANSFER_ALREADY_REVERSED', `Transfer "${c.transferId}" was already reversed.`, {
        field: 'transferId',
        details: { transferId: c.transferId },
      }),
    );
  }
  const type = transfer.appointmentType;
  const now = catchUp(state, type, c.on);
  const restored: { lot: number; quantity: number }[] = [];
  const expired: { lot: number; quantity: number }[] = [];
  for (const part of transfer.taken) {
    const lot = findCreditLot(state, type, part.lot);
    const back = lot !== undefined && (lot.status === 'open' || lot.status === 'exhausted') && !isCreditLotExpired(lot, c.on);
    (back ? restored : expired).push({ lot: part.lot, quantity: part.quantity });
  }
  const reversed: CreditsEvent = {
    type: 'CreditTransferReversed',
    data: { transferId: c.transferId, toClientId: transfer.toClientId, appointmentType: type, restored, expired, reason: c.reason, on: c.on },
  };
  const funded = restored.map((p) => {
    const lot = findCreditLot(state, type, p.lot);
    return { ...p, package: creditLotPackage(lot) };
  });
  return right([...now.expiries, reversed, ...repayDebt(state, type, funded, c.on)]);
};
