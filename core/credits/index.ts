/**
 * Session credits: one credit is one session of one appointment type. Each client has a
 * ledger (stream `credits-<clientId>`) of lots granted, used, restored, expired, voided and
 * transferred, every credit traceable from its grant to its use.
 */
import type { Decider } from '../kernel/decider.js';
import type { CreditsCommand } from './commands.js';
import { decideCredits } from './decide.js';
import type { CreditsEvent } from './events.js';
import { evolveCredits } from './evolve.js';
import { initialCreditsState, type CreditsState } from './state.js';

export const creditsDecider: Decider<CreditsCommand, CreditsEvent, CreditsState> = {
  initialState: initialCreditsState,
  evolve: evolveCredits,
  decide: decideCredits,
};

export * from './events.js';
export * from './commands.js';
export * from './policy.js';
export { emptyCreditTypeState, type CreditLot, type CreditTypeState, type CreditLotStatus, type OpenCreditLot } from './lots.js';
export { evolveCredits } from './evolve.js';
export { initialCreditsState, availableCredits, findCreditLot, openCreditLots, creditTypeStateOf, type CreditBooking, type CreditTransfer, type CreditsState, type CreditLotRef } from './state.js';
export { decideCredits } from './decide.js';
export * from './queries.js';
export * from './transfer.js';
export * from './snapshot.js';
