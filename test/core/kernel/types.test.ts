/**
 * Type-level tests: the types are the API, so a wrong event or command shape must not
 * compile. `npm run typecheck` fails if any `@ts-expect-error` below stops being an error.
 */
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../core/kernel/envelope.js';
import type { CounterCommand, CounterEvent } from '../../support/counter.js';
import { money } from '../../../core/values/money.js';
import type { LocalDate } from '../../../core/values/local-date.js';

describe('types', () => {
  it('reject wrong shapes at compile time', () => {
    const ok: CounterEvent = { type: 'CounterIncremented', data: { by: 1, note: '' } };
    // @ts-expect-error a field of another event type
    const wrongData: CounterEvent = { type: 'CounterIncremented', data: { name: 'x' } };
    // @ts-expect-error an unknown event type
    const unknownType: CounterEvent = { type: 'CounterExploded', data: {} };
    // @ts-expect-error a command without its fields
    const missing: CounterCommand = { type: 'Increment', counterId: 'a' };
    // @ts-expect-error a plain string is not a LocalDate: parse it with localDate()
    const date: LocalDate = '2025-01-01';
    const event: NewEvent<CounterEvent> = { event: ok, eventId: 'e', metadata: { at: 'x' } };
    // @ts-expect-error metadata needs the instant
    const noInstant: NewEvent<CounterEvent> = { event: ok, eventId: 'e', metadata: {} };
    expect([wrongData, unknownType, missing, date, event, noInstant, money(1, 'USD')]).toHaveLength(7);
  });
});
