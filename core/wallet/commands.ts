/** What can happen to a client's wallet; amounts are positive, the event says which way they go. */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../kernel/commands.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { WalletCreditReasonC } from './events.js';

const id = { clientId: t.string, on: LocalDateC };
const charge = { amount: MoneyC, membershipId: t.string, chargeId: t.string };

/** The practice's bad-debt policy. */
export interface WalletForgivenessPolicy {
  /** The largest negative balance written off, in the wallet's currency. @defaultValue 500 minor units (5.00) */
  readonly threshold?: t.TypeOf<typeof MoneyC>;
}
export const defaultForgivenessThresholdMinorUnits = 500;

const walletCommandCodecs = {
  CreditWallet: t.intersection([t.type({ ...id, amount: MoneyC, reason: WalletCreditReasonC }), t.partial({ reference: t.string, note: t.string })]),
  /** Sent by the membership–wallet flow when a charge applied wallet credit. */
  ApplyWalletToMembershipCharge: t.type({ ...id, ...charge }),
  /** Sent by the membership–wallet flow when an unpaid charge becomes the client's debt. */
  RecordUnpaidMembershipCharge: t.type({ ...id, ...charge }),
  /** Writes off a negative balance at or under `threshold` (see {@link WalletForgivenessPolicy}). */
  ForgiveWalletDebt: t.intersection([t.type(id), t.partial({ threshold: MoneyC })]),
};

export const walletCommands = commandDecoder(walletCommandCodecs);
export type WalletCommand = CommandOf<typeof walletCommandCodecs>;

export const walletStream = (clientId: string): string => `wallet-${clientId}`;
export const walletCommandStream = (command: WalletCommand): string => walletStream(command.clientId);
