/**
 * Small helpers the reports share: money totals kept per currency, percentages and means
 * for display, and the cells of tables. Internal to the projections (not exported from
 * the package), so their plain names collide with nothing.
 */
import { add, formatMoney, zero, type Money } from '../core/values/money.js';
import type { ReportCell } from './report.js';

/** Amounts in several currencies, one entry per currency, sorted by currency code. */
export type MoneyTotals = readonly Money[];

/** Adds an amount to the totals of its currency. */
export const addToTotals = (totals: MoneyTotals, amount: Money): MoneyTotals => {
  const found = totals.some((m) => m.currency === amount.currency);
  const next = found ? totals.map((m) => (m.currency === amount.currency ? add(m, amount) : m)) : [...totals, amount];
  return [...next].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
};

/** The sum of several totals. */
export const sumTotals = (all: readonly MoneyTotals[]): MoneyTotals => all.flat().reduce<MoneyTotals>(addToTotals, []);

/** `a − b`, currency by currency. */
export const subtractTotals = (a: MoneyTotals, b: MoneyTotals): MoneyTotals =>
  b.reduce<MoneyTotals>((acc, m) => addToTotals(acc, { amount: -m.amount, currency: m.currency }), a);

/** The total in one currency (zero when there is none). */
export const totalIn = (totals: MoneyTotals, currency: string): Money => totals.find((m) => m.currency === currency) ?? zero(currency);

/** `USD 12.50`, or `USD 12.50; EUR 3.00`, or `0` when there is nothing. */
export const formatTotals = (totals: MoneyTotals): string => (totals.length === 0 ? '0' : totals.map((m) => formatMoney(m)).join('; '));

/** `numerator / denominator` as a percentage with two decimals, or `null` when the denominator is 0. */
export const percentage = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator * 10_000) / denominator) / 100;

/** A mean with one decimal, or `null` for no values. */
export const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) * 10) / values.length) / 10;

/** `12.5%`, or an empty cell. */
export const percentCell = (p: number | null): ReportCell => (p === null ? null : `${p}%`);

/** Text comparison for sorting rows. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
