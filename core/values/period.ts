/** A half-open span of calendar dates `[start, end)`: `end` is the first day not included. */
import * as t from 'io-ts';
import { LocalDateC, daysBetween, type LocalDate } from './local-date.js';

export interface Period {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

export const PeriodC = t.type({ start: LocalDateC, end: LocalDateC }, 'Period');

/** Builds a period; throws `RangeError` when `end` is before `start`. */
export const period = (start: LocalDate, end: LocalDate): Period => {
  if (end < start) throw new RangeError(`A period cannot end (${end}) before it starts (${start})`);
  return { start, end };
};

/** Number of days in the period. */
export const periodDays = (p: Period): number => daysBetween(p.start, p.end);

export const containsDate = (p: Period, date: LocalDate): boolean => date >= p.start && date < p.end;

/** Whether `inner` lies within `outer`. */
export const containsPeriod = (outer: Period, inner: Period): boolean =>
  inner.start >= outer.start && inner.end <= outer.end && inner.start <= inner.end;

/** The overlap of two periods, or `undefined` when they do not meet. */
export const intersect = (a: Period, b: Period): Period | undefined => {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start < end ? { start, end } : undefined;
};
