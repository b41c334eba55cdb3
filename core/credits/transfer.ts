/**
 * A transfer of credits between two clients spans two ledgers, so it runs as three
 * commands with ids derived from the transfer id — the giver's debit, the receiver's
 * credit, and, if the receiver declines, the reversal of the debit:
 *
 *   deriveId(transferId, 'debit' | 'credit' | 'compensate')
 *
 * Each step is applied at most once (the command handler skips a command id it has seen
 * and returns the events it produced then), and the receiver records a decline as a fact.
 * So running `transferCredits` again after a crash at any point, or twice at once, ends
 * with both sides or neither: never a debit without its credit or its reversal.
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type { CommandContext, CommandHandler, CommandResult } from '../kernel/command-handler.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { deriveId } from '../values/ids.js';
import type { LocalDate } from '../values/local-date.js';
import type { CreditsCommand } from './commands.js';
import type { CreditsEvent } from './events.js';
import type { CreditPolicySettings } from './policy.js';

export interface CreditTransferRequest {
  /** Minted once per intended transfer; retries use the same id. */
  readonly transferId: string;
  readonly fromClientId: string;
  readonly toClientId: string;
  readonly appointmentType: string;
  readonly quantity: number;
  readonly on: LocalDate;
  /** The provider who made the transfer. */
  readonly by?: string;
  /** The practice's credit settings. @defaultValue the defaults of `CreditPolicy` */
  readonly policy?: CreditPolicySettings;
  /** The practice's appointment types. @defaultValue any type is accepted */
  readonly appointmentTypes?: readonly string[];
  /** Give only credits granted by this reference (a package being transferred). @defaultValue any lot, in the order of use */
  readonly fromReference?: string;
  /** What the receiver's new lots are granted by. @defaultValue the transfer id */
  readonly toReference?: string;
}

export interface CreditTransferResult {
  readonly transferId: string;
  readonly debit: CommandResult<CreditsEvent>;
  readonly credit: CommandResult<CreditsEvent>;
}

/** The command ids of a transfer's steps. */
export const creditTransferCommandIds = (transferId: string): { readonly debit: string; readonly credit: string; readonly compensate: string } => ({
  debit: deriveId(transferId, 'debit'),
  credit: deriveId(transferId, 'credit'),
  compensate: deriveId(transferId, 'compensate'),
});

const find = <T extends CreditsEvent['type']>(events: readonly CreditsEvent[], type: T): Extract<CreditsEvent, { type: T }> | undefined => {
  const isOfType = (e: CreditsEvent): e is Extract<CreditsEvent, { type: T }> => e.type === type;
  return events.find(isOfType);
};

/**
 * Transfers credits from one client to another. Right: both sides are recorded. Left: no
 * credits moved — the debit was refused, or the receiver declined and the debit was
 * reversed (the error names the receiver's reason; `details.reversed` is true). A left with
 * code `CONCURRENCY_CONFLICT` leaves the transfer to be finished by running it again.
 */
export const transferCredits = async (
  handler: CommandHandler<CreditsCommand, CreditsEvent>,
  request: CreditTransferRequest,
  context: Omit<CommandContext, 'commandId'>,
): Promise<Either<DomainError, CreditTransferResult>> => {
  const ids = creditTransferCommandIds(request.transferId);
  const ctx = (commandId: string): CommandContext => ({ correlationId: request.transferId, ...context, commandId });
  const shared = {
    ...(request.policy !== undefined ? { policy: request.policy } : {}),
    ...(request.appointmentTypes !== undefined ? { appointmentTypes: request.appointmentTypes } : {}),
  };

  const debit = await handler.handle(
    {
      type: 'TransferCreditsOut',
      clientId: request.fromClientId,
      transferId: request.transferId,
      toClientId: request.toClientId,
      appointmentType: request.appointmentType,
      quantity: request.quantity,
      on: request.on,
      ...(request.by !== undefined ? { by: request.by } : {}),
      ...(request.fromReference !== undefined ? { fromReference: request.fromReference } : {}),
      ...shared,
    },
    ctx(ids.debit),
  );
  if (isLeft(debit)) return debit;
  // On a retry these are the events the debit recorded the first time, whatever this request says.
  const out = find(debit.right.events, 'CreditsTransferredOut')?.data;
  if (out === undefined) {
    return left(domainError('TRANSFER_NOT_RECORDED', `The giving side of transfer "${request.transferId}" recorded nothing.`));
  }

  const credit = await handler.handle(
    {
      type: 'ReceiveCreditTransfer',
      clientId: out.toClientId,
      transferId: out.transferId,
      fromClientId: request.fromClientId,
      appointmentType: out.appointmentType,
      parts: out.taken.map((p) => ({ quantity: p.quantity, expiresOn: p.expiresOn })),
      on: out.on,
      ...(request.toReference !== undefined ? { reference: request.toReference } : {}),
      ...shared,
    },
    { ...ctx(ids.credit), causationId: debit.right.eventIds[debit.right.events.length - 1] ?? ids.debit },
  );
  if (isLeft(credit)) return credit;
  const declined = find(credit.right.events, 'CreditTransferDeclined')?.data;
  if (declined === undefined) return right({ transferId: request.transferId, debit: debit.right, credit: credit.right });

  const reversal = await handler.handle(
    { type: 'ReverseCreditTransfer', clientId: request.fromClientId, transferId: out.transferId, reason: declined.reason, on: out.on },
    { ...ctx(ids.compensate), causationId: credit.right.eventIds[0] ?? ids.credit },
  );
  if (isLeft(reversal)) return reversal;
  return left(
    domainError(declined.code, `Transfer "${out.transferId}" was declined and undone: ${declined.reason}`, {
      details: { transferId: out.transferId, reversed: true },
    }),
  );
};
