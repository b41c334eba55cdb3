import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../adapters/cli/index.js';

describe('the demo’s seeded generator', () => {
  it('the same seed draws the same numbers, in [0, 1); forks are seeded from their parent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const a = seededRandom(seed);
        const b = seededRandom(seed);
        const draws = Array.from({ length: 50 }, () => a.next());
        expect(Array.from({ length: 50 }, () => b.next())).toEqual(draws);
        expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
        expect(Array.from({ length: 20 }, () => a.fork().next())).toEqual(Array.from({ length: 20 }, () => b.fork().next()));
      }),
    );
  });

  it('stays within the bounds it is asked for, and another seed draws otherwise', () => {
    const r = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.between(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
      expect(['a', 'b']).toContain(r.weighted([['a', 1], ['b', 3]]));
    }
    expect(seededRandom(1).next()).not.toBe(seededRandom(2).next());
  });
});
