import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createInMemoryEventStore, type InMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler, fold, type RecordedEvent } from '../../../core/kernel/index.js';
import {
  creditBalance,
  creditsClientOf,
  creditsCommandStream,
  creditsDecider,
  creditsEvents,
  availableCredits,
  evolveCredits,
  openCreditLots,
  initialCreditsState,
  type CreditsEvent,
  type CreditsState,
} from '../../../core/credits/index.js';
import {
  creditBalances,
  creditHistory,
  creditHistoryProjection,
  creditHistoryTypes,
  creditsByMonth,
  creditsExpiringWithin,
  clientCredits,
  creditsReportProjection,
  projectAll,
} from '../../../projections/index.js';
import { localDate } from '../../../core/values/local-date.js';
import { arbCreditIntents, arbCreditPolicySettings, runCreditIntents, type CreditIntent } from '../../../testing/credits.js';

const setup = () => {
  const store = createInMemoryEventStore(creditsEvents);
  const handler = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });
  return { store, handler };
};

const allEvents = async (store: InMemoryEventStore<CreditsEvent>): Promise<RecordedEvent<CreditsEvent>[]> => {
  const events: RecordedEvent<CreditsEvent>[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
};

const statesOf = (events: readonly RecordedEvent<CreditsEvent>[]): Map<string, CreditsState> => {
  const states = new Map<string, CreditsState>();
  for (const e of events) {
    const client = creditsClientOf(e.streamName) as string;
    states.set(client, evolveCredits(states.get(client) ?? initialCreditsState, e));
  }
  return states;
};

const balancesOf = (states: Map<string, CreditsState>): Map<string, number> => {
  const out = new Map<string, number>();
  for (const [client, state] of states) for (const type of state.types.keys()) out.set(`${client}/${type}`, creditBalance(state, type));
  return out;
};

const total = (balances: Map<string, number>): number => [...balances.values()].reduce((a, b) => a + b, 0);

const lotInvariants = (state: CreditsState): void => {
  for (const [type, ts] of state.types) {
    let available = 0;
    for (const lot of openCreditLots(state, type)) {
      expect(lot.appointmentType).toBe(type);
      expect(lot.remaining).toBeGreaterThan(0);
      expect(lot.remaining).toBeLessThanOrEqual(lot.quantity);
      available += lot.remaining;
    }
    expect(availableCredits(state, type)).toBe(available);
    expect(ts.debt).toBeGreaterThanOrEqual(0);
    if (ts.debt > 0) expect(available).toBe(0);
  }
  for (const lot of state.closedLots.values()) {
    expect(lot.remaining).toBe(0);
    expect(lot.quantity).toBeGreaterThan(0);
  }
};

const runs = { numRuns: 100 };

describe('laws of the credits ledger', () => {
  it('the balance equals the sum of the history deltas (and the report agrees)', async () => {
    await fc.assert(
      fc.asyncProperty(arbCreditIntents(), arbCreditPolicySettings(), async (intents, policy) => {
        const { store, handler } = setup();
        await runCreditIntents(handler, intents, { policy });
        const events = await allEvents(store);
        const states = statesOf(events);
        const history = projectAll(creditHistoryProjection, events);
        const report = projectAll(creditsReportProjection, events);
        const reported = new Map(creditBalances(report).map((b) => [`${b.clientId}/${b.appointmentType}`, b.balance]));
        for (const [key, balance] of balancesOf(states)) {
          const [client, type] = key.split('/') as [string, string];
          const entries = creditHistory(history, client, type);
          expect(entries.reduce((n, e) => n + e.delta, 0)).toBe(balance);
          expect(entries.at(-1)?.balance ?? 0).toBe(balance);
          expect(reported.get(key) ?? 0).toBe(balance);
        }
      }),
      runs,
    );
  });

  it('transfers conserve the total (once the expiries they record first are counted)', async () => {
    await fc.assert(
      fc.asyncProperty(arbCreditIntents(), arbCreditPolicySettings(), async (intents, policy) => {
        const { store, handler } = setup();
        let before = 0;
        let seen = 0;
        await runCreditIntents(handler, intents, {
          policy,
          after: async (intent: CreditIntent) => {
            const events = await allEvents(store);
            const now = total(balancesOf(statesOf(events)));
            // A debit first records the expiry of lots past their date (a fact of its own).
            const expired = events.slice(seen).reduce((n, e) => n + (e.type === 'CreditsExpired' ? e.data.quantity : 0), 0);
            if (intent.kind === 'transfer') expect(now).toBe(before - expired);
            before = now;
            seen = events.length;
          },
        });
      }),
      runs,
    );
  });

  it('a transfer on a ledger with nothing past its date keeps the total exactly', async () => {
    await fc.assert(
      fc.asyncProperty(arbCreditIntents(), async (intents) => {
        const { store, handler } = setup();
        let before = 0;
        const noExpiry = intents.map((i) => (i.kind === 'grant' ? { ...i, expiresInDays: null } : i));
        await runCreditIntents(handler, noExpiry, {
          after: async (intent: CreditIntent) => {
            const now = total(balancesOf(statesOf(await allEvents(store))));
            if (intent.kind === 'transfer') expect(now).toBe(before);
            before = now;
          },
        });
      }),
      runs,
    );
  });

  it('with prevention on, no balance is ever negative, whatever the channel', async () => {
    await fc.assert(
      fc.asyncProperty(arbCreditIntents({ settings: false }), async (intents) => {
        const { store, handler } = setup();
        await runCreditIntents(handler, intents, {
          policy: { allowBookingWithoutCredits: false, preventOnSharedLinks: true },
          after: async () => {
            for (const balance of balancesOf(statesOf(await allEvents(store))).values()) expect(balance).toBeGreaterThanOrEqual(0);
          },
        });
      }),
      runs,
    );
  });

  it('no lot\'s remainder is negative or above its grant, after every command', async () => {
    await fc.assert(
      fc.asyncProperty(arbCreditIntents(), arbCreditPolicySettings(), async (intents, policy) => {
        const { store, handler } = setup();
        await runCreditIntents(handler, intents, { policy });
        const states = new Map<string, CreditsState>();
        const events = await allEvents(store);
        events.forEach((e, i) => {
          const client = creditsClientOf(e.streamName) as string;
          const state = evolveCredits(states.get(client) ?? initialCreditsState, e);
          states.set(client, state);
          // A command's events are contiguous: check once all of them are folded.
          if (events[i + 1]?.metadata.commandId !== e.metadata.commandId) lotInvariants(state);
        });
      }),
      runs,
    );
  });

  it('replaying the events gives the same states, history and report; the monthly movements add up to the balances', async () => {
    await fc.assert(
      fc.asyncProperty(arbCreditIntents(), arbCreditPolicySettings(), async (intents, policy) => {
        const { store, handler } = setup();
        await runCreditIntents(handler, intents, { policy });
        const first = await allEvents(store);
        // Replay into a second store from the stored records, as an audit would.
        const copy = createInMemoryEventStore(creditsEvents);
        for (const e of first) {
          const encoded = creditsEvents.encode(e);
          copy.importRecords([{ streamName: e.streamName, eventId: e.eventId, type: encoded.type, schemaVersion: encoded.schemaVersion, data: JSON.stringify(encoded.data), metadata: e.metadata }]);
        }
        const second = await allEvents(copy);
        expect(second.map((e) => [e.type, e.data])).toEqual(first.map((e) => [e.type, e.data]));
        const views = (events: RecordedEvent<CreditsEvent>[]) => {
          const history = projectAll(creditHistoryProjection, events);
          const report = projectAll(creditsReportProjection, events);
          const states = statesOf(events);
          return {
            balances: [...balancesOf(states)],
            lots: [...states].map(([c, s]) => [c, [...s.types.keys()].map((t) => [t, openCreditLots(s, t)]), [...s.closedLots]]),
            history: [...states.keys()].map((c) => creditHistoryTypes(history, c).map((t) => creditHistory(history, c, t))),
            report: [creditBalances(report), creditsByMonth(report), creditsExpiringWithin(report, localDate('2025-01-01'), 400)],
            clients: [...states.keys()].map((c) => clientCredits(report, c)),
          };
        };
        const a = views(first);
        expect(views(second)).toEqual(a);
        expect(views(first)).toEqual(a);
        const byType = new Map<string, number>();
        for (const m of creditsByMonth(projectAll(creditsReportProjection, first))) {
          const net = m.granted - m.used + m.restored - m.expired - m.voided + m.transferredIn - m.transferredOut + m.adjusted;
          byType.set(m.appointmentType, (byType.get(m.appointmentType) ?? 0) + net);
        }
        const expected = new Map<string, number>();
        for (const [key, balance] of balancesOf(statesOf(first))) {
          const type = key.split('/')[1] as string;
          expected.set(type, (expected.get(type) ?? 0) + balance);
        }
        for (const [type, net] of byType) expect(net).toBe(expected.get(type) ?? 0);
      }),
      runs,
    );
  });

  it('every recorded event round-trips through its codec', async () => {
    await fc.assert(
      fc.asyncProperty(arbCreditIntents(), async (intents) => {
        const { store, handler } = setup();
        await runCreditIntents(handler, intents, { policy: { allowBookingWithoutCredits: true } });
        for (const e of await allEvents(store)) {
          const encoded = JSON.parse(JSON.stringify(creditsEvents.encode(e))) as { type: string; schemaVersion: number; data: unknown };
          expect(creditsEvents.decode(encoded, e).data).toEqual(e.data);
        }
        // Folding from the decider's initial state again is unaffected by the folds before.
        expect(fold(creditsDecider, []).types.size).toBe(0);
      }),
      runs,
    );
  });
});
