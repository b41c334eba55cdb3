import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import { createEventRegistry, defineEvent, isTransparent, transparentCodec } from '../../../core/kernel/codecs.js';
import { EventDecodeError } from '../../../core/kernel/errors.js';
import { creditsDecider, creditsEvents, type CreditsCommand, type CreditsEvent } from '../../../core/credits/index.js';
import { LocalDateC } from '../../../core/values/local-date.js';
import { MoneyC } from '../../../core/values/money.js';
import { percent } from '../../../core/values/percent.js';
import { localDate } from '../../../core/values/local-date.js';

describe('transparent codecs (valid stored data is used as it is)', () => {
  it("tells them by their structure: io-ts's plain combinators of transparent codecs are; stripping, custom and recursive codecs are not", () => {
    expect(isTransparent(t.type({ on: LocalDateC, n: t.refinement(t.number, (n) => n > 0), tags: t.readonlyArray(t.union([t.string, t.null])) }))).toBe(true);
    expect(isTransparent(t.intersection([t.type({ a: t.string }), t.partial({ b: t.keyof({ x: null }) })]))).toBe(true);
    expect(isTransparent(t.exact(t.type({ a: t.string })))).toBe(false);
    expect(isTransparent(t.type({ amount: MoneyC }))).toBe(false);
    const Custom = new t.Type<string, string, unknown>('Custom', (u): u is string => typeof u === 'string', (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)), t.identity);
    expect(isTransparent(t.type({ c: Custom }))).toBe(false);
    expect(isTransparent(t.type({ c: transparentCodec(Custom) }))).toBe(true);
  });

  it('a transparent definition still names the field of bad data, and upcasts old versions', () => {
    const Noted = defineEvent('Noted', t.type({ on: LocalDateC, text: t.string }), { schemaVersion: 2, upcasters: { 1: (v1) => ({ ...(v1 as object), text: 'upcast' }) } });
    expect(Noted.transparent).toBe(true);
    const registry = createEventRegistry([Noted]);
    const data = { on: '2025-01-01', text: 'x' };
    expect(registry.decode({ type: 'Noted', schemaVersion: 2, data }, { streamName: 's', revision: 0n }).data).toBe(data);
    expect(registry.decode({ type: 'Noted', schemaVersion: 1, data: { on: '2025-01-01' } }, { streamName: 's', revision: 0n }).data).toEqual({ on: '2025-01-01', text: 'upcast' });
    expect(() => registry.decode({ type: 'Noted', schemaVersion: 2, data: { on: '2025-02-30', text: 'x' } }, { streamName: 's', revision: 1n })).toThrow(EventDecodeError);
    try {
      registry.decode({ type: 'Noted', schemaVersion: 2, data: { on: '2025-02-30', text: 'x' } }, { streamName: 's', revision: 1n });
    } catch (error) {
      expect((error as EventDecodeError).field).toBe('data.on');
    }
  });

  it("law: for every credits event, a codec's `is` accepts exactly what it decodes, and decoding and encoding return the data itself", () => {
    // Valid data of every credits event type, then variants with one field replaced or removed.
    const on = localDate('2025-01-06');
    const commands: CreditsCommand[] = [
      { type: 'GrantCredits', clientId: 'c', appointmentType: 'A', quantity: 3, source: 'package', reference: 'p', expiresOn: localDate('2025-02-01'), on },
      { type: 'BookSession', clientId: 'c', bookingId: 'b1', appointmentType: 'A', channel: 'provider', on },
      { type: 'BookSession', clientId: 'c', bookingId: 'b2', appointmentType: 'B', channel: 'provider', on, policy: { allowBookingWithoutCredits: true } },
      { type: 'GrantCredits', clientId: 'c', appointmentType: 'B', quantity: 2, source: 'membership', reference: 'm', on },
      { type: 'CancelBooking', clientId: 'c', bookingId: 'b1', on },
      { type: 'AdjustCredits', clientId: 'c', appointmentType: 'A', delta: -1, by: 'x', reason: 'r', on },
      { type: 'ExtendCreditExpiry', clientId: 'c', reference: 'p', byDays: 3, reason: 'r', on },
      { type: 'RollOverCredits', clientId: 'c', fromReference: 'm', toReference: 'm2', percent: percent(50), cap: 1, expiresOn: localDate('2025-03-01'), on },
      { type: 'TransferCreditsOut', clientId: 'c', transferId: 't', toClientId: 'd', appointmentType: 'A', quantity: 1, on },
      { type: 'ReceiveCreditTransfer', clientId: 'c', transferId: 't2', fromClientId: 'd', appointmentType: 'A', parts: [{ quantity: 1, expiresOn: null }], on },
      { type: 'VoidCredits', clientId: 'c', reference: 'p', reason: 'refund', on },
      { type: 'AdjustCreditSettings', clientId: 'c', overrides: { restoreOnCancel: false }, by: 'x', on },
      { type: 'ExpireCredits', clientId: 'c', on: localDate('2026-01-01') },
    ];
    let state = creditsDecider.initialState;
    const samples: CreditsEvent[] = [];
    for (const command of commands) {
      const decision = creditsDecider.decide(command, state);
      if (!isRight(decision)) throw new Error(`${command.type} was refused: ${decision.left.message}`);
      for (const event of decision.right) {
        samples.push(event);
        state = creditsDecider.evolve(state, event);
      }
    }
    expect(new Set(samples.map((e) => e.type)).size).toBeGreaterThanOrEqual(10);
    const variant = fc.constantFrom(...samples).chain((event) =>
      fc.oneof(
        fc.constant(event.data as unknown),
        fc.tuple(fc.constantFrom(...Object.keys(event.data)), fc.anything()).map(([key, value]) => ({ ...event.data, [key]: value }) as unknown),
        fc.constantFrom(...Object.keys(event.data)).map((key) => Object.fromEntries(Object.entries(event.data).filter(([k]) => k !== key)) as unknown),
      ).map((data) => ({ type: event.type, data })),
    );
    fc.assert(
      fc.property(variant, ({ type, data }) => {
        const def = creditsEvents.definitions.get(type);
        if (def === undefined) throw new Error(type);
        expect(def.transparent).toBe(true);
        const decoded = def.codec.decode(data);
        expect(isRight(decoded)).toBe(def.codec.is(data));
        if (isRight(decoded)) {
          expect(decoded.right).toBe(data);
          // Encoding valid data returns it too: the registry encodes a transparent event without calling the codec.
          expect(def.codec.encode(data)).toBe(data);
          expect(creditsEvents.encode({ type, data } as CreditsEvent).data).toBe(data);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
