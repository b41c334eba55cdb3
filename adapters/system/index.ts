/** The ports' real implementations: the system clock and uuid v7 ids. */
import { v7 as uuidV7 } from 'uuid';
import { instant, type Instant } from '../../core/values/calendar.js';
import type { Clock, IdGenerator } from '../../core/kernel/ports.js';

export const systemClock: Clock = { now: (): Instant => instant(new Date().toISOString()) };

export const uuidV7Ids: IdGenerator = { next: () => uuidV7() };

/** A clock that always answers `at` (tests, replays, the demo's simulation). */
export const fixedClock = (at: string): Clock => {
  const value = instant(at);
  return { now: () => value };
};

/** Ids `prefix-1`, `prefix-2`, … (deterministic runs). */
export const sequentialIds = (prefix = 'id'): IdGenerator => {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
};

/** A clock that answers the instant it was last set to: a simulation or a test moves it forward. */
export interface ManualClock extends Clock {
  /** Sets the instant it answers from now on. */
  readonly set: (at: string) => void;
  /** Moves it forward by `hours` (a fraction for minutes). */
  readonly advanceHours: (hours: number) => void;
}

export const manualClock = (at: string): ManualClock => {
  let value = instant(at);
  return {
    now: () => value,
    set: (next) => {
      value = instant(next);
    },
    advanceHours: (hours) => {
      value = instant(new Date(Date.parse(value) + hours * 3_600_000).toISOString());
    },
  };
};
