/**
 * Reports: a read model (a pure `Projection` fold) and a view of it as of a day, rendered
 * as tables a person, a spreadsheet or a program can read.
 *
 * **As of D.** A report as of the practice day D is computed from the events *recorded*
 * on or before D: those whose instant (`metadata.at`) falls on D or earlier in the
 * practice's time zone, that is before the first instant of D + 1 there. It is what the
 * report said at the end of day D — an auditor's question — so an event recorded after D
 * never changes it, even one about an earlier date (a late payment, a back-dated
 * correction). Within those events, each figure uses the business date the event
 * records (`requestedOn`, `soldOn`, `endedOn`, …) to place it in a month, and D is the
 * report's "today" (for the members active on D, the renewals ahead of D).
 */
import type { DomainEvent, RecordedEvent } from '../core/kernel/envelope.js';
import type { EventStore } from '../core/kernel/event-store.js';
import { startOfPracticeDay } from '../core/values/calendar.js';
import { addDays, type LocalDate } from '../core/values/local-date.js';
import { project, projectAll, type Projection } from './projection.js';

/** One cell of a report table: text, a count, or nothing. */
export type ReportCell = string | number | null;

/** A table as the CLI prints it (as text, CSV or JSON): a title, column names and rows of cells. */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ReportCell[])[];
}

/** What a report is asked for. */
export interface ReportParameters {
  /** The practice day the report is as of (see the module comment). */
  readonly asOf: LocalDate;
  /** The practice's IANA time zone (`Europe/Paris`): which day an event's recorded instant falls on. */
  readonly timeZone: string;
  /** Only this client, for the reports about clients (credit history, client credits, package usage). @defaultValue every client */
  readonly clientId?: string;
  /** How many days ahead a look-ahead report covers. @defaultValue the report's own: 30 for upcoming renewals and expiring credits, 14 for expiring packages */
  readonly withinDays?: number;
}

/** The parameters a report reads besides `asOf` and `timeZone`. */
export type ReportParameterName = 'clientId' | 'withinDays';

/** A report: its fold, its view as of a day, and its tables. */
export interface ReportDefinition<M, R> {
  /** Stable name, as the CLI and the registry know it: `package-revenue`. */
  readonly name: string;
  readonly title: string;
  /** One sentence: what it answers. */
  readonly description: string;
  readonly parameters: readonly ReportParameterName[];
  readonly projection: Projection<DomainEvent, M>;
  /** The figures as of `parameters.asOf`, from the model of the events recorded by then. */
  readonly view: (model: M, parameters: ReportParameters) => R;
  readonly tables: (result: R) => readonly ReportTable[];
}

/** Where a report reads its events: a store's `$all`, or events in hand (a log, an array). */
export type ReportSource = Pick<EventStore, 'readAll'> | AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>;

/** The first instant after practice day `asOf`, in epoch milliseconds. */
const cutoffMillis = (asOf: LocalDate, timeZone: string): number => Date.parse(startOfPracticeDay(addDays(asOf, 1), timeZone));

/** Whether an event was recorded on or before practice day `asOf` in `timeZone`. */
export const recordedBy = (event: RecordedEvent, asOf: LocalDate, timeZone: string): boolean =>
  Date.parse(event.metadata.at) < cutoffMillis(asOf, timeZone);

const isStore = (source: ReportSource): source is Pick<EventStore, 'readAll'> => 'readAll' in source && typeof source.readAll === 'function';

/** The events of a source recorded on or before practice day `asOf`, in order, read lazily. */
export async function* eventsAsOf(source: ReportSource, asOf: LocalDate, timeZone: string): AsyncIterable<RecordedEvent> {
  const cutoff = cutoffMillis(asOf, timeZone);
  const events = isStore(source) ? source.readAll() : source;
  for await (const event of events) if (Date.parse(event.metadata.at) < cutoff) yield event;
}

/** A report as of `parameters.asOf`, folded from the events of `source` recorded by then. */
export const reportAsOf = async <M, R>(report: ReportDefinition<M, R>, source: ReportSource, parameters: ReportParameters): Promise<R> =>
  report.view(await project(report.projection, eventsAsOf(source, parameters.asOf, parameters.timeZone)), parameters);

/** The same, synchronously, for events in hand. */
export const reportAsOfSync = <M, R>(report: ReportDefinition<M, R>, events: Iterable<RecordedEvent>, parameters: ReportParameters): R => {
  const cutoff = cutoffMillis(parameters.asOf, parameters.timeZone);
  const kept = function* (): Iterable<RecordedEvent> {
    for (const event of events) if (Date.parse(event.metadata.at) < cutoff) yield event;
  };
  return report.view(projectAll(report.projection, kept()), parameters);
};

/** A report computed and rendered: its figures (`data`, plain JSON-ready values) and its tables. */
export interface RenderedReport<R = unknown> {
  readonly name: string;
  readonly title: string;
  readonly asOf: LocalDate;
  readonly timeZone: string;
  readonly data: R;
  readonly tables: readonly ReportTable[];
}

/** A report in the registry: what it is, and how to run it on a source. */
export interface RegisteredReport {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly parameters: readonly ReportParameterName[];
  readonly run: (source: ReportSource, parameters: ReportParameters) => Promise<RenderedReport>;
}

/** Wraps a definition for the registry. */
export const registerReport = <M, R>(report: ReportDefinition<M, R>): RegisteredReport => ({
  name: report.name,
  title: report.title,
  description: report.description,
  parameters: report.parameters,
  run: async (source, parameters) => {
    const data = await reportAsOf(report, source, parameters);
    return { name: report.name, title: report.title, asOf: parameters.asOf, timeZone: parameters.timeZone, data, tables: report.tables(data) };
  },
});

/** Amounts in several currencies, one entry per currency, sorted by currency code. */
export type { MoneyTotals } from './report-values.js';
