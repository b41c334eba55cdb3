/**
 * The embedded default event store. Events are kept as they would be in a database —
 * type, schema version and the data as JSON text — and decoded with the registry when
 * read, so the in-memory store behaves like the real ones (a read returns a copy, data
 * that is not JSON is refused at append, old versions are upcast on read).
 *
 * Appending is O(1) in the size of the log; reading a stream touches only that stream.
 */
import type { EventRegistry } from '../../core/kernel/codecs.js';
import type { DomainEvent, EventMetadata, NewEvent, RecordedEvent } from '../../core/kernel/envelope.js';
import { EventDecodeError, WrongExpectedRevision } from '../../core/kernel/errors.js';
import {
  revisionMatches,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
} from '../../core/kernel/event-store.js';

/** One stored event as the store keeps it (also the unit of `importRecords`). */
export interface StoredRecord {
  readonly streamName: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The event's data as JSON text. */
  readonly data: string;
  readonly metadata: EventMetadata;
}

interface Row extends StoredRecord {
  readonly revision: bigint;
  readonly position: bigint;
}

export interface InMemoryEventStore<E extends DomainEvent> extends EventStore<E> {
  /**
   * Loads stored records as they are (a log being imported, a fixture), appending each at
   * the end of its stream without decoding it: a bad record surfaces when it is read.
   */
  importRecords(records: Iterable<StoredRecord>): void;
  /** Number of events in the store. */
  readonly size: number;
}

export const createInMemoryEventStore = <E extends DomainEvent>(registry: EventRegistry<E>): InMemoryEventStore<E> => {
  const log: Row[] = [];
  const streams = new Map<string, Row[]>();
  const eventIds = new Set<string>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new Error('The in-memory event store is closed');
  };

  const push = (record: StoredRecord): Row => {
    let stream = streams.get(record.streamName);
    if (stream === undefined) {
      stream = [];
      streams.set(record.streamName, stream);
    }
    const row: Row = { ...record, revision: BigInt(stream.length), position: BigInt(log.length) };
    stream.push(row);
    log.push(row);
    eventIds.add(record.eventId);
    return row;
  };

  const decodeRow = (row: Row): RecordedEvent<E> => {
    let data: unknown;
    try {
      data = JSON.parse(row.data);
    } catch (error) {
      throw new EventDecodeError(row.streamName, row.revision, 'data', `is not valid JSON (${(error as Error).message})`, row.type);
    }
    const event = registry.decode({ type: row.type, schemaVersion: row.schemaVersion, data }, row);
    return {
      ...event,
      streamName: row.streamName,
      revision: row.revision,
      position: row.position,
      eventId: row.eventId,
      schemaVersion: row.schemaVersion,
      metadata: row.metadata,
    };
  };

  const appendToStream = async (
    streamName: string,
    events: readonly NewEvent<E>[],
    options: AppendOptions = {},
  ): Promise<AppendResult> => {
    ensureOpen();
    const expected = options.expectedRevision ?? 'any';
    const stream = streams.get(streamName);
    const actual = stream === undefined || stream.length === 0 ? undefined : BigInt(stream.length - 1);
    if (!revisionMatches(expected, actual)) {
      throw new WrongExpectedRevision(streamName, expected, actual ?? 'no_stream');
    }
    // Encode everything before writing anything: an append is all or nothing.
    const records: StoredRecord[] = [];
    for (const { event, eventId, metadata } of events) {
      if (eventIds.has(eventId)) continue; // idempotent: an event id is stored once
      const encoded = registry.encode(event);
      const data = JSON.stringify(encoded.data);
      if (data === undefined) throw new TypeError(`Event "${event.type}" has data that is not JSON`);
      records.push({ streamName, eventId, type: encoded.type, schemaVersion: encoded.schemaVersion, data, metadata: { ...metadata } });
    }
    let last: Row | undefined;
    for (const record of records) last = push(record);
    const revision = streams.get(streamName)?.length ?? 0;
    return {
      nextExpectedRevision: BigInt(revision - 1),
      lastPosition: last?.position ?? BigInt(log.length - 1),
    };
  };

  async function* readStream(streamName: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent<E>> {
    ensureOpen();
    const stream = streams.get(streamName);
    if (stream === undefined) return;
    const from = Number(options.fromRevision ?? 0n);
    const to = options.maxCount === undefined ? stream.length : Math.min(stream.length, from + options.maxCount);
    for (let i = Math.max(0, from); i < to; i++) {
      const row = stream[i];
      if (row !== undefined) yield decodeRow(row);
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent<E>> {
    ensureOpen();
    const from = options.after === undefined ? 0 : Number(options.after) + 1;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    for (let i = Math.max(0, from); i < log.length && remaining > 0; i++, remaining--) {
      const row = log[i];
      if (row !== undefined) yield decodeRow(row);
    }
  }

  return {
    appendToStream,
    readStream,
    readAll,
    streamRevision: async (streamName) => {
      ensureOpen();
      const n = streams.get(streamName)?.length ?? 0;
      return n === 0 ? undefined : BigInt(n - 1);
    },
    close: async () => {
      closed = true;
    },
    importRecords: (records) => {
      ensureOpen();
      for (const record of records) push(record);
    },
    get size() {
      return log.length;
    },
  };
};
