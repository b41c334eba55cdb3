/** The facade's credit methods: one per command of the credits ledger, and the transfer between two clients. */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { commandDecoder } from '../kernel/commands.js';
import {
  creditTransferCommandIds,
  creditsDecider,
  creditsEvents,
  creditsStream,
  findCreditLot,
  transferCredits as runTransfer,
  type CreditsCommand,
  type CreditsCommandOf,
  type CreditsEvent,
} from '../credits/index.js';
import { packageOfCreditLot } from '../credits/lots.js';
import { domainError } from '../kernel/errors.js';
import { LocalDateC } from '../values/local-date.js';
import { commandMethod, contextOf, readBack, reject, splitInput, stateReader, stringField, today, type Fields, type Kit, type LedgerEnvelope, type Recorded, type Untyped } from './kit.js';
import type { LedgerInput } from './inputs.js';

type In<T extends CreditsCommand['type'], F extends PropertyKey = never> = LedgerInput<CreditsCommandOf<T>, F>;
type Result = Promise<Recorded<CreditsEvent>>;

/** A transfer of credits from one client to another. */
export interface CreditTransferInput extends LedgerEnvelope {
  /** Minted once per intended transfer; sending it again finishes or repeats nothing. @defaultValue the command id, else a fresh id */
  readonly transferId?: string;
  readonly fromClientId: string;
  readonly toClientId: string;
  readonly appointmentType: string;
  readonly quantity: number;
  /** @defaultValue the practice's date now */
  readonly on?: string;
  /** The provider who made the transfer. @defaultValue none */
  readonly by?: string;
  /** Give only credits granted by this reference (a package being transferred). @defaultValue any lot, in the order of use */
  readonly fromReference?: string;
  /** What the receiver's new lots are granted by. @defaultValue the transfer id */
  readonly toReference?: string;
}

export interface CreditsMethods {
  /** Grants a lot of credits (a package, a membership period, a promotion, a courtesy). */
  readonly grantCredits: (input: In<'GrantCredits', 'appointmentTypes'>) => Result;
  /** Books a session with one credit of its type; the practice's credit policy decides a booking without credit. */
  readonly bookSession: (input: In<'BookSession', 'policy' | 'appointmentTypes'>) => Result;
  /** Cancels a booked session; the credit policy decides whether its credit comes back. */
  readonly cancelBooking: (input: In<'CancelBooking', 'policy'>) => Result;
  /** Sets a balance to a number; the difference is recorded. */
  readonly setCreditBalance: (input: In<'SetCreditBalance', 'appointmentTypes'>) => Result;
  /** Adds or takes credits by a delta, with a reason. */
  readonly adjustCredits: (input: In<'AdjustCredits', 'appointmentTypes'>) => Result;
  /** Expires every lot whose date is on or before `on` (the schedule sends it). */
  readonly expireCredits: (input: In<'ExpireCredits'>) => Result;
  /** Voids the unused credits a reference granted (not a package's: refund or expire the package). */
  readonly voidCredits: (input: In<'VoidCredits'>) => Result;
  /** Moves the expiry of the lots a reference granted (not a package's: extend the package). */
  readonly extendCreditExpiry: (input: In<'ExtendCreditExpiry'>) => Result;
  /** Rolls part of a reference's unused credits into a new lot; the rest expire. */
  readonly rollOverCredits: (input: In<'RollOverCredits'>) => Result;
  /** Sets the client's own credit settings, overriding the practice's. */
  readonly adjustCreditSettings: (input: In<'AdjustCreditSettings'>) => Result;
  /**
   * Transfers credits between two clients: the giver's debit and the receiver's credit, or
   * neither (a declined transfer is undone and rejects with the receiver's reason,
   * `details.reversed` true). Resolves to the events of both sides.
   */
  readonly transferCredits: (input: CreditTransferInput) => Result;
}

const NonEmptyC = t.refinement(t.string, (s) => s.trim().length > 0, 'NonEmptyString');
const IntC = t.refinement(t.number, (n) => Number.isSafeInteger(n), 'Integer');

const transferInput = commandDecoder({
  TransferCredits: t.intersection([
    t.type({ fromClientId: NonEmptyC, toClientId: NonEmptyC, appointmentType: NonEmptyC, quantity: IntC, on: LocalDateC }),
    t.partial({ transferId: NonEmptyC, by: t.string, fromReference: NonEmptyC, toReference: NonEmptyC }),
  ]),
});

