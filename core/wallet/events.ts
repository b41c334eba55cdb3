/**
 * The facts of a client's wallet (stream `wallet-<clientId>`): a money balance with a
 * reason for every movement. Each event records the balance after it, so a statement
 * reads line by line.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type RegistryEvent } from '../kernel/codecs.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';

export const WalletCreditReasonC = t.keyof(
  {
    overpayment: null,
    'refund-to-credit': null,
    courtesy: null,
    promotional: null,
    downgrade: null,
    payment: null,
  },
  'WalletCreditReason',
);
/**
 * Why a wallet was credited: a member paid extra (`overpayment`), a refund kept as credit
 * (`refund-to-credit`), goodwill (`courtesy`), a promotion such as a free month for a
 * referral (`promotional`), a downgrade's negative net (`downgrade`), or a payment
 * toward a negative balance (`payment`).
 */
export type WalletCreditReason = t.TypeOf<typeof WalletCreditReasonC>;

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

export const WalletCredited = defineEvent(
  'WalletCredited',
  t.type({
    clientId: t.string,
    creditedOn: LocalDateC,
    amount: MoneyC,
    reason: WalletCreditReasonC,
    /** What caused it: a charge, a membership event, a referral. */
    reference: nullable(t.string),
    note: nullable(t.string),
    balanceAfter: MoneyC,
  }),
);
export const WalletAppliedToMembershipCharge = defineEvent(
  'WalletAppliedToMembershipCharge',
  t.type({ clientId: t.string, appliedOn: LocalDateC, amount: MoneyC, membershipId: t.string, chargeId: t.string, balanceAfter: MoneyC }),
);
export const WalletDebitedForUnpaidCharge = defineEvent(
  'WalletDebitedForUnpaidCharge',
  t.type({ clientId: t.string, debitedOn: LocalDateC, amount: MoneyC, membershipId: t.string, chargeId: t.string, balanceAfter: MoneyC }),
);
export const WalletDebtForgiven = defineEvent(
  'WalletDebtForgiven',
  t.type({ clientId: t.string, forgivenOn: LocalDateC, amount: MoneyC, threshold: MoneyC, balanceAfter: MoneyC }),
);

export const walletEvents = createEventRegistry([WalletCredited, WalletAppliedToMembershipCharge, WalletDebitedForUnpaidCharge, WalletDebtForgiven]);
export type WalletEvent = RegistryEvent<typeof walletEvents>;
