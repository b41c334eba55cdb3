/**
 * Given/when/then specifications for deciders: given these events, when this command,
 * then these events — or this error. Framework-agnostic: a mismatch throws an `Error`
 * whose message shows what was expected and what happened, so it works in vitest, jest
 * or node:test alike.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { isDeepStrictEqual, inspect } from 'node:util';
import type { Decider } from '../core/kernel/decider.js';
import type { DomainError } from '../core/kernel/errors.js';

const show = (u: unknown): string => inspect(u, { depth: 8, breakLength: 100, sorted: false });

export interface Then<E, S> {
  /** The command produced exactly these events, in order. */
  readonly then: (expected: readonly E[]) => S;
  /** The command produced events that satisfy `check` (for events with computed fields). */
  readonly thenEvents: (check: (events: readonly E[], state: S) => void) => S;
  /** The command was refused with this error code (and, optionally, a message containing `text`). */
  readonly thenError: (code: string, text?: string | RegExp) => DomainError;
}

export interface Spec<C, E, S> {
  readonly given: (events: readonly E[]) => { readonly when: (command: C) => Then<E, S> };
}

/** A specification builder for one decider: `spec.given([...]).when(cmd).then([...])`. */
export const deciderSpec = <C, E, S>(decider: Decider<C, E, S>): Spec<C, E, S> => ({
  given: (history) => ({
    when: (command) => {
      const before = history.reduce(decider.evolve, decider.initialState);
      const decision = decider.decide(command, before);
      const after = (events: readonly E[]): S => events.reduce(decider.evolve, before);
      return {
        then: (expected) => {
          if (isLeft(decision)) {
            throw new Error(`Expected events but the command was refused: ${show(decision.left)}\nexpected: ${show(expected)}`);
          }
          if (!isDeepStrictEqual(decision.right, expected)) {
            throw new Error(`Unexpected events.\nexpected: ${show(expected)}\nactual:   ${show(decision.right)}`);
          }
          return after(decision.right);
        },
        thenEvents: (check) => {
          if (isLeft(decision)) throw new Error(`Expected events but the command was refused: ${show(decision.left)}`);
          const state = after(decision.right);
          check(decision.right, state);
          return state;
        },
        thenError: (code, text) => {
          if (!isLeft(decision)) {
            throw new Error(`Expected error ${code} but the command produced events: ${show(decision.right)}`);
          }
          const error = decision.left;
          if (error.code !== code) throw new Error(`Expected error ${code} but got ${error.code}: ${error.message}`);
          if (text !== undefined) {
            const ok = typeof text === 'string' ? error.message.includes(text) : text.test(error.message);
            if (!ok) throw new Error(`Error ${code} says "${error.message}", which does not match ${String(text)}`);
          }
          return error;
        },
      };
    },
  }),
});
