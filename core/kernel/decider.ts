/**
 * A decider: the whole behaviour of one aggregate as a value plus two pure functions.
 * `evolve` folds a fact into the state; `decide` answers a command with new facts or a
 * rule violation. Neither reads a clock, a random source or a store.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from './errors.js';

export interface Decider<Command, Event, State> {
  readonly initialState: State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => Either<DomainError, readonly Event[]>;
}

/** The state after folding `events` from `from` (the decider's initial state by default). */
export const fold = <C, E, S>(decider: Decider<C, E, S>, events: Iterable<E>, from: S = decider.initialState): S => {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
