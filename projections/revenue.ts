/**
 * The revenue ledger: every amount the log records as earned or given back, by month
 * (of the business date the event records), by membership and by package definition.
 *
 * **What counts as revenue** (the one definition every report uses, {@link revenueMovementsOf}):
 * - a membership charge, when it is *requested* — the invoice, as Stripe finalises an
 *   invoice and Kill Bill generates one; revenue is recognised on the charge, not on the
 *   payment, and a payment (`collected`) is reported beside it. The amount is the charge
 *   before any wallet credit applied to it: the wallet is the client's balance with the
 *   practice, a means of payment like a card, so a charge the wallet paid is revenue too.
 *   An unpaid charge stays revenue (it becomes the client's debt in the wallet);
 * - a package sold at check-out or during an appointment: its price paid, on the sale date;
 * - a bulk order: its total, on the order date (the business paid for every code); the
 *   packages issued when codes are redeemed are not counted again;
 * - minus a package refund (to the wallet, the card or as store credit), on its date;
 * - minus a membership refund, and minus a tier change's negative net credited to the
 *   client's wallet (a credit note), on their dates.
 *
 * So the revenue of a log is: Σ charges (before wallet credit) + Σ package sales + Σ bulk
 * orders − Σ refunds − Σ credit notes. Courtesy and promotional wallet credits are the
 * practice's gifts, not revenue movements; a written-off debt is bad debt, not a refund.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import { membershipEvents } from '../core/memberships/index.js';
import { bulkOrderEvents, packageEvents } from '../core/packages/index.js';
import { monthOf, type LocalDate } from '../core/values/local-date.js';
import { add, negate, sum, zero, type Money } from '../core/values/money.js';
import { PersistentMap } from '../core/values/persistent.js';
import type { Projection } from './projection.js';
import { addToTotals, byText, type MoneyTotals } from './report-values.js';

export type RevenueKind =
  | 'membership-charge'
  | 'membership-refund'
  | 'membership-credit-note'
  | 'package-sale'
  | 'bulk-order'
  | 'package-refund';

/** One amount earned (positive) or given back (negative). */
export interface RevenueMovement {
  readonly kind: RevenueKind;
  readonly on: LocalDate;
  /** Signed: negative for refunds and credit notes. */
  readonly amount: Money;
  /** The client (or, for a bulk order, the business). */
  readonly payerId: string;
  readonly membershipId?: string;
  readonly packageId?: string;
  /** The package definition sold or refunded, and its name. */
  readonly definitionId?: string;
  readonly packageName?: string;
  /** Packages sold by the movement (1 a sale, N a bulk order, 0 otherwise). */
  readonly packagesSold: number;
}

/** The package definitions of sold packages, to attribute a refund to the package it refunds. */
export type PackageDefinitions = PersistentMap<string, { readonly definitionId: string; readonly name: string }>;

/** The revenue movements an event records, given the packages known so far (for refunds). */
export const revenueMovementsOf = (event: DomainEvent, packages: PackageDefinitions): readonly RevenueMovement[] => {
  if (membershipEvents.is(event)) {
    const e = event;
    switch (e.type) {
      case 'MembershipChargeRequested': {
        const d = e.data;
        const gross = sum(d.total.currency, d.lines.filter((l) => l.kind !== 'wallet-credit').map((l) => l.amount));
        return [{ kind: 'membership-charge', on: d.requestedOn, amount: gross, payerId: d.clientId, membershipId: d.membershipId, packagesSold: 0 }];
      }
      case 'MembershipRefundRequested': {
        const d = e.data;
        return [{ kind: 'membership-refund', on: d.requestedOn, amount: negate(d.amount), payerId: d.clientId, membershipId: d.membershipId, packagesSold: 0 }];
      }
      case 'MembershipTierChanged': {
        const d = e.data;
        if (d.settlement !== 'wallet' || d.net.amount >= 0) return [];
        return [{ kind: 'membership-credit-note', on: d.changedOn, amount: d.net, payerId: d.clientId, membershipId: d.membershipId, packagesSold: 0 }];
      }
      default:
        return [];
    }
  }
  if (packageEvents.is(event)) {
    const e = event;
    if (e.type === 'PackageSold') {
      const d = e.data;
      if (d.channel === 'bulk-order') return [];
      return [
        {
          kind: 'package-sale',
          on: d.soldOn,
          amount: d.pricePaid,
          payerId: d.clientId,
          packageId: d.packageId,
          definitionId: d.terms.definitionId,
          packageName: d.terms.name,
          packagesSold: 1,
        },
      ];
    }
    if (e.type === 'PackageRefunded') {
      const d = e.data;
      const sold = packages.get(d.packageId);
      return [
        {
          kind: 'package-refund',
          on: d.on,
          amount: negate(d.amount),
          payerId: d.clientId,
          packageId: d.packageId,
          ...(sold !== undefined ? { definitionId: sold.definitionId, packageName: sold.name } : {}),
          packagesSold: 0,
        },
      ];
    }
    return [];
  }
  if (bulkOrderEvents.is(event) && event.type === 'BulkPackagesOrdered') {
    const d = event.data;
    return [
      { kind: 'bulk-order', on: d.orderedOn, amount: d.total, payerId: d.businessId, definitionId: d.terms.definitionId, packageName: d.terms.name, packagesSold: d.quantity },
    ];
  }
  return [];
};

