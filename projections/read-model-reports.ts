/**
 * The existing read models as reports, so the CLI prints them like the analytics: credit
 * history, the credits report, client credits, active members, upcoming renewals, past-due
 * members, package usage, packages expiring soon and program enrollments. Each view only
 * reads its read model; each report can be computed as of any day like every other.
 */
import type { RemainingCredits } from '../core/credits/index.js';
import type { MembershipSummary } from '../core/memberships/index.js';
import { formatMoney } from '../core/values/money.js';
import { clientCredits } from './client-credits.js';
import { creditHistory, creditHistoryProjection, creditHistoryTypes, type CreditHistoryEntry, type CreditHistoryModel } from './credit-history.js';
import {
  clientsInNegativeCredits,
  creditBalances,
  creditsByMonth,
  creditsExpiringWithin,
  creditsReportProjection,
  type ClientTypeBalance,
  type CreditMonthTotals,
  type CreditsReportModel,
  type ExpiringCredits,
} from './credits-report.js';
import { activeMembers, membershipRosterProjection, pastDueMembers, upcomingRenewals, type MembershipRoster, type PastDueMember, type UpcomingRenewal } from './memberships.js';
import { clientPackageUsage, packageUsageProjection, type PackageUsage, type PackageUsageModel } from './package-usage.js';
import { packagesExpiringProjection, packagesExpiringSoon, type ExpiringPackage, type PackagesExpiringModel } from './packages-expiring.js';
import { programEnrollmentRows, programEnrollmentsProjection, type ProgramEnrollmentRow, type ProgramEnrollmentsModel } from './program-enrollments.js';
import type { ReportDefinition } from './report.js';
import { byText } from './report-values.js';

const DEFAULT_RENEWAL_DAYS = 30;
const DEFAULT_CREDIT_EXPIRY_DAYS = 30;
const DEFAULT_PACKAGE_EXPIRY_DAYS = 14;

const clients = (all: Iterable<string>, only: string | undefined): readonly string[] =>
  only === undefined ? [...new Set(all)].sort(byText) : [only];

export const creditHistoryReport: ReportDefinition<CreditHistoryModel, readonly (CreditHistoryEntry & { readonly clientId: string; readonly appointmentType: string })[]> = {
  name: 'credit-history',
  title: 'Credit history',
  description: "Every change of each client's credits per appointment type, with its reason and the running balance.",
  parameters: ['clientId'],
  projection: creditHistoryProjection,
  view: (model, { clientId }) =>
    clients(model.typesByClient.keys(), clientId).flatMap((client) =>
      creditHistoryTypes(model, client).flatMap((type) => creditHistory(model, client, type).map((e) => ({ ...e, clientId: client, appointmentType: type }))),
    ),
  tables: (entries) => [
    {
      title: 'Credit history',
      columns: ['Client', 'Appointment type', 'On', 'Reason', 'Description', 'Change', 'Balance', 'By'],
      rows: entries.map((e) => [e.clientId, e.appointmentType, e.on, e.reason, e.description, e.delta, e.balance, e.by]),
    },
  ],
};

export interface CreditsReportView {
  readonly balances: readonly ClientTypeBalance[];
  readonly negative: readonly ClientTypeBalance[];
  readonly expiring: readonly ExpiringCredits[];
  readonly byMonth: readonly CreditMonthTotals[];
}

export const creditsReportReport: ReportDefinition<CreditsReportModel, CreditsReportView> = {
  name: 'credits-report',
  title: 'Credits report',
  description: 'Credit balances per client and appointment type, clients in negative credits, credits expiring soon, and the movements by month.',
  parameters: ['withinDays'],
  projection: creditsReportProjection,
  view: (model, { asOf, withinDays }) => ({
    balances: creditBalances(model),
    negative: clientsInNegativeCredits(model),
    expiring: creditsExpiringWithin(model, asOf, withinDays ?? DEFAULT_CREDIT_EXPIRY_DAYS),
    byMonth: creditsByMonth(model),
  }),
  tables: (r) => [
    { title: 'Credit balances', columns: ['Client', 'Appointment type', 'Balance'], rows: r.balances.map((b) => [b.clientId, b.appointmentType, b.balance]) },
    { title: 'Clients in negative credits', columns: ['Client', 'Appointment type', 'Balance'], rows: r.negative.map((b) => [b.clientId, b.appointmentType, b.balance]) },
    { title: 'Credits expiring soon', columns: ['Expires on', 'Client', 'Appointment type', 'Credits'], rows: r.expiring.map((e) => [e.expiresOn, e.clientId, e.appointmentType, e.quantity]) },
    {
      title: 'Credit movements by month',
      columns: ['Month', 'Appointment type', 'Granted', 'Used', 'Restored', 'Expired', 'Voided', 'Transferred in', 'Transferred out', 'Adjusted'],
      rows: r.byMonth.map((m) => [m.month, m.appointmentType, m.granted, m.used, m.restored, m.expired, m.voided, m.transferredIn, m.transferredOut, m.adjusted]),
    },
  ],
};

export const clientCreditsReport: ReportDefinition<CreditsReportModel, readonly (RemainingCredits & { readonly clientId: string })[]> = {
  name: 'client-credits',
  title: 'Client credits',
  description: 'Each client’s remaining credits per appointment type, with the nearest expiry.',
  parameters: ['clientId'],
  projection: creditsReportProjection,
  view: (model, { clientId }) => clients(model.clients.keys(), clientId).flatMap((client) => clientCredits(model, client).map((c) => ({ ...c, clientId: client }))),
  tables: (rows) => [
    {
      title: 'Client credits',
      columns: ['Client', 'Appointment type', 'Balance', 'Nearest expiry', 'Expiring then'],
      rows: rows.map((c) => [c.clientId, c.appointmentType, c.balance, c.nearestExpiry, c.expiringThen]),
    },
  ],
};

