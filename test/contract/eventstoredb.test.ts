import { randomBytes } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { afterAll } from 'vitest';
import { createEventStoreDBEventStore, type EventStoreDBEventStore } from '../../adapters/eventstoredb/index.js';
import type { EventStore } from '../../core/kernel/event-store.js';
import type { CounterEvent } from '../support/counter.js';
import { FakeEventStoreDB } from '../support/fake-eventstoredb.js';
import { runEventStoreContract, type RawRecord } from './event-store-contract.js';

const injectRaw = async (store: EventStore<CounterEvent>, record: RawRecord): Promise<void> =>
  (store as EventStoreDBEventStore<CounterEvent>).importRecords([record]);

// The adapter's own code (paging, position pairs, encoding, error mapping) over an
// in-process imitation of the client. Not a server: see the run below for that.
runEventStoreContract({
  name: 'EventStoreDB adapter over an in-process fake client (no server)',
  create: async (registry) => createEventStoreDBEventStore(registry, { client: new FakeEventStoreDB(), pageSize: 64 }),
  injectRaw,
});

// The real thing, whenever a server is at hand. Each store gets a stream prefix of its
// own, so the suite sees a fresh, empty store on a shared server.
const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];
if (connectionString !== undefined && connectionString !== '') {
  const client = EventStoreDBClient.connectionString(connectionString);
  afterAll(async () => {
    await client.dispose();
  });
  runEventStoreContract({
    name: `EventStoreDB server at ${connectionString}`,
    create: async (registry) => createEventStoreDBEventStore(registry, { client, streamPrefix: `t${randomBytes(6).toString('hex')}_` }),
    injectRaw,
  });
} else {
  // Not a skipped test: nothing was run against a server, and the output says so.
  console.warn(
    'EventStoreDB server contract NOT RUN: no server here; set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false) to run it against one.',
  );
}
