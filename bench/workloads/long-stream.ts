/**
 * Workload 4: loading one long stream. A client ledger of N events (one grant of 10 for
 * every 9 bookings) is written once; then, each run, a fresh command handler (empty cache)
 * handles a command on it that decides nothing (an expiry tick with nothing due): it loads
 * the stream — folding every event, or restoring the latest snapshot and the events after
 * it — and decides. The peer's figure is Emmett's `aggregateStream` of the same events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLeft } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore, createInMemorySnapshotStore } from '../../adapters/in-memory/index.js';
import { createPGliteEventStore, createPostgresEventStore, createPostgresSnapshotStore } from '../../adapters/postgres/index.js';
import {
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
} from '../../core/credits/index.js';
import { createCommandHandler } from '../../core/kernel/command-handler.js';
import type { EventStore } from '../../core/kernel/event-store.js';
import type { SnapshotOptions, SnapshotStore } from '../../core/kernel/snapshots.js';
import { localDate } from '../../core/values/local-date.js';
import { childParameters, reportResult } from '../support/child.js';
import { loadEmmett, loadEmmettPostgreSQL, type EmmettEventStore } from '../support/peer.js';
import { collectGarbage, secondsSince } from '../support/stats.js';
import { creditsWorkload } from './credits-workload.js';

export interface LongStreamParameters {
  readonly contender: 'ours' | 'emmett';
  readonly store: 'memory' | 'pglite' | 'postgres';
  readonly url?: string;
  readonly events: number;
  readonly warmups: number;
  readonly runs: number;
}

export interface LongStreamResult {
  /** Seconds per load, folding every event. */
  readonly folded: readonly number[];
  /** CPU seconds of the process per load, folding every event. */
  readonly foldedCpu: readonly number[];
  /** Seconds per load from the latest snapshot (ours only). */
  readonly fromSnapshot: readonly number[];
  readonly fromSnapshotCpu: readonly number[];
  readonly events: number;
}

const tick: CreditsCommand = { type: 'ExpireCredits', clientId: 'long-c0', on: localDate('2030-01-01') };

/** Measures `load` `warmups + runs` times; returns the measured seconds (wall clock and CPU). */
const measure = async (p: LongStreamParameters, load: () => Promise<void>): Promise<{ seconds: number[]; cpu: number[] }> => {
  const seconds: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < p.warmups + p.runs; run++) {
    collectGarbage();
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    await load();
    const elapsed = secondsSince(start);
    const used = process.cpuUsage(cpuStart);
    if (run >= p.warmups) {
      seconds.push(elapsed);
      cpu.push((used.user + used.system) / 1e6);
    }
  }
  return { seconds, cpu };
};

const ours = async (p: LongStreamParameters): Promise<LongStreamResult> => {
  const dir = p.store === 'pglite' ? mkdtempSync(join(tmpdir(), 'bench-pglite-')) : undefined;
  let store: EventStore<CreditsEvent>;
  let snapshotStore: SnapshotStore;
  if (p.store === 'memory') {
    store = createInMemoryEventStore(creditsEvents);
    snapshotStore = createInMemorySnapshotStore();
  } else {
    const schema = `long_${process.pid}`;
    const sql =
      p.store === 'pglite'
        ? await createPGliteEventStore(creditsEvents, { dataDir: dir ?? '', schema })
        : await createPostgresEventStore(creditsEvents, { connectionString: p.url ?? '', schema });
    store = sql;
    snapshotStore = await createPostgresSnapshotStore({ driver: sql.driver, schema });
  }
  const snapshots: SnapshotOptions<CreditsState> = { store: snapshotStore, deciderVersion: creditsDeciderVersion, codec: creditsStateCodec };
  const writer = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream, snapshots });
  for (const { command, commandId, at } of creditsWorkload(p.events, 1, 'long')) {
    if (isLeft(await writer.handle(command, { commandId, at }))) throw new Error(`${command.type} refused`);
  }
  const latest = await snapshotStore.latest('credits-long-c0', creditsDeciderVersion);
  if (latest?.revision !== BigInt(p.events - 1)) throw new Error(`the latest snapshot is at ${String(latest?.revision)}`);
  let n = 0;
  const loadWith = (withSnapshots: boolean) => async (): Promise<void> => {
    const handler = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream, ...(withSnapshots ? { snapshots } : {}) });
    const result = await handler.handle(tick, { commandId: `tick-${n++}`, at: '2030-01-01T00:00:00.000Z' });
    if (isLeft(result) || result.right.revision !== BigInt(p.events - 1) || result.right.events.length !== 0) throw new Error('the load went wrong');
  };
  const folded = await measure(p, loadWith(false));
  const fromSnapshot = await measure(p, loadWith(true));
  await store.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  return { folded: folded.seconds, foldedCpu: folded.cpu, fromSnapshot: fromSnapshot.seconds, fromSnapshotCpu: fromSnapshot.cpu, events: p.events };
};

const emmett = async (p: LongStreamParameters): Promise<LongStreamResult> => {
  const store: EmmettEventStore =
    p.store === 'memory' ? (await loadEmmett()).getInMemoryEventStore() : (await loadEmmettPostgreSQL()).getPostgreSQLEventStore(p.url ?? '');
  // The same events, decided by the library's decider, appended in batches.
  const streamName = `credits-long-${process.pid}`;
  let state = initialCreditsState;
  let batch: CreditsEvent[] = [];
  for (const { command } of creditsWorkload(p.events, 1, 'long')) {
    const decision = creditsDecider.decide(command, state);
    if (isLeft(decision)) throw new Error(`${command.type} refused`);
    for (const event of decision.right) {
      state = evolveCredits(state, event);
      batch.push(event);
    }
    if (batch.length >= 500) {
      await store.appendToStream(streamName, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await store.appendToStream(streamName, batch);
  const folded = await measure(p, async () => {
    const result = await store.aggregateStream<CreditsState, CreditsEvent>(streamName, { evolve: evolveCredits, initialState: () => initialCreditsState });
    if (result.currentStreamVersion !== BigInt(p.events)) throw new Error(`Emmett read ${result.currentStreamVersion} events`);
  });
  await store.close?.();
  return { folded: folded.seconds, foldedCpu: folded.cpu, fromSnapshot: [], fromSnapshotCpu: [], events: p.events };
};

const p = childParameters() as LongStreamParameters;
reportResult(p.contender === 'ours' ? await ours(p) : await emmett(p));
