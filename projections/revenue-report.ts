/**
 * The practice's revenue by month — membership charges, package sales, refunds and the
 * net — with the payments collected and the wallet credit applied beside it. The
 * definition of revenue is the revenue ledger's (`revenue.ts`): charges are recognised
 * when requested, before wallet credit; refunds and credit notes are subtracted in the
 * month they are made.
 */
import type { LocalDate } from '../core/values/local-date.js';
import type { ReportDefinition } from './report.js';
import { formatTotals, type MoneyTotals } from './report-values.js';
import { revenueByMonth, revenueProjection, revenueTotal, type RevenueModel, type RevenueMonth } from './revenue.js';

export interface RevenueReport {
  readonly asOf: LocalDate;
  readonly total: MoneyTotals;
  readonly months: readonly RevenueMonth[];
}

export const revenueReport: ReportDefinition<RevenueModel, RevenueReport> = {
  name: 'revenue',
  title: 'Revenue',
  description: 'Revenue by month: membership charges and package sales minus refunds, with payments collected and wallet credit applied.',
  parameters: [],
  projection: revenueProjection,
  view: (model, { asOf }) => ({ asOf, total: revenueTotal(model), months: revenueByMonth(model) }),
  tables: (r) => [
    {
      title: `Revenue as of ${r.asOf}`,
      columns: ['Month', 'Membership charges', 'Package sales', 'Refunds', 'Revenue', 'Collected', 'Wallet credit applied'],
      rows: [
        ...r.months.map((m) => [
          m.month,
          formatTotals(m.membershipCharges),
          formatTotals(m.packageSales),
          formatTotals(m.refunds),
          formatTotals(m.revenue),
          formatTotals(m.collected),
          formatTotals(m.walletApplied),
        ]),
        ['Total', null, null, null, formatTotals(r.total), null, null],
      ],
    },
  ],
};