/** Membership revenue of one month in one currency. */
export interface MembershipRevenueMonth {
  readonly month: string;
  readonly currency: string;
  /** Charges requested, before wallet credit. */
  readonly charged: Money;
  /** Refunds and credit notes (negative). */
  readonly refunded: Money;
  /** The part of the charges the clients' wallets paid. */
  readonly walletApplied: Money;
  /** Payments that succeeded (their charge's amount, without overpayment). */
  readonly collected: Money;
}

/** Package revenue of one month, one package definition and one currency. */
export interface PackageRevenueCell {
  readonly month: string;
  readonly definitionId: string;
  readonly name: string;
  readonly currency: string;
  readonly packagesSold: number;
  readonly sales: Money;
  /** Refunds (negative). */
  readonly refunded: Money;
}

export interface RevenueModel {
  /** Keyed `YYYY-MM` NUL currency. */
  readonly membershipMonths: PersistentMap<string, MembershipRevenueMonth>;
  /** Keyed `YYYY-MM` NUL definitionId NUL currency. */
  readonly packageCells: PersistentMap<string, PackageRevenueCell>;
  /** Net revenue of each membership (charges − refunds − credit notes). */
  readonly byMembership: PersistentMap<string, Money>;
  readonly packages: PackageDefinitions;
}

const emptyMonth = (month: string, currency: string): MembershipRevenueMonth => ({
  month,
  currency,
  charged: zero(currency),
  refunded: zero(currency),
  walletApplied: zero(currency),
  collected: zero(currency),
});

const key = (...parts: readonly string[]): string => parts.join('\u0000');

const applyMovement = (model: RevenueModel, m: RevenueMovement): RevenueModel => {
  const currency = m.amount.currency;
  const month = monthOf(m.on);
  if (m.membershipId !== undefined) {
    const k = key(month, currency);
    const row = model.membershipMonths.get(k) ?? emptyMonth(month, currency);
    const next = m.kind === 'membership-charge' ? { ...row, charged: add(row.charged, m.amount) } : { ...row, refunded: add(row.refunded, m.amount) };
    const before = model.byMembership.get(m.membershipId);
    return {
      ...model,
      membershipMonths: model.membershipMonths.set(k, next),
      byMembership: model.byMembership.set(m.membershipId, before === undefined ? m.amount : add(before, m.amount)),
    };
  }
  const definitionId = m.definitionId ?? '(unknown)';
  const name = m.packageName ?? definitionId;
  const k = key(month, definitionId, currency);
  const cell = model.packageCells.get(k) ?? { month, definitionId, name, currency, packagesSold: 0, sales: zero(currency), refunded: zero(currency) };
  const next =
    m.kind !== 'package-refund'
      ? { ...cell, packagesSold: cell.packagesSold + m.packagesSold, sales: add(cell.sales, m.amount) }
      : { ...cell, refunded: add(cell.refunded, m.amount) };
  return { ...model, packageCells: model.packageCells.set(k, next) };
};

/** Records a membership month figure that is not revenue (wallet applied, collected). */
const applyCash = (model: RevenueModel, on: LocalDate, amount: Money, field: 'walletApplied' | 'collected'): RevenueModel => {
  const k = key(monthOf(on), amount.currency);
  const row = model.membershipMonths.get(k) ?? emptyMonth(monthOf(on), amount.currency);
  return { ...model, membershipMonths: model.membershipMonths.set(k, { ...row, [field]: add(row[field], amount) }) };
};

