import { describe, expect, it } from 'vitest';
import { DomainErrorException } from '../../../core/kernel/errors.js';
import { practice } from './fixtures.js';

describe('the Promise facade: a booking', () => {
  it('grants credits, books a session and cancels it, resolving to the recorded events', async () => {
    const { ledger } = practice();
    const granted = await ledger.grantCredits({ clientId: 'c1', appointmentType: 'massage', quantity: 2, source: 'package', reference: 'pkg-1' });
    expect(granted.events.map((e) => e.type)).toEqual(['CreditsGranted']);
    expect(granted.events[0]).toMatchObject({ streamName: 'credits-c1', revision: 0n, metadata: { commandId: 'cmd-1', at: '2025-01-06T14:00:00.000Z' } });
    const booked = await ledger.bookSession({ clientId: 'c1', bookingId: 'b1', appointmentType: 'massage', channel: 'client_portal' });
    expect(booked.events.map((e) => e.type)).toEqual(['SessionBooked']);
    const cancelled = await ledger.cancelBooking({ clientId: 'c1', bookingId: 'b1' });
    expect(cancelled.events.map((e) => e.type)).toEqual(['SessionCancelled']);
  });

  it('rejects a booking without credit with the typed error', async () => {
    const { ledger } = practice();
    const error = await ledger.bookSession({ clientId: 'c1', bookingId: 'b1', appointmentType: 'massage', channel: 'shared_link' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainErrorException);
    expect(error).toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
  });
});
