import { describe, expect, it } from 'vitest';
import { DomainErrorException } from '../../../core/kernel/errors.js';
import { practice } from './fixtures.js';

const refusal = (p: Promise<unknown>): Promise<unknown> => p.then(
  () => {
    throw new Error('expected a refusal');
  },
  (e: unknown) => e,
);

describe('the Promise facade at the edge', () => {
  it.each([
    ['a quantity that is not a number', { clientId: 'c1', appointmentType: 'massage', quantity: 'two', source: 'package' }, 'quantity'],
    ['a date that is not a date', { clientId: 'c1', appointmentType: 'massage', quantity: 2, source: 'package', on: '2025-02-30' }, 'on'],
    ['an unknown source', { clientId: 'c1', appointmentType: 'massage', quantity: 2, source: 'gift' }, 'source'],
    ['a missing client', { appointmentType: 'massage', quantity: 2, source: 'package' }, 'clientId'],
    ['a command id that is not a string', { clientId: 'c1', appointmentType: 'massage', quantity: 2, source: 'package', commandId: 42 }, 'commandId'],
  ])('bad input (%s) rejects with INVALID_COMMAND naming the field, and appends nothing', async (_what, input, field) => {
    const { ledger, store } = practice();
    const error = await refusal(ledger.grantCredits(JSON.parse(JSON.stringify(input))));
    expect(error).toBeInstanceOf(DomainErrorException);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DomainError', code: 'INVALID_COMMAND', field });
    expect(store.size).toBe(0);
  });

  it('input that is not an object rejects naming the command', async () => {
    const { ledger, store } = practice();
    expect(await refusal(ledger.bookSession(JSON.parse('"book me"')))).toMatchObject({ code: 'INVALID_COMMAND', field: 'command' });
    expect(await refusal(ledger.execute(null))).toMatchObject({ code: 'INVALID_COMMAND', field: 'command' });
    expect(await refusal(ledger.execute({ type: 'BookMassage' }))).toMatchObject({ code: 'UNKNOWN_COMMAND', field: 'type' });
    expect(store.size).toBe(0);
  });

  it('a plan that does not exist is refused before anything is decided', async () => {
    const { ledger, store } = practice();
    expect(await refusal(ledger.signUpForMembership({ clientId: 'c1', planId: 'nope' }))).toMatchObject({ code: 'PLAN_NOT_FOUND', field: 'planId' });
    expect(await refusal(ledger.signUpForMembership({ clientId: 'c1' }))).toMatchObject({ code: 'INVALID_COMMAND', field: 'planId' });
    expect(store.size).toBe(0);
  });

  it('the same command id twice is applied once, and the second call resolves to the first events', async () => {
    const { ledger, store } = practice();
    const input = { commandId: 'grant-1', clientId: 'c1', appointmentType: 'massage', quantity: 2, source: 'package' } as const;
    const first = await ledger.grantCredits(input);
    const again = await ledger.grantCredits({ ...input, quantity: 5 });
    expect(first.alreadyApplied).toBe(false);
    expect(again.alreadyApplied).toBe(true);
    expect(again.commandId).toBe('grant-1');
    expect(again.events).toEqual(first.events);
    expect(store.size).toBe(1);
  });

  it('a sign-up sent twice with the same command id creates one membership (its id is derived from the command id)', async () => {
    const { ledger, store } = practice();
    await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: { amount: 9900, currency: 'USD' }, frequency: 'monthly' });
    const first = await ledger.signUpForMembership({ commandId: 'signup-c1', clientId: 'c1', planId: 'gold' });
    const size = store.size;
    const again = await ledger.signUpForMembership({ commandId: 'signup-c1', clientId: 'c1', planId: 'gold' });
    expect(again.alreadyApplied).toBe(true);
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(store.size).toBe(size);
  });

  it('a transfer sent twice moves the credits once', async () => {
    const { ledger, store } = practice();
    await ledger.grantCredits({ clientId: 'mum', appointmentType: 'massage', quantity: 3, source: 'package' });
    const input = { transferId: 't1', fromClientId: 'mum', toClientId: 'son', appointmentType: 'massage', quantity: 2 };
    const first = await ledger.transferCredits(input);
    expect(first.events.map((e) => [e.streamName, e.type])).toEqual([
      ['credits-mum', 'CreditsTransferredOut'],
      ['credits-son', 'CreditsTransferredIn'],
    ]);
    const size = store.size;
    const again = await ledger.transferCredits(input);
    expect(again.alreadyApplied).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(store.size).toBe(size);
  });

  it('the practice’s credit policy is filled in and recorded: booking without credit allowed', async () => {
    const { ledger } = practice({ policies: { credits: { allowBookingWithoutCredits: true } } });
    const booked = await ledger.bookSession({ clientId: 'c1', bookingId: 'b1', appointmentType: 'massage', channel: 'provider' });
    expect(booked.events[0]?.data).toMatchObject({ lot: null, policy: { allowBookingWithoutCredits: true } });
  });

  it('the practice’s appointment types are enforced whatever the caller sends', async () => {
    const { ledger } = practice({ policies: { appointmentTypes: ['massage'] } });
    expect(
      await refusal(ledger.grantCredits(JSON.parse('{"clientId":"c1","appointmentType":"yoga","quantity":1,"source":"manual","appointmentTypes":["yoga"]}'))),
    ).toMatchObject({ code: 'UNKNOWN_APPOINTMENT_TYPE' });
  });

  it('execute sends a command by its type through the named method (policies filled in)', async () => {
    const { ledger } = practice({ policies: { credits: { allowBookingWithoutCredits: true } } });
    const booked = await ledger.execute({ type: 'BookSession', clientId: 'c1', bookingId: 'b1', appointmentType: 'massage', channel: 'provider', on: '2025-01-07' });
    expect(booked.events[0]).toMatchObject({ type: 'SessionBooked', data: { on: '2025-01-07', lot: null } });
  });

  it('execute sends a command no method is named for (one the flows send) straight to its aggregate, decoded there', async () => {
    const { ledger, store } = practice();
    const input = { type: 'RecordUnpaidMembershipCharge', clientId: 'c1', membershipId: 'm1', chargeId: 'ch1', amount: { amount: 500, currency: 'USD' } };
    const recorded = await ledger.execute(input);
    expect(recorded.events.map((e) => [e.streamName, e.type])).toEqual([['wallet-c1', 'WalletDebitedForUnpaidCharge']]);
    expect(await refusal(ledger.execute({ ...input, amount: 5 }))).toMatchObject({ code: 'INVALID_COMMAND', field: 'amount' });
    expect(store.size).toBe(1);
  });

  it('dates default to the practice’s date in its time zone, by the clock', async () => {
    const { ledger, clock } = practice({ start: '2025-01-06' });
    clock.set('2025-01-07T03:00:00.000Z'); // still Jan 6 in New York
    const granted = await ledger.grantCredits({ clientId: 'c1', appointmentType: 'massage', quantity: 1, source: 'manual' });
    expect(granted.events[0]).toMatchObject({ data: { on: '2025-01-06' }, metadata: { at: '2025-01-07T03:00:00.000Z' } });
    expect(ledger.today()).toBe('2025-01-06');
  });
});

describe('the Promise facade under concurrent calls', () => {
  it('concurrent bookings on one ledger each use one credit, and the rest are refused: never more than granted', async () => {
    const { ledger } = practice();
    await ledger.grantCredits({ clientId: 'c1', appointmentType: 'massage', quantity: 5, source: 'package' });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => ledger.bookSession({ clientId: 'c1', bookingId: `b${i}`, appointmentType: 'massage', channel: 'provider' })),
    );
    const booked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(booked).toHaveLength(5);
    expect(refused.every((e) => e instanceof DomainErrorException && (e.code === 'INSUFFICIENT_CREDITS' || e.code === 'CONCURRENCY_CONFLICT'))).toBe(true);
    expect(refused.filter((e) => e instanceof DomainErrorException && e.code === 'INSUFFICIENT_CREDITS').length).toBeGreaterThan(0);
  });
});
