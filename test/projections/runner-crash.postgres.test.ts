import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresCheckpointStore, createPostgresEventStore, type PostgresEventStore } from '../../adapters/postgres/index.js';
import type { CheckpointStore } from '../../projections/checkpoints.js';
import { createProjectionRunner } from '../../projections/runner.js';
import { counterEvents, type CounterEvent } from '../support/counter.js';
import { counterTotals, CounterTotalsC, type CounterTotals } from '../support/counter-projection.js';
import { postgresUrl, uniqueSchema } from '../support/postgres.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface WorkerRun {
  readonly lines: readonly string[];
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
}

/** Runs the projection worker in a child process; `onLine` may kill it. */
const runWorker = (
  schema: string,
  options: { readonly batchSize: number; readonly stallAt?: number; readonly onLine?: (line: string, kill: () => void) => void },
): Promise<WorkerRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['test/support/run-ts.mjs', 'test/support/projection-worker.ts'], {
      cwd: root,
      env: {
        ...process.env,
        WORKER_POSTGRES_URL: postgresUrl(),
        WORKER_SCHEMA: schema,
        WORKER_BATCH_SIZE: String(options.batchSize),
        WORKER_STALL_AT: String(options.stallAt ?? 0),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let buffered = '';
    const kill = (): void => {
      child.kill('SIGKILL');
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        options.onLine?.(line, kill);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`worker failed (${code}):\n${stderr}`));
      else resolve({ lines, signal, code });
    });
  });

let store: PostgresEventStore<CounterEvent>;
let checkpoints: CheckpointStore<CounterTotals>;
let schema: string;
const EVENTS = 1000;

beforeAll(async () => {
  schema = uniqueSchema('crash');
  store = await createPostgresEventStore(counterEvents, { connectionString: postgresUrl(), schema });
  checkpoints = await createPostgresCheckpointStore({ driver: store.driver, schema, codec: CounterTotalsC });
  for (let i = 0; i < EVENTS; i += 10) {
    await store.appendToStream(
      `counter-${(i / 10) % 7}`,
      Array.from({ length: 10 }, (_, k) => ({
        event: { type: 'CounterIncremented' as const, data: { by: 1 + ((i + k) % 5), note: '' } },
        eventId: `crash-${i + k}`,
        metadata: { at: '2025-03-01T09:00:00.000Z' },
      })),
    );
  }
});
afterAll(async () => {
  await store.close();
});

/** The model of a runner that never stopped. */
const neverStopped = async (name: string): Promise<CounterTotals> => {
  const runner = createProjectionRunner({ projection: counterTotals(name), store, checkpoints, batchSize: 64 });
  return (await runner.catchUp()).model;
};

describe('projection runner killed with SIGKILL', () => {
  it('killed mid-batch and restarted, it ends with the same model as one that never stopped', async () => {
    await checkpoints.reset('counter-totals');
    const killed = await runWorker(schema, {
      batchSize: 100,
      stallAt: 350,
      onLine: (line, kill) => {
        if (line.startsWith('MID ')) kill();
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.lines).toEqual(['SAVED 99', 'SAVED 199', 'SAVED 299', 'MID 349']);
    // What was saved is the model of the first 300 events exactly, with their checkpoint.
    const saved = await checkpoints.load('counter-totals');
    expect(saved?.position).toBe(299n);
    expect(saved?.model.count).toBe(300);

    const restarted = await runWorker(schema, { batchSize: 100 });
    expect(restarted.lines[0]).toBe('SAVED 399');
    expect(restarted.lines.at(-1)).toBe('DONE 999');
    const final = await checkpoints.load('counter-totals');
    expect(final?.position).toBe(999n);
    expect(final?.model).toEqual(await neverStopped('never-stopped-1'));
    expect(final?.model).toMatchObject({ count: EVENTS, gaps: 0, repeats: 0 });
  });

  it('killed at arbitrary moments (between saves, during a save) and restarted each time, nothing is skipped or applied twice', async () => {
    await checkpoints.reset('counter-totals');
    for (let round = 0; round < 3; round++) {
      const delay = 5 + Math.floor(Math.random() * 40);
      const run = await runWorker(schema, {
        batchSize: 10,
        onLine: (line, kill) => {
          if (line.startsWith('SAVED ')) setTimeout(kill, delay);
        },
      });
      if (run.lines.at(-1)?.startsWith('DONE ') === true) break;
      expect(run.signal).toBe('SIGKILL');
    }
    await runWorker(schema, { batchSize: 10 });
    const final = await checkpoints.load('counter-totals');
    expect(final?.model).toEqual(await neverStopped('never-stopped-2'));
    expect(final?.model).toMatchObject({ count: EVENTS, gaps: 0, repeats: 0 });
  });
});
