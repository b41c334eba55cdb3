/**
 * Rollover: at a membership period's end, of `u` unused credits of a service,
 * `min(cap, floor(u × pct / 100))` roll into a new lot; the rest expire.
 */
import { percentOfUnits, type Percent } from '../values/percent.js';

export interface RolloverPolicy {
  /** Share of the unused credits that rolls over, floored to whole credits. @defaultValue 100 */
  readonly percent: Percent;
  /** Most credits that roll over; `null` for no cap. @defaultValue null */
  readonly cap: number | null;
}

/** How many of `unused` credits roll over: `min(cap, floor(unused × percent / 100))`. */
export const rolloverQuantity = (unused: number, policy: RolloverPolicy): number => {
  if (!Number.isSafeInteger(unused) || unused < 0) throw new RangeError(`Unused credits must be a whole number ≥ 0, got ${unused}`);
  const share = percentOfUnits(unused, policy.percent);
  return policy.cap === null ? share : Math.min(Math.max(0, policy.cap), share);
};