export const activeMembersReport: ReportDefinition<MembershipRoster, readonly MembershipSummary[]> = {
  name: 'active-members',
  title: 'Active members',
  description: 'Members whose membership has not ended: tier, start date, renewal date, next payment amount and status.',
  parameters: [],
  projection: membershipRosterProjection,
  view: (roster) => activeMembers(roster),
  tables: (rows) => [
    {
      title: 'Active members',
      columns: ['Client', 'Membership', 'Tier', 'Start date', 'Renewal date', 'Next payment', 'Status'],
      rows: rows.map((m) => [m.clientId, m.membershipId, m.tier.name, m.startsOn, m.renewalOn, m.nextPayment === null ? null : formatMoney(m.nextPayment.total), m.status]),
    },
  ],
};

export const upcomingRenewalsReport: ReportDefinition<MembershipRoster, readonly UpcomingRenewal[]> = {
  name: 'upcoming-renewals',
  title: 'Upcoming renewals',
  description: 'Renewals and trial conversions in the next days (30 unless told), with the amount to be charged.',
  parameters: ['withinDays'],
  projection: membershipRosterProjection,
  view: (roster, { asOf, withinDays }) => upcomingRenewals(roster, asOf, withinDays ?? DEFAULT_RENEWAL_DAYS),
  tables: (rows) => [
    {
      title: 'Upcoming renewals',
      columns: ['Renewal date', 'Client', 'Membership', 'Tier', 'Kind', 'Amount'],
      rows: rows.map((r) => [r.on, r.clientId, r.membershipId, r.tier.name, r.kind, formatMoney(r.amount)]),
    },
  ],
};

export const pastDueReport: ReportDefinition<MembershipRoster, readonly PastDueMember[]> = {
  name: 'past-due',
  title: 'Past-due members',
  description: 'Every unpaid charge that failed at least once, with its next retry.',
  parameters: [],
  projection: membershipRosterProjection,
  view: (roster) => pastDueMembers(roster),
  tables: (rows) => [
    {
      title: 'Past-due members',
      columns: ['Client', 'Membership', 'Tier', 'Charge', 'Amount', 'Requested on', 'Failures', 'Next retry', 'Retries exhausted'],
      rows: rows.map((p) => [p.clientId, p.membershipId, p.tier.name, p.chargeId, formatMoney(p.amount), p.requestedOn, p.failures, p.nextRetryOn, p.exhausted ? 'yes' : 'no']),
    },
  ],
};

export const packageUsageReport: ReportDefinition<PackageUsageModel, readonly (PackageUsage & { readonly clientId: string })[]> = {
  name: 'package-usage',
  title: 'Package usage',
  description: 'Each client’s packages: purchase and expiry dates, services used ("2 of 6 used"), units and value remaining.',
  parameters: ['clientId'],
  projection: packageUsageProjection,
  view: (model, { clientId }) => clients(Object.keys(model.byClient), clientId).flatMap((client) => clientPackageUsage(model, client).map((u) => ({ ...u, clientId: client }))),
  tables: (rows) => [
    {
      title: 'Package usage',
      columns: ['Client', 'Package', 'Status', 'Purchased on', 'Expires on', 'Used', 'Units remaining', 'Value remaining'],
      rows: rows.map((u) => [u.clientId, u.name, u.status, u.purchasedOn, u.expiresOn ?? null, u.usedLabel, u.remainingUnits, formatMoney(u.valueRemaining)]),
    },
  ],
};

export const packagesExpiringReport: ReportDefinition<PackagesExpiringModel, readonly ExpiringPackage[]> = {
  name: 'packages-expiring',
  title: 'Packages expiring soon',
  description: 'Packages with unused services that expire in the next days (14 unless told).',
  parameters: ['withinDays'],
  projection: packagesExpiringProjection,
  view: (model, { asOf, withinDays }) => packagesExpiringSoon(model, asOf, { withinDays: withinDays ?? DEFAULT_PACKAGE_EXPIRY_DAYS }),
  tables: (rows) => [
    {
      title: 'Packages expiring soon',
      columns: ['Expires on', 'Client', 'Package', 'Units remaining', 'Value remaining', 'Notice on', 'Notice issued'],
      rows: rows.map((p) => [p.expiresOn, p.clientId, p.name, p.unitsRemaining, formatMoney(p.valueRemaining), p.noticeOn, p.noticeIssued ? 'yes' : 'no']),
    },
  ],
};

export const programEnrollmentsReport: ReportDefinition<ProgramEnrollmentsModel, readonly ProgramEnrollmentRow[]> = {
  name: 'program-enrollments',
  title: 'Program enrollments',
  description: 'Who is enrolled in which program, through what, since when (removed and expired enrollments included).',
  parameters: ['clientId'],
  projection: programEnrollmentsProjection,
  view: (model, { clientId }) => programEnrollmentRows(model, { includeEnded: true, ...(clientId !== undefined ? { clientId } : {}) }),
  tables: (rows) => [
    {
      title: 'Program enrollments',
      columns: ['Program', 'Client', 'Status', 'Through', 'Since', 'Enrolled on', 'Completed on', 'Ended on'],
      rows: rows.map((r) => [r.programName, r.clientId, r.status, r.through.map((s) => s.kind).join(', '), r.since, r.enrolledOn, r.completedOn ?? null, r.endedOn ?? null]),
    },
  ],
};
