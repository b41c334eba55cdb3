export { createInMemoryEventStore, type InMemoryEventStore, type StoredRecord } from './event-store.js';
export { createInMemorySnapshotStore, type InMemorySnapshotStore } from './snapshot-store.js';
export { createInMemoryCheckpointStore } from './checkpoint-store.js';
