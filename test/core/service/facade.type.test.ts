/**
 * Type-level tests: the facade's inputs are the commands' fields in plain strings, without
 * `type` and without what the facade fills in (`npm run typecheck` fails if an
 * `@ts-expect-error` below stops being an error).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CreditsEvent, MembershipEvent, PracticeLedger, RecordedEvent, Recorded } from '../../../core/index.js';
import { practice } from './fixtures.js';

type Input<K extends keyof PracticeLedger> = PracticeLedger[K] extends (input: infer I) => unknown ? I : never;

describe('facade types', () => {
  it('take plain dates, leave out the policies, and resolve to the aggregate’s recorded events', () => {
    const { ledger } = practice();
    const book: Input<'bookSession'> = { clientId: 'c', bookingId: 'b', appointmentType: 'x', channel: 'provider', on: '2025-01-01', commandId: 'cmd' };
    // @ts-expect-error the credit policy is the practice's, filled in by the facade
    const withPolicy: Input<'bookSession'> = { clientId: 'c', bookingId: 'b', appointmentType: 'x', channel: 'provider', policy: {} };
    // @ts-expect-error a channel the ledger does not know
    const channel: Input<'bookSession'> = { clientId: 'c', bookingId: 'b', appointmentType: 'x', channel: 'phone' };
    // @ts-expect-error the wallet credit applied is read by the facade
    const wallet: Input<'renewMembership'> = { membershipId: 'm', walletAvailable: { amount: 1, currency: 'USD' } };
    const signUp: Input<'signUpForMembership'> = { clientId: 'c', planId: 'gold', startsOn: '2025-02-01' };
    expectTypeOf(ledger.bookSession).returns.resolves.toEqualTypeOf<Recorded<CreditsEvent>>();
    expectTypeOf(ledger.pauseMembership).returns.resolves.toHaveProperty('events').toEqualTypeOf<readonly RecordedEvent<MembershipEvent>[]>();
    expect([book, withPolicy, channel, wallet, signUp]).toHaveLength(5);
  });
});
