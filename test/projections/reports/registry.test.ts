/**
 * The registry the CLI prints from: every report by name, each rendering tables whose rows
 * have as many cells as there are columns, on the golden practice's log.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryCheckpointStore } from '../../../adapters/in-memory/index.js';
import { logLines, readLog } from '../../../adapters/jsonl/index.js';
import { practiceEvents } from '../../../core/events.js';
import { localDate as d } from '../../../core/values/local-date.js';
import { memberRetention, memberRetentionReport, type RetentionModel } from '../../../projections/member-retention.js';
import { reportAsOf, type RenderedReport } from '../../../projections/report.js';
import { findReport, reportNames, reports } from '../../../projections/reports.js';
import { createProjectionRunner } from '../../../projections/runner.js';
import { playScenario } from './scenario.js';
import { TZ, type Practice } from './practice.js';

let practice: Practice;
beforeAll(async () => {
  practice = await playScenario('2025-05-31');
});
const run = (name: keyof typeof reports, asOf: string, extra: { clientId?: string; withinDays?: number } = {}): Promise<RenderedReport> =>
  reports[name].run(practice.store, { asOf: d(asOf), timeZone: TZ, ...extra });

describe('the report registry', () => {
  it('names every report, the analytics and the existing read models', () => {
    expect(reportNames).toEqual([
      'revenue',
      'package-revenue',
      'member-retention',
      'package-usage-metrics',
      'program-completion',
      'reminders-due',
      'credit-history',
      'credits-report',
      'client-credits',
      'active-members',
      'upcoming-renewals',
      'past-due',
      'package-usage',
      'packages-expiring',
      'program-enrollments',
      'compliance-board',
    ]);
    for (const name of reportNames) expect(reports[name].name).toBe(name);
    expect(findReport('package-revenue')).toBe(reports['package-revenue']);
    expect(findReport('toString')).toBeUndefined();
  });

  it('every report renders tables a CLI can print as text, CSV or JSON', async () => {
    for (const name of reportNames) {
      const r = await run(name, '2025-05-31');
      expect(r).toMatchObject({ name, asOf: '2025-05-31', timeZone: TZ });
      expect(r.tables.length, name).toBeGreaterThan(0);
      for (const table of r.tables) {
        expect(table.columns.length, `${name}: ${table.title}`).toBeGreaterThan(0);
        for (const row of table.rows) expect(row.length, `${name}: ${table.title}`).toBe(table.columns.length);
      }
      expect(JSON.parse(JSON.stringify(r.data))).toEqual(r.data);
    }
  });

  it('the existing read models, as of a day', async () => {
    // Active members on May 31: ann, cara, dan.
    expect((await run('active-members', '2025-05-31')).tables[0]?.rows.map((row) => row[0])).toEqual(['ann', 'cara', 'dan']);
    // Renewals in the 30 days from May 20: ann Jun 1, cara Jun 3, dan Jun 11.
    expect((await run('upcoming-renewals', '2025-05-20')).tables[0]?.rows.map((row) => [row[0], row[1]])).toEqual([
      ['2025-06-01', 'ann'],
      ['2025-06-03', 'cara'],
      ['2025-06-11', 'dan'],
    ]);
    // eve past due on Mar 5 (failed Mar 1 and Mar 4; next retry Mar 7); nobody once she ended.
    expect((await run('past-due', '2025-03-05')).tables[0]?.rows.map((row) => [row[0], row[6], row[7]])).toEqual([['eve', 2, '2025-03-07']]);
    expect((await run('past-due', '2025-03-31')).tables[0]?.rows).toEqual([]);
    // rita's classes expire May 5 with 6 left; within 14 days of Apr 25.
    expect((await run('packages-expiring', '2025-04-25')).tables[0]?.rows.map((row) => [row[0], row[1], row[3]])).toEqual([['2025-05-05', 'rita', 6]]);
    // quinn's package, used up: each class applied to the package used one of the credits its
    // sale granted, so her ledger ends at 0 with nothing left for the expiry to void.
    expect((await run('package-usage', '2025-05-31', { clientId: 'quinn' })).tables[0]?.rows.map((row) => [row[1], row[2], row[5]])).toEqual([
      ['10-Class Package', 'expired', '10 of 10 used'],
    ]);
    const history = await run('credit-history', '2025-05-31', { clientId: 'quinn' });
    const rows = history.tables[0]?.rows.map((row) => [row[3], row[5], row[6]]) ?? [];
    expect(rows[0]).toEqual(['package_purchased', 10, 10]);
    expect(rows.slice(1)).toEqual(Array.from({ length: 10 }, (_, i) => ['appointment_scheduled', -1, 9 - i]));
    expect((await run('credit-history', '2025-03-31', { clientId: 'quinn' })).tables[0]?.rows).toHaveLength(11);
    expect((await run('program-enrollments', '2025-05-31')).tables[0]?.rows.map((row) => [row[1], row[2]])).toEqual([
      ['ann', 'enrolled'],
      ['bob', 'removed'],
      ['cara', 'enrolled'],
    ]);
  });

  it('a report projection runs in the projection runner like any other, and gives the as-of report at the end', async () => {
    const runner = createProjectionRunner({ projection: memberRetentionReport.projection, store: practice.store, checkpoints: createInMemoryCheckpointStore<RetentionModel>(), batchSize: 50 });
    const { model } = await runner.catchUp();
    expect(memberRetention(model, d('2025-05-31'))).toEqual(await reportAsOf(memberRetentionReport, practice.store, { asOf: d('2025-05-31'), timeZone: TZ }));
  });

  it("an auditor reads the JSONL log and gets every report as it stood on a day", async () => {
    const lines: string[] = [];
    for await (const line of logLines(practiceEvents, practice.store.readAll())) lines.push(line);
    for (const name of reportNames) {
      const fromLog = await reports[name].run(readLog(practiceEvents, lines), { asOf: d('2025-03-31'), timeZone: TZ });
      expect(fromLog, name).toEqual(await run(name, '2025-03-31'));
    }
  });
});

describe('the compliance board report', () => {
  it('shows the client awaiting approval on the day of the report and nobody once the program ended', async () => {
    const { walkCheckInLadder } = await import('../../../core/check-ins/index.js');
    const { localDate } = await import('../../../core/values/local-date.js');
    const steps = walkCheckInLadder({
      enrollmentId: 'e1',
      clientId: 'c1',
      programId: 'acne',
      clientName: 'Robin',
      coach: 'Bee',
      dueOn: localDate('2025-03-03'),
      approveAfterHours: 30,
    });
    let position = 0n;
    const recorded = steps.flatMap((step) =>
      step.events.map((event, i) => ({
        ...event,
        streamName: 'checkin-e1',
        revision: position,
        position: position++,
        eventId: `e${position}-${i}`,
        schemaVersion: 1,
        metadata: { at: 'at' in step.command ? step.command.at : '2025-01-01T00:00:00.000Z' },
      })),
    );
    const board = reports['compliance-board'];
    const before = await board.run(recorded, { asOf: localDate('2025-03-03'), timeZone: 'UTC' });
    expect(before.tables[0]?.rows).toEqual([]);
    const reported = await board.run(recorded, { asOf: localDate('2025-03-11'), timeZone: 'UTC' });
    const [overdue, awaiting] = reported.tables;
    expect(overdue?.rows).toHaveLength(1);
    expect(overdue?.rows[0]?.[0]).toBe('Robin');
    expect(overdue?.rows[0]?.[3]).toBe('non-compliance-report');
    expect(overdue?.rows[0]?.[5]).toBe('manager');
    expect(awaiting?.rows.map((r) => r[0])).toEqual(['Robin']);
    const ended = await board.run(recorded, { asOf: localDate('2025-03-20'), timeZone: 'UTC' });
    expect(ended.tables[0]?.rows).toEqual([]);
  });
});
