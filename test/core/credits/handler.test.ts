import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler, fold } from '../../../core/kernel/index.js';
import { practiceEvents } from '../../../core/events.js';
import {
  creditBalance,
  creditsCommandStream,
  creditsCommands,
  creditsDecider,
  creditsEvents,
  creditsStream,
  remainingCredits,
  type CreditsEvent,
} from '../../../core/credits/index.js';
import { localDate } from '../../../core/values/local-date.js';
import { FOLLOW_UP } from './fixtures.js';

const AT = '2025-01-01T09:00:00.000Z';

const setup = () => {
  const store = createInMemoryEventStore(creditsEvents);
  const make = () => createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream, commands: creditsCommands });
  return { store, handler: make(), make };
};

const streamEvents = async (store: ReturnType<typeof setup>['store'], clientId: string): Promise<CreditsEvent[]> => {
  const events: CreditsEvent[] = [];
  for await (const e of store.readStream(creditsStream(clientId))) events.push(e);
  return events;
};

describe('the credits ledger through the command handler and the in-memory store', () => {
  it('decodes untrusted commands, applies a command id once, and replays to the same state', async () => {
    const { store, handler, make } = setup();
    const grant = { type: 'GrantCredits', clientId: 'c42', appointmentType: FOLLOW_UP, quantity: 3, source: 'package', reference: 'pkg-1', expiresOn: '2025-06-01', on: '2025-01-01' };
    const first = await handler.handleInput(grant, { commandId: 'g-1', at: AT, actor: 'dr-lee' });
    expect(isRight(first) && first.right.events.map((e) => e.type)).toEqual(['CreditsGranted']);
    const again = await handler.handleInput(grant, { commandId: 'g-1', at: AT });
    expect(isRight(again) && again.right.alreadyApplied).toBe(true);
    const booking = { type: 'BookSession', clientId: 'c42', bookingId: 'b1', appointmentType: FOLLOW_UP, channel: 'shared_link', on: '2025-01-02' };
    expect(isRight(await handler.handleInput(booking, { commandId: 'b-1', at: AT, actor: 'c42' }))).toBe(true);

    const events = await streamEvents(store, 'c42');
    expect(events.map((e) => e.type)).toEqual(['CreditsGranted', 'SessionBooked']);
    const replayed = fold(creditsDecider, events);
    expect(creditBalance(replayed, FOLLOW_UP)).toBe(2);
    expect(remainingCredits(replayed)).toEqual([{ appointmentType: FOLLOW_UP, balance: 2, nearestExpiry: '2025-06-01', expiringThen: 2 }]);
    expect(fold(creditsDecider, events)).toEqual(replayed);

    // A fresh handler (no cached state) decides the same way as the warm one.
    const cold = await make().handleInput({ ...booking, bookingId: 'b2' }, { commandId: 'b-2', at: AT });
    expect(isRight(cold) && cold.right.events).toEqual([
      { type: 'SessionBooked', data: { bookingId: 'b2', appointmentType: FOLLOW_UP, channel: 'shared_link', lot: 1, on: '2025-01-02', policy: { enabled: true, allowBookingWithoutCredits: false, restoreOnCancel: true, preventOnSharedLinks: true } } },
    ]);
  });

  it('refuses what is wrong with a sentence that names it, and writes nothing', async () => {
    const { store, handler } = setup();
    const negative = await handler.handleInput(
      { type: 'GrantCredits', clientId: 'c42', appointmentType: FOLLOW_UP, quantity: -2, source: 'package', on: '2025-01-01' },
      { commandId: 'x-1', at: AT },
    );
    expect(isLeft(negative) && [negative.left.code, negative.left.message]).toEqual([
      'INVALID_QUANTITY',
      'A grant must be a whole number of credits above zero; got -2.',
    ]);
    const badDate = await handler.handleInput({ type: 'ExpireCredits', clientId: 'c42', on: '2025-02-30' }, { commandId: 'x-2', at: AT });
    expect(isLeft(badDate) && badDate.left.field).toBe('on');
    const badSource = await handler.handleInput(
      { type: 'GrantCredits', clientId: 'c42', appointmentType: FOLLOW_UP, quantity: 1, source: 'gift', on: '2025-01-01' },
      { commandId: 'x-3', at: AT },
    );
    expect(isLeft(badSource) && [badSource.left.code, badSource.left.field]).toEqual(['INVALID_COMMAND', 'source']);
    const unknownBooking = await handler.handleInput({ type: 'CancelBooking', clientId: 'c42', bookingId: 'zz', on: '2025-01-01' }, { commandId: 'x-4', at: AT });
    expect(isLeft(unknownBooking) && unknownBooking.left.code).toBe('UNKNOWN_BOOKING');
    expect(store.size).toBe(0);
  });

  it('the library-wide registry reads the credits events', async () => {
    const store = createInMemoryEventStore(practiceEvents);
    const handler = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });
    await handler.handle({ type: 'GrantCredits', clientId: 'c1', appointmentType: FOLLOW_UP, quantity: 1, source: 'courtesy', on: localDate('2025-01-01') }, { commandId: 'g', at: AT });
    const types: string[] = [];
    for await (const e of store.readAll()) types.push(e.type);
    expect(types).toEqual(['CreditsGranted']);
  });
});
