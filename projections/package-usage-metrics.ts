/**
 * Package usage metrics (the seed's Analytics > Packages): how the packages sold are
 * used, read from the package usage model (each package folded with the aggregate's own
 * `evolve`). Over the packages sold as of D — every package counts, open ones too:
 *
 * - **Fully used share** = packages whose every unit has been used ÷ packages sold.
 * - **Average completion rate** = the mean, over packages, of units used ÷ units included
 *   (each package weighs the same, whatever its size).
 * - **Time to completion** = for a fully used package, the days from its sale to the day
 *   its last unit was used; the figure is their mean.
 * - **Expiration rate** = packages that expired with units left (at least one unit voided
 *   by the expiry) ÷ packages sold; the units and value they lost are shown beside it.
 *   A package extended after its expiry is no longer expired.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import { daysBetween, type LocalDate } from '../core/values/local-date.js';
import { packageValueIn, type SoldPackage } from '../core/packages/index.js';
import { packageUsageProjection, type PackageUsageModel } from './package-usage.js';
import type { ReportDefinition, ReportTable } from './report.js';
import { addToTotals, byText, formatTotals, mean, percentage, percentCell, type MoneyTotals } from './report-values.js';

export interface PackageUsageFigures {
  readonly sold: number;
  readonly fullyUsed: number;
  /** Percent, two decimals; `null` when none was sold. */
  readonly fullyUsedShare: number | null;
  /** Percent, two decimals. */
  readonly averageCompletionRate: number | null;
  /** Days, one decimal; `null` while no package is fully used. */
  readonly averageDaysToCompletion: number | null;
  readonly expiredWithUnitsLeft: number;
  readonly expirationRate: number | null;
  readonly unitsExpired: number;
  readonly valueExpired: MoneyTotals;
  readonly refunded: number;
  /** Active packages with units left. */
  readonly open: number;
}

export interface PackageUsageMetrics extends PackageUsageFigures {
  readonly asOf: LocalDate;
  /** The same figures for each package definition, by name. */
  readonly byPackage: readonly (PackageUsageFigures & { readonly definitionId: string; readonly name: string })[];
}

const lastUse = (p: SoldPackage): LocalDate | undefined =>
  p.units.reduce<LocalDate | undefined>((last, u) => (u.usedOn !== undefined && (last === undefined || u.usedOn > last) ? u.usedOn : last), undefined);

/** The usage figures of some packages. */
export const packageUsageFigures = (packages: readonly SoldPackage[]): PackageUsageFigures => {
  const fullyUsed = packages.filter((p) => p.units.length > 0 && p.units.every((u) => u.status === 'used'));
  const expired = packages.filter((p) => p.status === 'expired' && p.units.some((u) => u.status === 'expired'));
  const completionBasisPoints = packages.map((p) => (p.units.length === 0 ? 0 : (p.units.filter((u) => u.status === 'used').length * 10_000) / p.units.length));
  const completion = mean(completionBasisPoints);
  return {
    sold: packages.length,
    fullyUsed: fullyUsed.length,
    fullyUsedShare: percentage(fullyUsed.length, packages.length),
    averageCompletionRate: completion === null ? null : Math.round(completion) / 100,
    averageDaysToCompletion: mean(fullyUsed.flatMap((p) => {
      const last = lastUse(p);
      return last === undefined ? [] : [daysBetween(p.soldOn, last)];
    })),
    expiredWithUnitsLeft: expired.length,
    expirationRate: percentage(expired.length, packages.length),
    unitsExpired: expired.reduce((n, p) => n + p.units.filter((u) => u.status === 'expired').length, 0),
    valueExpired: expired.map((p) => packageValueIn(p, 'expired')).reduce<MoneyTotals>(addToTotals, []),
    refunded: packages.filter((p) => p.status === 'refunded').length,
    open: packages.filter((p) => p.status === 'active' && p.units.some((u) => u.status === 'unused')).length,
  };
};

/** The usage metrics of every package sold, and of each package definition. */
export const packageUsageMetrics = (model: PackageUsageModel, asOf: LocalDate): PackageUsageMetrics => {
  const all = Object.values(model.packages).sort((a, b) => byText(a.packageId, b.packageId));
  const byDefinition = new Map<string, SoldPackage[]>();
  for (const p of all) byDefinition.set(p.terms.definitionId, [...(byDefinition.get(p.terms.definitionId) ?? []), p]);
  return {
    asOf,
    ...packageUsageFigures(all),
    byPackage: [...byDefinition.entries()]
      .map(([definitionId, packages]) => ({ definitionId, name: packages[packages.length - 1]?.terms.name ?? definitionId, ...packageUsageFigures(packages) }))
      .sort((a, b) => byText(a.name, b.name) || byText(a.definitionId, b.definitionId)),
  };
};

const COLUMNS = ['Sold', 'Fully used', 'Fully used %', 'Average completion', 'Days to completion', 'Expired with units left', 'Expiration rate', 'Units expired', 'Value expired', 'Refunded', 'Open'];

const cells = (f: PackageUsageFigures): (string | number | null)[] => [
  f.sold,
  f.fullyUsed,
  percentCell(f.fullyUsedShare),
  percentCell(f.averageCompletionRate),
  f.averageDaysToCompletion,
  f.expiredWithUnitsLeft,
  percentCell(f.expirationRate),
  f.unitsExpired,
  formatTotals(f.valueExpired),
  f.refunded,
  f.open,
];

const usageTables = (m: PackageUsageMetrics): readonly ReportTable[] => [
  { title: `Package usage as of ${m.asOf}`, columns: COLUMNS, rows: [cells(m)] },
  { title: 'Package usage by package', columns: ['Package', ...COLUMNS], rows: m.byPackage.map((p) => [p.name, ...cells(p)]) },
];

export const packageUsageMetricsReport: ReportDefinition<PackageUsageModel, PackageUsageMetrics> = {
  name: 'package-usage-metrics',
  title: 'Package usage metrics',
  description: 'Share of packages fully used, average completion rate, time to completion and expiration rate, overall and by package.',
  parameters: [],
  projection: packageUsageProjection,
  view: (model, { asOf }) => packageUsageMetrics(model, asOf),
  tables: usageTables,
};

