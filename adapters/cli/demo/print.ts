/**
 * The demo's printout: the year at a glance (what happened, counted from the log), the
 * requests the rules refused, then the reports a practice reads — the featured client's
 * credit history, the credits report, active members, upcoming renewals, package usage,
 * the compliance board — and the year's analytics (revenue, package revenue, retention,
 * package usage metrics, program completion), each as of the year's last day.
 */
import type { PracticeEvent, RecordedEvent } from '../../../core/index.js';
import { reports, type ReportName, type ReportParameters } from '../../../projections/index.js';
import { textTable } from '../tables.js';
import type { PracticeYear } from './simulation.js';

type Count = readonly [area: string, what: string, counts: (e: RecordedEvent<PracticeEvent>) => boolean];

const is =
  (...types: readonly PracticeEvent['type'][]) =>
  (e: RecordedEvent<PracticeEvent>): boolean =>
    types.includes(e.type);

/** The lines of "the year at a glance", in the seeds' words. */
const GLANCE: readonly Count[] = [
  ['Memberships', 'signed up', is('MembershipSignedUp')],
  ['Memberships', 'trials started', is('MembershipTrialStarted')],
  ['Memberships', 'trials converted', is('MembershipTrialConverted')],
  ['Memberships', 'charges requested', is('MembershipChargeRequested')],
  ['Memberships', 'payments failed', is('MembershipPaymentFailed')],
  ['Memberships', 'payment retries', is('MembershipPaymentRetryRequested')],
  ['Memberships', 'benefits suspended after the last retry', is('MembershipBenefitsSuspended')],
  ['Memberships', 'paused', is('MembershipPaused')],
  ['Memberships', 'resumed', is('MembershipResumed')],
  ['Memberships', 'tier changes (mid-cycle or at the period end)', is('MembershipTierChanged', 'MembershipTierChangeScheduled')],
  ['Memberships', 'cancellations requested', is('MembershipCancellationRequested')],
  ['Memberships', 'ended', is('MembershipEnded')],
  ['Family plan', 'household members added', is('HouseholdMemberAdded')],
  ['Family plan', 'charges split', is('HouseholdChargeSplit')],
  ['Packages', 'sold', (e) => e.type === 'PackageSold' && e.data.bulkOrder === undefined],
  ['Packages', 'bulk orders', is('BulkPackagesOrdered')],
  ['Packages', 'bulk codes redeemed', is('BulkPackageCodeRedeemed')],
  ['Packages', 'services applied', is('PackageServiceApplied')],
  ['Packages', 'transferred', is('PackageTransferred')],
  ['Packages', 'refunded', is('PackageRefunded')],
  ['Packages', 'extended', is('PackageExtended')],
  ['Packages', 'expired', is('PackageExpired')],
  ['Credits', 'lots granted', is('CreditsGranted')],
  ['Credits', 'sessions booked with a credit', (e) => e.type === 'SessionBooked' && e.data.lot !== null],
  ['Credits', 'sessions booked without credit', (e) => e.type === 'SessionBooked' && e.data.lot === null],
  ['Credits', 'debts repaid by a later grant', is('CreditDebtRepaid')],
  ['Credits', 'bookings cancelled', is('SessionCancelled')],
  ['Credits', 'rollovers at a period end', is('CreditsRolledOver')],
  ['Credits', 'lots expired', is('CreditsExpired')],
  ['Credits', 'lots voided', is('CreditsVoided')],
  ['Credits', 'transfers between clients', is('CreditsTransferredOut')],
  ['Credits', 'manual adjustments', is('CreditsAdjusted')],
  ['Programs', 'enrolled through a package', (e) => e.type === 'ClientEnrolledInProgram' && e.data.through.kind === 'package'],
  ['Programs', 'enrolled through a group', (e) => e.type === 'ClientEnrolledInProgram' && e.data.through.kind === 'group'],
  ['Programs', 'enrolled by a coach', (e) => e.type === 'ClientEnrolledInProgram' && e.data.through.kind === 'manual'],
  ['Programs', 'completed', is('ProgramCompleted')],
  ['Programs', 'clients removed', is('ClientRemovedFromProgram')],
  ['Check-ins', 'submitted', is('CheckInSubmitted')],
  ['Check-ins', 'missed', is('CheckInMissed')],
  ['Check-ins', 'escalations resolved by a check-in', is('EscalationResolved')],
  ['Check-ins', 'reported to the program manager', is('NonComplianceReported')],
  ['Check-ins', 'programs ended after the final notice', is('EscalationEnded')],
];

