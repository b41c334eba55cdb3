/** Medians and spreads of repeated measurements. */

/** The median of some numbers (the mean of the two middle ones for an even count). */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** A figure measured several times: its median, its lowest and highest values. */
export interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Every measured value, in the order of the runs. */
  readonly runs: readonly number[];
}

export const figureOf = (runs: readonly number[]): Figure => ({
  median: median(runs),
  min: Math.min(...runs),
  max: Math.max(...runs),
  runs,
});

/** `12,345` */
export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A rate or duration with a sensible number of digits. */
export const formatNumber = (n: number): string =>
  n >= 100 ? formatCount(n) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3);

/** `median (min–max)` */
export const formatFigure = (f: Figure, unit = ''): string =>
  `${formatNumber(f.median)}${unit} (${formatNumber(f.min)}–${formatNumber(f.max)})`;

/** Seconds elapsed since `start` (from `process.hrtime.bigint()`). */
export const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** Collects garbage between runs when node runs with `--expose-gc`. */
export const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
};
