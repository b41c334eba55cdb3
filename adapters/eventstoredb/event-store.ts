/**
 * The event store over an EventStoreDB cluster (`@eventstore/db-client`), for practices
 * that outgrow one database. Appends, stream reads, `$all` reads and the catch-up
 * subscription map onto the client's calls (see `mapping.ts` for how revisions, positions,
 * ids, metadata and errors translate). Stream reads are the server's streamed reads, and
 * `$all` is read in pages: nothing is loaded whole.
 *
 * Idempotence follows the server's rules: an event id appended again to the same stream is
 * not written twice when the server still knows it (always with an exact expected
 * revision; on a best-effort basis with `any`), which is weaker than the SQL stores'
 * "never twice".
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  START,
  StreamNotFoundError,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendResult as EsdbAppendResult,
  type AppendToStreamOptions,
  type EventData,
  type ReadAllOptions as EsdbReadAllOptions,
  type ReadStreamOptions as EsdbReadStreamOptions,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
  type SubscribeToAllOptions as EsdbSubscribeToAllOptions,
} from '@eventstore/db-client';
import type { EventRegistry } from '../../core/kernel/codecs.js';
import type { DomainEvent, NewEvent, RecordedEvent } from '../../core/kernel/envelope.js';
import { WrongExpectedRevision, type ExpectedRevision } from '../../core/kernel/errors.js';
import { revisionMatches, type AppendResult, type EventStore, type ReadAllOptions, type ReadStreamOptions } from '../../core/kernel/event-store.js';
import type { AllSubscriber, SubscribeToAllOptions } from '../../projections/subscription.js';
import type { StoredRecord } from '../in-memory/event-store.js';
import { decodeParsedEvent, decodeStoredEvent, encodeNewEvents, type EncodedNewEvent } from '../shared/stored-event.js';
import {
  bigintToPosition,
  fromEsdbMetadata,
  isSystemEvent,
  payloadOf,
  positionToBigint,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toPortError,
} from './mapping.js';

/** The calls of `EventStoreDBClient` the store uses (an `EventStoreDBClient` is one). */
export interface EventStoreDBClientLike {
  appendToStream(streamName: string, events: EventData[], options?: AppendToStreamOptions): Promise<EsdbAppendResult>;
  readStream(streamName: string, options?: EsdbReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options?: EsdbReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options?: EsdbSubscribeToAllOptions): AsyncIterable<AllStreamResolvedEvent> & { unsubscribe(): Promise<void> };
  dispose(): Promise<void>;
}

export type EventStoreDBConnection =
  | {
      /** `esdb://host:2113?tls=false`, or `esdb+discover://cluster.example.com:2113` for a cluster. */
      readonly connectionString: string;
    }
  | {
      /** A client the application owns (and disposes). */
      readonly client: EventStoreDBClientLike;
    };

export interface EventStoreDBStoreOptions {
  /** Events fetched per read while `$all` is iterated. @defaultValue 500 */
  readonly pageSize?: number;
  /**
   * Keeps this store's streams apart on a shared cluster (one practice among several, a
   * test run): stream `s` is stored as `<streamPrefix>s`, and `$all` reads and
   * subscriptions see only those streams. @defaultValue `''` (every stream)
   */
  readonly streamPrefix?: string;
}

export interface EventStoreDBEventStore<E extends DomainEvent> extends EventStore<E>, AllSubscriber<E> {
  /** Appends stored records as they are (an imported log, a fixture): a bad record surfaces when read. */
  importRecords(records: Iterable<StoredRecord>): Promise<void>;
}