/** The reports printed, in order, with what each is asked. */
const SECTIONS: readonly { readonly report: ReportName; readonly featured?: boolean; readonly maxRows?: number }[] = [
  { report: 'credit-history', featured: true },
  { report: 'credits-report', maxRows: 12 },
  { report: 'active-members', maxRows: 12 },
  { report: 'upcoming-renewals', maxRows: 12 },
  { report: 'package-usage', maxRows: 12 },
  { report: 'compliance-board' },
  { report: 'revenue' },
  { report: 'package-revenue', maxRows: 12 },
  { report: 'member-retention', maxRows: 12 },
  { report: 'package-usage-metrics', maxRows: 12 },
  { report: 'program-completion', maxRows: 12 },
];

export interface PrintOptions {
  /** Where the log was written, as the reader should type it. */
  readonly logPath: string;
  /** The log's head hash. */
  readonly head: string;
  /** How the reader runs the CLI. @defaultValue `npx practice-ledger` (in a clone of the repository, or with the package installed) */
  readonly command?: string;
}

/** Prints the year: a few seconds of reading for a newcomer, every table from the log. */
export const printPracticeYear = async (year: PracticeYear, print: (line: string) => void, options: PrintOptions): Promise<void> => {
  const counts = GLANCE.map(() => 0);
  let events = 0;
  for await (const e of year.store.readAll()) {
    events++;
    GLANCE.forEach(([, , counted], i) => {
      if (counted(e)) counts[i] = (counts[i] ?? 0) + 1;
    });
  }
  const command = options.command ?? 'npx practice-ledger';
  const rule = '='.repeat(78);
  const heading = (title: string): void => {
    print('');
    print(rule);
    print(title);
    print(rule);
  };

  print(`${year.practice}: one year of practice, ${year.from} to ${year.to} (${year.timeZone})`);
  print(`seed ${year.seed}, ${year.clients} clients drawn besides the cast, ${events} events`);
  heading('The year at a glance');
  for (const line of textTable({ title: 'What happened', columns: ['Area', 'What', 'Count'], rows: GLANCE.map(([area, what], i) => [area, what, counts[i] ?? 0]) })) print(line);
  print('');
  const refused = { title: 'Requests the rules refused', columns: ['Code', 'Count'], rows: year.refusals.map(([code, n]) => [code, n]) };
  for (const line of textTable(refused)) print(line);

  const parameters: ReportParameters = { asOf: year.to, timeZone: year.timeZone };
  for (const section of SECTIONS) {
    const report = reports[section.report];
    const rendered = await report.run(year.store, section.featured === true ? { ...parameters, clientId: year.featuredClient } : parameters);
    heading(`${rendered.title}${section.featured === true ? ` of ${year.featuredClient}` : ''}, as of ${rendered.asOf}`);
    const more = `${command} report ${section.report} --log ${options.logPath} --time-zone ${year.timeZone}`;
    rendered.tables.forEach((table, i) => {
      if (i > 0) print('');
      for (const line of textTable(table, { ...(section.maxRows !== undefined ? { maxRows: section.maxRows } : {}), more })) print(line);
    });
  }

  heading('The log');
  print(`${events} events written to ${options.logPath}`);
  print(`SHA-256 hash chain head: ${options.head}`);
  print('');
  print('Next:');
  print(`  ${command} audit verify ${options.logPath}`);
  print(`  ${command} replay ${options.logPath} --time-zone ${year.timeZone} --report revenue`);
  print(`  ${command} report credit-history --log ${options.logPath} --time-zone ${year.timeZone} --client ${year.featuredClient} --format csv`);
};
