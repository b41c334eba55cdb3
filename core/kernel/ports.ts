/** The ports through which the application layer reaches the outside. */
import type { Instant } from '../values/calendar.js';

/** The current instant. The system adapter reads the real clock; tests pass a fixed one. */
export interface Clock {
  readonly now: () => Instant;
}

/** Fresh ids (uuid v7 in the system adapter). Ids derived from a cause use `deriveId`. */
export interface IdGenerator {
  readonly next: () => string;
}
