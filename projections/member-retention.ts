/**
 * Member retention (the seed's Analytics > Memberships): active members, churn rate,
 * lifetime value, average membership duration and revenue stability (MRR and its change).
 *
 * Definitions — a **member** is a membership from the first day of its first paid period
 * (a trial is not membership yet) until the day it ended (its `MembershipEnded` date,
 * exclusive); a paused or past-due member is still a member.
 * - **Members at the start of a month**: members on its first day; **joined**: members
 *   from a later day of the month.
 * - **Churned in a month**: members at its start who are no longer members at the start
 *   of the next month — their membership ended in it, for any reason (cancelled, not
 *   renewed, not paid).
 * - **Churn rate** of a month = churned ÷ members at its start (empty when there were none).
 * - **Average membership duration**: the mean number of days, first paid day to end, of
 *   the memberships that have ended (empty while none has).
 * - **Lifetime value to date** = the membership revenue of every member so far (charges
 *   before wallet credit, minus refunds and credit notes: see `revenue.ts`) ÷ the number
 *   of members so far.
 * - **Projected lifetime value** = revenue per member-day (that revenue ÷ the days members
 *   have been members up to D) × the average membership duration.
 * - **MRR** (see `membership-history.ts`) at the end of each month (its last day, or D for
 *   the current month), and its **change** from the month before — the revenue stability.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import { membershipStatus, type MembershipStatus } from '../core/memberships/index.js';
import { addDays, addMonthsClamped, daysBetween, minDate, monthOf, localDate, type LocalDate } from '../core/values/local-date.js';
import { formatMoney, money, multiplyByRatio, zero, type Money } from '../core/values/money.js';
import { membershipHistoryProjection, mrrOn, type MembershipHistoryModel, type MembershipLifetime } from './membership-history.js';
import type { Projection } from './projection.js';
import type { ReportDefinition, ReportTable } from './report.js';
import { byText, formatTotals, mean, percentage, percentCell, subtractTotals, type MoneyTotals } from './report-values.js';
import { revenueProjection, type RevenueModel } from './revenue.js';

export interface RetentionModel {
  readonly history: MembershipHistoryModel;
  readonly revenue: RevenueModel;
}

export const retentionProjection: Projection<DomainEvent, RetentionModel> = {
  name: 'member-retention',
  initial: { history: membershipHistoryProjection.initial, revenue: revenueProjection.initial },
  apply: (model, event) => {
    const history = membershipHistoryProjection.apply(model.history, event);
    const revenue = revenueProjection.apply(model.revenue, event);
    return history === model.history && revenue === model.revenue ? model : { history, revenue };
  },
};

export interface RetentionMonth {
  readonly month: string;
  readonly membersAtStart: number;
  /** Became members after the first day of the month. */
  readonly joined: number;
  readonly churned: number;
  /** Percent, two decimals; `null` when no one was a member at the start. */
  readonly churnRate: number | null;
  readonly membersAtEnd: number;
  /** MRR on the month's last day (or on D, for D's month). */
  readonly mrr: MoneyTotals;
  readonly mrrChange: MoneyTotals;
  /** Percent change from the month before, when there is one currency and the month before had MRR. */
  readonly mrrChangePercent: number | null;
}

export interface LifetimeValue {
  readonly currency: string;
  readonly members: number;
  readonly revenue: Money;
  readonly memberDays: number;
  readonly perMember: Money;
  /** `null` until a membership has ended (no average duration yet). */
  readonly projected: Money | null;
}

export interface MemberRow {
  readonly membershipId: string;
  readonly clientId: string;
  readonly tier: string;
  readonly status: MembershipStatus;
  readonly memberFrom: LocalDate | null;
  readonly endedOn: LocalDate | null;
  /** Days as a member up to D. */
  readonly days: number;
  readonly revenue: Money;
}

export interface MemberRetention {
  readonly asOf: LocalDate;
  /** Members on D. */
  readonly activeMembers: number;
  /** Memberships that have not ended, by status (trials and pending sign-ups included). */
  readonly byStatus: Readonly<Partial<Record<MembershipStatus, number>>>;
  readonly mrr: MoneyTotals;
  readonly months: readonly RetentionMonth[];
  readonly endedMemberships: number;
  /** Days, one decimal. */
  readonly averageDurationDays: number | null;
  /** The mean days the members on D have been members. */
  readonly averageTenureDays: number | null;
  readonly lifetimeValue: readonly LifetimeValue[];
  readonly members: readonly MemberRow[];
}

