/**
 * The embedded default event store. Events are kept as they would be in a database —
 * type, schema version and the data as JSON carries it — and decoded with the registry
 * when read, so the in-memory store behaves like the real ones (data that is not JSON is
 * refused at append, what is stored is a copy of what was given, old versions are upcast
 * on read). The data is kept as a deep frozen copy rather than as JSON text: the same
 * values, without encoding the text on every append and parsing it on every read; a read
 * hands out that frozen data (events are facts: nothing may change them).
 *
 * Appending is O(1) in the size of the log; reading a stream touches only that stream.
 */
import type { EventRegistry } from '../../core/kernel/codecs.js';
import { recordedEvent, type DomainEvent, type EventMetadata, type NewEvent, type RecordedEvent } from '../../core/kernel/envelope.js';
import { EventDecodeError, WrongExpectedRevision } from '../../core/kernel/errors.js';
import { frozenJsonCopy, type FrozenJson } from '../shared/json-copy.js';
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

/**
 * A stored event with its place: revision in its stream and position in the log, as plain
 * numbers. Its data is a frozen copy (`value`), or, for an imported record, the JSON text
 * as given (`text`), parsed when read so a bad record surfaces then.
 */
interface Row {
  readonly streamName: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly value: FrozenJson;
  readonly text: string | undefined;
  readonly metadata: EventMetadata;
  revision: number;
  position: number;
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

  /** A row, not placed yet. Built field by field (a spread that adds fields is slow in V8). */
  const rowOf = (
    streamName: string,
    eventId: string,
    type: string,
    schemaVersion: number,
    value: FrozenJson,
    text: string | undefined,
    metadata: EventMetadata,
  ): Row => ({ streamName, eventId, type, schemaVersion, value, text, metadata, revision: -1, position: -1 });

  /** The rows of a stream, created empty when it has none. */
  const streamRows = (streamName: string): Row[] => {
    let stream = streams.get(streamName);
    if (stream === undefined) {
      stream = [];
      streams.set(streamName, stream);
    }
    return stream;
  };

  /** Places a row at the end of its stream and of the log. */
  const place = (stream: Row[], row: Row): Row => {
    row.revision = stream.length;
    row.position = log.length;
    stream.push(row);
    log.push(row);
    return row;
  };

  const decodeRow = (row: Row): RecordedEvent<E> => {
    const revision = BigInt(row.revision);
    let data: unknown = row.value;
    if (row.text !== undefined) {
      try {
        data = JSON.parse(row.text);
      } catch (error) {
        throw new EventDecodeError(row.streamName, revision, 'data', `is not valid JSON (${(error as Error).message})`, row.type);
      }
    }
    const event = registry.decode({ type: row.type, schemaVersion: row.schemaVersion, data }, { streamName: row.streamName, revision });
    return recordedEvent(event, row.streamName, revision, BigInt(row.position), row.eventId, row.schemaVersion, row.metadata);
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
    const rows: Row[] = [];
    const added: string[] = [];
    let shared: { readonly given: EventMetadata; readonly copy: EventMetadata } | undefined;
    try {
      for (const { event, eventId, metadata } of events) {
        const known = eventIds.size;
        eventIds.add(eventId);
        if (eventIds.size === known) continue; // idempotent: an event id is stored once
        added.push(eventId);
        const encoded = registry.encode(event);
        const data = frozenJsonCopy(encoded.data);
        if (data === undefined) throw new TypeError(`Event "${event.type}" has data that is not JSON`);
        // The events of one command share their metadata: one copy serves them all.
        if (shared === undefined || shared.given !== metadata) shared = { given: metadata, copy: Object.freeze({ ...metadata }) };
        rows.push(rowOf(streamName, eventId, encoded.type, encoded.schemaVersion, data, undefined, shared.copy));
      }
    } catch (error) {
      for (const eventId of added) eventIds.delete(eventId);
      throw error;
    }
    const rowsOfStream = stream ?? streamRows(streamName);
    let last: Row | undefined;
    for (const row of rows) last = place(rowsOfStream, row);
    return {
      nextExpectedRevision: BigInt(rowsOfStream.length - 1),
      lastPosition: BigInt(last?.position ?? log.length - 1),
    };
  };

  /**
   * Rows decoded one at a time as they are iterated; `open` runs at the first step (so a
   * read of a closed store fails when iterated, as before) and says which rows. A plain
   * iterator, one resolved promise per event: an async generator cost more per event than
   * decoding it.
   */
  const iterateRows = (open: () => { readonly rows: readonly Row[]; readonly from: number; readonly to: number } | undefined): AsyncIterable<RecordedEvent<E>> => ({
    [Symbol.asyncIterator]: (): AsyncIterator<RecordedEvent<E>> => {
      let range: { readonly rows: readonly Row[]; readonly from: number; readonly to: number } | undefined;
      let started = false;
      let i = 0;
      const finished = (): Promise<IteratorResult<RecordedEvent<E>>> => {
        range = undefined;
        return Promise.resolve({ value: undefined, done: true });
      };
      return {
        next: () => {
          try {
            if (!started) {
              started = true;
              range = open();
              i = range?.from ?? 0;
            }
            const row = range !== undefined && i < range.to ? range.rows[i++] : undefined;
            return row === undefined ? finished() : Promise.resolve({ value: decodeRow(row), done: false });
          } catch (error) {
            range = undefined;
            return Promise.reject(error);
          }
        },
        return: finished,
      };
    },
  });

  const readStream = (streamName: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent<E>> =>
    iterateRows(() => {
      ensureOpen();
      const stream = streams.get(streamName);
      if (stream === undefined) return undefined;
      const from = Number(options.fromRevision ?? 0n);
      const to = options.maxCount === undefined ? stream.length : Math.min(stream.length, from + options.maxCount);
      return { rows: stream, from: Math.max(0, from), to };
    });

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
      for (const record of records) {
        eventIds.add(record.eventId);
        const { streamName, eventId, type, schemaVersion, data, metadata } = record;
        place(streamRows(streamName), rowOf(streamName, eventId, type, schemaVersion, null, data, metadata));
      }
    },
    get size() {
      return log.length;
    },
  };
};
