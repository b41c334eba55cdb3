/**
 * The credit invariants, as checks over a log and the states folded from it. Each throws
 * an `Error` whose message says, in a sentence, what broke — framework-agnostic, for the
 * laws (`practice-laws.ts`) and for an integrator's own tests.
 *
 * - Conservation: a client's balance of a service equals what the events say came in and
 *   went out, counted here from the events alone (independently of the ledger's fold).
 * - Lots: every open lot holds between 1 and its grant; a debt only where no credit is left.
 * - No negative balance where prevented: a booking without credit records a policy that
 *   allowed it on its channel, and a client the policy in force prevents who never booked
 *   without credit never has a negative balance.
 */
import type { RecordedEvent } from '../core/kernel/envelope.js';
import type { PracticeEvent } from '../core/events.js';
import {
  availableCredits,
  creditBalance,
  creditsClientOf,
  creditsEvents,
  effectiveCreditPolicy,
  openCreditLots,
  preventsBookingWithoutCredits,
  type CreditPolicySettings,
  type CreditsEvent,
  type CreditsState,
} from '../core/credits/index.js';
import type { StreamStates } from './practice-world.js';

const key = (clientId: string, type: string): string => `${clientId} / ${type}`;

/** How an event moves a balance of one appointment type, counted from its data. */
const creditMovement = (e: CreditsEvent): { readonly type: string; readonly delta: number } | undefined => {
  switch (e.type) {
    case 'CreditsGranted':
      return { type: e.data.appointmentType, delta: e.data.quantity };
    case 'SessionBooked':
      // From a lot, or owed: either way one credit less.
      return { type: e.data.appointmentType, delta: -1 };
    case 'SessionCancelled':
      return { type: e.data.appointmentType, delta: e.data.restore === 'restored' ? 1 : 0 };
    case 'CreditsAdjusted':
      return { type: e.data.appointmentType, delta: e.data.delta };
    case 'CreditsExpired':
    case 'CreditsVoided':
      return { type: e.data.appointmentType, delta: -e.data.quantity };
    case 'CreditsRolledOver':
      // `rolled` moved into the new lot; `lapsed` expired with the old ones.
      return { type: e.data.appointmentType, delta: -e.data.lapsed };
    case 'CreditsTransferredOut':
      return { type: e.data.appointmentType, delta: -e.data.quantity };
    case 'CreditsTransferredIn':
      return { type: e.data.appointmentType, delta: e.data.lots.reduce((n, l) => n + l.quantity, 0) };
    case 'CreditTransferReversed':
      return { type: e.data.appointmentType, delta: e.data.restored.reduce((n, l) => n + l.quantity, 0) };
    case 'PackageCreditDeclined':
      // The credit went back to the package's lot (unless that lot is gone), and the booking took one elsewhere or is owed.
      return { type: e.data.appointmentType, delta: (e.data.returned === 'restored' ? 1 : 0) - (e.data.lot !== null || e.data.owed ? 1 : 0) };
    default:
      // Repayments of debt, expiry extensions, declined transfers, settings, a booking kept on a
      // package's credit and a service that found no credit of its package move no balance.
      return undefined;
  }
};

/** The balances the events say, by `client / type`. */
export const creditBalancesFromEvents = (log: readonly RecordedEvent<PracticeEvent>[]): Map<string, number> => {
  const balances = new Map<string, number>();
  for (const e of log) {
    const clientId = creditsClientOf(e.streamName);
    if (clientId === undefined || !creditsEvents.is(e)) continue;
    const moved = creditMovement(e);
    if (moved === undefined) continue;
    const k = key(clientId, moved.type);
    balances.set(k, (balances.get(k) ?? 0) + moved.delta);
  }
  return balances;
};

/** Conservation of credits: every balance the ledger shows is the sum of the movements its events record. */
export const checkCreditConservation = (
  log: readonly RecordedEvent<PracticeEvent>[],
  credits: StreamStates<CreditsState>,
): void => {
  const counted = creditBalancesFromEvents(log);
  const shown = new Map<string, number>();
  for (const [stream, state] of credits.entries()) {
    const clientId = creditsClientOf(stream) ?? stream;
    for (const type of state.types.keys()) shown.set(key(clientId, type), creditBalance(state, type));
  }
  for (const k of new Set([...counted.keys(), ...shown.keys()])) {
    const events = counted.get(k) ?? 0;
    const balance = shown.get(k) ?? 0;
    if (events !== balance) {
      throw new Error(`Credits were not conserved: ${k} shows a balance of ${balance}, but its events add up to ${events}.`);
    }
  }
};

/** Every open lot holds 1 … its grant; a closed lot holds none; a debt only when no credit is left. */
export const checkCreditLots = (credits: StreamStates<CreditsState>): void => {
  for (const [stream, state] of credits.entries()) {
    for (const [type, ts] of state.types) {
      let available = 0;
      for (const lot of openCreditLots(state, type)) {
        if (lot.remaining < 1 || lot.remaining > lot.quantity) {
          throw new Error(`Lot ${lot.lot} of ${stream} (${type}) holds ${lot.remaining} of the ${lot.quantity} credits granted.`);
        }
        available += lot.remaining;
      }
      if (available !== availableCredits(state, type)) throw new Error(`${stream} (${type}) counts ${availableCredits(state, type)} credits left but its lots hold ${available}.`);
      if (ts.debt < 0) throw new Error(`${stream} (${type}) owes a negative debt of ${ts.debt}.`);
      if (ts.debt > 0 && available > 0) throw new Error(`${stream} (${type}) owes ${ts.debt} sessions while ${available} credits are left to repay them.`);
    }
    for (const lot of state.closedLots.values()) {
      if (lot.remaining !== 0) throw new Error(`Closed lot ${lot.lot} of ${stream} still holds ${lot.remaining} credits.`);
    }
  }
};

/**
 * No negative balance where prevented: a booking without credit records a policy that
 * allowed it on its channel; and a client the policy in force (the practice's settings and
 * their own) prevents on every channel, who never booked without credit, has no negative balance.
 */
export const checkNoNegativeBalanceWherePrevented = (
  log: readonly RecordedEvent<PracticeEvent>[],
  credits: StreamStates<CreditsState>,
  practicePolicy: CreditPolicySettings | undefined,
): void => {
  const owedBy = new Set<string>();
  for (const e of log) {
    if (!creditsEvents.is(e) || e.type !== 'SessionBooked' || e.data.lot !== null) continue;
    if (preventsBookingWithoutCredits(e.data.policy, e.data.channel)) {
      throw new Error(`Booking ${e.data.bookingId} of ${e.streamName} was made without credit although its policy prevents it on ${e.data.channel}.`);
    }
    owedBy.add(e.streamName);
  }
  for (const [stream, state] of credits.entries()) {
    const policy = effectiveCreditPolicy(practicePolicy, state.overrides);
    const prevented = policy.enabled && preventsBookingWithoutCredits(policy, 'client_portal') && preventsBookingWithoutCredits(policy, 'shared_link');
    if (!prevented || owedBy.has(stream)) continue;
    for (const type of state.types.keys()) {
      const balance = creditBalance(state, type);
      if (balance < 0) throw new Error(`${stream} has a negative ${type} balance (${balance}) although booking without credits is prevented.`);
    }
  }
};