interface Life extends MembershipLifetime {
  readonly until: LocalDate | null;
}

const isMemberOn = (l: Life, day: LocalDate): boolean => l.memberFrom !== null && l.memberFrom <= day && (l.until === null || l.until > day);

const mrrTotals = (lives: readonly Life[], day: LocalDate): MoneyTotals => {
  const byCurrency = new Map<string, number>();
  for (const l of lives) byCurrency.set(l.currency, (byCurrency.get(l.currency) ?? 0) + mrrOn(l, day));
  return [...byCurrency.entries()].sort(([a], [b]) => byText(a, b)).map(([currency, amount]) => money(amount, currency));
};

const monthsFrom = (first: string, last: string): readonly string[] => {
  const months: string[] = [];
  for (let day = localDate(`${first}-01`); monthOf(day) <= last; day = addMonthsClamped(day, 1)) months.push(monthOf(day));
  return months;
};

const retentionMonths = (lives: readonly Life[], asOf: LocalDate): readonly RetentionMonth[] => {
  const starts = lives.flatMap((l) => (l.memberFrom !== null && l.memberFrom <= asOf ? [monthOf(l.memberFrom)] : [])).sort();
  const first = starts[0];
  if (first === undefined) return [];
  let previous: MoneyTotals = [];
  return monthsFrom(first, monthOf(asOf)).map((month): RetentionMonth => {
    const start = localDate(`${month}-01`);
    const next = addMonthsClamped(start, 1);
    const lastDay = minDate(addDays(next, -1), asOf);
    const atStart = lives.filter((l) => isMemberOn(l, start));
    const churned = atStart.filter((l) => l.until !== null && l.until <= next).length;
    const joined = lives.filter((l) => l.memberFrom !== null && l.memberFrom > start && l.memberFrom <= lastDay).length;
    const mrr = mrrTotals(lives, lastDay);
    const mrrChange = subtractTotals(mrr, previous);
    const [before] = previous;
    const [now] = mrr;
    const single = previous.length === 1 && mrr.length === 1 && before !== undefined && now !== undefined && before.currency === now.currency;
    const row = {
      month,
      membersAtStart: atStart.length,
      joined,
      churned,
      churnRate: percentage(churned, atStart.length),
      membersAtEnd: lives.filter((l) => isMemberOn(l, lastDay)).length,
      mrr,
      mrrChange,
      mrrChangePercent: single ? percentage(now.amount - before.amount, before.amount) : null,
    };
    previous = mrr;
    return row;
  });
};

const lifetimeValues = (lives: readonly Life[], revenue: RevenueModel, asOf: LocalDate, ended: readonly number[]): readonly LifetimeValue[] => {
  const tomorrow = addDays(asOf, 1);
  const byCurrency = new Map<string, { members: number; revenue: number; memberDays: number }>();
  for (const l of lives) {
    if (l.memberFrom === null || l.memberFrom > asOf) continue;
    const acc = byCurrency.get(l.currency) ?? { members: 0, revenue: 0, memberDays: 0 };
    const end = l.until === null ? tomorrow : minDate(l.until, tomorrow);
    byCurrency.set(l.currency, {
      members: acc.members + 1,
      revenue: acc.revenue + (revenue.byMembership.get(l.membershipId)?.amount ?? 0),
      memberDays: acc.memberDays + Math.max(0, daysBetween(l.memberFrom, end)),
    });
  }
  const endedDays = ended.reduce((a, b) => a + b, 0);
  return [...byCurrency.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([currency, v]) => {
      const total = money(v.revenue, currency);
      return {
        currency,
        members: v.members,
        revenue: total,
        memberDays: v.memberDays,
        perMember: multiplyByRatio(total, 1, v.members),
        projected: ended.length === 0 || v.memberDays === 0 ? null : multiplyByRatio(total, endedDays, ended.length * v.memberDays),
      };
    });
};

