/**
 * Type-level tests: a wrong credits event or command shape must not compile (`npm run
 * typecheck` fails if an `@ts-expect-error` below stops being an error).
 */
import { describe, expect, it } from 'vitest';
import type { CreditPolicy, CreditsCommand, CreditsEvent } from '../../../core/credits/index.js';
import { d, policy } from './fixtures.js';

describe('credits types', () => {
  it('reject wrong shapes at compile time', () => {
    const ok: CreditsEvent = { type: 'SessionBooked', data: { bookingId: 'b', appointmentType: 'x', channel: 'provider', lot: null, on: d('2025-01-01'), policy: policy() } };
    // @ts-expect-error a booking records the policy that applied
    const noPolicy: CreditsEvent = { type: 'SessionBooked', data: { bookingId: 'b', appointmentType: 'x', channel: 'provider', lot: null, on: d('2025-01-01') } };
    // @ts-expect-error a channel the ledger does not know
    const channel: CreditsCommand = { type: 'BookSession', clientId: 'c', bookingId: 'b', appointmentType: 'x', channel: 'phone', on: d('2025-01-01') };
    // @ts-expect-error transfers have their own commands, not a grant source
    const source: CreditsCommand = { type: 'GrantCredits', clientId: 'c', appointmentType: 'x', quantity: 1, source: 'transfer', on: d('2025-01-01') };
    // @ts-expect-error a recorded policy has every setting
    const partial: CreditPolicy = { enabled: true };
    expect([ok, noPolicy, channel, source, partial]).toHaveLength(5);
  });
});
