/**
 * The money invariants, as checks over a log and the states folded from it; each throws an
 * `Error` with a sentence saying what broke.
 *
 * - Charges: the line items of every membership charge sum to its total (never negative);
 *   a refund's lines to minus its amount; a tier change's to its net; a household's shares
 *   of a charge to the charge; a bulk order's package prices to its total.
 * - Conservation of money: a wallet's every balance is the one before plus or minus the
 *   movement; a package's units are worth its price paid, whatever became of them; money
 *   one aggregate says goes to a wallet (wallet credit applied to a charge, a downgrade's
 *   credit, an overpayment, an unpaid charge, a package refunded to the wallet) arrives
 *   there, once.
 */
import type { RecordedEvent } from '../core/kernel/envelope.js';
import type { PracticeEvent } from '../core/events.js';
import { packageValueIn, type PackageState, type PackageUnitStatus } from '../core/packages/index.js';
import { walletEvents, type WalletEvent } from '../core/wallet/index.js';
import type { Money } from '../core/values/money.js';
import type { StreamStates } from './practice-world.js';

const text = (m: Money): string => `${m.currency} ${(m.amount / 100).toFixed(2)}`;

const total = (amounts: readonly Money[], currency: string): number => {
  let n = 0;
  for (const a of amounts) {
    if (a.currency !== currency) throw new Error(`An amount in ${a.currency} sits among amounts in ${currency}.`);
    n += a.amount;
  }
  return n;
};

const expectSum = (what: string, parts: readonly Money[], whole: Money): void => {
  const sum = total(parts, whole.currency);
  if (sum !== whole.amount) throw new Error(`${what}: its parts add up to ${text({ amount: sum, currency: whole.currency })}, not ${text(whole)}.`);
};

/** Charge line items sum to the charge, and every split of an amount adds back up to it. */
export const checkChargeLines = (log: readonly RecordedEvent<PracticeEvent>[]): void => {
  for (const e of log) {
    const where = `${e.type} at revision ${e.revision} of ${e.streamName}`;
    switch (e.type) {
      case 'MembershipChargeRequested':
        expectSum(`The lines of charge ${e.data.chargeId} (${where})`, e.data.lines.map((l) => l.amount), e.data.total);
        if (e.data.total.amount < 0) throw new Error(`Charge ${e.data.chargeId} (${where}) is negative: ${text(e.data.total)}.`);
        break;
      case 'MembershipRefundRequested':
        expectSum(`The lines of refund ${e.data.refundId} (${where})`, e.data.lines.map((l) => l.amount), { ...e.data.amount, amount: -e.data.amount.amount });
        break;
      case 'MembershipTierChanged':
        expectSum(`The proration lines of the tier change (${where})`, e.data.lines.map((l) => l.amount), e.data.net);
        break;
      case 'HouseholdChargeSplit':
        expectSum(`The household's shares of charge ${e.data.chargeId} (${where})`, e.data.shares.map((s) => s.amount), e.data.total);
        break;
      case 'BulkPackagesOrdered':
        expectSum(`The package prices of bulk order ${e.data.orderId} (${where})`, e.data.packagePrices, e.data.total);
        break;
      default:
        break;
    }
  }
};

const STATUSES: readonly PackageUnitStatus[] = ['unused', 'used', 'expired', 'refunded', 'void'];

const walletMovement = (e: WalletEvent): Money =>
  e.type === 'WalletCredited' || e.type === 'WalletDebtForgiven' ? e.data.amount : { ...e.data.amount, amount: -e.data.amount.amount };

/** Every money movement between aggregates, by what it is for: what was sent and what arrived. */
const transfersBetweenAggregates = (log: readonly RecordedEvent<PracticeEvent>[]): Map<string, { sent: number; arrived: number }> => {
  const flows = new Map<string, { sent: number; arrived: number }>();
  const note = (k: string, side: 'sent' | 'arrived', amount: number): void => {
    const f = flows.get(k) ?? { sent: 0, arrived: 0 };
    flows.set(k, { ...f, [side]: f[side] + amount });
  };
  for (const e of log) {
    switch (e.type) {
      case 'MembershipChargeRequested':
        for (const l of e.data.lines) if (l.kind === 'wallet-credit' && l.amount.amount < 0) note(`wallet credit applied to charge ${e.data.chargeId}`, 'sent', -l.amount.amount);
        break;
      case 'WalletAppliedToMembershipCharge':
        note(`wallet credit applied to charge ${e.data.chargeId}`, 'arrived', e.data.amount.amount);
        break;
      case 'MembershipChargeUnpaid':
        note(`unpaid charge ${e.data.chargeId} owed in the wallet`, 'sent', e.data.amount.amount);
        break;
      case 'WalletDebitedForUnpaidCharge':
        note(`unpaid charge ${e.data.chargeId} owed in the wallet`, 'arrived', e.data.amount.amount);
        break;
      case 'MembershipPaymentSucceeded':
        if (e.data.overpayment.amount > 0) note(`overpayment of charge ${e.data.chargeId}`, 'sent', e.data.overpayment.amount);
        break;
      case 'PackageRefunded':
        if (e.data.method === 'wallet' && e.data.amount.amount > 0) note(`refund of package ${e.data.packageId} to the wallet`, 'sent', e.data.amount.amount);
        break;
      case 'MembershipTierChanged':
        if (e.data.settlement === 'wallet' && e.data.net.amount < 0) note(`downgrades of membership ${e.data.membershipId} credited to the wallet`, 'sent', -e.data.net.amount);
        break;
      case 'WalletCredited':
        if (e.data.reason === 'overpayment') note(`overpayment of charge ${e.data.reference ?? ''}`, 'arrived', e.data.amount.amount);
        if (e.data.reason === 'refund-to-credit') note(`refund of package ${e.data.reference ?? ''} to the wallet`, 'arrived', e.data.amount.amount);
        if (e.data.reason === 'downgrade') note(`downgrades of membership ${(e.data.reference ?? '').split(':')[0] ?? ''} credited to the wallet`, 'arrived', e.data.amount.amount);
        break;
      default:
        break;
    }
  }
  return flows;
};

/** Conservation of money: wallets, packages and the movements between aggregates. */
export const checkMoneyConservation = (log: readonly RecordedEvent<PracticeEvent>[], packages: StreamStates<PackageState>): void => {
  const balances = new Map<string, Money>();
  for (const e of log) {
    if (!walletEvents.is(e)) continue;
    const before = balances.get(e.streamName);
    const moved = walletMovement(e);
    const expected = (before?.amount ?? 0) + moved.amount;
    if (e.data.balanceAfter.amount !== expected || (before !== undefined && before.currency !== e.data.balanceAfter.currency)) {
      throw new Error(`${e.type} at revision ${e.revision} of ${e.streamName} leaves ${text(e.data.balanceAfter)}, but ${before === undefined ? 'nothing' : text(before)} moved by ${text(moved)} is ${text({ ...moved, amount: expected })}.`);
    }
    balances.set(e.streamName, e.data.balanceAfter);
  }
  for (const [stream, p] of packages.entries()) {
    if (p.status === 'unsold') continue;
    expectSum(`The units of ${stream}`, p.units.map((u) => u.value), p.pricePaid);
    expectSum(`The units of ${stream} by what became of them`, STATUSES.map((s) => packageValueIn(p, s)), p.pricePaid);
  }
  for (const [what, { sent, arrived }] of transfersBetweenAggregates(log)) {
    if (sent !== arrived) throw new Error(`Money was not conserved: ${what} sent ${(sent / 100).toFixed(2)} and ${(arrived / 100).toFixed(2)} arrived.`);
  }
};
