/**
 * A projection runner in a process of its own, for the crash tests: it catches up the
 * counter-totals projection on PostgreSQL and reports on stdout (synchronously, so the
 * parent sees each line before anything else happens):
 * - `SAVED <position>` after each checkpoint it saves;
 * - `MID <position>` when it reaches the event numbered WORKER_STALL_AT (counting from 1)
 *   in this run, then blocks there, mid-batch, until it is killed;
 * - `DONE <position>` when it has caught up.
 */
import { writeSync } from 'node:fs';
import { createPostgresCheckpointStore, createPostgresEventStore } from '../../adapters/postgres/index.js';
import { createProjectionRunner } from '../../projections/runner.js';
import type { CheckpointStore } from '../../projections/checkpoints.js';
import { counterEvents } from './counter.js';
import { counterTotals, CounterTotalsC, type CounterTotals } from './counter-projection.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

const url = env('WORKER_POSTGRES_URL');
const schema = env('WORKER_SCHEMA');
const batchSize = Number(env('WORKER_BATCH_SIZE'));
const stallAt = Number(process.env['WORKER_STALL_AT'] ?? '0');
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

const store = await createPostgresEventStore(counterEvents, { connectionString: url, schema, migrate: false, maxConnections: 2 });
const saved = await createPostgresCheckpointStore({ driver: store.driver, schema, migrate: false, codec: CounterTotalsC });
const checkpoints: CheckpointStore<CounterTotals> = {
  ...saved,
  save: async (name, checkpoint, previous) => {
    await saved.save(name, checkpoint, previous);
    say(`SAVED ${checkpoint.position}`);
  },
};
const projection = counterTotals();
let applied = 0;
const stalling: typeof projection = {
  ...projection,
  apply: (model, event) => {
    if (++applied === stallAt) {
      say(`MID ${event.position}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // until SIGKILL
    }
    return projection.apply(model, event);
  },
};
const status = await createProjectionRunner({ projection: stalling, store, checkpoints, batchSize }).catchUp();
say(`DONE ${status.position}`);
await store.close();
