/**
 * `practice-ledger report <name> --log <file>` and `practice-ledger reports`: any report of
 * the registry folded from a log, as of a day (by default the log's last), as text, CSV or
 * JSON.
 */
import type { LocalDate } from '../../../core/index.js';
import { reportNames, reports, type RegisteredReport, type RenderedReport, type ReportParameters } from '../../../projections/index.js';
import { CliError, printer, type CliIo } from '../io.js';
import { lastDayOf, openLog } from '../log-file.js';
import { asOfDate, reportNamed, tableFormat, timeZoneName, wholeNumber } from '../options.js';
import { formatReport, textTable, type TableFormat } from '../tables.js';

export const DEFAULT_TIME_ZONE = 'UTC';

export interface ReportOptions {
  readonly asOf?: string;
  readonly timeZone?: string;
  readonly client?: string;
  readonly withinDays?: string;
}

/** Refuses options the report does not take, and a bad number of days. */
export const checkReportOptions = (report: RegisteredReport, options: ReportOptions): void => {
  if (options.client !== undefined && !report.parameters.includes('clientId')) {
    throw new CliError(`The report ${report.name} is about every client: it takes no --client.`);
  }
  if (options.withinDays !== undefined && !report.parameters.includes('withinDays')) {
    throw new CliError(`The report ${report.name} looks no days ahead: it takes no --within-days.`);
  }
  if (options.withinDays !== undefined) wholeNumber('--within-days', 0)(options.withinDays);
};

/** The parameters asked for, checked against what the report takes. */
export const reportParameters = (report: RegisteredReport, options: ReportOptions, asOf: LocalDate, timeZone: string): ReportParameters => {
  checkReportOptions(report, options);
  return {
    asOf,
    timeZone,
    ...(options.client !== undefined ? { clientId: options.client } : {}),
    ...(options.withinDays !== undefined ? { withinDays: wholeNumber('--within-days', 0)(options.withinDays) } : {}),
  };
};

/** The day a report is as of: the one asked, else the log's last practice day. */
export const reportDay = async (io: CliIo, log: string, options: ReportOptions, timeZone: string): Promise<LocalDate> => {
  if (options.asOf !== undefined) return asOfDate(options.asOf);
  const { lastDay } = await lastDayOf(log, io, timeZone);
  if (lastDay === undefined) throw new CliError(`${log} holds no events: give --as-of to report on an empty log.`);
  return lastDay;
};

/** Runs a report over the events of a log file, reading it once more. */
export const runReportOnLog = async (io: CliIo, log: string, report: RegisteredReport, parameters: ReportParameters): Promise<RenderedReport> => {
  const reading = await openLog(log, io, report.name);
  return report.run(reading.events, parameters);
};

export const reportCommand = async (io: CliIo, name: string, options: ReportOptions & { readonly log?: string; readonly format?: string }): Promise<void> => {
  const report = reportNamed(name);
  const format: TableFormat = tableFormat(options.format ?? 'table');
  const timeZone = timeZoneName(options.timeZone ?? DEFAULT_TIME_ZONE);
  if (options.log === undefined) throw new CliError('--log <file> is required: the log the report is folded from.');
  if (options.asOf !== undefined) asOfDate(options.asOf);
  checkReportOptions(report, options); // bad options are said before the log is read
  const asOf = await reportDay(io, options.log, options, timeZone);
  const rendered = await runReportOnLog(io, options.log, report, reportParameters(report, options, asOf, timeZone));
  for (const line of formatReport(rendered, format)) printer(io.stdout)(line);
};

export const reportsCommand = (io: CliIo): void => {
  const rows = reportNames.map((name) => {
    const r = reports[name];
    const takes = r.parameters.map((p) => (p === 'clientId' ? '--client' : '--within-days')).join(' ');
    return [name, r.description, takes === '' ? null : takes];
  });
  for (const line of textTable({ title: 'Reports (practice-ledger report <name> --log <file>)', columns: ['Name', 'What it answers', 'Also takes'], rows })) printer(io.stdout)(line);
};
