/**
 * Laws of the reports, on random practice logs decided by the deciders:
 * - revenue in the report equals the sum of charges and sales in the log minus refunds;
 * - a report as of D is unchanged by events recorded after D (every report in the registry);
 * - the MRR of the retention report is the sum of the members' MRR on D;
 * - a reminder keeps its id from day to day, and no two reminders share one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import { membershipEvents } from '../../../core/memberships/index.js';
import { bulkOrderEvents, packageEvents } from '../../../core/packages/index.js';
import { practiceDate } from '../../../core/values/calendar.js';
import { addDays, type LocalDate } from '../../../core/values/local-date.js';
import type { Money } from '../../../core/values/money.js';
import { membershipMrr } from '../../../projections/membership-history.js';
import { memberRetentionReport } from '../../../projections/member-retention.js';
import { packageRevenueReport } from '../../../projections/package-revenue.js';
import { remindersDueReport } from '../../../projections/reminders-due.js';
import { reportAsOfSync } from '../../../projections/report.js';
import { reports } from '../../../projections/reports.js';
import { revenueReport } from '../../../projections/revenue-report.js';
import { arbLogPlan, practiceLog } from './arbitrary-log.js';
import { TZ } from './practice.js';
import { activeMembers } from '../../../projections/memberships.js';
import { membershipRosterProjection } from '../../../projections/memberships.js';
import { projectAll } from '../../../projections/projection.js';

const arbLogAndDay = fc.tuple(arbLogPlan, fc.integer({ min: -5, max: 420 })).map(([plan, offset]) => ({
  log: practiceLog(plan),
  asOf: addDays(plan.membership.start, offset),
}));

const recordedBy = (log: readonly RecordedEvent[], asOf: LocalDate): readonly RecordedEvent[] =>
  log.filter((e) => practiceDate(e.metadata.at, TZ) <= asOf);

/** Charges, sales and refunds summed straight from the log, in minor units of USD. */
const logRevenue = (log: readonly RecordedEvent[]): { charges: number; sales: number; refunds: number } => {
  const totals = { charges: 0, sales: 0, refunds: 0 };
  const amount = (m: Money): number => {
    expect(m.currency).toBe('USD');
    return m.amount;
  };
  for (const e of log) {
    if (membershipEvents.is(e)) {
      if (e.type === 'MembershipChargeRequested') {
        const walletApplied = e.data.lines.filter((l) => l.kind === 'wallet-credit').reduce((n, l) => n - amount(l.amount), 0);
        totals.charges += amount(e.data.total) + walletApplied;
      }
      if (e.type === 'MembershipRefundRequested') totals.refunds += amount(e.data.amount);
      if (e.type === 'MembershipTierChanged' && e.data.settlement === 'wallet' && e.data.net.amount < 0) totals.refunds -= amount(e.data.net);
    }
    if (packageEvents.is(e)) {
      if (e.type === 'PackageSold' && e.data.channel !== 'bulk-order') totals.sales += amount(e.data.pricePaid);
      if (e.type === 'PackageRefunded') totals.refunds += amount(e.data.amount);
    }
    if (bulkOrderEvents.is(e) && e.type === 'BulkPackagesOrdered') totals.sales += amount(e.data.total);
  }
  return totals;
};

const usd = (totals: readonly Money[]): number => totals.reduce((n, m) => n + (m.currency === 'USD' ? m.amount : Number.NaN), 0);

describe('report laws', () => {
  it('law: revenue in the report = charges + sales in the log − refunds, as of any day', () => {
    fc.assert(
      fc.property(arbLogAndDay, ({ log, asOf }) => {
        const known = recordedBy(log, asOf);
        const { charges, sales, refunds } = logRevenue(known);
        const r = reportAsOfSync(revenueReport, log, { asOf, timeZone: TZ });
        expect(usd(r.total)).toBe(charges + sales - refunds);
        expect(usd(r.months.flatMap((m) => m.membershipCharges))).toBe(charges);
        expect(usd(r.months.flatMap((m) => m.packageSales))).toBe(sales);
        expect(usd(r.months.flatMap((m) => m.refunds)) + refunds).toBe(0);
        // The package report and the members' revenue are the two parts of it.
        const packages = reportAsOfSync(packageRevenueReport, log, { asOf, timeZone: TZ });
        const retention = reportAsOfSync(memberRetentionReport, log, { asOf, timeZone: TZ });
        const membersRevenue = retention.members.reduce((n, m) => n + m.revenue.amount, 0);
        expect(usd(packages.revenue) + membersRevenue).toBe(usd(r.total));
        expect(packages.packages.reduce((n, p) => n + p.revenue.amount, 0)).toBe(usd(packages.revenue));
      }),
      { numRuns: 150 },
    );
  });

  it('law: a report as of D is unchanged by events recorded after D (every report)', async () => {
    await fc.assert(
      fc.asyncProperty(arbLogAndDay, async ({ log, asOf }) => {
        const known = recordedBy(log, asOf);
        // The log is append-only: what was recorded by D is a prefix, the rest came after.
        expect(known).toEqual(log.slice(0, known.length));
        for (const report of Object.values(reports)) {
          const full = await report.run(log, { asOf, timeZone: TZ, withinDays: 30 });
          const then = await report.run(known, { asOf, timeZone: TZ, withinDays: 30 });
          expect(JSON.stringify(full), report.name).toBe(JSON.stringify(then));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('law: the MRR as of D is the sum of the MRR of the memberships as they stand on D', () => {
    // Recorded in the afternoon, so nothing recorded by D is dated after D.
    const afternoons = arbLogPlan.map((plan) => ({ ...plan, hours: ['15:00'] }));
    fc.assert(
      fc.property(afternoons, fc.integer({ min: 0, max: 420 }), (plan, offset) => {
        const log = practiceLog(plan);
        const asOf = addDays(plan.membership.start, offset);
        const roster = projectAll(membershipRosterProjection, recordedBy(log, asOf));
        const expected = [...roster.memberships.values()].reduce((n, m) => n + membershipMrr(m).amount, 0);
        const r = reportAsOfSync(memberRetentionReport, log, { asOf, timeZone: TZ });
        expect(usd(r.mrr)).toBe(expected);
        // Members on D are the memberships active on D that have had a paid period.
        expect(r.activeMembers).toBeLessThanOrEqual(activeMembers(roster).length);
      }),
      { numRuns: 150 },
    );
  });

  it('law: a reminder keeps its id from one day to the next, and ids are unique', () => {
    fc.assert(
      fc.property(arbLogAndDay, ({ log, asOf }) => {
        const today = reportAsOfSync(remindersDueReport, log, { asOf, timeZone: TZ }).messages;
        const tomorrow = reportAsOfSync(remindersDueReport, log, { asOf: addDays(asOf, 1), timeZone: TZ }).messages;
        expect(new Set(today.map((m) => m.messageId)).size).toBe(today.length);
        const subject = (m: (typeof today)[number]): string => `${m.kind}|${m.membershipId ?? m.packageId}|${m.about}`;
        const ids = new Map(today.map((m) => [subject(m), m.messageId]));
        for (const m of tomorrow) if (ids.has(subject(m))) expect(m.messageId).toBe(ids.get(subject(m)));
      }),
      { numRuns: 150 },
    );
  });
});
