import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore, createInMemorySnapshotStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler, type RecordedEvent } from '../../../core/kernel/index.js';
import {
  creditsClientOf,
  creditsCommandStream,
  creditsDecider,
  creditsDeciderVersion,
  creditsEvents,
  creditsStateCodec,
  evolveCredits,
  initialCreditsState,
  type CreditsCommand,
  type CreditsEvent,
  type CreditsState,
} from '../../../core/credits/index.js';
import { localDate } from '../../../core/values/local-date.js';
import { arbCreditIntents, arbCreditPolicySettings, runCreditIntents } from '../../../testing/credits.js';

/** What a snapshot store keeps: the state as JSON text, read back. */
const throughSnapshot = (state: CreditsState): CreditsState => {
  const decoded = creditsStateCodec.decode(JSON.parse(JSON.stringify(creditsStateCodec.encode(state))));
  if (!isRight(decoded)) throw new Error('a snapshot of a folded state should decode');
  return decoded.right;
};

const encoded = (state: CreditsState): unknown => creditsStateCodec.encode(state);

describe('credits snapshots', () => {
  it('law: a ledger restored from a snapshot at any event, then folded on, is the ledger folded from the start', async () => {
    await fc.assert(
      fc.asyncProperty(arbCreditIntents({ clients: 3 }), arbCreditPolicySettings(), fc.nat(), async (intents, policy, cut) => {
        const store = createInMemoryEventStore(creditsEvents);
        const handler = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });
        await runCreditIntents(handler, intents, { policy });
        const byClient = new Map<string, RecordedEvent<CreditsEvent>[]>();
        for await (const e of store.readAll()) {
          const client = creditsClientOf(e.streamName) as string;
          byClient.set(client, [...(byClient.get(client) ?? []), e]);
        }
        for (const events of byClient.values()) {
          const at = cut % (events.length + 1);
          let whole = initialCreditsState;
          for (const e of events) whole = evolveCredits(whole, e);
          let restored = initialCreditsState;
          for (const e of events.slice(0, at)) restored = evolveCredits(restored, e);
          restored = throughSnapshot(restored);
          for (const e of events.slice(at)) restored = evolveCredits(restored, e);
          expect(encoded(restored)).toEqual(encoded(whole));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a snapshot whose data is not a credits state', () => {
    expect(isRight(creditsStateCodec.decode({ lastLot: 'many' }))).toBe(false);
    expect(isRight(creditsStateCodec.decode(null))).toBe(false);
  });

  it('a long ledger loads from its snapshot and decides as the folded one does', async () => {
    const store = createInMemoryEventStore(creditsEvents);
    const snapshots = { store: createInMemorySnapshotStore(), deciderVersion: creditsDeciderVersion, codec: creditsStateCodec, every: 50 };
    const writer = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream, snapshots });
    const on = localDate('2025-01-06');
    for (let i = 0; i < 300; i++) {
      const command: CreditsCommand =
        i % 10 === 0
          ? { type: 'GrantCredits', clientId: 'c1', appointmentType: 'Massage', quantity: 10, source: 'package', reference: `pkg-${i}`, on }
          : { type: 'BookSession', clientId: 'c1', bookingId: `b${i}`, appointmentType: 'Massage', channel: 'client_portal', on };
      expect(isRight(await writer.handle(command, { commandId: `cmd-${i}`, at: '2025-01-06T09:00:00.000Z' }))).toBe(true);
    }
    expect((await snapshots.store.latest('credits-c1', creditsDeciderVersion))?.revision).toBe(299n);
    const booking: CreditsCommand = { type: 'BookSession', clientId: 'c1', bookingId: 'b-next', appointmentType: 'Massage', channel: 'client_portal', on };
    const context = { commandId: 'cmd-next', at: '2025-01-06T10:00:00.000Z' };
    const again = createInMemoryEventStore(creditsEvents);
    for await (const e of store.readAll()) await again.appendToStream(e.streamName, [{ event: e, eventId: e.eventId, metadata: e.metadata }]);
    const fromSnapshot = await createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream, snapshots }).handle(booking, context);
    const folded = await createCommandHandler({ store: again, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream }).handle(booking, context);
    expect(isRight(fromSnapshot) && fromSnapshot.right.events).toEqual(isRight(folded) && folded.right.events);
    const replayed = await createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream, snapshots }).handle(booking, context);
    expect(isRight(replayed) && replayed.right.alreadyApplied).toBe(true);
  });
});
