import { describe, expect, it } from 'vitest';
import { creditBalance, type CreditsCommandOf, type CreditsEvent, type CreditsEventData } from '../../../core/credits/index.js';
import { booked, d, expired, FOLLOW_UP, granted, JAN_1, policy, repaid, spec } from './fixtures.js';

const setTo = (balance: number, extra: Partial<CreditsCommandOf<'SetCreditBalance'>> = {}): CreditsCommandOf<'SetCreditBalance'> => ({
  type: 'SetCreditBalance',
  clientId: 'c1',
  appointmentType: FOLLOW_UP,
  balance,
  by: 'dr-lee',
  reason: 'Paid at the front desk',
  on: JAN_1,
  ...extra,
});
const adjustBy = (delta: number): CreditsCommandOf<'AdjustCredits'> => ({
  type: 'AdjustCredits',
  clientId: 'c1',
  appointmentType: FOLLOW_UP,
  delta,
  by: 'dr-lee',
  reason: 'Goodwill',
  on: JAN_1,
});
const adjusted = (data: Partial<CreditsEventData<'CreditsAdjusted'>>): CreditsEvent => ({
  type: 'CreditsAdjusted',
  data: {
    appointmentType: FOLLOW_UP,
    mode: 'set',
    delta: 0,
    balanceBefore: 0,
    balanceAfter: 0,
    lot: null,
    expiresOn: null,
    taken: [],
    by: 'dr-lee',
    reason: 'Paid at the front desk',
    on: JAN_1,
    ...data,
  },
});

describe('Track & Edit Client Credits', () => {
  it('manually replacing the current number with a new one records the difference', () => {
    const state = spec
      .given([granted(1, 2)])
      .when(setTo(5))
      .then([adjusted({ delta: 3, balanceBefore: 2, balanceAfter: 5, lot: 2 })]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(5);
  });

  it('setting a lower number takes the credits that expire first', () => {
    spec
      .given([granted(1, 2), granted(2, 2, { expiresOn: d('2025-05-01') })])
      .when(setTo(1))
      .then([adjusted({ delta: -3, balanceBefore: 4, balanceAfter: 1, taken: [{ lot: 2, quantity: 2 }, { lot: 1, quantity: 1 }] })]);
  });

  it('setting the number it already has records nothing', () => {
    spec.given([granted(1, 2)]).when(setTo(2)).then([]);
  });

  it('negative credits: after confirming the client paid, the provider sets them back to zero and the debt is repaid', () => {
    const allow = policy({ allowBookingWithoutCredits: true });
    const state = spec
      .given([booked('b1', null, { policy: allow }), booked('b2', null, { policy: allow })])
      .when(setTo(0))
      .then([adjusted({ delta: 2, balanceBefore: -2, balanceAfter: 0, lot: 1 }), repaid(1, ['b1', 'b2'])]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(0);
  });

  it('a balance cannot be set below zero', () => {
    spec.given([]).when(setTo(-1)).thenError('INVALID_BALANCE');
  });

  it('an adjustment by a delta adds a lot or takes credits, with the reason and the acting provider', () => {
    spec
      .given([granted(1, 1)])
      .when(adjustBy(2))
      .then([adjusted({ mode: 'adjust', delta: 2, balanceBefore: 1, balanceAfter: 3, lot: 2, reason: 'Goodwill' })]);
    spec
      .given([granted(1, 3)])
      .when(adjustBy(-2))
      .then([adjusted({ mode: 'adjust', delta: -2, balanceBefore: 3, balanceAfter: 1, taken: [{ lot: 1, quantity: 2 }], reason: 'Goodwill' })]);
  });

  it('only credits the client has can be taken away', () => {
    spec.given([granted(1, 1)]).when(adjustBy(-2)).thenError('INSUFFICIENT_CREDITS', 'the Follow-up balance is 1');
    spec.given([]).when(adjustBy(0)).thenError('INVALID_QUANTITY');
  });
});

describe('Expiry', () => {
  const tick = (on: string): CreditsCommandOf<'ExpireCredits'> => ({ type: 'ExpireCredits', clientId: 'c1', on: d(on) });

  it('a tick for a date expires every lot past its date, recording what was lost', () => {
    const state = spec
      .given([
        granted(1, 3, { expiresOn: d('2025-02-01'), reference: 'jan' }),
        granted(2, 2, { expiresOn: d('2025-02-01'), appointmentType: 'Massage' }),
        granted(3, 1, { expiresOn: d('2025-03-01') }),
        granted(4, 1),
        booked('b1', 1),
      ])
      .when(tick('2025-02-01'))
      .then([
        expired(1, 2, d('2025-02-01'), d('2025-02-01'), { reference: 'jan' }),
        expired(2, 2, d('2025-02-01'), d('2025-02-01'), { appointmentType: 'Massage' }),
      ]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(2);
    expect(creditBalance(state, 'Massage')).toBe(0);
  });

  it('credits are usable up to the day before their expiry date', () => {
    spec.given([granted(1, 1, { expiresOn: d('2025-02-01') })]).when(tick('2025-01-31')).then([]);
  });

  it('a used-up lot has nothing to expire', () => {
    spec.given([granted(1, 1, { expiresOn: d('2025-02-01') }), booked('b1', 1)]).when(tick('2025-03-01')).then([]);
  });
});
