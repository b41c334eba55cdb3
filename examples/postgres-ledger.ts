import * as t from 'io-ts';
import { right } from 'fp-ts/lib/Either.js';
import { createCommandHandler, createEventRegistry, defineEvent, type Decider, type RegistryEvent } from '../core/index.js';
import { createPGliteEventStore, createPostgresCheckpointStore, createPostgresSnapshotStore } from '../adapters/postgres/index.js';
import { createProjectionRunner, type Projection } from '../projections/index.js';

const VisitRecorded = defineEvent('VisitRecorded', t.type({ clientId: t.string, minutes: t.number }));
const visitEvents = createEventRegistry([VisitRecorded]);
type VisitEvent = RegistryEvent<typeof visitEvents>;
type RecordVisit = { readonly type: 'RecordVisit'; readonly clientId: string; readonly minutes: number };

const visits: Decider<RecordVisit, VisitEvent, { readonly count: number }> = {
  initialState: { count: 0 },
  evolve: (state) => ({ count: state.count + 1 }),
  decide: (command) => right([{ type: 'VisitRecorded', data: { clientId: command.clientId, minutes: command.minutes } }]),
};

const minutesPerClient: Projection<VisitEvent, Record<string, number>> = {
  name: 'minutes-per-client',
  initial: {},
  apply: (model, event) => ({ ...model, [event.data.clientId]: (model[event.data.clientId] ?? 0) + event.data.minutes }),
};

export async function postgresLedger(print: (line: string) => void = console.log, dataDir = 'memory://'): Promise<void> {
  // 1. The store: embedded PGlite in a directory (or memory://). On a PostgreSQL server it is
  //    createPostgresEventStore(visitEvents, { connectionString: 'postgresql://…' }): the same SQL.
  const store = await createPGliteEventStore(visitEvents, { dataDir });

  // 2. Commands through the handler; long streams load from snapshots of the decider's state.
  const handler = createCommandHandler({
    store,
    decider: visits,
    events: visitEvents,
    streamName: (command: RecordVisit) => `visits-${command.clientId}`,
    snapshots: { store: await createPostgresSnapshotStore(store), deciderVersion: 'visits-1', codec: t.type({ count: t.number }), every: 100 },
  });
  await handler.handle({ type: 'RecordVisit', clientId: 'c42', minutes: 45 }, { commandId: 'cmd-1', at: '2025-04-16T09:00:00.000Z' });
  await handler.handle({ type: 'RecordVisit', clientId: 'c7', minutes: 30 }, { commandId: 'cmd-2', at: '2025-04-16T10:00:00.000Z' });
  await handler.handle({ type: 'RecordVisit', clientId: 'c42', minutes: 60 }, { commandId: 'cmd-3', at: '2025-04-23T09:00:00.000Z' });

  // 3. A read model folded from $all, saved with its checkpoint in one write.
  const checkpoints = await createPostgresCheckpointStore({ driver: store.driver, codec: t.record(t.string, t.number) });
  const runner = createProjectionRunner({ projection: minutesPerClient, store, checkpoints });
  const { position, model } = await runner.catchUp();
  print(`Minutes per client up to position ${position}: ${JSON.stringify(model)}`);
  await store.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await postgresLedger();
