export { createInMemoryEventStore, type InMemoryEventStore, type StoredRecord } from './event-store.js';
