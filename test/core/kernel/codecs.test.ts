import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as t from 'io-ts';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { createEventRegistry, defineEvent, combineRegistries } from '../../../core/kernel/codecs.js';
import { EventDecodeError } from '../../../core/kernel/errors.js';
import { MoneyC, money } from '../../../core/values/money.js';
import { LocalDateC } from '../../../core/values/local-date.js';
import { arbLocalDate, arbMoney } from '../../../testing/arbitraries.js';
import { counterCommands, counterEvents } from '../../support/counter.js';

const where = { streamName: 'thing-1', revision: 4n };

describe('event registry', () => {
  const Charged = defineEvent('Charged', t.type({ amount: MoneyC, on: LocalDateC, lines: t.array(t.type({ label: t.string, amount: MoneyC })) }));
  const registry = createEventRegistry([Charged]);

  it('names the stream, revision and nested field of a bad stored event', () => {
    const decode = () =>
      registry.decode(
        { type: 'Charged', schemaVersion: 1, data: { amount: money(5, 'USD'), on: '2025-02-30', lines: [] } },
        where,
      );
    expect(decode).toThrow(EventDecodeError);
    try {
      decode();
    } catch (error) {
      const e = error as EventDecodeError;
      expect(e.streamName).toBe('thing-1');
      expect(e.revision).toBe(4n);
      expect(e.field).toBe('data.on');
      expect(e.message).toMatch(/revision 4 of stream "thing-1".*data\.on.*2025-02-30/);
    }
    try {
      registry.decode({ type: 'Charged', schemaVersion: 1, data: { amount: money(5, 'USD'), on: '2025-02-01', lines: [{ label: 'x', amount: { amount: 'x', currency: 'USD' } }] } }, where);
    } catch (error) {
      expect((error as EventDecodeError).field).toBe('data.lines.0.amount');
    }
  });
  it('refuses an unknown type and an unknown schema version', () => {
    expect(() => registry.decode({ type: 'Nope', schemaVersion: 1, data: {} }, where)).toThrow(/"Nope" is not a known event type/);
    expect(() => registry.decode({ type: 'Charged', schemaVersion: 0, data: {} }, where)).toThrow(/schemaVersion/);
  });
  it('upcasts old versions step by step', () => {
    const V3 = defineEvent('Renamed', t.type({ fullName: t.string, reason: t.string }), {
      schemaVersion: 3,
      upcasters: {
        1: (v1) => ({ name: (v1 as { title: string }).title }),
        2: (v2) => ({ fullName: (v2 as { name: string }).name, reason: 'unknown' }),
      },
    });
    const r = createEventRegistry([V3]);
    expect(r.decode({ type: 'Renamed', schemaVersion: 1, data: { title: 'A' } }, where)).toEqual({ type: 'Renamed', data: { fullName: 'A', reason: 'unknown' } });
    expect(r.decode({ type: 'Renamed', schemaVersion: 2, data: { name: 'B' } }, where).data).toEqual({ fullName: 'B', reason: 'unknown' });
    expect(r.encode({ type: 'Renamed', data: { fullName: 'C', reason: 'r' } }).schemaVersion).toBe(3);
  });
  it('refuses a definition at version n without every upcaster, and a type defined twice', () => {
    expect(() => defineEvent('X', t.type({}), { schemaVersion: 2 })).toThrow(/no upcaster from version 1/);
    expect(() => createEventRegistry([defineEvent('X', t.type({})), defineEvent('X', t.type({}))])).toThrow(/defined twice/);
  });
  it('combines registries', () => {
    const all = combineRegistries(registry, counterEvents);
    expect(all.is({ type: 'Charged', data: {} })).toBe(true);
    expect(all.is({ type: 'CounterIncremented', data: {} })).toBe(true);
    expect(registry.is({ type: 'CounterIncremented', data: {} })).toBe(false);
  });
  it('law: every event round-trips through encode, JSON and decode', () => {
    fc.assert(
      fc.property(arbMoney({ currency: 'EUR' }), arbLocalDate(), fc.array(fc.tuple(fc.string(), arbMoney({ currency: 'EUR' })), { maxLength: 4 }), (amount, on, lines) => {
        const event = { type: 'Charged' as const, data: { amount, on, lines: lines.map(([label, m]) => ({ label, amount: m })) } };
        const encoded = registry.encode(event);
        const stored = JSON.parse(JSON.stringify(encoded.data)) as unknown;
        expect(registry.decode({ ...encoded, data: stored }, where)).toEqual(event);
      }),
    );
  });
});

describe('command decoding', () => {
  it('names the field of the command that was meant', () => {
    const r = counterCommands.decode({ type: 'Increment', counterId: 'c', by: -2, limit: 10 });
    expect(isLeft(r) && r.left).toMatchObject({ code: 'INVALID_COMMAND', field: 'by' });
    expect(isLeft(r) && r.left.message).toMatch(/Increment: "by" must be PositiveInteger \(got -2\)/);
    const missing = counterCommands.decode({ type: 'Rename', counterId: 'c' });
    expect(isLeft(missing) && missing.left.message).toMatch(/"name" is missing/);
  });
  it('refuses unknown commands and non-objects', () => {
    const r = counterCommands.decode({ type: 'Explode' });
    expect(isLeft(r) && r.left).toMatchObject({ code: 'UNKNOWN_COMMAND', field: 'type' });
    expect(isLeft(counterCommands.decode(null))).toBe(true);
    expect(isLeft(counterCommands.decode([1]))).toBe(true);
    expect(isLeft(counterCommands.decode({ type: 'toString' }))).toBe(true);
    expect(isRight(counterCommands.decode({ type: 'Rename', counterId: 'c', name: 'n' }))).toBe(true);
  });
});
