import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkInDueAt,
  defaultEscalationWaits,
  emailOpenBasis,
  escalationSchedule,
  escalationStepChannels,
  defaultEscalationChannels,
  finalNoticeDeadline,
  regimenWindowLapse,
} from '../../../core/rules/escalation-schedule.js';
import { epochMillis, instant, instantFromMillis, practiceDate } from '../../../core/values/calendar.js';
import { addDays, daysBetween, isoWeekday, localDate } from '../../../core/values/local-date.js';

const i = instant;
const d = localDate;

describe('escalation schedule', () => {
  it('due → 24 h in-app message → 48 h follow-up → 48 h text and email → 48 h report', () => {
    expect(escalationSchedule(i('2025-03-06T05:00:00Z'), defaultEscalationWaits)).toEqual([
      { step: 'in-app-message', dueAt: '2025-03-07T05:00:00.000Z' },
      { step: 'follow-up', dueAt: '2025-03-09T05:00:00.000Z' },
      { step: 'text-and-email', dueAt: '2025-03-11T05:00:00.000Z' },
      { step: 'non-compliance-report', dueAt: '2025-03-13T05:00:00.000Z' },
    ]);
  });
  it('the seed\'s shorter waits of 24 h are a policy', () => {
    const waits = { inAppMessage: 24, followUp: 24, textAndEmail: 24, nonComplianceReport: 24 };
    expect(escalationSchedule(i('2025-03-06T05:00:00Z'), waits).map((s) => s.dueAt)).toEqual([
      '2025-03-07T05:00:00.000Z', '2025-03-08T05:00:00.000Z', '2025-03-09T05:00:00.000Z', '2025-03-10T05:00:00.000Z',
    ]);
  });
  it('the follow-up is an email when the client has been opening emails, else a phone call', () => {
    expect(escalationStepChannels('follow-up', defaultEscalationChannels, true)).toEqual(['email']);
    expect(escalationStepChannels('follow-up', defaultEscalationChannels, false)).toEqual(['phone']);
    expect(escalationStepChannels('text-and-email', defaultEscalationChannels, true)).toEqual(['text', 'email']);
    expect(escalationStepChannels('non-compliance-report', defaultEscalationChannels, true)).toEqual(['team-chat']);
  });
  it('law: steps never come before the ones they follow, and the last is the sum of the waits after the start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.record({ inAppMessage: fc.nat(500), followUp: fc.nat(500), textAndEmail: fc.nat(500), nonComplianceReport: fc.nat(500) }),
        (ms, waits) => {
          const start = instantFromMillis(ms);
          const steps = escalationSchedule(start, waits).map((s) => epochMillis(s.dueAt));
          for (let k = 1; k < steps.length; k++) expect(steps[k]).toBeGreaterThanOrEqual(steps[k - 1] ?? 0);
          const total = waits.inAppMessage + waits.followUp + waits.textAndEmail + waits.nonComplianceReport;
          expect(steps[3]).toBe(ms + total * 3_600_000);
        },
      ),
    );
  });
});

describe('a check-in is missed at the end of its due day in the practice time zone', () => {
  it('in New York, before and after daylight saving', () => {
    expect(checkInDueAt(d('2025-03-05'), 'America/New_York')).toBe('2025-03-06T05:00:00.000Z');
    expect(checkInDueAt(d('2025-03-12'), 'America/New_York')).toBe('2025-03-13T04:00:00.000Z');
    expect(checkInDueAt(d('2025-03-05'), 'Asia/Tokyo')).toBe('2025-03-05T15:00:00.000Z');
  });
});

describe('"The client has been opening their emails"', () => {
  const opens = [i('2025-01-01T00:00:00Z'), i('2025-03-01T10:00:00Z'), i('2025-03-09T06:00:00Z')];
  it('counts the latest open in the lookback window ending at the step', () => {
    expect(emailOpenBasis(opens, i('2025-03-09T05:00:00Z'), 30)).toEqual({ openingEmails: true, lastOpenedAt: '2025-03-01T10:00:00Z' });
    expect(emailOpenBasis(opens, i('2025-03-09T05:00:00Z'), 7)).toEqual({ openingEmails: false });
    expect(emailOpenBasis(opens, i('2025-03-09T06:00:00Z'), 1)).toEqual({ openingEmails: true, lastOpenedAt: '2025-03-09T06:00:00Z' });
    expect(emailOpenBasis([], i('2025-03-09T06:00:00Z'), 30)).toEqual({ openingEmails: false });
  });
});

describe('the final notice: "by the end of the week"', () => {
  const tz = 'America/New_York';
  const rule = { weekEndsOn: 7, minimumNoticeHours: 0 };
  it('a notice on any day of the week ends on that week\'s Sunday', () => {
    for (const day of ['2025-03-10', '2025-03-12', '2025-03-15', '2025-03-16']) {
      const noticeAt = i(`${day}T15:00:00Z`);
      expect(finalNoticeDeadline(d(day), noticeAt, tz, rule)).toEqual({ lastDayOn: '2025-03-16', deadlineAt: '2025-03-17T04:00:00.000Z' });
    }
  });
  it('a practice whose week ends on Friday, and one that wants two days of notice at least', () => {
    expect(finalNoticeDeadline(d('2025-03-12'), i('2025-03-12T15:00:00Z'), tz, { weekEndsOn: 5, minimumNoticeHours: 0 }).lastDayOn).toBe('2025-03-14');
    expect(finalNoticeDeadline(d('2025-03-15'), i('2025-03-15T15:00:00Z'), tz, { weekEndsOn: 7, minimumNoticeHours: 48 }).lastDayOn).toBe('2025-03-23');
  });
  it('the end of a week in which the clocks change is the local midnight', () => {
    expect(finalNoticeDeadline(d('2025-03-27'), i('2025-03-27T10:00:00Z'), 'Europe/Paris', rule)).toEqual({
      lastDayOn: '2025-03-30',
      deadlineAt: '2025-03-30T22:00:00.000Z',
    });
  });
  it('law: the deadline falls on the week\'s last day, after the notice, at least the minimum notice later, within a week of it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_500_000_000_000, max: 4_000_000_000_000 }),
        fc.constantFrom('UTC', 'America/New_York', 'Europe/Paris', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata'),
        fc.integer({ min: 1, max: 7 }),
        fc.nat(200),
        (ms, zone, weekEndsOn, minimumNoticeHours) => {
          const noticeAt = instantFromMillis(ms);
          const noticeOn = practiceDate(noticeAt, zone);
          const { lastDayOn, deadlineAt } = finalNoticeDeadline(noticeOn, noticeAt, zone, { weekEndsOn, minimumNoticeHours });
          expect(isoWeekday(lastDayOn)).toBe(weekEndsOn);
          expect(epochMillis(deadlineAt) - ms).toBeGreaterThanOrEqual(minimumNoticeHours * 3_600_000);
          expect(practiceDate(deadlineAt, zone)).toBe(addDays(lastDayOn, 1));
          const extraWeeks = Math.ceil(minimumNoticeHours / 168) + 1;
          expect(daysBetween(noticeOn, lastDayOn)).toBeGreaterThanOrEqual(0);
          expect(daysBetween(noticeOn, lastDayOn)).toBeLessThan(7 * extraWeeks);
        },
      ),
    );
  });
});

describe('the regimen window', () => {
  it('lapses 21 days after the last regimen change, at the start of that day', () => {
    expect(regimenWindowLapse(d('2025-02-19'), 21, 'America/New_York')).toEqual({ lapsedOn: '2025-03-12', lapsedAt: '2025-03-12T04:00:00.000Z' });
  });
});
