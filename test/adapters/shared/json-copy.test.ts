import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frozenJsonCopy } from '../../../adapters/shared/json-copy.js';

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
});
