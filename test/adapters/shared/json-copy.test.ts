import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frozenJson, frozenJsonCopy } from '../../../adapters/shared/json-copy.js';
import { deepFreeze } from '../../../core/kernel/freeze.js';

const throughJson = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
};

const allFrozen = (value: unknown): boolean =>
  typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(allFrozen));

describe('frozen JSON copies', () => {
  it('law: the copy is what JSON.stringify then JSON.parse give, frozen throughout', () => {
    const values = fc.anything({
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    });
    fc.assert(
      fc.property(values, (value) => {
        const copy = frozenJsonCopy(value);
        expect(copy).toStrictEqual(throughJson(value));
        expect(allFrozen(copy)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('calls toJSON, drops what JSON drops, and refuses what JSON refuses', () => {
    const at = new Date('2025-01-01T00:00:00.000Z');
    expect(frozenJsonCopy({ at, n: -0, inf: Infinity, u: undefined, f: () => 1, list: [undefined, NaN] })).toStrictEqual({
      at: '2025-01-01T00:00:00.000Z',
      n: 0,
      inf: null,
      list: [null, null],
    });
    expect(frozenJsonCopy(undefined)).toBeUndefined();
    expect(frozenJsonCopy(JSON.parse('{"__proto__":{"x":1}}'))).toStrictEqual(JSON.parse('{"__proto__":{"x":1}}'));
    expect(() => frozenJsonCopy({ n: 1n })).toThrow(TypeError);
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    expect(() => frozenJsonCopy(cycle)).toThrow(TypeError);
    const shared = { x: 1 };
    expect(frozenJsonCopy({ a: shared, b: shared })).toStrictEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it('law: frozenJson gives what the copy gives, and the value itself when it is frozen JSON already', () => {
    const values = fc.anything({ withBoxedValues: true, withDate: true, withNullPrototype: true, withSparseArray: true });
    fc.assert(
      fc.property(values, fc.boolean(), (value, frozen) => {
        const given = frozen ? deepFreeze(value) : value;
        const kept = frozenJson(given);
        expect(kept).toStrictEqual(throughJson(given));
        expect(allFrozen(kept)).toBe(true);
        if (frozen && kept !== given) expect(JSON.stringify(frozenJsonCopy(given))).not.toBe(undefined);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps frozen plain JSON as it is, and copies what JSON would change', () => {
    const plain = deepFreeze({ a: 1, b: ['x', { c: null }], d: { e: true } });
    expect(frozenJson(plain)).toBe(plain);
    for (const changed of [{ n: -0 }, { u: undefined }, { at: new Date(0) }, { list: [1, , 3] }, { nan: NaN }, { toJSON: () => 1 }]) {
      const given = deepFreeze(changed);
      expect(frozenJson(given)).not.toBe(given);
      expect(frozenJson(given)).toStrictEqual(throughJson(given));
    }
    const notFrozen = { a: 1 };
    expect(frozenJson(notFrozen)).not.toBe(notFrozen);
  });
});
