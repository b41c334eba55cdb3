/**
 * What the simulation runs on: the facade over a store, a clock it moves day by day, the
 * card processor that answers every membership charge, and the tally of the requests the
 * rules refused (a refusal is part of the story: a client without credits is told so).
 */
import { DomainErrorException, type EventStore, type LocalDate, type PracticeEvent, type PracticeLedger } from '../../../core/index.js';
import type { Random } from './random.js';

/**
 * How a member's card answers: `true` pays. `charge` counts the membership's charges
 * (0 for its first), `attempt` is 0 for the charge itself, then the retry's number.
 */
export type CardBehaviour = (charge: number, attempt: number, random: Random) => boolean;

/** A card that always pays. */
export const reliableCard: CardBehaviour = () => true;
/** A card declined now and then, which usually goes through on a retry. */
export const flakyCard: CardBehaviour = (_charge, attempt, random) => (attempt === 0 ? random.chance(0.65) : random.chance(0.6));

export interface CardProcessor {
  /** Gives a membership's charges to a card. @defaultValue a reliable card */
  readonly assign: (membershipId: string, behaviour: CardBehaviour) => void;
  /** Answers every charge and retry recorded since the last call (a charge covered by the wallet has nothing to pay). */
  readonly settle: () => Promise<void>;
}

export interface World {
  readonly ledger: PracticeLedger;
  readonly store: EventStore<PracticeEvent>;
  readonly random: Random;
  readonly card: CardProcessor;
  /** The practice's date today. */
  readonly today: () => LocalDate;
  /**
   * Sends a request a client or the front desk makes; a refusal by the rules is counted by
   * its code and gives `undefined` (anything else is a bug and is thrown).
   */
  readonly attempt: <T>(run: () => Promise<T>) => Promise<T | undefined>;
  /** Sends a request the story needs: a refusal is a bug in the demo, thrown with its reason. */
  readonly must: <T>(what: string, run: () => Promise<T>) => Promise<T>;
  /** The requests refused, by code. */
  readonly refusals: ReadonlyMap<string, number>;
}

export const createCardProcessor = (ledger: PracticeLedger, store: EventStore<PracticeEvent>, random: Random): CardProcessor => {
  const cards = new Map<string, CardBehaviour>();
  const charges = new Map<string, number>();
  let checkpoint: bigint | undefined;
  const settle = async (): Promise<void> => {
    const due: { readonly membershipId: string; readonly chargeId: string; readonly charge: number; readonly attempt: number }[] = [];
    for await (const e of store.readAll(checkpoint === undefined ? {} : { after: checkpoint })) {
      checkpoint = e.position;
      if (e.type === 'MembershipChargeRequested' && e.data.total.amount > 0) {
        const charge = charges.get(e.data.membershipId) ?? 0;
        charges.set(e.data.membershipId, charge + 1);
        due.push({ membershipId: e.data.membershipId, chargeId: e.data.chargeId, charge, attempt: 0 });
      }
      if (e.type === 'MembershipPaymentRetryRequested' && e.data.amount.amount > 0) {
        const charge = (charges.get(e.data.membershipId) ?? 1) - 1;
        due.push({ membershipId: e.data.membershipId, chargeId: e.data.chargeId, charge, attempt: e.data.retryNumber });
      }
    }
    for (const { membershipId, chargeId, charge, attempt } of due) {
      const pays = (cards.get(membershipId) ?? reliableCard)(charge, attempt, random);
      if (pays) await ledger.recordMembershipPaymentSucceeded({ membershipId, chargeId, actor: 'card-processor' });
      else await ledger.recordMembershipPaymentFailed({ membershipId, chargeId, reason: 'card declined', actor: 'card-processor' });
    }
    if (due.length > 0) await settle(); // a payment may open a period whose charge is due too
  };
  return { assign: (membershipId, behaviour) => cards.set(membershipId, behaviour), settle };
};

export const createWorld = (ledger: PracticeLedger, store: EventStore<PracticeEvent>, random: Random): World => {
  const refusals = new Map<string, number>();
  return {
    ledger,
    store,
    random,
    card: createCardProcessor(ledger, store, random.fork()),
    today: () => ledger.today(),
    refusals,
    attempt: async (run) => {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof DomainErrorException)) throw error;
        refusals.set(error.code, (refusals.get(error.code) ?? 0) + 1);
        return undefined;
      }
    },
    must: async (what, run) => {
      try {
        return await run();
      } catch (error) {
        if (error instanceof DomainErrorException) throw new Error(`The demo's ${what} was refused (${error.code}): ${error.message}`);
        throw error;
      }
    },
  };
};
