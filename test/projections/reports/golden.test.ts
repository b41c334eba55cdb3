/**
 * Golden scenarios: the reports of the practice in `scenario.ts`, every number worked out
 * by hand below from the scenario's story (not read back from the code).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate as d } from '../../../core/values/local-date.js';
import { deriveId } from '../../../core/values/ids.js';
import { reportAsOf, type ReportParameters } from '../../../projections/report.js';
import { revenueReport } from '../../../projections/revenue-report.js';
import { packageRevenueReport } from '../../../projections/package-revenue.js';
import { memberRetentionReport } from '../../../projections/member-retention.js';
import { packageUsageMetricsReport } from '../../../projections/package-usage-metrics.js';
import { programCompletionReport } from '../../../projections/program-completion.js';
import { remindersDueReport } from '../../../projections/reminders-due.js';
import { usd } from '../../core/memberships/fixtures.js';
import { playScenario, B1 } from './scenario.js';
import { TZ, type Practice } from './practice.js';

let practice: Practice;
beforeAll(async () => {
  practice = await playScenario('2025-05-31');
});
const asOf = (date: string): ReportParameters => ({ asOf: d(date), timeZone: TZ });

describe('revenue (golden)', () => {
  it('charges and sales minus refunds, by month', async () => {
    const r = await reportAsOf(revenueReport, practice.store, asOf('2025-05-31'));
    // Membership charges (requested on each period's first day, $99 Gold, $199 Platinum):
    //   Jan: ann 99 (Jan 1) + bob 199 (Jan 15)                                  = 298
    //   Feb: ann 99 + bob 199 + dan 99 (Feb 10); cara's trial is free           = 397
    //   Mar: ann 99 + bob 199 + cara 99 (Mar 3) + dan 99 (Mar 10) + eve 99 (Mar 1, never paid) = 595
    //   Apr: ann 99 + cara 99; dan is paused, bob ended Apr 15 before renewing  = 198
    //   May: ann 99 + cara 99 + dan 99 (May 11, after the pause)               = 297    → 1,785
    // Package sales: Jan P1 450 + C1 200 = 650; Feb C2 200 + P2 450 + bulk 4 × 450 × 0.9 = 1,620 → 2,270
    // Refunds: Apr P1's 4 unused facials × 75 = −300.
    // Revenue: Jan 948, Feb 2,667, Mar 595, Apr −102, May 297 → 4,405 = 1,785 + 2,920 − 300.
    expect(r.months.map((m) => [m.month, m.membershipCharges, m.packageSales, m.refunds, m.revenue])).toEqual([
      ['2025-01', [usd(298_00)], [usd(650_00)], [usd(0)], [usd(948_00)]],
      ['2025-02', [usd(397_00)], [usd(2270_00)], [usd(0)], [usd(2667_00)]],
      ['2025-03', [usd(595_00)], [usd(0)], [usd(0)], [usd(595_00)]],
      ['2025-04', [usd(198_00)], [usd(0)], [usd(-300_00)], [usd(-102_00)]],
      ['2025-05', [usd(297_00)], [usd(0)], [usd(0)], [usd(297_00)]],
    ]);
    expect(r.total).toEqual([usd(4405_00)]);
    // Collected: every charge paid the day it was requested, except eve's $99 → March 595 − 99 = 496.
    expect(r.months.map((m) => m.collected)).toEqual([[usd(298_00)], [usd(397_00)], [usd(496_00)], [usd(198_00)], [usd(297_00)]]);
  });

  it('as of Feb 28 the report is what it said that day', async () => {
    const r = await reportAsOf(revenueReport, practice.store, asOf('2025-02-28'));
    // Jan 948 + Feb 2,667 = 3,615; nothing of March yet.
    expect(r.total).toEqual([usd(3615_00)]);
    expect(r.months.map((m) => m.month)).toEqual(['2025-01', '2025-02']);
  });
});

describe('package revenue (golden)', () => {
  it('total sold, revenue generated, popular packages, by month', async () => {
    const r = await reportAsOf(packageRevenueReport, practice.store, asOf('2025-05-31'));
    // Sold: P1, C1 (Jan); C2, P2 and the bulk order's 4 (Feb) → 8. Sales 650 + 2,270 = 2,920; refunds −300 → 2,620.
    expect([r.sold, r.sales, r.refunds, r.revenue]).toEqual([8, [usd(2920_00)], [usd(-300_00)], [usd(2620_00)]]);
    // Facials: 1 + 1 + 4 = 6 sold, 450 + 450 + 1,620 = 2,520, −300 → 2,220; Classes: 2 sold, 400.
    expect(r.packages.map((p) => [p.rank, p.name, p.sold, p.sales.amount, p.refunds.amount, p.revenue.amount])).toEqual([
      [1, '6-Pack Facials', 6, 2520_00, -300_00, 2220_00],
      [2, '10-Class Package', 2, 400_00, 0, 400_00],
    ]);
    // Seasonal: Jan 2 sold (a tie at 1 each, Facials first by revenue), Feb 6 (5 facials), Apr only the refund.
    expect(r.months.map((m) => [m.month, m.sold, m.revenue, m.topPackage])).toEqual([
      ['2025-01', 2, [usd(650_00)], '6-Pack Facials'],
      ['2025-02', 6, [usd(2270_00)], '6-Pack Facials'],
      ['2025-04', 0, [usd(-300_00)], null],
    ]);
    expect(r.byMonthAndPackage.map((c) => [c.month, c.name, c.sold, c.revenue.amount])).toEqual([
      ['2025-01', '10-Class Package', 1, 200_00],
      ['2025-01', '6-Pack Facials', 1, 450_00],
      ['2025-02', '10-Class Package', 1, 200_00],
      ['2025-02', '6-Pack Facials', 5, 2070_00],
      ['2025-04', '6-Pack Facials', 0, -300_00],
    ]);
  });
});

describe('member retention (golden)', () => {
  it('active members, churn by month, MRR and its change, as of May 15', async () => {
    const r = await reportAsOf(memberRetentionReport, practice.store, asOf('2025-05-15'));
    // Members (first paid day → end): ann Jan 1 →; bob Jan 15 → Apr 15; cara Mar 3 → (trial Feb 1–Mar 3 is not
    // membership); dan Feb 10 → (paused Mar 20–Apr 20, still a member); eve Mar 1 → Mar 10.
    // On May 15: ann, cara, dan.
    expect(r.activeMembers).toBe(3);
    expect(r.byStatus).toEqual({ active: 3 });
    // Month by month (members at start = members on the 1st; joined = from a later day):
    //   Jan: at start ann (1); joined bob; churned 0; at end 2. MRR Jan 31 = 99 + 199 = 298 (+298).
    //   Feb: at start ann, bob (2); joined dan; at end 3. MRR Feb 28 = 298 + dan 99 = 397 (+99, 99/298 = 33.22%).
    //   Mar: at start ann, bob, dan, eve (eve from Mar 1) = 4; joined cara; churned eve (ended Mar 10): 1/4 = 25%;
    //        at end ann, bob, cara, dan = 4. MRR Mar 31 = ann 99 + bob 199 + cara 99 (dan paused, eve ended) = 397 (0%).
    //   Apr: at start 4; churned bob (Apr 15): 1/4 = 25%; at end 3. MRR Apr 30 = ann + cara + dan (resumed Apr 20)
    //        = 297 (−100, −100/397 = −25.19%).
    //   May (to the 15th): at start 3, nothing changes; MRR 297 (0%).
    expect(r.months.map((m) => [m.month, m.membersAtStart, m.joined, m.churned, m.churnRate, m.membersAtEnd, m.mrr, m.mrrChange, m.mrrChangePercent])).toEqual([
      ['2025-01', 1, 1, 0, 0, 2, [usd(298_00)], [usd(298_00)], null],
      ['2025-02', 2, 1, 0, 0, 3, [usd(397_00)], [usd(99_00)], 33.22],
      ['2025-03', 4, 1, 1, 25, 4, [usd(397_00)], [usd(0)], 0],
      ['2025-04', 4, 0, 1, 25, 3, [usd(297_00)], [usd(-100_00)], -25.19],
      ['2025-05', 3, 0, 0, 0, 3, [usd(297_00)], [usd(0)], 0],
    ]);
    expect(r.mrr).toEqual([usd(297_00)]);
  });

  it('average duration and lifetime value, as of May 15', async () => {
    const r = await reportAsOf(memberRetentionReport, practice.store, asOf('2025-05-15'));
    // Ended: bob Jan 15 → Apr 15 = 16 + 28 + 31 + 15 = 90 days; eve Mar 1 → Mar 10 = 9 days. Mean 49.5.
    expect([r.endedMemberships, r.averageDurationDays]).toEqual([2, 49.5]);
    // Tenure on May 15 (days to May 16): ann 135, cara 74, dan 95 → 304 / 3 = 101.3.
    expect(r.averageTenureDays).toBe(101.3);
    // Revenue of the 5 members: ann 5 × 99 = 495, bob 3 × 199 = 597, cara 3 × 99 = 297, dan 3 × 99 = 297, eve 99 → 1,785.
    // Per member: 1,785 / 5 = 357.00. Member-days: 135 + 90 + 74 + 95 + 9 = 403.
    // Projected: 1,785 / 403 per day × 49.5 days = 178,500 × 99 / (2 × 403) cents = 21,924.94 → $219.25.
    expect(r.lifetimeValue).toEqual([{ currency: 'USD', members: 5, revenue: usd(1785_00), memberDays: 403, perMember: usd(357_00), projected: usd(219_25) }]);
    expect(r.members.map((m) => [m.clientId, m.memberFrom, m.endedOn, m.days, m.revenue.amount])).toEqual([
      ['ann', '2025-01-01', null, 135, 495_00],
      ['bob', '2025-01-15', '2025-04-15', 90, 597_00],
      ['cara', '2025-03-03', null, 74, 297_00],
      ['dan', '2025-02-10', null, 95, 297_00],
      ['eve', '2025-03-01', '2025-03-10', 9, 99_00],
    ]);
  });

  it('as of Mar 5: eve is still a member, cara has just converted', async () => {
    const r = await reportAsOf(memberRetentionReport, practice.store, asOf('2025-03-05'));
    // Members on Mar 5: ann, bob, dan, eve (past due), cara (from Mar 3) = 5. MRR = 99 + 199 + 99 + 99 + 99 = 595.
    expect([r.activeMembers, r.mrr, r.endedMemberships, r.averageDurationDays]).toEqual([5, [usd(595_00)], 0, null]);
    expect(r.byStatus).toEqual({ active: 4, 'past-due': 1 });
    expect(r.lifetimeValue[0]?.projected).toBeNull();
  });
});

describe('package usage metrics (golden)', () => {
  it('fully used share, completion rate, time to completion, expiration rate', async () => {
    const r = await reportAsOf(packageUsageMetricsReport, practice.store, asOf('2025-05-31'));
    // Packages issued to clients: P1, C1, C2, P2, B1 = 5 (the 3 unredeemed bulk codes are not packages yet).
    // Fully used: C1 (10/10), P2 (6/6) → 2/5 = 40%.
    // Completion: P1 2/6, C1 10/10, C2 4/10, P2 6/6, B1 1/6 → (33.33 + 100 + 40 + 100 + 16.67) / 5 = 58%.
    // Time to completion: C1 Jan 20 → Mar 15 = 54 days; P2 Feb 14 → Apr 14 = 59 days → 56.5.
    // Expired with units left: C2 (6 classes, 6 × $20 = $120) → 1/5 = 20%; C1 expired with none left does not count.
    // Refunded: P1. Open (active with units left): B1.
    expect(r).toMatchObject({
      sold: 5,
      fullyUsed: 2,
      fullyUsedShare: 40,
      averageCompletionRate: 58,
      averageDaysToCompletion: 56.5,
      expiredWithUnitsLeft: 1,
      expirationRate: 20,
      unitsExpired: 6,
      valueExpired: [usd(120_00)],
      refunded: 1,
      open: 1,
    });
    // By package — classes: C1, C2: 1/2 fully used, (100 + 40) / 2 = 70%, 54 days, 1/2 expired.
    // Facials: P1, P2, B1: 1/3 = 33.33%, (33.33 + 100 + 16.67) / 3 = 50%, 59 days, none expired.
    expect(r.byPackage.map((p) => [p.name, p.sold, p.fullyUsedShare, p.averageCompletionRate, p.averageDaysToCompletion, p.expirationRate])).toEqual([
      ['10-Class Package', 2, 50, 70, 54, 50],
      ['6-Pack Facials', 3, 33.33, 50, 59, 0],
    ]);
  });

  it('as of Feb 28', async () => {
    const r = await reportAsOf(packageUsageMetricsReport, practice.store, asOf('2025-02-28'));
    // P1 1/6, C1 6/10, C2 4/10, P2 2/6 → (16.67 + 60 + 40 + 33.33) / 4 = 37.5%; nothing fully used or expired.
    expect([r.sold, r.fullyUsed, r.averageCompletionRate, r.averageDaysToCompletion, r.expirationRate]).toEqual([4, 0, 37.5, null, 0]);
  });
});

describe('program completion (golden)', () => {
  it('completed, ended before completion, in progress', async () => {
    const r = await reportAsOf(programCompletionReport, practice.store, asOf('2025-05-31'));
    // ann: Jan 10 → last module (day 21) Jan 31, completed; bob removed Feb 1; cara enrolled May 20, in progress.
    // Completion rate 1 / (1 + 1) = 50%; time to completion 21 days.
    expect(r.programs).toEqual([
      {
        programId: 'p-acne',
        programName: 'Clear Skin in 4 Weeks',
        enrollments: 3,
        inProgress: 1,
        completed: 1,
        endedBeforeCompletion: 1,
        completionRate: 50,
        averageDaysToCompletion: 21,
      },
    ]);
  });
});

describe('reminders due (golden)', () => {
  const messages = async (date: string) => (await reportAsOf(remindersDueReport, practice.store, asOf(date))).messages;

  it('renewal reminders two weeks before each renewal', async () => {
    // Next renewals: ann Jun 1 (due May 18), cara Jun 3 (due May 20), dan Jun 11 (due May 28).
    const may20 = await messages('2025-05-20');
    expect(may20.map((m) => [m.kind, m.clientId, m.dueOn, m.about, m.amount?.amount])).toEqual([
      ['renewal-reminder', 'ann', '2025-05-18', '2025-06-01', 99_00],
      ['renewal-reminder', 'cara', '2025-05-20', '2025-06-03', 99_00],
    ]);
    expect(may20[0]?.messageId).toBe(deriveId('m-ann', 'renewal-reminder/2025-06-01'));
    // Each message once: on May 28 ann's reminder has the same id; dan's is new.
    const may28 = await messages('2025-05-28');
    expect(may28.map((m) => m.messageId)).toEqual([...may20.map((m) => m.messageId), deriveId('m-dan', 'renewal-reminder/2025-06-11')]);
    expect(await messages('2025-05-15')).toEqual([]);
  });

  it('trial-ending notice three days before the trial converts', async () => {
    // cara's trial: Feb 1 + 30 days → converts Mar 3; notice from Feb 28; ann renews Mar 1 (reminder from Feb 15).
    const feb28 = await messages('2025-02-28');
    expect(feb28.filter((m) => m.clientId === 'cara').map((m) => [m.kind, m.dueOn, m.about, m.amount?.amount])).toEqual([['trial-ending', '2025-02-28', '2025-03-03', 99_00]]);
    expect((await messages('2025-03-03')).filter((m) => m.kind === 'trial-ending')).toEqual([]);
  });

  it('package-expiry notice with the units left, and a survey for a member who did not renew', async () => {
    // C2 expires May 5 with 6 classes left ($120): notice from Apr 21. B1 expires 2026; P2 is used up.
    // bob's membership ended Apr 15 (cancelled): survey Apr 15–28. eve ended for non-payment: no survey.
    // Renewals: ann May 1 (from Apr 17), cara May 3 (from Apr 19); dan's May 11 only from Apr 27.
    const apr25 = await messages('2025-04-25');
    expect(apr25.map((m) => [m.kind, m.clientId, m.dueOn, m.about, m.amount?.amount ?? null])).toEqual([
      ['non-renewal-survey', 'bob', '2025-04-15', '2025-04-15', null],
      ['renewal-reminder', 'ann', '2025-04-17', '2025-05-01', 99_00],
      ['renewal-reminder', 'cara', '2025-04-19', '2025-05-03', 99_00],
      ['package-expiry-notice', 'rita', '2025-04-21', '2025-05-05', 120_00],
    ]);
    expect(apr25[3]?.text).toBe('Your 10-Class Package expires on 2025-05-05 with 6 unused (USD 120.00); ask us about an extension.');
    expect((await messages('2025-04-29')).map((m) => m.kind)).not.toContain('non-renewal-survey');
    expect((await messages('2025-05-05')).map((m) => m.packageId)).not.toContain('C2');
    expect((await messages('2025-04-25')).map((m) => m.packageId)).not.toContain(B1);
  });
});
