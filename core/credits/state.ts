/**
 * The state of a client's credits ledger and the questions the rules ask of it; the fold of
 * the events is in `evolve.ts`. Everything that grows with the log (bookings, lots,
 * transfers) lives in persistent maps updated in O(1).
 */
import { PersistentMap } from '../values/persistent.js';
import type { CreditPolicySettings } from './policy.js';
import type { CreditsEventData } from './events.js';
import { creditLotOf, emptyCreditTypeState, type CreditLot, type CreditTypeState, type OpenCreditLot } from './lots.js';

/** A booked session as the ledger remembers it. */
export interface CreditBooking {
  readonly appointmentType: string;
  /** The lot its credit came from (set when a later grant repaid a booking without credit). */
  readonly lot: number | null;
  /** Booked without credit and neither repaid nor forgiven yet. */
  readonly owed: boolean;
  readonly debtIndex: number | null;
  readonly cancelled: boolean;
  /** Cancelled and its credit (or debt) came back. */
  readonly restored: boolean;
  /** Packages that declined the credit it took from their lots: it never takes from them again. */
  readonly declinedPackages: readonly string[];
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
  /**
   * Per package: services applied to it that found no credit here (the package gives their
   * units back), and bookings kept on its credit in the meantime.
   */
  readonly packageWaits: PersistentMap<string, PackageWaits>;
}

export interface PackageWaits {
  readonly unavailable: number;
  readonly kept: number;
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
  packageWaits: PersistentMap.empty(),
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
