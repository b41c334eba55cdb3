import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../testing/given-when-then.js';
import { counterDecider } from '../support/counter.js';

const spec = deciderSpec(counterDecider);
const incremented = (by: number) => ({ type: 'CounterIncremented' as const, data: { by, note: '' } });

describe('deciderSpec', () => {
  it('given events, when a command, then events (returning the state after)', () => {
    const state = spec.given([incremented(2)]).when({ type: 'Increment', counterId: 'a', by: 3, limit: 10 }).then([incremented(3)]);
    expect(state.total).toBe(5);
  });
  it('fails loudly when the events differ', () => {
    expect(() => spec.given([]).when({ type: 'Increment', counterId: 'a', by: 3, limit: 10 }).then([incremented(4)])).toThrow(/Unexpected events/);
  });
  it('then an error code, optionally with words of its sentence', () => {
    const error = spec.given([incremented(9)]).when({ type: 'Increment', counterId: 'a', by: 3, limit: 10 }).thenError('LIMIT_REACHED', 'passes 10');
    expect(error.message).toContain('The counter is at 9');
    expect(() => spec.given([]).when({ type: 'Increment', counterId: 'a', by: 3, limit: 10 }).thenError('LIMIT_REACHED')).toThrow(/Expected error LIMIT_REACHED/);
    expect(() => spec.given([incremented(9)]).when({ type: 'Increment', counterId: 'a', by: 3, limit: 10 }).thenError('OTHER')).toThrow(/but got LIMIT_REACHED/);
  });
  it('thenEvents checks computed events', () => {
    spec.given([]).when({ type: 'Rename', counterId: 'a', name: 'x' }).thenEvents((events, state) => {
      expect(events).toHaveLength(1);
      expect(state.name).toBe('x');
    });
  });
});
