/**
 * Wallets (stream `wallet-<clientId>`): a money balance per client with a reason for every
 * movement — overpayment, refund to credit, courtesy and promotional credit, a
 * downgrade's credit; applied to the next membership charge; negative from an unpaid
 * charge; written off as bad debt at or under a threshold.
 */
import type { Decider } from '../kernel/decider.js';
import type { WalletCommand } from './commands.js';
import { decideWallet } from './decide.js';
import type { WalletEvent } from './events.js';
import { evolveWalletState, initialWalletState, type WalletState } from './state.js';

export const walletDecider: Decider<WalletCommand, WalletEvent, WalletState> = {
  initialState: initialWalletState,
  evolve: evolveWalletState,
  decide: decideWallet,
};

export * from './events.js';
export * from './commands.js';
export * from './state.js';