export const createEventStoreDBEventStore = <E extends DomainEvent>(
  registry: EventRegistry<E>,
  options: EventStoreDBConnection & EventStoreDBStoreOptions,
): EventStoreDBEventStore<E> => {
  const owned = !('client' in options);
  const client: EventStoreDBClientLike = 'client' in options ? options.client : EventStoreDBClient.connectionString(options.connectionString);
  const pageSize = options.pageSize ?? 500;
  const prefix = options.streamPrefix ?? '';
  const stored = (streamName: string): string => `${prefix}${streamName}`;
  const ours = (event: EsdbRecordedEvent): boolean => !isSystemEvent(event) && event.streamId.startsWith(prefix);
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new Error('The EventStoreDB event store is closed');
  };

  const decode = (event: EsdbRecordedEvent, position: bigint): RecordedEvent<E> => {
    const read = fromEsdbMetadata(event.metadata);
    const row = {
      streamName: event.streamId.slice(prefix.length),
      revision: event.revision,
      position,
      eventId: read.eventId ?? event.id,
      type: event.type,
      schemaVersion: read.schemaVersion,
      metadata: read.metadata,
    };
    const payload = payloadOf(event);
    return 'json' in payload ? decodeParsedEvent(registry, { ...row, data: payload.json }) : decodeStoredEvent(registry, { ...row, data: payload.text });
  };
  const positionOf = (event: EsdbRecordedEvent): bigint => (event.position === undefined ? -1n : positionToBigint(event.position));

  const streamRevision = async (streamName: string): Promise<bigint | undefined> => {
    ensureOpen();
    try {
      for await (const resolved of client.readStream(stored(streamName), { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (resolved.event !== undefined) return resolved.event.revision;
      }
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  };

  const lastPosition = async (): Promise<bigint> => {
    for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
      if (resolved.event !== undefined) return positionToBigint(resolved.event.position);
    }
    return -1n;
  };

  const appendEncoded = async (streamName: string, events: readonly EncodedNewEvent[], expected: ExpectedRevision): Promise<AppendResult> => {
    ensureOpen();
    if (events.length === 0) {
      // Nothing to write: check the revision the way the server would.
      const actual = await streamRevision(streamName);
      if (!revisionMatches(expected, actual)) throw new WrongExpectedRevision(streamName, expected, actual ?? 'no_stream');
      return { nextExpectedRevision: actual ?? -1n, lastPosition: await lastPosition() };
    }
    try {
      const result = await client.appendToStream(stored(streamName), events.map(toEsdbEventData), { expectedRevision: toEsdbExpectedRevision(expected) });
      return {
        nextExpectedRevision: result.nextExpectedRevision,
        lastPosition: result.position === undefined ? -1n : positionToBigint(result.position),
      };
    } catch (error) {
      throw toPortError(error, streamName, expected);
    }
  };

  async function* readStream(streamName: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent<E>> {
    ensureOpen();
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const fromRevision = options.fromRevision ?? 0n;
    const read = client.readStream(stored(streamName), {
      direction: FORWARDS,
      fromRevision: fromRevision < 0n ? START : fromRevision,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    try {
      for await (const resolved of read) {
        if (resolved.event !== undefined) yield decode(resolved.event, positionOf(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent<E>> {
    ensureOpen();
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let floor = options.after; // skip everything at or before it (reads start inclusive)
    while (remaining > 0) {
      ensureOpen();
      let read = 0;
      const page = client.readAll({
        direction: FORWARDS,
        fromPosition: floor === undefined ? START : bigintToPosition(floor),
        maxCount: pageSize,
        resolveLinkTos: false,
      });
      let advanced = false;
      for await (const resolved of page) {
        read++;
        const event = resolved.event;
        if (event === undefined) continue;
        const position = positionToBigint(event.position);
        if (floor !== undefined && position <= floor) continue;
        floor = position;
        advanced = true;
        if (!ours(event)) continue;
        yield decode(event, position);
        if (--remaining <= 0) return;
      }
      if (read < pageSize || !advanced) return;
    }
  }

  async function* subscribeToAll({ after, signal }: SubscribeToAllOptions): AsyncGenerator<RecordedEvent<E>> {
    ensureOpen();
    const subscription = client.subscribeToAll({
      fromPosition: after === undefined ? START : bigintToPosition(after),
      resolveLinkTos: false,
      filter: prefix === '' ? excludeSystemEvents() : streamNameFilter({ prefixes: [prefix] }),
    });
    const stop = (): void => {
      void subscription.unsubscribe();
    };
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) stop();
    try {
      for await (const resolved of subscription) {
        const event = resolved.event;
        if (event === undefined || !ours(event)) continue;
        const position = positionToBigint(event.position);
        if (after !== undefined && position <= after) continue;
        yield decode(event, position);
      }
    } finally {
      signal.removeEventListener('abort', stop);
      await subscription.unsubscribe();
    }
  }

  return {
    appendToStream: async (streamName: string, events: readonly NewEvent<E>[], options = {}) =>
      appendEncoded(streamName, encodeNewEvents(registry, events), options.expectedRevision ?? 'any'),
    readStream,
    readAll,
    streamRevision,
    subscribeToAll,
    importRecords: async (records) => {
      let batch: StoredRecord[] = [];
      const flush = async (): Promise<void> => {
        const first = batch[0];
        if (first !== undefined) await appendEncoded(first.streamName, batch, 'any');
        batch = [];
      };
      for (const record of records) {
        if (batch.length > 0 && batch[0]?.streamName !== record.streamName) await flush();
        batch.push(record);
      }
      await flush();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (owned) await client.dispose();
    },
  };
};