export const creditsMethods = (kit: Kit): Untyped<CreditsMethods> => {
  const credits = kit.aggregates.credits;
  const { appointmentTypes } = kit.policies;
  const types = (fields: Fields): Fields => (appointmentTypes !== undefined ? { ...fields, appointmentTypes } : fields);
  const policy = (fields: Fields): Fields => ({ ...fields, policy: kit.policies.credits });

  const transfer = async (input: unknown): Result => {
    const split = splitInput(input);
    if (isLeft(split)) return reject(split.left);
    const { envelope, fields } = split.right;
    const decoded = transferInput.decode({ ...fields, on: fields.on ?? today(kit), type: 'TransferCredits' });
    if (isLeft(decoded)) return reject(decoded.left);
    const r = decoded.right;
    const transferId = r.transferId ?? envelope.commandId ?? kit.ids.next();
    // The transfer derives each step's command id from the transfer id.
    const context = contextOf(kit, envelope, creditTransferCommandIds(transferId).debit);
    const result = await runTransfer(
      credits.handler,
      {
        transferId,
        fromClientId: r.fromClientId,
        toClientId: r.toClientId,
        appointmentType: r.appointmentType,
        quantity: r.quantity,
        on: r.on,
        policy: kit.policies.credits,
        ...(appointmentTypes !== undefined ? { appointmentTypes } : {}),
        ...(r.by !== undefined ? { by: r.by } : {}),
        ...(r.fromReference !== undefined ? { fromReference: r.fromReference } : {}),
        ...(r.toReference !== undefined ? { toReference: r.toReference } : {}),
      },
      { ...context, correlationId: envelope.correlationId ?? transferId },
    );
    if (isLeft(result)) {
      // A declined transfer recorded its debit and its reversal: let the flows see them before refusing.
      if (result.left.details?.reversed === true) await kit.afterCommand();
      return reject(result.left);
    }
    const events = [...(await readBack(kit, credits.events, result.right.debit)), ...(await readBack(kit, credits.events, result.right.credit))];
    const flows = await kit.afterCommand();
    return {
      commandId: envelope.commandId ?? transferId,
      events,
      alreadyApplied: result.right.debit.alreadyApplied && result.right.credit.alreadyApplied,
      flows,
    };
  };

  const ledger = stateReader(kit, creditsDecider, creditsEvents);
  /**
   * A package's credits change through the package (applied at an appointment, refunded,
   * expired, extended, transferred), whose flows void and extend them: a caller's void or
   * extension of a package's reference would leave the package's units behind, so it is refused.
   */
  const notAPackage = async (fields: Fields): Promise<Fields> => {
    const clientId = stringField(fields, 'clientId');
    const reference = stringField(fields, 'reference');
    if (clientId === undefined || reference === undefined) return fields;
    const state = await ledger(creditsStream(clientId));
    const lots = state.lotsByReference.get(reference) ?? [];
    const held = lots.some((ref) => {
      const lot = findCreditLot(state, ref.appointmentType, ref.lot);
      return lot !== undefined && packageOfCreditLot(lot) !== undefined;
    });
    if (!held) return fields;
    return reject(
      domainError('CREDITS_HELD_BY_PACKAGE', `The credits of "${reference}" are a package's units: refund, expire, extend or transfer the package, and its credits follow.`, {
        field: 'reference',
        details: { clientId, reference },
      }),
    );
  };

  return {
    grantCredits: commandMethod(kit, credits, 'GrantCredits', types),
    bookSession: commandMethod(kit, credits, 'BookSession', (f) => types(policy(f))),
    cancelBooking: commandMethod(kit, credits, 'CancelBooking', policy),
    setCreditBalance: commandMethod(kit, credits, 'SetCreditBalance', types),
    adjustCredits: commandMethod(kit, credits, 'AdjustCredits', types),
    expireCredits: commandMethod(kit, credits, 'ExpireCredits'),
    voidCredits: commandMethod(kit, credits, 'VoidCredits', notAPackage),
    extendCreditExpiry: commandMethod(kit, credits, 'ExtendCreditExpiry', notAPackage),
    rollOverCredits: commandMethod(kit, credits, 'RollOverCredits'),
    adjustCreditSettings: commandMethod(kit, credits, 'AdjustCreditSettings'),
    transferCredits: transfer,
  };
};