const apply = (model: RevenueModel, event: DomainEvent): RevenueModel => {
  let next = model;
  if (packageEvents.is(event) && event.type === 'PackageSold') {
    const { packageId, terms } = event.data;
    next = { ...next, packages: next.packages.set(packageId, { definitionId: terms.definitionId, name: terms.name }) };
  }
  for (const m of revenueMovementsOf(event, next.packages)) next = applyMovement(next, m);
  if (membershipEvents.is(event)) {
    if (event.type === 'MembershipChargeRequested') {
      const applied = sum(event.data.total.currency, event.data.lines.filter((l) => l.kind === 'wallet-credit').map((l) => negate(l.amount)));
      if (applied.amount !== 0) next = applyCash(next, event.data.requestedOn, applied, 'walletApplied');
    }
    if (event.type === 'MembershipPaymentSucceeded') next = applyCash(next, event.data.paidOn, event.data.amount, 'collected');
  }
  return next;
};

export const revenueProjection: Projection<DomainEvent, RevenueModel> = {
  name: 'revenue',
  initial: { membershipMonths: PersistentMap.empty(), packageCells: PersistentMap.empty(), byMembership: PersistentMap.empty(), packages: PersistentMap.empty() },
  apply,
};

/** Membership revenue by month, then currency. */
export const membershipRevenueByMonth = (model: RevenueModel): readonly MembershipRevenueMonth[] =>
  [...model.membershipMonths.values()].sort((a, b) => byText(a.month, b.month) || byText(a.currency, b.currency));

/** Package revenue by month, then package, then currency. */
export const packageRevenueCells = (model: RevenueModel): readonly PackageRevenueCell[] =>
  [...model.packageCells.values()].sort((a, b) => byText(a.month, b.month) || byText(a.name, b.name) || byText(a.currency, b.currency));

/** One month of the practice's revenue. */
export interface RevenueMonth {
  readonly month: string;
  readonly membershipCharges: MoneyTotals;
  readonly packageSales: MoneyTotals;
  /** Refunds and credit notes, negative. */
  readonly refunds: MoneyTotals;
  /** Charges + sales + refunds. */
  readonly revenue: MoneyTotals;
  /** Membership payments that succeeded (cash in, not revenue). */
  readonly collected: MoneyTotals;
  readonly walletApplied: MoneyTotals;
}

/** The practice's revenue by month: membership charges, package sales, refunds and the net. */
export const revenueByMonth = (model: RevenueModel): readonly RevenueMonth[] => {
  const months = new Map<string, RevenueMonth>();
  const row = (month: string): RevenueMonth =>
    months.get(month) ?? { month, membershipCharges: [], packageSales: [], refunds: [], revenue: [], collected: [], walletApplied: [] };
  for (const m of model.membershipMonths.values()) {
    const r = row(m.month);
    months.set(m.month, {
      ...r,
      membershipCharges: addToTotals(r.membershipCharges, m.charged),
      refunds: addToTotals(r.refunds, m.refunded),
      revenue: addToTotals(addToTotals(r.revenue, m.charged), m.refunded),
      collected: addToTotals(r.collected, m.collected),
      walletApplied: addToTotals(r.walletApplied, m.walletApplied),
    });
  }
  for (const c of model.packageCells.values()) {
    const r = row(c.month);
    months.set(c.month, {
      ...r,
      packageSales: addToTotals(r.packageSales, c.sales),
      refunds: addToTotals(r.refunds, c.refunded),
      revenue: addToTotals(addToTotals(r.revenue, c.sales), c.refunded),
    });
  }
  // Every figure of a month in every currency the month has, zero where nothing happened.
  const filled = (r: RevenueMonth): RevenueMonth => {
    const zeros = [...new Set([r.membershipCharges, r.packageSales, r.refunds, r.revenue, r.collected, r.walletApplied].flat().map((m) => m.currency))].map(zero);
    const fill = (totals: MoneyTotals): MoneyTotals => zeros.reduce(addToTotals, totals);
    return {
      month: r.month,
      membershipCharges: fill(r.membershipCharges),
      packageSales: fill(r.packageSales),
      refunds: fill(r.refunds),
      revenue: fill(r.revenue),
      collected: fill(r.collected),
      walletApplied: fill(r.walletApplied),
    };
  };
  return [...months.values()].map(filled).sort((a, b) => byText(a.month, b.month));
};

/** The revenue of the whole log, by currency. */
export const revenueTotal = (model: RevenueModel): MoneyTotals =>
  revenueByMonth(model).reduce<MoneyTotals>((acc, m) => m.revenue.reduce(addToTotals, acc), []);
