/** A tiny counter aggregate and its events, used by the contract suite and the kernel tests. */
import * as t from 'io-ts';
import { left, right } from 'fp-ts/lib/Either.js';
import { createEventRegistry, defineEvent, type EventOf } from '../../core/kernel/codecs.js';
import { commandDecoder, type CommandOf } from '../../core/kernel/commands.js';
import type { Decider } from '../../core/kernel/decider.js';
import { domainError } from '../../core/kernel/errors.js';

const PositiveInt = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveInteger');

export const CounterIncremented = defineEvent('CounterIncremented', t.type({ by: PositiveInt, note: t.string }));
/** Version 2 renamed `title` to `name`; stored version-1 events are upcast on read. */
export const CounterRenamed = defineEvent('CounterRenamed', t.type({ name: t.string }), {
  schemaVersion: 2,
  upcasters: { 1: (v1) => ({ name: (v1 as { title?: unknown }).title }) },
});

export const counterEvents = createEventRegistry([CounterIncremented, CounterRenamed]);
export type CounterEvent = EventOf<typeof CounterIncremented> | EventOf<typeof CounterRenamed>;

const counterCommandCodecs = {
  Increment: t.type({ counterId: t.string, by: PositiveInt, limit: t.number }),
  Rename: t.type({ counterId: t.string, name: t.string }),
};
export const counterCommands = commandDecoder(counterCommandCodecs);
export type CounterCommand = CommandOf<typeof counterCommandCodecs>;

export interface CounterState {
  readonly total: number;
  readonly name: string;
}

export const counterDecider: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: { total: 0, name: '' },
  evolve: (state, event) => {
    switch (event.type) {
      case 'CounterIncremented':
        return { ...state, total: state.total + event.data.by };
      case 'CounterRenamed':
        return { ...state, name: event.data.name };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'Increment':
        return state.total + command.by > command.limit
          ? left(domainError('LIMIT_REACHED', `The counter is at ${state.total}; adding ${command.by} passes ${command.limit}.`))
          : right([{ type: 'CounterIncremented', data: { by: command.by, note: '' } }]);
      case 'Rename':
        return right([{ type: 'CounterRenamed', data: { name: command.name } }]);
    }
  },
};

export const counterStream = (command: CounterCommand): string => `counter-${command.counterId}`;
