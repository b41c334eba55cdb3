/**
 * practice-ledger on an EventStoreDB cluster: the event store (with a catch-up
 * subscription the projection runner follows) and the mapping between the port and the
 * client, exported for tools that read the same streams.
 */
export {
  createEventStoreDBEventStore,
  type EventStoreDBEventStore,
  type EventStoreDBConnection,
  type EventStoreDBStoreOptions,
  type EventStoreDBClientLike,
} from './event-store.js';
export {
  toEsdbExpectedRevision,
  positionToBigint,
  bigintToPosition,
  esdbEventId,
  toEsdbMetadata,
  fromEsdbMetadata,
  toEsdbEventData,
  payloadOf,
  isSystemEvent,
  toPortError,
  type EsdbMetadata,
  type EsdbPayload,
  type ReadMetadata,
} from './mapping.js';
