import { describe, expect, it } from 'vitest';
import { walletAvailableCredit, walletBalance, walletDecider, type WalletEvent } from '../../../core/wallet/index.js';
import { localDate } from '../../../core/values/local-date.js';
import { money } from '../../../core/values/money.js';
import { deciderSpec } from '../../../testing/given-when-then.js';

const spec = deciderSpec(walletDecider);
const d = localDate;
const usd = (n: number) => money(n, 'USD');
const C = 'c1';
const credited = (amount: number, balanceAfter: number): WalletEvent => ({
  type: 'WalletCredited',
  data: { clientId: C, creditedOn: d('2025-01-05'), amount: usd(amount), reason: 'promotional', reference: 'referral of c2', note: null, balanceAfter: usd(balanceAfter) },
});
const unpaid = (amount: number, balanceAfter: number): WalletEvent => ({
  type: 'WalletDebitedForUnpaidCharge',
  data: { clientId: C, debitedOn: d('2025-03-10'), amount: usd(amount), membershipId: 'm1', chargeId: 'ch1', balanceAfter: usd(balanceAfter) },
});

describe('negative balance & payment forgiveness', () => {
  it('promotional credit: a free month for a referral', () => {
    spec
      .given([])
      .when({ type: 'CreditWallet', clientId: C, on: d('2025-01-05'), amount: usd(9900), reason: 'promotional', reference: 'referral of c2' })
      .then([credited(9900, 9900)]);
  });

  it('overpayment, refund-to-credit and courtesy credits add up', () => {
    const state = spec
      .given([credited(1000, 1000)])
      .when({ type: 'CreditWallet', clientId: C, on: d('2025-01-06'), amount: usd(500), reason: 'courtesy', note: 'late appointment' })
      .thenEvents(([e]) => expect(e).toMatchObject({ data: { reason: 'courtesy', note: 'late appointment', balanceAfter: usd(1500) } }));
    expect(walletBalance(state, 'USD')).toEqual(usd(1500));
  });

  it('wallet credit applied to a membership charge is debited', () => {
    spec
      .given([credited(3000, 3000)])
      .when({ type: 'ApplyWalletToMembershipCharge', clientId: C, on: d('2025-02-01'), amount: usd(3000), membershipId: 'm1', chargeId: 'ch2' })
      .then([{ type: 'WalletAppliedToMembershipCharge', data: { clientId: C, appliedOn: d('2025-02-01'), amount: usd(3000), membershipId: 'm1', chargeId: 'ch2', balanceAfter: usd(0) } }]);
  });

  it('an unpaid charge makes the balance negative; nothing is available to the next charge', () => {
    const state = spec
      .given([])
      .when({ type: 'RecordUnpaidMembershipCharge', clientId: C, on: d('2025-03-10'), amount: usd(400), membershipId: 'm1', chargeId: 'ch1' })
      .then([unpaid(400, -400)]);
    expect(walletAvailableCredit(state, 'USD')).toEqual(usd(0));
  });

  it('bad debt forgiveness writes off a small negative balance', () => {
    spec
      .given([unpaid(400, -400)])
      .when({ type: 'ForgiveWalletDebt', clientId: C, on: d('2025-04-01') })
      .then([{ type: 'WalletDebtForgiven', data: { clientId: C, forgivenOn: d('2025-04-01'), amount: usd(400), threshold: usd(500), balanceAfter: usd(0) } }]);
  });

  it('a debt above the practice threshold is not forgiven', () => {
    spec.given([unpaid(9900, -9900)]).when({ type: 'ForgiveWalletDebt', clientId: C, on: d('2025-04-01'), threshold: usd(2000) }).thenError('DEBT_ABOVE_THRESHOLD');
  });

  it('there is nothing to forgive without a debt', () => {
    spec.given([credited(100, 100)]).when({ type: 'ForgiveWalletDebt', clientId: C, on: d('2025-04-01') }).thenError('NO_DEBT_TO_FORGIVE');
  });

  it('amounts are positive and in the wallet’s currency', () => {
    spec.given([]).when({ type: 'CreditWallet', clientId: C, on: d('2025-01-05'), amount: usd(0), reason: 'courtesy' }).thenError('INVALID_AMOUNT');
    spec.given([credited(100, 100)]).when({ type: 'CreditWallet', clientId: C, on: d('2025-01-05'), amount: money(100, 'EUR'), reason: 'courtesy' }).thenError('CURRENCY_MISMATCH');
  });
});
