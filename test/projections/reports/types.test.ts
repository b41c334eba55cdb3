/** Type-level tests: the registry knows its names, and a report's parameters and figures are typed. */
import { describe, expect, it } from 'vitest';
import { localDate as d } from '../../../core/values/local-date.js';
import type { ReportParameters, ReportTable } from '../../../projections/report.js';
import { reports, type ReportName } from '../../../projections/reports.js';
import type { PackageRevenue } from '../../../projections/package-revenue.js';
import { packageRevenueReport } from '../../../projections/package-revenue.js';

describe('report types', () => {
  it('reject wrong shapes at compile time', () => {
    const name: ReportName = 'package-revenue';
    // @ts-expect-error not a report
    const unknown: ReportName = 'package-sales';
    const params: ReportParameters = { asOf: d('2025-05-31'), timeZone: 'Europe/Paris' };
    // @ts-expect-error a report is as of a practice day, in the practice's time zone
    const noZone: ReportParameters = { asOf: d('2025-05-31') };
    // @ts-expect-error the day is a LocalDate, not any string
    const loose: ReportParameters = { asOf: '31/05/2025', timeZone: 'Europe/Paris' };
    // @ts-expect-error a cell is text, a count or nothing
    const table: ReportTable = { title: 't', columns: ['a'], rows: [[{ amount: 1 }]] };
    const view: (model: Parameters<typeof packageRevenueReport.view>[0]) => PackageRevenue = (model) => packageRevenueReport.view(model, params);
    expect([reports[name].name, unknown, noZone, loose, table, typeof view]).toHaveLength(6);
  });
});
