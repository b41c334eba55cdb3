/** The CLI's option values, checked: a bad one is a sentence saying what was expected. */
import { isLocalDate, type LocalDate } from '../../core/index.js';
import { findReport, reportNames, type RegisteredReport } from '../../projections/index.js';
import { CliError } from './io.js';
import { isTableFormat, TABLE_FORMATS, type TableFormat } from './tables.js';

export const asOfDate = (value: string): LocalDate => {
  if (isLocalDate(value)) return value;
  throw new CliError(`--as-of must be a date written YYYY-MM-DD, such as 2025-12-31 (got "${value}").`);
};

export const timeZoneName = (value: string): string => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    if (value.trim() !== '') return value;
  } catch {
    // not a time zone: said below
  }
  throw new CliError(`--time-zone must be an IANA time zone name such as America/New_York (got "${value}").`);
};

export const wholeNumber =
  (option: string, min: number) =>
  (value: string): number => {
    const n = Number(value);
    if (/^\d+$/.test(value.trim()) && Number.isSafeInteger(n) && n >= min) return n;
    throw new CliError(`${option} must be a whole number${min > 0 ? ` of at least ${min}` : ''} (got "${value}").`);
  };

export const tableFormat = (value: string): TableFormat => {
  if (isTableFormat(value)) return value;
  throw new CliError(`--format must be one of ${TABLE_FORMATS.join(', ')} (got "${value}").`);
};

export const reportNamed = (name: string): RegisteredReport => {
  const report = findReport(name);
  if (report !== undefined) return report;
  throw new CliError(`There is no report "${name}"; the reports are ${reportNames.join(', ')}.`);
};
