/** Builders for the credits specs: the facts with their defaults, so each spec shows what matters. */
import {
  creditsDecider,
  defaultCreditPolicy,
  type CreditPolicy,
  type CreditsEvent,
  type CreditsEventData,
  type CreditsCommandOf,
} from '../../../core/credits/index.js';
import { localDate, type LocalDate } from '../../../core/values/local-date.js';
import { deciderSpec } from '../../../testing/given-when-then.js';

export const spec = deciderSpec(creditsDecider);
export const FOLLOW_UP = 'Follow-up';
export const INITIAL = 'Initial consultation';
export const d = (s: string): LocalDate => localDate(s);
export const JAN_1 = d('2025-01-01');

export const policy = (p: Partial<CreditPolicy> = {}): CreditPolicy => ({ ...defaultCreditPolicy, ...p });

type Data<T extends CreditsEvent['type']> = CreditsEventData<T>;

export const granted = (lot: number, quantity: number, extra: Partial<Data<'CreditsGranted'>> = {}): CreditsEvent => ({
  type: 'CreditsGranted',
  data: {
    lot,
    appointmentType: FOLLOW_UP,
    quantity,
    source: 'package',
    reference: null,
    expiresOn: null,
    on: JAN_1,
    by: null,
    note: null,
    ...extra,
  },
});

export const booked = (bookingId: string, lot: number | null, extra: Partial<Data<'SessionBooked'>> = {}): CreditsEvent => ({
  type: 'SessionBooked',
  data: { bookingId, appointmentType: FOLLOW_UP, channel: 'client_portal', lot, on: JAN_1, policy: policy(), ...extra },
});

export const cancelled = (
  bookingId: string,
  lot: number | null,
  restore: Data<'SessionCancelled'>['restore'],
  extra: Partial<Data<'SessionCancelled'>> = {},
): CreditsEvent => ({
  type: 'SessionCancelled',
  data: { bookingId, appointmentType: FOLLOW_UP, lot, restore, on: JAN_1, policy: policy(), ...extra },
});

export const repaid = (lot: number, bookingIds: string[], extra: Partial<Data<'CreditDebtRepaid'>> = {}): CreditsEvent => ({
  type: 'CreditDebtRepaid',
  data: { appointmentType: FOLLOW_UP, lot, bookingIds, on: JAN_1, ...extra },
});

export const expired = (lot: number, quantity: number, expiresOn: LocalDate, on: LocalDate, extra: Partial<Data<'CreditsExpired'>> = {}): CreditsEvent => ({
  type: 'CreditsExpired',
  data: { lot, appointmentType: FOLLOW_UP, quantity, expiresOn, reference: null, on, ...extra },
});

export const book = (bookingId: string, extra: Partial<CreditsCommandOf<'BookSession'>> = {}): CreditsCommandOf<'BookSession'> => ({
  type: 'BookSession',
  clientId: 'c1',
  bookingId,
  appointmentType: FOLLOW_UP,
  channel: 'client_portal',
  on: JAN_1,
  ...extra,
});

export const cancel = (bookingId: string, extra: Partial<CreditsCommandOf<'CancelBooking'>> = {}): CreditsCommandOf<'CancelBooking'> => ({
  type: 'CancelBooking',
  clientId: 'c1',
  bookingId,
  on: JAN_1,
  ...extra,
});

export const grant = (quantity: number, extra: Partial<CreditsCommandOf<'GrantCredits'>> = {}): CreditsCommandOf<'GrantCredits'> => ({
  type: 'GrantCredits',
  clientId: 'c1',
  appointmentType: FOLLOW_UP,
  quantity,
  source: 'package',
  on: JAN_1,
  ...extra,
});
