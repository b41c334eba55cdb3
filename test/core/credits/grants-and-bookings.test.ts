import { describe, expect, it } from 'vitest';
import { creditBalance } from '../../../core/credits/index.js';
import { book, booked, d, FOLLOW_UP, grant, granted, INITIAL, JAN_1, policy, repaid, spec } from './fixtures.js';

describe('grants', () => {
  it('when a client purchases a package, the corresponding credits are added to their account', () => {
    const state = spec
      .given([])
      .when(grant(6, { reference: 'pkg-6-follow-ups', expiresOn: d('2026-01-01') }))
      .then([granted(1, 6, { reference: 'pkg-6-follow-ups', expiresOn: d('2026-01-01') })]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(6);
  });

  it('each billing cycle gives the client the credits included in the package', () => {
    spec
      .given([granted(1, 3, { source: 'renewal', reference: 'monthly-pkg' })])
      .when(grant(3, { source: 'renewal', reference: 'monthly-pkg', on: d('2025-02-01') }))
      .then([granted(2, 3, { source: 'renewal', reference: 'monthly-pkg', on: d('2025-02-01') })]);
  });

  it('promotional and courtesy credits are grants with their source and who gave them', () => {
    spec
      .given([])
      .when(grant(1, { source: 'courtesy', by: 'dr-lee', note: 'Late start on Monday' }))
      .then([granted(1, 1, { source: 'courtesy', by: 'dr-lee', note: 'Late start on Monday' })]);
  });

  it('a negative quantity is refused with a sentence', () => {
    spec.given([]).when(grant(-3)).thenError('INVALID_QUANTITY', 'above zero; got -3');
    spec.given([]).when(grant(0)).thenError('INVALID_QUANTITY');
  });

  it('an appointment type the practice does not offer is refused', () => {
    spec
      .given([])
      .when(grant(1, { appointmentType: 'Massage', appointmentTypes: [FOLLOW_UP, INITIAL] }))
      .thenError('UNKNOWN_APPOINTMENT_TYPE', '"Massage" is not one of the practice\'s appointment types');
  });

  it('credits cannot expire on or before the day they are given', () => {
    spec.given([]).when(grant(1, { expiresOn: JAN_1 })).thenError('INVALID_EXPIRY');
  });
});

describe('booking uses one credit of the booking\'s appointment type', () => {
  it('one credit equals one session: a booking takes one credit', () => {
    const state = spec.given([granted(1, 2)]).when(book('b1')).then([booked('b1', 1)]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(1);
  });

  it('a booking takes from the lot that expires first', () => {
    spec
      .given([granted(1, 1, { expiresOn: d('2025-06-01') }), granted(2, 1, { expiresOn: d('2025-03-01') })])
      .when(book('b1'))
      .then([booked('b1', 2)]);
  });

  it('lots without an expiry are used last, and ties go by grant order', () => {
    spec
      .given([granted(1, 1), granted(2, 1, { expiresOn: d('2025-09-01') }), granted(3, 1, { expiresOn: d('2025-09-01') })])
      .when(book('b1'))
      .then([booked('b1', 2)]);
    spec.given([granted(1, 1), granted(2, 1)]).when(book('b1')).then([booked('b1', 1)]);
  });

  it('credits of one appointment type do not pay for another', () => {
    spec.given([granted(1, 5, { appointmentType: INITIAL })]).when(book('b1')).thenError('INSUFFICIENT_CREDITS');
  });

  it('the booking records its channel', () => {
    spec
      .given([granted(1, 1)])
      .when(book('b1', { channel: 'provider' }))
      .then([booked('b1', 1, { channel: 'provider' })]);
  });

  it('a lot past its date is expired before the booking and never used', () => {
    spec
      .given([granted(1, 2, { expiresOn: d('2025-02-01') }), granted(2, 1)])
      .when(book('b1', { on: d('2025-02-01') }))
      .then([
        { type: 'CreditsExpired', data: { lot: 1, appointmentType: FOLLOW_UP, quantity: 2, expiresOn: d('2025-02-01'), reference: null, on: d('2025-02-01') } },
        booked('b1', 2, { on: d('2025-02-01') }),
      ]);
  });

  it('a booking can be paid from one package only', () => {
    spec
      .given([granted(1, 1, { expiresOn: d('2025-03-01') }), granted(2, 1, { reference: 'pkg-2' })])
      .when(book('b1', { fromReference: 'pkg-2' }))
      .then([booked('b1', 2)]);
    spec.given([granted(1, 1)]).when(book('b1', { fromReference: 'pkg-9' })).thenError('NO_CREDITS_FROM_REFERENCE');
  });

  it('a booking id is recorded once', () => {
    spec.given([granted(1, 2), booked('b1', 1)]).when(book('b1')).thenError('BOOKING_ALREADY_RECORDED');
  });
});

describe('Prevent No Credit Booking', () => {
  it('clients can only book appointment types in which they have credits; the message points to buying a package', () => {
    const error = spec.given([granted(1, 1), booked('b1', 1)]).when(book('b2')).thenError('INSUFFICIENT_CREDITS', 'the balance is 0');
    expect(error.message).toContain('Buy a package that includes Follow-up sessions');
    expect(error.details).toEqual({ appointmentType: FOLLOW_UP, balance: 0, needed: 1 });
  });

  it('prevention applies to shared booking links too (the seed admits these bypass it)', () => {
    spec.given([]).when(book('b1', { channel: 'shared_link' })).thenError('INSUFFICIENT_CREDITS');
  });

  it('a practice can let shared booking links bypass prevention, as before', () => {
    spec
      .given([])
      .when(book('b1', { channel: 'shared_link', policy: { preventOnSharedLinks: false } }))
      .then([booked('b1', null, { channel: 'shared_link', policy: policy({ preventOnSharedLinks: false }) })]);
    spec.given([]).when(book('b1', { channel: 'provider', policy: { preventOnSharedLinks: false } })).thenError('INSUFFICIENT_CREDITS');
  });
});

describe('Allow Booking Without Credits: negative credits', () => {
  const allow = { policy: { allowBookingWithoutCredits: true } };

  it('a client who booked without credit has negative credits', () => {
    const state = spec
      .given([])
      .when(book('b1', allow))
      .then([booked('b1', null, { policy: policy({ allowBookingWithoutCredits: true }) })]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(-1);
  });

  it('the next grant of that type repays the debt first, and says which bookings it settled', () => {
    const withoutCredit = (id: string) => booked(id, null, { policy: policy({ allowBookingWithoutCredits: true }) });
    const state = spec
      .given([withoutCredit('b1'), withoutCredit('b2')])
      .when(grant(5))
      .then([granted(1, 5), repaid(1, ['b1', 'b2'])]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(3);
    expect(state.bookings.get('b1')?.lot).toBe(1);
  });

  it('a grant smaller than the debt repays what it can', () => {
    const withoutCredit = (id: string) => booked(id, null, { policy: policy({ allowBookingWithoutCredits: true }) });
    const state = spec
      .given([withoutCredit('b1'), withoutCredit('b2')])
      .when(grant(1))
      .then([granted(1, 1), repaid(1, ['b1'])]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(-1);
  });
});

describe('Disable Credits System', () => {
  it('with the credit system off, bookings record nothing in the ledger', () => {
    spec.given([]).when(book('b1', { policy: { enabled: false } })).then([]);
  });
});
