import { describe, expect, it } from 'vitest';
import { creditBalance, openCreditLots } from '../../../core/credits/index.js';
import { book, booked, cancel, cancelled, d, expired, FOLLOW_UP, granted, JAN_1, policy, repaid, spec } from './fixtures.js';

describe('Restore Credits When an Appointment is Cancelled', () => {
  it('the client gets the credit back, in the lot it came from', () => {
    const state = spec
      .given([granted(1, 1, { expiresOn: d('2025-03-01') }), granted(2, 1), booked('b1', 1), booked('b2', 2)])
      .when(cancel('b1'))
      .then([cancelled('b1', 1, 'restored')]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(1);
    expect(openCreditLots(state, FOLLOW_UP).map((l) => [l.lot, l.remaining])).toEqual([[1, 1]]);
  });

  it('if that lot has expired by then, the restore is recorded as expired and the balance does not change', () => {
    const state = spec
      .given([granted(1, 2, { expiresOn: d('2025-03-01') }), booked('b1', 1)])
      .when(cancel('b1', { on: d('2025-03-05') }))
      .then([
        expired(1, 1, d('2025-03-01'), d('2025-03-05')),
        cancelled('b1', 1, 'expired', { on: d('2025-03-05') }),
      ]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(0);
  });

  it('a credit whose package was refunded in the meantime does not come back', () => {
    spec
      .given([
        granted(1, 2, { reference: 'pkg-1' }),
        booked('b1', 1),
        { type: 'CreditsVoided', data: { lot: 1, appointmentType: FOLLOW_UP, quantity: 1, reference: 'pkg-1', reason: 'refunded', by: null, on: JAN_1 } },
      ])
      .when(cancel('b1'))
      .then([cancelled('b1', 1, 'voided')]);
  });

  it('with restore on cancel turned off, the credit is kept', () => {
    const state = spec
      .given([granted(1, 1), booked('b1', 1)])
      .when(cancel('b1', { policy: { restoreOnCancel: false } }))
      .then([cancelled('b1', 1, 'not_restored', { policy: policy({ restoreOnCancel: false }) })]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(0);
  });

  it('cancelling a booking made without credit forgives the debt', () => {
    const allow = policy({ allowBookingWithoutCredits: true });
    const state = spec
      .given([booked('b1', null, { policy: allow })])
      .when(cancel('b1'))
      .then([cancelled('b1', null, 'restored')]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(0);
  });

  it('a restored credit repays a debt first', () => {
    const allow = policy({ allowBookingWithoutCredits: true });
    const state = spec
      .given([granted(1, 1), booked('b1', 1), booked('b2', null, { policy: allow })])
      .when(cancel('b1'))
      .then([cancelled('b1', 1, 'restored'), repaid(1, ['b2'])]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(0);
  });

  it('an unknown booking id is refused', () => {
    spec.given([]).when(cancel('nope')).thenError('UNKNOWN_BOOKING', 'There is no booking "nope"');
  });

  it('a booking is cancelled once', () => {
    spec.given([granted(1, 1), booked('b1', 1), cancelled('b1', 1, 'restored')]).when(cancel('b1')).thenError('BOOKING_ALREADY_CANCELLED');
  });

  it('with the credit system off, cancellations record nothing', () => {
    spec.given([granted(1, 1), booked('b1', 1)]).when(cancel('b1', { policy: { enabled: false } })).then([]);
  });
});

describe('Credit settings on a client\'s profile', () => {
  const settings = (overrides: Record<string, boolean>) =>
    ({ type: 'AdjustCreditSettings', clientId: 'c1', overrides, by: 'dr-lee', on: JAN_1 }) as const;

  it('settings were adjusted for their account: the overrides are a fact in their ledger', () => {
    spec
      .given([])
      .when(settings({ allowBookingWithoutCredits: true }))
      .then([{ type: 'CreditSettingsAdjusted', data: { overrides: { allowBookingWithoutCredits: true }, by: 'dr-lee', on: JAN_1 } }]);
  });

  it('a client allowed to book without credits may, although the practice prevents it', () => {
    const adjusted = { type: 'CreditSettingsAdjusted', data: { overrides: { allowBookingWithoutCredits: true }, by: 'dr-lee', on: JAN_1 } } as const;
    spec
      .given([adjusted])
      .when(book('b1', { policy: { allowBookingWithoutCredits: false } }))
      .then([booked('b1', null, { policy: policy({ allowBookingWithoutCredits: true }) })]);
  });

  it('the overrides apply to that client only: another ledger follows the practice', () => {
    spec.given([]).when(book('b1', { policy: { allowBookingWithoutCredits: false } })).thenError('INSUFFICIENT_CREDITS');
  });

  it('the effective policy is recorded on each booking and cancellation', () => {
    const adjusted = { type: 'CreditSettingsAdjusted', data: { overrides: { restoreOnCancel: false }, by: 'dr-lee', on: JAN_1 } } as const;
    spec
      .given([adjusted, granted(1, 1), booked('b1', 1)])
      .when(cancel('b1', { policy: { restoreOnCancel: true, preventOnSharedLinks: false } }))
      .then([cancelled('b1', 1, 'not_restored', { policy: policy({ restoreOnCancel: false, preventOnSharedLinks: false }) })]);
  });

  it('a client can have the credit system turned off on their own', () => {
    const adjusted = { type: 'CreditSettingsAdjusted', data: { overrides: { enabled: false }, by: 'dr-lee', on: JAN_1 } } as const;
    spec.given([adjusted]).when(book('b1')).then([]);
  });
});
