import { describe, expect, it } from 'vitest';
import { creditBalance, openCreditLots, type CreditsCommandOf, type CreditsEvent } from '../../../core/credits/index.js';
import { percent } from '../../../core/values/percent.js';
import { book, booked, cancel, cancelled, d, FOLLOW_UP, granted, JAN_1, spec } from './fixtures.js';

const PKG = 'pkg-6-follow-ups';
const voidCredits = (extra: Partial<CreditsCommandOf<'VoidCredits'>> = {}): CreditsCommandOf<'VoidCredits'> => ({
  type: 'VoidCredits',
  clientId: 'c1',
  reference: PKG,
  reason: 'Package refunded',
  on: d('2025-02-01'),
  ...extra,
});
const extend = (extra: Partial<CreditsCommandOf<'ExtendCreditExpiry'>>): CreditsCommandOf<'ExtendCreditExpiry'> => ({
  type: 'ExtendCreditExpiry',
  clientId: 'c1',
  reference: PKG,
  reason: 'Extension offered',
  on: d('2025-02-01'),
  ...extra,
});
const extended = (lot: number, from: string, to: string, reason = 'Extension offered'): CreditsEvent => ({
  type: 'CreditExpiryExtended',
  data: { lot, appointmentType: FOLLOW_UP, reference: PKG, from: d(from), to: d(to), reason, by: null, on: d('2025-02-01') },
});

describe('voiding the credits a package granted', () => {
  it('a refund voids the unused units of the package, recording how many', () => {
    const state = spec
      .given([granted(1, 6, { reference: PKG }), granted(2, 2), booked('b1', 1)])
      .when(voidCredits())
      .then([
        { type: 'CreditsVoided', data: { lot: 1, appointmentType: FOLLOW_UP, quantity: 5, reference: PKG, reason: 'Package refunded', by: null, on: d('2025-02-01') } },
      ]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(2);
  });

  it('voiding a package whose units are all used records nothing', () => {
    spec.given([granted(1, 1, { reference: PKG }), booked('b1', 1)]).when(voidCredits()).then([]);
  });

  it('a reference that granted nothing is refused', () => {
    spec.given([]).when(voidCredits()).thenError('UNKNOWN_REFERENCE');
  });
});

describe('moving the expiry of the credits a reference granted', () => {
  const given = [granted(1, 6, { reference: PKG, expiresOn: d('2025-07-01') }), granted(2, 1, { reference: PKG, expiresOn: d('2025-07-01') }), booked('b1', 2)];

  it('a package extension moves the date of its lots, the used-up ones too (a later cancellation lands on the new date)', () => {
    const state = spec
      .given(given)
      .when(extend({ expiresOn: d('2025-10-01') }))
      .then([extended(1, '2025-07-01', '2025-10-01'), extended(2, '2025-07-01', '2025-10-01')]);
    expect(state.closedLots.get(2)?.expiresOn).toBe('2025-10-01');
  });

  it('a membership pause pushes the expiry of the frozen credits by the days paused', () => {
    spec
      .given(given)
      .when(extend({ byDays: 31, reason: 'Membership paused' }))
      .then([extended(1, '2025-07-01', '2025-08-01', 'Membership paused'), extended(2, '2025-07-01', '2025-08-01', 'Membership paused')]);
  });

  it('an extension moves an expiry later, never earlier', () => {
    spec.given(given).when(extend({ expiresOn: d('2025-06-01') })).thenError('EXPIRY_NOT_LATER');
    spec.given(given).when(extend({})).thenError('INVALID_EXTENSION');
    spec.given(given).when(extend({ byDays: 0 })).thenError('INVALID_EXTENSION');
    spec.given(given).when(extend({ byDays: 3, expiresOn: d('2025-09-01') })).thenError('INVALID_EXTENSION');
  });

  it('after an extension, a later lot may be used first', () => {
    const lots = [granted(1, 1, { reference: PKG, expiresOn: d('2025-03-01') }), granted(2, 1, { expiresOn: d('2025-04-01') })];
    const state = spec.given(lots).when(extend({ expiresOn: d('2025-05-01') })).then([extended(1, '2025-03-01', '2025-05-01')]);
    expect(openCreditLots(state, FOLLOW_UP).map((l) => l.lot)).toEqual([2, 1]);
    spec
      .given([...lots, extended(1, '2025-03-01', '2025-05-01')])
      .when(book('b1'))
      .then([booked('b1', 2)]);
  });
});

describe('Membership Rollover & Credits', () => {
  const roll = (extra: Partial<CreditsCommandOf<'RollOverCredits'>> = {}): CreditsCommandOf<'RollOverCredits'> => ({
    type: 'RollOverCredits',
    clientId: 'c1',
    fromReference: 'vip/2025-01',
    toReference: 'vip/2025-01/rollover',
    percent: percent(50),
    cap: 2,
    expiresOn: d('2025-05-01'),
    on: d('2025-02-01'),
    ...extra,
  });
  const period = [granted(1, 5, { source: 'membership', reference: 'vip/2025-01', expiresOn: d('2025-02-01') })];

  it('partial rollover with a cap: min(cap, floor(unused × pct / 100)) roll into a new lot, the rest expire', () => {
    const state = spec
      .given([...period, booked('b1', 1)])
      .when(roll({ cap: 1 }))
      .then([
        {
          type: 'CreditsRolledOver',
          data: {
            appointmentType: FOLLOW_UP,
            fromReference: 'vip/2025-01',
            toReference: 'vip/2025-01/rollover',
            unused: 4,
            rolled: 1,
            lapsed: 3,
            taken: [{ lot: 1, quantity: 4 }],
            lot: 2,
            expiresOn: d('2025-05-01'),
            percent: percent(50),
            cap: 1,
            on: d('2025-02-01'),
          },
        },
      ]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(1);
    expect(openCreditLots(state, FOLLOW_UP)).toEqual([
      { lot: 2, appointmentType: FOLLOW_UP, source: 'rollover', reference: 'vip/2025-01/rollover', quantity: 1, remaining: 1, expiresOn: d('2025-05-01'), status: 'open' },
    ]);
  });

  it('a credit of the rolled-over period that is cancelled later does not come back', () => {
    spec
      .given([
        ...period,
        booked('b1', 1),
        {
          type: 'CreditsRolledOver',
          data: { appointmentType: FOLLOW_UP, fromReference: 'vip/2025-01', toReference: 'r', unused: 4, rolled: 0, lapsed: 4, taken: [{ lot: 1, quantity: 4 }], lot: null, expiresOn: null, percent: percent(0), cap: null, on: d('2025-02-01') },
        },
      ])
      .when(cancel('b1', { on: d('2025-01-20') }))
      .then([cancelled('b1', 1, 'expired', { on: d('2025-01-20') })]);
  });

  it('nothing unused, nothing to roll', () => {
    spec.given([granted(1, 1, { reference: 'vip/2025-01' }), booked('b1', 1)]).when(roll()).then([]);
  });

  it('a negative cap is refused', () => {
    spec.given(period).when(roll({ cap: -1 })).thenError('INVALID_CAP');
  });

  it('rolled credits must expire after the rollover', () => {
    spec.given(period).when(roll({ expiresOn: JAN_1 })).thenError('INVALID_EXPIRY');
  });
});
