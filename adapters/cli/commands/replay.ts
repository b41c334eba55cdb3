/**
 * `practice-ledger replay <log>`: reads a whole log back — the hash chain checked, every
 * event decoded — and says what it holds (streams by category, the span of time), then
 * folds it into the reports asked for, as of its last day (or `--as-of`).
 */
import { practiceDate } from '../../../core/values/calendar.js';
import type { LocalDate } from '../../../core/index.js';
import { CliError, printer, type CliIo } from '../io.js';
import { badLine, openLog } from '../log-file.js';
import { asOfDate, reportNamed, tableFormat, timeZoneName } from '../options.js';
import { csvTables, formatReport, jsonText, textTable, type TableFormat } from '../tables.js';
import { checkReportOptions, DEFAULT_TIME_ZONE, reportParameters, runReportOnLog, type ReportOptions } from './report.js';

export interface ReplayOptions extends ReportOptions {
  readonly report?: readonly string[];
  readonly format?: string;
}

const categoryOf = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash < 0 ? streamName : streamName.slice(0, dash);
};

export const replayCommand = async (io: CliIo, log: string, options: ReplayOptions): Promise<void> => {
  const print = printer(io.stdout);
  const chosen = (options.report ?? []).map(reportNamed);
  const format: TableFormat = tableFormat(options.format ?? 'table');
  const timeZone = timeZoneName(options.timeZone ?? DEFAULT_TIME_ZONE);
  if (options.asOf !== undefined) asOfDate(options.asOf);
  for (const report of chosen) checkReportOptions(report, options);

  const reading = await openLog(log, io, 'Replaying');
  const categories = new Map<string, { streams: Set<string>; events: number }>();
  let events = 0;
  let first: number | undefined;
  let last: number | undefined;
  let latest = '';
  for await (const e of reading.events) {
    events++;
    const at = Date.parse(e.metadata.at);
    if (Number.isNaN(at)) throw badLine(log, e.line, `records the instant "${e.metadata.at.slice(0, 40)}", which is not an ISO-8601 instant`);
    if (first === undefined || at < first) first = at;
    if (last === undefined || at > last) {
      last = at;
      latest = e.metadata.at;
    }
    const category = categoryOf(e.streamName);
    const entry = categories.get(category) ?? { streams: new Set<string>(), events: 0 };
    entry.streams.add(e.streamName);
    entry.events++;
    categories.set(category, entry);
  }
  const lastDay: LocalDate | undefined = last === undefined ? undefined : practiceDate(latest, timeZone);
  const summary = {
    title: 'Streams',
    columns: ['Category', 'Streams', 'Events'],
    rows: [...categories].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([category, c]) => [category, c.streams.size, c.events]),
  };
  const span = first !== undefined && last !== undefined ? { from: new Date(first).toISOString(), to: new Date(last).toISOString(), lastDay } : undefined;
  const asOf = options.asOf !== undefined ? asOfDate(options.asOf) : lastDay;
  if (chosen.length > 0 && asOf === undefined) throw new CliError(`${log} holds no events: give --as-of to report on an empty log.`);
  const rendered = [];
  for (const report of chosen) if (asOf !== undefined) rendered.push(await runReportOnLog(io, log, report, reportParameters(report, options, asOf, timeZone)));

  switch (format) {
    case 'table':
      print(`Replayed ${log}: ${events} events, every line in its hash chain (head ${reading.head()}).`);
      if (span !== undefined) print(`Recorded from ${span.from} to ${span.to}; the last practice day is ${span.lastDay ?? ''} (${timeZone}).`);
      print('');
      for (const line of textTable(summary)) print(line);
      for (const report of rendered) for (const line of ['', ...formatReport(report, format)]) print(line);
      return;
    case 'csv':
      for (const line of csvTables([summary])) print(line);
      for (const report of rendered) for (const line of ['', ...formatReport(report, format)]) print(line);
      return;
    case 'json': {
      const streams = summary.rows.map(([category, count, n]) => ({ category, streams: count, events: n }));
      const reports = rendered.map((r) => ({ report: r.name, title: r.title, asOf: r.asOf, timeZone: r.timeZone, tables: r.tables, data: r.data }));
      print(jsonText({ log, events, head: reading.head(), timeZone, ...(span !== undefined ? span : {}), streams, reports }));
      return;
    }
  }
};
