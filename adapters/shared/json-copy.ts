/**
 * A deep, frozen copy of a value as JSON would carry it: `frozenJsonCopy(v)` equals
 * `JSON.parse(JSON.stringify(v))` (the same values, keys and order; `toJSON` called;
 * `undefined`, functions and symbols dropped from objects and `null` in arrays; non-finite
 * numbers `null`; `-0` is `0`), and throws where `JSON.stringify` throws (a bigint, a
 * cycle). Every object and array of the copy is frozen, so a store can hand the same copy
 * to every reader: the embedded store keeps events this way instead of as JSON text, and
 * saves the text's encoding on append and its parsing on every read.
 */

/** A JSON value whose objects and arrays are all frozen. */
export type FrozenJson = null | boolean | number | string | readonly FrozenJson[] | { readonly [key: string]: FrozenJson };

const OMITTED = Symbol('omitted');

const copyOf = (value: unknown, key: string, ancestors: unknown[]): FrozenJson | typeof OMITTED => {
  let v = value;
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
  if (v instanceof BigInt) throw new TypeError('Do not know how to serialize a BigInt');
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'undefined':
    case 'function':
    case 'symbol':
      return OMITTED;
  }
  if (v === null) return null;
  if (ancestors.includes(v)) throw new TypeError('Converting circular structure to JSON');
  ancestors.push(v);
  let copy: FrozenJson;
  if (Array.isArray(v)) {
    const items: FrozenJson[] = [];
    for (let i = 0; i < v.length; i++) {
      const item = copyOf(v[i], String(i), ancestors);
      items.push(item === OMITTED ? null : item);
    }
    copy = Object.freeze(items);
  } else {
    const fields: Record<string, FrozenJson> = {};
    const source = v as Record<string, unknown>;
    for (const k of Object.keys(source)) {
      const field = copyOf(source[k], k, ancestors);
      if (field === OMITTED) continue;
      // As JSON.parse does: "__proto__" is an own field, not the prototype.
      if (k === '__proto__') Object.defineProperty(fields, k, { value: field, enumerable: true, writable: true, configurable: true });
      else fields[k] = field;
    }
    copy = Object.freeze(fields);
  }
  ancestors.pop();
  return copy;
};

/** The frozen copy of `value` as JSON carries it; `undefined` when JSON has no text for it. */
export const frozenJsonCopy = (value: unknown): FrozenJson | undefined => {
  const copy = copyOf(value, '', []);
  return copy === OMITTED ? undefined : copy;
};

/** Deeper than this, a value is copied (the copy finds a cycle that a walk would follow for ever). */
const MAX_DEPTH = 64;

/**
 * Whether `value` is already what its frozen JSON copy would be: strings, booleans, null,
 * finite numbers other than `-0`, and frozen plain objects (`Object`'s prototype, no
 * `toJSON`) and frozen dense arrays of such values.
 */
const isFrozenJson = (value: unknown, depth: number): boolean => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > MAX_DEPTH || !Object.isFrozen(value)) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isFrozenJson(value[i], depth + 1)) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const fields = value as Record<string, unknown>;
  if (typeof fields['toJSON'] === 'function') return false;
  for (const key in fields) {
    if (!isFrozenJson(fields[key], depth + 1)) return false;
  }
  return true;
};

/**
 * `value` itself when it is already frozen JSON (the command handler freezes the events it
 * writes), else its frozen JSON copy: either way what `frozenJsonCopy` would give, without
 * copying what nobody can change any more.
 */
export const frozenJson = (value: unknown): FrozenJson | undefined =>
  isFrozenJson(value, 0) ? (value as FrozenJson) : frozenJsonCopy(value);
