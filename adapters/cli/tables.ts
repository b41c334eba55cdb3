/**
 * Report tables as the CLI prints them: aligned text for a person (numbers to the right,
 * empty cells as "-"), CSV for a spreadsheet, JSON for a program.
 */
import type { RenderedReport, ReportCell, ReportTable } from '../../projections/index.js';

export type TableFormat = 'table' | 'csv' | 'json';
export const TABLE_FORMATS: readonly TableFormat[] = ['table', 'csv', 'json'];
export const isTableFormat = (s: string): s is TableFormat => (TABLE_FORMATS as readonly string[]).includes(s);

const text = (cell: ReportCell): string => (cell === null ? '-' : String(cell));

export interface TextTableOptions {
  /** Rows shown before the rest is summed up in one line. @defaultValue every row */
  readonly maxRows?: number;
  /** What the line about the rows left out suggests. @defaultValue nothing */
  readonly more?: string;
}

/** A table as aligned text: its title, its columns over a rule, its rows (or "(none)"). */
export const textTable = (table: ReportTable, options: TextTableOptions = {}): string[] => {
  const shown = options.maxRows !== undefined && table.rows.length > options.maxRows ? table.rows.slice(0, options.maxRows) : table.rows;
  const numeric = table.columns.map((_, i) => shown.length > 0 && shown.every((row) => typeof row[i] === 'number' || row[i] === null));
  const widths = table.columns.map((column, i) => Math.max(column.length, ...shown.map((row) => text(row[i] ?? null).length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (numeric[i] === true ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const lines = [table.title, line(table.columns), line(widths.map((w) => '-'.repeat(w)))];
  if (table.rows.length === 0) lines.push('(none)');
  for (const row of shown) lines.push(line(table.columns.map((_, i) => text(row[i] ?? null))));
  const hidden = table.rows.length - shown.length;
  if (hidden > 0) lines.push(`… ${hidden} more row${hidden === 1 ? '' : 's'}${options.more === undefined ? '' : ` (${options.more})`}`);
  return lines;
};

const csvCell = (cell: ReportCell): string => {
  if (cell === null) return '';
  const s = String(cell);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Tables as CSV: each table is a block — its title, its columns, its rows — and blocks are separated by a blank line. */
export const csvTables = (tables: readonly ReportTable[]): string[] =>
  tables.flatMap((table, i) => [
    ...(i > 0 ? [''] : []),
    csvCell(table.title),
    table.columns.map(csvCell).join(','),
    ...table.rows.map((row) => table.columns.map((_, c) => csvCell(row[c] ?? null)).join(',')),
  ]);

/** JSON text of any value the reports give (bigints as decimal strings). */
export const jsonText = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);

/** A rendered report in a format, as lines. */
export const formatReport = (report: RenderedReport, format: TableFormat, options: TextTableOptions = {}): string[] => {
  switch (format) {
    case 'json':
      return [jsonText({ report: report.name, title: report.title, asOf: report.asOf, timeZone: report.timeZone, tables: report.tables, data: report.data })];
    case 'csv':
      return csvTables(report.tables);
    case 'table':
      return [
        `${report.title} — as of ${report.asOf} (${report.timeZone})`,
        '',
        ...report.tables.flatMap((table, i) => [...(i > 0 ? [''] : []), ...textTable(table, options)]),
      ];
  }
};
