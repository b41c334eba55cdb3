import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PersistentList, PersistentMap } from '../../../core/values/persistent.js';

type Op = { kind: 'set'; from: number; key: string; value: number } | { kind: 'delete'; from: number; key: string };

const arbOps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('set' as const), from: fc.nat(), key: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.integer() }),
    fc.record({ kind: fc.constant('delete' as const), from: fc.nat(), key: fc.constantFrom('a', 'b', 'c', 'd') }),
  ),
  { maxLength: 60 },
);

describe('PersistentMap', () => {
  it('every version keeps what it held, whichever version is updated next (forks included)', () => {
    fc.assert(
      fc.property(arbOps, fc.boolean(), (ops: Op[], linear) => {
        const versions: PersistentMap<string, number>[] = [PersistentMap.empty()];
        const models: Map<string, number>[] = [new Map()];
        for (const op of ops) {
          const i = linear ? versions.length - 1 : op.from % versions.length;
          const base = versions[i] as PersistentMap<string, number>;
          const model = new Map(models[i]);
          if (op.kind === 'set') model.set(op.key, op.value);
          else model.delete(op.key);
          versions.push(op.kind === 'set' ? base.set(op.key, op.value) : base.delete(op.key));
          models.push(model);
        }
        versions.forEach((v, i) => {
          const model = models[i] as Map<string, number>;
          expect(v.size).toBe(model.size);
          expect(new Map(v.entries())).toEqual(model);
          for (const key of ['a', 'b', 'c', 'd']) {
            expect(v.get(key)).toBe(model.get(key));
            expect(v.has(key)).toBe(model.has(key));
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the empty map stays empty after a fold started from it', () => {
    const empty = PersistentMap.empty<string, number>();
    const one = empty.set('a', 1).set('b', 2);
    expect(empty.size).toBe(0);
    expect(empty.get('a')).toBeUndefined();
    const other = empty.set('c', 3);
    expect([...other.keys()]).toEqual(['c']);
    expect([...one.entries()]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});

describe('PersistentList', () => {
  it('appending to any version leaves the others as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer()), { maxLength: 60 }), (ops) => {
        const versions = [PersistentList.empty<number>()];
        const models: number[][] = [[]];
        for (const [from, item] of ops) {
          const i = from % versions.length;
          versions.push((versions[i] as PersistentList<number>).append(item));
          models.push([...(models[i] as number[]), item]);
        }
        versions.forEach((v, i) => {
          expect(v.toArray()).toEqual(models[i]);
          expect([...v]).toEqual(models[i]);
          expect(v.last()).toBe((models[i] as number[]).at(-1));
        });
      }),
    );
  });
});
