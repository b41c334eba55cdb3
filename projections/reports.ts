/**
 * Every report by name, as the CLI finds them: `reports['package-revenue'].run(store,
 * { asOf, timeZone })` folds the events recorded by the end of `asOf` and renders the
 * report's figures (`data`) and its tables.
 */
import { complianceBoardReport } from './compliance-board-report.js';
import { memberRetentionReport } from './member-retention.js';
import { packageRevenueReport } from './package-revenue.js';
import { packageUsageMetricsReport } from './package-usage-metrics.js';
import { programCompletionReport } from './program-completion.js';
import {
  activeMembersReport,
  clientCreditsReport,
  creditHistoryReport,
  creditsReportReport,
  packagesExpiringReport,
  packageUsageReport,
  pastDueReport,
  programEnrollmentsReport,
  upcomingRenewalsReport,
} from './read-model-reports.js';
import { registerReport, type RegisteredReport } from './report.js';
import { remindersDueReport } from './reminders-due.js';
import { revenueReport } from './revenue-report.js';

/** The reports by name, in the order a listing shows them. */
export const reports = {
  revenue: registerReport(revenueReport),
  'package-revenue': registerReport(packageRevenueReport),
  'member-retention': registerReport(memberRetentionReport),
  'package-usage-metrics': registerReport(packageUsageMetricsReport),
  'program-completion': registerReport(programCompletionReport),
  'reminders-due': registerReport(remindersDueReport),
  'credit-history': registerReport(creditHistoryReport),
  'credits-report': registerReport(creditsReportReport),
  'client-credits': registerReport(clientCreditsReport),
  'active-members': registerReport(activeMembersReport),
  'upcoming-renewals': registerReport(upcomingRenewalsReport),
  'past-due': registerReport(pastDueReport),
  'package-usage': registerReport(packageUsageReport),
  'packages-expiring': registerReport(packagesExpiringReport),
  'program-enrollments': registerReport(programEnrollmentsReport),
  'compliance-board': registerReport(complianceBoardReport),
} as const satisfies Readonly<Record<string, RegisteredReport>>;

export type ReportName = keyof typeof reports;


/** Whether a string names a report. */
export const isReportName = (name: string): name is ReportName => Object.hasOwn(reports, name);

/** The names of every report, in the listing's order. */
export const reportNames: readonly ReportName[] = Object.keys(reports).filter(isReportName);

/** The report of a name, or `undefined`. */
export const findReport = (name: string): RegisteredReport | undefined => (isReportName(name) ? reports[name] : undefined);