/** The retention figures as of `asOf`, from the memberships and revenue recorded by then. */
export const memberRetention = (model: RetentionModel, asOf: LocalDate): MemberRetention => {
  const { roster, lifetimes } = model.history;
  const lives: Life[] = [...lifetimes.values()]
    .map((l) => ({ ...l, until: roster.memberships.get(l.membershipId)?.ended?.on ?? null }))
    .sort((a, b) => byText(a.clientId, b.clientId) || byText(a.membershipId, b.membershipId));
  const tomorrow = addDays(asOf, 1);
  const ended = lives.flatMap((l) => (l.memberFrom !== null && l.until !== null && l.until <= tomorrow ? [Math.max(0, daysBetween(l.memberFrom, l.until))] : []));
  const current = lives.filter((l) => isMemberOn(l, asOf));
  const byStatus: Partial<Record<MembershipStatus, number>> = {};
  for (const m of roster.memberships.values()) {
    if (m.phase === 'ended') continue;
    const status = membershipStatus(m);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  return {
    asOf,
    activeMembers: current.length,
    byStatus,
    mrr: mrrTotals(lives, asOf),
    months: retentionMonths(lives, asOf),
    endedMemberships: ended.length,
    averageDurationDays: mean(ended),
    averageTenureDays: mean(current.flatMap((l) => (l.memberFrom === null ? [] : [daysBetween(l.memberFrom, tomorrow)]))),
    lifetimeValue: lifetimeValues(lives, model.revenue, asOf, ended),
    members: lives.flatMap((l): MemberRow[] => {
      const m = roster.memberships.get(l.membershipId);
      if (m === undefined) return [];
      const end = l.until === null ? tomorrow : minDate(l.until, tomorrow);
      return [
        {
          membershipId: l.membershipId,
          clientId: l.clientId,
          tier: m.terms.name,
          status: membershipStatus(m),
          memberFrom: l.memberFrom,
          endedOn: l.until,
          days: l.memberFrom === null || l.memberFrom > asOf ? 0 : Math.max(0, daysBetween(l.memberFrom, end)),
          revenue: model.revenue.byMembership.get(l.membershipId) ?? zero(l.currency),
        },
      ];
    }),
  };
};

const retentionTables = (r: MemberRetention): readonly ReportTable[] => [
  {
    title: `Member retention as of ${r.asOf}`,
    columns: ['Active members', 'MRR', 'Ended memberships', 'Average duration (days)', 'Average tenure (days)'],
    rows: [[r.activeMembers, formatTotals(r.mrr), r.endedMemberships, r.averageDurationDays, r.averageTenureDays]],
  },
  {
    title: 'Memberships by status',
    columns: ['Status', 'Memberships'],
    rows: Object.entries(r.byStatus)
      .sort(([a], [b]) => byText(a, b))
      .map(([status, n]) => [status, n ?? 0]),
  },
  {
    title: 'Churn and revenue stability by month',
    columns: ['Month', 'Members at start', 'Joined', 'Churned', 'Churn rate', 'Members at end', 'MRR', 'MRR change', 'MRR change %'],
    rows: r.months.map((m) => [
      m.month,
      m.membersAtStart,
      m.joined,
      m.churned,
      percentCell(m.churnRate),
      m.membersAtEnd,
      formatTotals(m.mrr),
      formatTotals(m.mrrChange),
      percentCell(m.mrrChangePercent),
    ]),
  },
  {
    title: 'Lifetime value',
    columns: ['Currency', 'Members', 'Revenue', 'Member-days', 'Per member to date', 'Projected'],
    rows: r.lifetimeValue.map((v) => [v.currency, v.members, formatMoney(v.revenue), v.memberDays, formatMoney(v.perMember), v.projected === null ? null : formatMoney(v.projected)]),
  },
  {
    title: 'Members',
    columns: ['Client', 'Membership', 'Tier', 'Status', 'Member from', 'Ended on', 'Days', 'Revenue'],
    rows: r.members.map((m) => [m.clientId, m.membershipId, m.tier, m.status, m.memberFrom, m.endedOn, m.days, formatMoney(m.revenue)]),
  },
];

export const memberRetentionReport: ReportDefinition<RetentionModel, MemberRetention> = {
  name: 'member-retention',
  title: 'Member retention',
  description: 'Active members, churn rate by month, lifetime value, average membership duration, and MRR with its change.',
  parameters: [],
  projection: retentionProjection,
  view: (model, { asOf }) => memberRetention(model, asOf),
  tables: retentionTables,
};
