/**
 * A tiny seeded pseudo-random generator for the demo (mulberry32): the same seed gives the
 * same draws, in the same order, on every machine. It lives in the shell, never in the
 * core, which takes no random numbers.
 */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** A whole number in [0, n). */
  readonly int: (n: number) => number;
  /** A whole number in [min, max]. */
  readonly between: (min: number, max: number) => number;
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean;
  /** One element of a non-empty list. */
  readonly pick: <T>(items: readonly [T, ...T[]]) => T;
  /** One element, each with its weight. */
  readonly weighted: <T>(choices: readonly [readonly [T, number], ...(readonly [T, number])[]]) => T;
  /** A generator of its own, seeded from this one (a stream per client keeps clients independent). */
  readonly fork: () => Random;
}

/** A seed must be a whole number; any other value is folded into 32 bits. */
export const seededRandom = (seed: number): Random => {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)] ?? items[0],
    weighted: (choices) => {
      const total = choices.reduce((sum, [, w]) => sum + w, 0);
      let draw = next() * total;
      for (const [value, weight] of choices) {
        draw -= weight;
        if (draw < 0) return value;
      }
      return choices[0][0];
    },
    fork: () => seededRandom(Math.floor(next() * 4_294_967_296)),
  };
};
