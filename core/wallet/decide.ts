/**
 * The rules of a wallet. Credits have a reason; wallet credit applied to a membership
 * charge and an unpaid charge are debits (the balance may go negative: the client owes);
 * a negative balance at or under the practice's threshold can be forgiven (written off).
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { add, compare, formatMoney, money, negate, subtract, type Money } from '../values/money.js';
import { defaultForgivenessThresholdMinorUnits, type WalletCommand } from './commands.js';
import type { WalletEvent } from './events.js';
import { walletBalance, type WalletState } from './state.js';

type Decision = Either<DomainError, readonly WalletEvent[]>;

const checkAmount = (state: WalletState, amount: Money): DomainError | undefined => {
  if (amount.amount <= 0) return domainError('INVALID_AMOUNT', `A wallet movement is a positive amount; got ${formatMoney(amount)}.`, { field: 'amount' });
  if (state.balance !== null && state.balance.currency !== amount.currency) {
    return domainError('CURRENCY_MISMATCH', `The wallet holds ${state.balance.currency}; it cannot take ${amount.currency}.`, {
      details: { expected: state.balance.currency, got: amount.currency },
    });
  }
  return undefined;
};

export const decideWallet = (command: WalletCommand, state: WalletState): Decision => {
  const { clientId, on } = command;
  switch (command.type) {
    case 'CreditWallet': {
      const problem = checkAmount(state, command.amount);
      if (problem !== undefined) return left(problem);
      const balanceAfter = add(walletBalance(state, command.amount.currency), command.amount);
      return right([
        {
          type: 'WalletCredited',
          data: { clientId, creditedOn: on, amount: command.amount, reason: command.reason, reference: command.reference ?? null, note: command.note ?? null, balanceAfter },
        },
      ]);
    }
    case 'ApplyWalletToMembershipCharge':
    case 'RecordUnpaidMembershipCharge': {
      const problem = checkAmount(state, command.amount);
      if (problem !== undefined) return left(problem);
      const balanceAfter = subtract(walletBalance(state, command.amount.currency), command.amount);
      const data = { clientId, amount: command.amount, membershipId: command.membershipId, chargeId: command.chargeId, balanceAfter };
      return right([
        command.type === 'ApplyWalletToMembershipCharge'
          ? { type: 'WalletAppliedToMembershipCharge', data: { ...data, appliedOn: on } }
          : { type: 'WalletDebitedForUnpaidCharge', data: { ...data, debitedOn: on } },
      ]);
    }
    case 'ForgiveWalletDebt': {
      const balance = state.balance;
      if (balance === null || balance.amount >= 0) {
        return left(domainError('NO_DEBT_TO_FORGIVE', `Client ${clientId} owes nothing: the wallet is not negative.`, { details: { clientId } }));
      }
      const threshold = command.threshold ?? money(defaultForgivenessThresholdMinorUnits, balance.currency);
      if (threshold.currency !== balance.currency) {
        return left(domainError('CURRENCY_MISMATCH', `The threshold is in ${threshold.currency} but the wallet holds ${balance.currency}.`));
      }
      const debt = negate(balance);
      if (compare(debt, threshold) > 0) {
        return left(
          domainError('DEBT_ABOVE_THRESHOLD', `Client ${clientId} owes ${formatMoney(debt)}, more than the ${formatMoney(threshold)} that can be written off.`, {
            details: { owed: debt.amount, threshold: threshold.amount },
          }),
        );
      }
      return right([{ type: 'WalletDebtForgiven', data: { clientId, forgivenOn: on, amount: debt, threshold, balanceAfter: money(0, balance.currency) } }]);
    }
  }
};
