/**
 * Workloads 1 and 2: credit commands through a command handler, ours or Emmett's, on an
 * in-memory store or PostgreSQL, by one client at a time or by several concurrent clients
 * on distinct streams. Prints the duration of each measured run.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../adapters/in-memory/index.js';
import { createPostgresEventStore } from '../../adapters/postgres/index.js';
import { creditsCommandStream, creditsDecider, creditsEvents, type CreditsEvent } from '../../core/credits/index.js';
import { createCommandHandler } from '../../core/kernel/command-handler.js';
import type { EventStore } from '../../core/kernel/event-store.js';
import { childParameters, reportResult } from '../support/child.js';
import { loadEmmett, loadEmmettPostgreSQL, type EmmettEventStore } from '../support/peer.js';
import { collectGarbage, secondsSince } from '../support/stats.js';
import { creditsWorkload, partition, type WorkloadCommand } from './credits-workload.js';
import { emmettCreditsHandler, toEmmettCommand } from './emmett-credits.js';

export interface CommandHandlingParameters {
  readonly contender: 'ours' | 'emmett';
  readonly store: 'memory' | 'postgres';
  /** PostgreSQL connection string (for `store: 'postgres'`). */
  readonly url?: string;
  readonly commands: number;
  readonly clients: number;
  /** Concurrent clients, each on its own streams. */
  readonly concurrency: number;
  readonly warmups: number;
  readonly runs: number;
}

export interface CommandHandlingResult {
  /** Seconds per measured run (wall clock). */
  readonly seconds: readonly number[];
  /** CPU seconds of the process (all its threads) per measured run. */
  readonly cpuSeconds: readonly number[];
  readonly commands: number;
}

/** Runs one batch of commands; returns the number of events written. */
type RunBatch = (commands: readonly WorkloadCommand[]) => Promise<number>;

interface Contender {
  /** A handler for one run (a fresh one for the in-memory store: a fresh store). */
  readonly forRun: () => RunBatch;
  readonly close: () => Promise<void>;
}

const ours = async (p: CommandHandlingParameters): Promise<Contender> => {
  const shared: EventStore<CreditsEvent> | undefined =
    p.store === 'postgres' ? await createPostgresEventStore(creditsEvents, { connectionString: p.url ?? '', schema: 'bench_ours', maxConnections: Math.max(10, p.concurrency) }) : undefined;
  return {
    forRun: () => {
      const store = shared ?? createInMemoryEventStore(creditsEvents);
      const handler = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });
      return async (commands) => {
        let events = 0;
        for (const { command, commandId, at } of commands) {
          const result = await handler.handle(command, { commandId, at });
          if (isLeft(result)) throw new Error(`${command.type} refused: ${result.left.message}`);
          events += result.right.events.length;
        }
        return events;
      };
    },
    close: async () => {
      await shared?.close();
    },
  };
};

const emmett = async (p: CommandHandlingParameters): Promise<Contender> => {
  const handle = emmettCreditsHandler(await loadEmmett());
  const memory = p.store === 'memory' ? await loadEmmett() : undefined;
  const shared: EmmettEventStore | undefined = p.store === 'postgres' ? (await loadEmmettPostgreSQL()).getPostgreSQLEventStore(p.url ?? '') : undefined;
  return {
    forRun: () => {
      const store = shared ?? memory?.getInMemoryEventStore();
      if (store === undefined) throw new Error('no store');
      return async (commands) => {
        let events = 0;
        for (const { command } of commands) {
          const result = await handle(store, creditsCommandStream(command), toEmmettCommand(command));
          events += result.newEvents.length;
        }
        return events;
      };
    },
    close: async () => {
      await shared?.close?.();
    },
  };
};

const main = async (): Promise<void> => {
  const p = childParameters() as CommandHandlingParameters;
  if (p.clients % p.concurrency !== 0) throw new RangeError('clients must be a multiple of the concurrency');
  const contender = p.contender === 'ours' ? await ours(p) : await emmett(p);
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  for (let run = 0; run < p.warmups + p.runs; run++) {
    // Each run on streams of its own (the PostgreSQL database is shared between runs).
    const commands = creditsWorkload(p.commands, p.clients, `${p.contender}-${p.concurrency}-r${run}`);
    const parts = partition(commands, p.concurrency);
    const batch = contender.forRun();
    collectGarbage();
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const written = await Promise.all(parts.map((part) => batch(part)));
    const elapsed = secondsSince(start);
    const used = process.cpuUsage(cpu);
    const events = written.reduce((a, b) => a + b, 0);
    if (events !== p.commands) throw new Error(`${events} events written for ${p.commands} commands`);
    if (run >= p.warmups) {
      seconds.push(elapsed);
      cpuSeconds.push((used.user + used.system) / 1e6);
    }
  }
  await contender.close();
  const result: CommandHandlingResult = { seconds, cpuSeconds, commands: p.commands };
  reportResult(result);
};

await main();
