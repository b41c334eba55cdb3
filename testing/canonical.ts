/**
 * A state in a canonical form, to compare two folds of the same events: persistent maps,
 * maps and sets become arrays sorted by key, so two states that hold the same facts compare
 * equal however their collections were built.
 */
import { PersistentList, PersistentMap } from '../core/values/persistent.js';

const byKey = (a: readonly [string, unknown], b: readonly [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Plain data for any state: collections as sorted entries, objects as objects, bigints as strings. */
export const canonicalState = (value: unknown): unknown => {
  if (value instanceof PersistentMap || value instanceof Map) {
    return [...value.entries()].map(([k, v]): [string, unknown] => [JSON.stringify(canonicalState(k)), canonicalState(v)]).sort(byKey);
  }
  if (value instanceof Set) return [...value].map((v) => JSON.stringify(canonicalState(v))).sort();
  if (value instanceof PersistentList) return value.toArray().map(canonicalState);
  if (Array.isArray(value)) return value.map(canonicalState);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]): [string, unknown] => [k, canonicalState(v)]).sort(byKey));
  }
  return value;
};
