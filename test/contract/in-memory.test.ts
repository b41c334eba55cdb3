import { createInMemoryEventStore, type InMemoryEventStore } from '../../adapters/in-memory/index.js';
import type { CounterEvent } from '../support/counter.js';
import { runEventStoreContract } from './event-store-contract.js';

runEventStoreContract({
  name: 'in-memory',
  create: async (registry) => createInMemoryEventStore(registry),
  injectRaw: async (store, record) => (store as InMemoryEventStore<CounterEvent>).importRecords([record]),
});
