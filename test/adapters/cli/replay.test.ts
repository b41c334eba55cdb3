import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate, practiceEvents, type EventStore, type PracticeEvent } from '../../../core/index.js';
import { csvTables, formatReport, jsonText, runCli, simulatePracticeYear, type PracticeYear } from '../../../adapters/cli/index.js';
import { exportLog, readLog } from '../../../adapters/jsonl/index.js';
import { reportNames, reports, type ReportParameters } from '../../../projections/index.js';
import { cli, tempDir } from './support.js';

const dir = tempDir();
const log = join(dir, 'year.jsonl');
let year: PracticeYear;
let store: EventStore<PracticeEvent>;
let events = 0;

beforeAll(async () => {
  year = await simulatePracticeYear({ seed: 11, clients: 10 });
  store = year.store;
  ({ events } = await exportLog(store, practiceEvents, log));
});

const asOfDays = [localDate('2025-03-31'), localDate('2025-08-15'), localDate('2025-12-31')] as const;

describe('replaying the exported log gives the same reports as the live run', () => {
  for (const name of reportNames) {
    it(`${name}, as of three days of the year`, async () => {
      const report = reports[name];
      for (const asOf of asOfDays) {
        const parameters: ReportParameters = {
          asOf,
          timeZone: year.timeZone,
          ...(report.parameters.includes('clientId') ? { clientId: year.featuredClient } : {}),
        };
        const live = await report.run(store, parameters);
        const replayed = await report.run(readLog(practiceEvents, log), parameters);
        expect(jsonText(replayed)).toBe(jsonText(live));
      }
    });
  }

  it('through the CLI: `replay --report` and `report --format csv|json` print what the live run renders', async () => {
    const parameters: ReportParameters = { asOf: year.to, timeZone: year.timeZone };
    const revenue = await reports.revenue.run(store, parameters);
    const replay = await cli('replay', log, '--time-zone', year.timeZone, '--report', 'revenue', '--report', 'package-usage-metrics');
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain(`Replayed ${log}: ${events} events, every line in its hash chain`);
    expect(replay.stdout).toContain(`${formatReport(revenue, 'table').join('\n')}\n`);
    expect(replay.stdout).toContain('Package usage as of 2025-12-31');

    const asJson = await cli('replay', log, '--time-zone', year.timeZone, '--report', 'member-retention', '--format', 'json');
    const document = JSON.parse(asJson.stdout) as { events: number; reports: { report: string; data: unknown }[] };
    expect(document.events).toBe(events);
    expect(document.reports.map((r) => r.report)).toEqual(['member-retention']);
    expect(jsonText(document.reports[0]?.data)).toBe(jsonText((await reports['member-retention'].run(store, parameters)).data));

    const credits = await reports['credits-report'].run(store, parameters);
    const csv = await cli('report', 'credits-report', '--log', log, '--time-zone', year.timeZone, '--format', 'csv');
    expect(csv).toEqual({ code: 0, stdout: `${csvTables(credits.tables).join('\n')}\n`, stderr: '' });

    const history = await reports['credit-history'].run(store, { ...parameters, asOf: asOfDays[1], clientId: 'alex' });
    const json = await cli('report', 'credit-history', '--log', log, '--time-zone', year.timeZone, '--as-of', asOfDays[1], '--client', 'alex', '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(formatReport(history, 'json').join('\n')));
  });
});

describe('the progress bar', () => {
  it('is drawn on the terminal when there is one, never on the streams that carry the result', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 100 }); // what bin.ts passes: standard error, a terminal
    let drawn = '';
    terminal.on('data', (chunk: Buffer) => (drawn += chunk.toString('utf8')));
    let stdout = '';
    let stderr = '';
    const code = await runCli(['replay', log], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, terminal });
    expect(code).toBe(0);
    expect(drawn).toContain('Replaying [');
    expect(stderr).toBe('');
    expect(stdout).not.toContain('Replaying [');
    expect(stdout.startsWith(`Replayed ${log}`)).toBe(true);
  });
});
