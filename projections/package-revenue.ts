/**
 * Package revenue (the seed's Analytics > Sales): packages sold, revenue generated, the
 * most popular packages, and the months side by side for seasonal trends. Read from the
 * revenue ledger ({@link revenueProjection}), so its revenue is the package part of the
 * practice's revenue, defined there:
 *
 * - **sold**: packages sold at check-out or during an appointment, plus every package of a
 *   bulk order (on the order date); a refund does not unsell a package;
 * - **sales**: the prices paid (a bulk order's total);
 * - **refunds**: the amounts paid back (to the wallet, the card or as store credit), in
 *   the month of the refund and against the package refunded;
 * - **revenue** = sales − refunds;
 * - **most popular**: ranked by packages sold, then by revenue, then by name.
 */
import { formatMoney, type Money } from '../core/values/money.js';
import type { ReportDefinition, ReportTable } from './report.js';
import { addToTotals, byText, formatTotals, type MoneyTotals } from './report-values.js';
import { packageRevenueCells, revenueProjection, type PackageRevenueCell, type RevenueModel } from './revenue.js';

/** The figures of one package definition in one currency (over all months, or one month). */
export interface PackageRevenueLine {
  readonly definitionId: string;
  readonly name: string;
  readonly currency: string;
  readonly sold: number;
  readonly sales: Money;
  /** Negative. */
  readonly refunds: Money;
  readonly revenue: Money;
}

export interface PackageRevenueMonth {
  readonly month: string;
  readonly sold: number;
  readonly sales: MoneyTotals;
  readonly refunds: MoneyTotals;
  readonly revenue: MoneyTotals;
  /** The package sold most that month (ties: more revenue, then name), if any was sold. */
  readonly topPackage: string | null;
}

export interface PackageRevenue {
  readonly sold: number;
  readonly sales: MoneyTotals;
  readonly refunds: MoneyTotals;
  readonly revenue: MoneyTotals;
  /** Most popular first. */
  readonly packages: readonly (PackageRevenueLine & { readonly rank: number })[];
  readonly months: readonly PackageRevenueMonth[];
  /** Month by package: the seasonal trend of each package. */
  readonly byMonthAndPackage: readonly (PackageRevenueLine & { readonly month: string })[];
}

const lineOf = (c: PackageRevenueCell): PackageRevenueLine => ({
  definitionId: c.definitionId,
  name: c.name,
  currency: c.currency,
  sold: c.packagesSold,
  sales: c.sales,
  refunds: c.refunded,
  revenue: { amount: c.sales.amount + c.refunded.amount, currency: c.currency },
});

const merge = (a: PackageRevenueLine, b: PackageRevenueLine): PackageRevenueLine => ({
  ...a,
  sold: a.sold + b.sold,
  sales: { amount: a.sales.amount + b.sales.amount, currency: a.currency },
  refunds: { amount: a.refunds.amount + b.refunds.amount, currency: a.currency },
  revenue: { amount: a.revenue.amount + b.revenue.amount, currency: a.currency },
});

const popularity = (a: PackageRevenueLine, b: PackageRevenueLine): number =>
  b.sold - a.sold || (a.currency === b.currency ? b.revenue.amount - a.revenue.amount : 0) || byText(a.name, b.name) || byText(a.currency, b.currency);

/** Package revenue from the revenue ledger. */
export const packageRevenue = (model: RevenueModel): PackageRevenue => {
  const cells = packageRevenueCells(model);
  const byPackage = new Map<string, PackageRevenueLine>();
  const months = new Map<string, PackageRevenueLine[]>();
  for (const c of cells) {
    const line = lineOf(c);
    const k = `${c.definitionId}\u0000${c.currency}`;
    const seen = byPackage.get(k);
    byPackage.set(k, seen === undefined ? line : merge(seen, line));
    months.set(c.month, [...(months.get(c.month) ?? []), line]);
  }
  const packages = [...byPackage.values()].sort(popularity).map((p, i) => ({ ...p, rank: i + 1 }));
  const monthRows = [...months.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([month, lines]): PackageRevenueMonth => {
      const top = [...lines].filter((l) => l.sold > 0).sort(popularity)[0];
      return {
        month,
        sold: lines.reduce((n, l) => n + l.sold, 0),
        sales: lines.map((l) => l.sales).reduce<MoneyTotals>(addToTotals, []),
        refunds: lines.map((l) => l.refunds).reduce<MoneyTotals>(addToTotals, []),
        revenue: lines.map((l) => l.revenue).reduce<MoneyTotals>(addToTotals, []),
        topPackage: top?.name ?? null,
      };
    });
  return {
    sold: packages.reduce((n, p) => n + p.sold, 0),
    sales: packages.map((p) => p.sales).reduce<MoneyTotals>(addToTotals, []),
    refunds: packages.map((p) => p.refunds).reduce<MoneyTotals>(addToTotals, []),
    revenue: packages.map((p) => p.revenue).reduce<MoneyTotals>(addToTotals, []),
    packages,
    months: monthRows,
    byMonthAndPackage: cells.map((c) => ({ ...lineOf(c), month: c.month })),
  };
};

const packageRevenueTables = (r: PackageRevenue): readonly ReportTable[] => [
  {
    title: 'Package revenue',
    columns: ['Packages sold', 'Sales', 'Refunds', 'Revenue'],
    rows: [[r.sold, formatTotals(r.sales), formatTotals(r.refunds), formatTotals(r.revenue)]],
  },
  {
    title: 'Most popular packages',
    columns: ['Rank', 'Package', 'Sold', 'Sales', 'Refunds', 'Revenue'],
    rows: r.packages.map((p) => [p.rank, p.name, p.sold, formatMoney(p.sales), formatMoney(p.refunds), formatMoney(p.revenue)]),
  },
  {
    title: 'Package revenue by month',
    columns: ['Month', 'Sold', 'Sales', 'Refunds', 'Revenue', 'Top package'],
    rows: r.months.map((m) => [m.month, m.sold, formatTotals(m.sales), formatTotals(m.refunds), formatTotals(m.revenue), m.topPackage]),
  },
  {
    title: 'Seasonal trends by package',
    columns: ['Month', 'Package', 'Sold', 'Revenue'],
    rows: r.byMonthAndPackage.map((c) => [c.month, c.name, c.sold, formatMoney(c.revenue)]),
  },
];

export const packageRevenueReport: ReportDefinition<RevenueModel, PackageRevenue> = {
  name: 'package-revenue',
  title: 'Package revenue',
  description: 'Packages sold, revenue generated, the most popular packages and the months side by side (seasonal trends).',
  parameters: [],
  projection: revenueProjection,
  view: (model) => packageRevenue(model),
  tables: packageRevenueTables,
};
