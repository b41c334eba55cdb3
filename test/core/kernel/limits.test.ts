import { describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { commandDecoder } from '../../../core/kernel/commands.js';
import { COMMAND_LIMITS, commandLimitBreach } from '../../../core/kernel/limits.js';

describe('the limits of untrusted input', () => {
  it.each([
    ['a control character in an id', { clientId: 'c1\u0000' }, 'clientId', /control character \(U\+0000 at 2\)/],
    ['an escape sequence in a note', { note: 'hi \u001b[2J' }, 'note', /U\+001B/],
    ['a C1 control character', { by: 'desk\u0085' }, 'by', /U\+0085/],
    ['half of a surrogate pair', { name: 'a\ud800b' }, 'name', /surrogate/],
    ['a string too long', { note: 'x'.repeat(COMMAND_LIMITS.maxStringLength + 1) }, 'note', /longer than 10000 characters/],
    ['a count beyond ten thousand', { quantity: 10_001 }, 'quantity', /beyond ±10,000/],
    ['a negative count beyond it', { delta: -1e9 }, 'delta', /beyond ±10,000/],
    ['an amount of money beyond a billion', { price: { amount: 100_000_000_001, currency: 'USD' } }, 'price.amount', /beyond ±100,000,000,000/],
    ['a number that is not finite', { days: Number.POSITIVE_INFINITY }, 'days', /not a finite number/],
    ['a date no practice lives in', { on: '9999-12-31' }, 'on', /year 9999, outside 1900–2999/],
    ['an instant before 1900', { at: '1899-12-31T23:00:00.000Z' }, 'at', /year 1899/],
    ['a __proto__ key', JSON.parse('{"terms":{"__proto__":{"polluted":true}}}') as unknown, 'terms.__proto__', /not a field a command may have/],
    ['a constructor key', { items: [{ constructor: { prototype: {} } }] }, 'items.0.constructor', /not a field/],
    ['a control character in a field name', { ['bad\u0007key']: 1 }, 'bad\u0007key', /as a field name holds a control character/],
  ])('refuses %s, naming the field', (_what, value, field, reason) => {
    const breach = commandLimitBreach(value);
    expect(breach?.field).toBe(field);
    expect(breach?.reason).toMatch(reason);
  });

  it('accepts text with tabs, line breaks and any script, counts, money and dates within the limits', () => {
    expect(
      commandLimitBreach({
        note: 'line one\nline two\twith a tab\r\n— café, 東京, 🧖',
        quantity: 10_000,
        delta: -10_000,
        amount: { amount: 99_999_999_999, currency: 'JPY' },
        price: { amount: -100_000_000_000, currency: 'USD' },
        on: '1900-01-01',
        at: '2999-12-31T23:59:59.000Z',
        percent: 33.33,
        list: [1, 'two', { three: 3 }],
        nothing: null,
        flag: true,
      }),
    ).toBeUndefined();
  });

  it('every command decoder holds commands to them after the codec', () => {
    const decoder = commandDecoder({ Grant: t.type({ clientId: t.string, quantity: t.number }) });
    const refused = decoder.decode({ type: 'Grant', clientId: 'c1', quantity: 1e6 });
    expect(isLeft(refused) && refused.left).toMatchObject({ code: 'INVALID_COMMAND', field: 'quantity' });
    const wrongType = decoder.decode({ type: 'Grant', clientId: 42, quantity: 1e6 });
    expect(isLeft(wrongType) && wrongType.left).toMatchObject({ code: 'INVALID_COMMAND', field: 'clientId' });
    expect(isLeft(decoder.decode({ type: 'Grant', clientId: 'c1', quantity: 3 }))).toBe(false);
  });
});
