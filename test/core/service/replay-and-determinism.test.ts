import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { manualClock, sequentialIds } from '../../../adapters/system/index.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import type { EventStore } from '../../../core/kernel/event-store.js';
import { practiceEvents, type PracticeEvent } from '../../../core/events.js';
import { createPracticeLedger, dueCommandId } from '../../../core/service/index.js';
import { practice, TIME_ZONE } from './fixtures.js';
import { runDays, setUp } from './scenario.js';

const readAll = async (store: EventStore<PracticeEvent>): Promise<RecordedEvent<PracticeEvent>[]> => {
  const events = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
};

/** A new store holding the same log (same ids, metadata and order). */
const copyOf = async (events: readonly RecordedEvent<PracticeEvent>[]) => {
  const store = createInMemoryEventStore(practiceEvents);
  for (const e of events) {
    await store.appendToStream(e.streamName, [{ event: { type: e.type, data: e.data } as PracticeEvent, eventId: e.eventId, metadata: e.metadata }]);
  }
  return store;
};

const fingerprint = (events: readonly RecordedEvent<PracticeEvent>[]) =>
  events.map((e) => JSON.stringify([e.streamName, String(e.revision), e.eventId, e.type, e.data, e.metadata]));

describe('flows under replays', () => {
  it('feeding the whole log to the flows again applies nothing twice', async () => {
    const { ledger, goTo, store } = practice({ start: '2025-01-06' });
    await setUp(ledger);
    await runDays(ledger, goTo, '2025-01-07', '2025-04-01');
    const before = await readAll(store);
    expect(new Set(before.map((e) => e.type))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect(before.some((e) => e.type === 'WalletAppliedToMembershipCharge')).toBe(true);
    expect(before.some((e) => e.type === 'ClientEnrolledInProgram')).toBe(true);
    for (const type of ['PackageTransferred', 'PackageExpired', 'CreditsVoided', 'CreditsTransferredIn', 'PackageSold', 'CheckInMissed', 'NonComplianceReported', 'MembershipBenefitsPeriodClosed', 'CreditsRolledOver', 'ReferralQualified']) {
      expect(before.some((e) => e.type === type)).toBe(true);
    }
    expect(ledger.flows.failures()).toEqual([]);

    const replayed = await ledger.flows.replay();
    expect(replayed.dispatched.length).toBeGreaterThan(0);
    expect(replayed.dispatched.filter((d) => d.events > 0)).toEqual([]);
    expect(fingerprint(await readAll(store))).toEqual(fingerprint(before));

    const middle = before[Math.floor(before.length / 2)]?.position;
    const part = await ledger.flows.replay({ after: middle });
    expect(part.dispatched.filter((d) => d.events > 0)).toEqual([]);
    expect(fingerprint(await readAll(store))).toEqual(fingerprint(before));
  });

  it('a new facade over the same log (a restart) feeds every event again and records nothing new', async () => {
    const { ledger, goTo, store, clock } = practice({ start: '2025-01-06' });
    await setUp(ledger);
    await runDays(ledger, goTo, '2025-01-07', '2025-03-01');
    const before = fingerprint(await readAll(store));
    const restarted = createPracticeLedger({ store, clock, ids: sequentialIds('restart'), timeZone: TIME_ZONE });
    const report = await restarted.flows.catchUp();
    expect(report.dispatched.length).toBeGreaterThan(0);
    // Commands applied before are recognised by their ids; those that recorded nothing the first time record nothing again.
    expect(report.dispatched.filter((d) => d.outcome !== 'already-applied' && !(d.outcome === 'applied' && d.events === 0))).toEqual([]);
    expect(fingerprint(await readAll(store))).toEqual(before);
    // Its read models are those of the running facade.
    expect(restarted.flows.models().schedule.due.size).toBe(ledger.flows.models().schedule.due.size);
  });
});

describe('schedule determinism', () => {
  it('the same log and the same clock send the same commands, under the same ids, recording the same events', async () => {
    const { ledger, goTo, store } = practice({ start: '2025-01-06' });
    await setUp(ledger);
    await runDays(ledger, goTo, '2025-01-07', '2025-01-20');
    const log = await readAll(store);

    const run = async () => {
      const copy = await copyOf(log);
      const clock = manualClock('2025-03-15T14:00:00.000Z');
      const copyLedger = createPracticeLedger({ store: copy, clock, ids: sequentialIds('other'), timeZone: TIME_ZONE });
      const due = await copyLedger.due();
      const result = await copyLedger.runDue();
      return { due, ids: due.map(dueCommandId), sent: result.sent.map((s) => [s.commandId, s.outcome]), log: fingerprint(await readAll(copy)) };
    };
    const first = await run();
    const second = await run();
    expect(first.due.length).toBeGreaterThan(0);
    expect(first.sent.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
    // Sending the same steps again (a second scheduler) applies nothing twice.
    expect(first.log.length).toBeGreaterThan(log.length);
  });
});
