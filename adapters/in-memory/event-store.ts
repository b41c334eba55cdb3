/**
 * The embedded default event store. Events are kept as a database would keep them — the
 * data as JSON carries it, encoded and decoded through the registry — so the in-memory
 * store behaves like the real ones: data that is not JSON is refused at append, what is
 * kept cannot be changed by the caller who gave it, old versions are upcast, and data the
 * registry cannot decode fails when it is read. The data is kept frozen rather than as
 * JSON text (a frozen copy, or the given data itself when it is frozen JSON already, as the
 * command handler's events are), and an event is decoded once, by its first read: every
 * later read hands out the same frozen `RecordedEvent` (events are facts).
 *
 * Appending is O(1) in the size of the log; reading a stream touches only that stream.
 */
import type { EventRegistry } from '../../core/kernel/codecs.js';
import { recordedEvent, type DomainEvent, type EventMetadata, type NewEvent, type RecordedEvent } from '../../core/kernel/envelope.js';
import { EventDecodeError, WrongExpectedRevision } from '../../core/kernel/errors.js';
import { deepFreeze } from '../../core/kernel/freeze.js';
import { frozenJson, type FrozenJson } from '../shared/json-copy.js';
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
 * A stored event not decoded yet, with its place (revision in its stream and position in
 * the log, as plain numbers): its data a frozen copy, or for an imported record the JSON
 * text as given (parsed when read, so a bad record surfaces then). The first read that
 * decodes it puts the frozen `RecordedEvent` in its place; data that does not decode stays
 * a row, and every read of it fails as a database's read would.
 */
class StoredRow<E extends DomainEvent> {
  revision = -1;
  position = -1;
  /** The entries of its stream (where the decoded event takes its place). */
  stream: Entry<E>[] = [];
  constructor(
    readonly streamName: string,
    readonly eventId: string,
    readonly type: string,
    readonly schemaVersion: number,
    readonly value: FrozenJson,
    readonly text: string | undefined,
    readonly metadata: EventMetadata,
  ) {}
}

/** What the store keeps of one event. */
type Entry<E extends DomainEvent> = RecordedEvent<E> | StoredRow<E>;

/** The metadata as kept: itself when frozen with text fields only (the command handler's), else a frozen copy. */
const frozenMetadata = (metadata: EventMetadata): EventMetadata => {
  if (Object.isFrozen(metadata)) {
    let text = true;
    for (const key in metadata) text &&= typeof metadata[key as keyof EventMetadata] === 'string';
    if (text) return metadata;
  }
  return Object.freeze({ ...metadata });
};

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
  const log: Entry<E>[] = [];
  const streams = new Map<string, Entry<E>[]>();
  const eventIds = new Set<string>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new Error('The in-memory event store is closed');
  };

  /** The entries of a stream, created empty when it has none. */
  const streamEntries = (streamName: string): Entry<E>[] => {
    let stream = streams.get(streamName);
    if (stream === undefined) {
      stream = [];
      streams.set(streamName, stream);
    }
    return stream;
  };

  const decodeRow = (row: StoredRow<E>): RecordedEvent<E> => {
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

  /**
   * The event of an entry. A row is decoded and, once it decodes, frozen and put in its
   * place in the stream and the log: later reads hand out the same `RecordedEvent`. Data
   * that does not decode stays a row, and every read of it fails as a database's would.
   */
  const readEntry = (entry: Entry<E>): RecordedEvent<E> => {
    if (!(entry instanceof StoredRow)) return entry;
    const recorded = deepFreeze(decodeRow(entry));
    entry.stream[entry.revision] = recorded;
    log[entry.position] = recorded;
    return recorded;
  };

  /** Places a row at the end of its stream and of the log. */
  const place = (stream: Entry<E>[], row: StoredRow<E>): void => {
    row.revision = stream.length;
    row.position = log.length;
    row.stream = stream;
    stream.push(row);
    log.push(row);
  };

  /** The append itself, synchronous: the port's promise is made once, by `appendToStream`. */
  const append = (streamName: string, events: readonly NewEvent<E>[], options: AppendOptions): AppendResult => {
    ensureOpen();
    const expected = options.expectedRevision ?? 'any';
    const stream = streams.get(streamName);
    const length = stream === undefined ? 0 : stream.length;
    // Revisions are numbers here: an exact expected revision is compared without making a bigint.
    const matches = typeof expected === 'bigint' ? length > 0 && Number(expected) === length - 1 : revisionMatches(expected, length === 0 ? undefined : BigInt(length - 1));
    if (!matches) throw new WrongExpectedRevision(streamName, expected, length === 0 ? 'no_stream' : BigInt(length - 1));
    // Encode everything before writing anything: an append is all or nothing.
    const rows: StoredRow<E>[] = [];
    let given: EventMetadata | undefined;
    let kept: EventMetadata | undefined;
    try {
      for (const { event, eventId, metadata } of events) {
        if (eventIds.has(eventId)) continue; // idempotent: an event id is stored once
        const encoded = registry.encode(event);
        const data = frozenJson(encoded.data);
        if (data === undefined) throw new TypeError(`Event "${event.type}" has data that is not JSON`);
        // The events of one command share their metadata: one copy serves them all.
        if (kept === undefined || metadata !== given) {
          given = metadata;
          kept = frozenMetadata(metadata);
        }
        rows.push(new StoredRow<E>(streamName, eventId, encoded.type, encoded.schemaVersion, data, undefined, kept));
        eventIds.add(eventId);
      }
    } catch (error) {
      for (const row of rows) eventIds.delete(row.eventId);
      throw error;
    }
    const entries = stream ?? streamEntries(streamName);
    for (const row of rows) place(entries, row);
    return { nextExpectedRevision: BigInt(entries.length - 1), lastPosition: BigInt(log.length - 1) };
  };

  const appendToStream = (streamName: string, events: readonly NewEvent<E>[], options: AppendOptions = {}): Promise<AppendResult> => {
    try {
      return Promise.resolve(append(streamName, events, options));
    } catch (error) {
      return Promise.reject(error);
    }
  };

  /**
   * Rows decoded one at a time as they are iterated; `open` runs at the first step (so a
   * read of a closed store fails when iterated, as before) and says which rows. A plain
   * iterator, one resolved promise per event: an async generator cost more per event than
   * decoding it.
   */
  const iterateRows = (open: () => { readonly rows: readonly Entry<E>[]; readonly from: number; readonly to: number } | undefined): AsyncIterable<RecordedEvent<E>> => ({
    [Symbol.asyncIterator]: (): AsyncIterator<RecordedEvent<E>> => {
      let range: { readonly rows: readonly Entry<E>[]; readonly from: number; readonly to: number } | undefined;
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
            return row === undefined ? finished() : Promise.resolve({ value: readEntry(row), done: false });
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
      if (row !== undefined) yield readEntry(row);
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
        place(streamEntries(streamName), new StoredRow<E>(streamName, eventId, type, schemaVersion, null, data, metadata));
      }
    },
    get size() {
      return log.length;
    },
  };
};
