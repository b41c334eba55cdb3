/** A wallet's state: its balance (once it has one) and its currency. */
import { money, type Money } from '../values/money.js';
import type { WalletEvent } from './events.js';

export interface WalletState {
  /** `null` until the first movement fixes the currency. */
  readonly balance: Money | null;
}

export const initialWalletState: WalletState = { balance: null };

export const evolveWalletState = (_state: WalletState, event: WalletEvent): WalletState => ({ balance: event.data.balanceAfter });

/** The balance in `currency` (zero for a wallet that never moved). */
export const walletBalance = (state: WalletState, currency: string): Money => state.balance ?? money(0, currency);

/** The credit a charge may use: the balance when positive, else zero. */
export const walletAvailableCredit = (state: WalletState, currency: string): Money => {
  const balance = walletBalance(state, currency);
  return balance.amount > 0 ? balance : money(0, currency);
};
