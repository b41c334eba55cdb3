/**
 * The event store over PostgreSQL, with the same SQL on a server (`pg`) and embedded
 * (PGlite). An append is one call (one round trip) of the `append_event` function, or of
 * `append_events` for several events: it checks the expected revision, skips event ids
 * already stored and writes the rest with gap-free global positions in commit order (see
 * `schema.ts`). Reads fetch pages by key (revision or position) and decode row by row while
 * the caller iterates: a stream is never loaded whole.
 */
import type { EventRegistry } from '../../core/kernel/codecs.js';
import type { DomainEvent, NewEvent, RecordedEvent } from '../../core/kernel/envelope.js';
import { WrongExpectedRevision, type ExpectedRevision } from '../../core/kernel/errors.js';
import type { AppendOptions, AppendResult, EventStore, ReadAllOptions, ReadStreamOptions } from '../../core/kernel/event-store.js';
import type { StoredRecord } from '../in-memory/event-store.js';
import { decodeStoredEvent, encodeNewEvents, metadataJson, type EncodedNewEvent } from '../shared/stored-event.js';
import {
  bigintField,
  intField,
  optionalBigintField,
  pgDriver,
  pgliteDriver,
  textField,
  type PGliteConnection,
  type PgConnection,
  type SqlDriver,
  type SqlRow,
} from './driver.js';
import { DEFAULT_SCHEMA, prepareSchema, quoteSchema } from './schema.js';

export interface PostgresStoreOptions {
  /** The PostgreSQL schema that holds the tables (created by the migrations). @defaultValue `'practice_ledger'` */
  readonly schema?: string;
  /** Apply the migrations not yet applied when the store opens; `false` only checks them. @defaultValue `true` */
  readonly migrate?: boolean;
  /** Rows fetched per query while a read is iterated. @defaultValue 500 */
  readonly pageSize?: number;
}

export interface PostgresEventStore<E extends DomainEvent> extends EventStore<E> {
  /**
   * Appends stored records as they are (a log being imported, a fixture), each at the end
   * of its stream, without encoding or decoding them: a bad record surfaces when it is read.
   */
  importRecords(records: Iterable<StoredRecord>): Promise<void>;
  /** The connection the store uses (share it with the checkpoint and snapshot stores). */
  readonly driver: SqlDriver;
  /** The schema holding the tables. */
  readonly schema: string;
}

/** A driver the caller owns (and closes), shared between stores. */
export interface DriverConnection {
  readonly driver: SqlDriver;
}

/** `append_event`'s outcome as text: `(ok,revision,position)`, the revision empty for no stream. */
const APPEND_OUTCOME = /^\(([tf]),(-?\d*),(-?\d+)\)$/;

// Bigints are selected as text so both drivers return them alike; sort and filter on the
// table's columns (`e.revision`), never on these text aliases.
const EVENT_COLUMNS = `e.stream_name, e.revision::text AS revision, e.position::text AS position, e.event_id, e.type, e.schema_version, e.data, e.metadata`;

/** Opens the store over a driver; `owned`: whether `close` closes the driver. */
export const openSqlEventStore = async <E extends DomainEvent>(
  registry: EventRegistry<E>,
  driver: SqlDriver,
  owned: boolean,
  options: PostgresStoreOptions = {},
): Promise<PostgresEventStore<E>> => {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const s = quoteSchema(schema);
  const pageSize = options.pageSize ?? 500;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer (got ${pageSize})`);
  try {
    await prepareSchema(driver, schema, options.migrate ?? true);
  } catch (error) {
    if (owned) await driver.close();
    throw error;
  }
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new Error(`The PostgreSQL event store (schema "${schema}") is closed`);
  };

  const decodeRow = (row: SqlRow): RecordedEvent<E> =>
    decodeStoredEvent(registry, {
      streamName: textField(row, 'stream_name'),
      revision: bigintField(row, 'revision'),
      position: bigintField(row, 'position'),
      eventId: textField(row, 'event_id'),
      type: textField(row, 'type'),
      schemaVersion: intField(row, 'schema_version'),
      data: textField(row, 'data'),
      metadata: row['metadata'],
    });

  // Statement texts are built once: the driver names a prepared statement by its text.
  // A single event's outcome comes back as one composite value, `(t,3,5)`: one column to
  // describe and parse instead of three.
  const appendOneSql = `SELECT ${s}.append_event($1, $2, $3::bigint, $4, $5, $6::integer, $7, $8)::text AS outcome`;
  const appendManySql = `SELECT r_ok, r_revision::text AS revision, r_position::text AS position
         FROM ${s}.append_events($1, $2, $3::bigint, $4::text[], $5::text[], $6::integer[], $7::text[], $8::text[])`;

  const appended = (streamName: string, expected: ExpectedRevision, ok: boolean, revision: bigint | undefined, position: bigint): AppendResult => {
    if (!ok) throw new WrongExpectedRevision(streamName, expected, revision ?? 'no_stream');
    return { nextExpectedRevision: revision ?? -1n, lastPosition: position };
  };

  const appendEncoded = async (streamName: string, events: readonly EncodedNewEvent[], expected: ExpectedRevision): Promise<AppendResult> => {
    ensureOpen();
    const kind = typeof expected === 'bigint' ? 'exact' : expected;
    const revision = typeof expected === 'bigint' ? expected.toString() : null;
    const one = events.length === 1 ? events[0] : undefined;
    if (one !== undefined) {
      // One event (the common case) goes as plain parameters: no arrays to build and parse.
      const [row] = await driver.query(appendOneSql, [streamName, kind, revision, one.eventId, one.type, one.schemaVersion, one.data, metadataJson(one.metadata)]);
      const outcome = row === undefined ? undefined : APPEND_OUTCOME.exec(textField(row, 'outcome'));
      if (outcome === undefined || outcome === null) throw new Error('append_event returned no outcome');
      const [, ok, last = '', position = ''] = outcome;
      return appended(streamName, expected, ok === 't', last === '' ? undefined : BigInt(last), BigInt(position));
    }
    const [row] = await driver.query(appendManySql, [
      streamName,
      kind,
      revision,
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => e.data),
      events.map((e) => metadataJson(e.metadata)),
    ]);
    if (row === undefined) throw new Error('append_events returned no row');
    return appended(streamName, expected, row['r_ok'] === true, optionalBigintField(row, 'revision'), bigintField(row, 'position'));
  };

  const appendToStream = async (streamName: string, events: readonly NewEvent<E>[], options: AppendOptions = {}): Promise<AppendResult> => {
    ensureOpen();
    return appendEncoded(streamName, encodeNewEvents(registry, events), options.expectedRevision ?? 'any');
  };

  /** Pages through `select(after, limit)` rows, decoding each while the caller iterates. */
  async function* paged(
    select: (from: bigint, limit: number) => Promise<readonly SqlRow[]>,
    start: bigint,
    key: 'revision' | 'position',
    maxCount: number,
  ): AsyncGenerator<RecordedEvent<E>> {
    let from = start;
    let remaining = maxCount;
    while (remaining > 0) {
      ensureOpen();
      const limit = Math.min(pageSize, remaining);
      const rows = await select(from, limit);
      for (const row of rows) yield decodeRow(row);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < limit) return;
      remaining -= rows.length;
      from = bigintField(last, key) + (key === 'revision' ? 1n : 0n);
    }
  }

  const readStream = (streamName: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent<E>> => {
    const fromRevision = options.fromRevision ?? 0n;
    return paged(
      (from, limit) =>
        driver.query(
          `SELECT ${EVENT_COLUMNS} FROM ${s}.events e WHERE e.stream_name = $1 AND e.revision >= $2::bigint ORDER BY e.revision LIMIT $3`,
          [streamName, from.toString(), limit],
        ),
      fromRevision < 0n ? 0n : fromRevision,
      'revision',
      options.maxCount ?? Number.POSITIVE_INFINITY,
    );
  };

  const readAll = (options: ReadAllOptions = {}): AsyncIterable<RecordedEvent<E>> =>
    paged(
      (after, limit) =>
        driver.query(`SELECT ${EVENT_COLUMNS} FROM ${s}.events e WHERE e.position > $1::bigint ORDER BY e.position LIMIT $2`, [
          after.toString(),
          limit,
        ]),
      options.after ?? -1n,
      'position',
      options.maxCount ?? Number.POSITIVE_INFINITY,
    );

  const importRecords = async (records: Iterable<StoredRecord>): Promise<void> => {
    let batch: StoredRecord[] = [];
    const flush = async (): Promise<void> => {
      const first = batch[0];
      if (first !== undefined) await appendEncoded(first.streamName, batch, 'any');
      batch = [];
    };
    for (const record of records) {
      if (batch.length > 0 && (batch[0]?.streamName !== record.streamName || batch.length >= 1000)) await flush();
      batch.push(record);
    }
    await flush();
  };

  return {
    appendToStream,
    readStream,
    readAll,
    streamRevision: async (streamName) => {
      ensureOpen();
      const [row] = await driver.query(
        `SELECT e.revision::text AS revision FROM ${s}.events e WHERE e.stream_name = $1 ORDER BY e.revision DESC LIMIT 1`,
        [streamName],
      );
      return row === undefined ? undefined : bigintField(row, 'revision');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (owned) await driver.close();
    },
    importRecords,
    driver,
    schema,
  };
};

/** The event store over a PostgreSQL server: a connection string, a `pg` pool, or a shared driver. */
export const createPostgresEventStore = async <E extends DomainEvent>(
  registry: EventRegistry<E>,
  options: (PgConnection | DriverConnection) & PostgresStoreOptions,
): Promise<PostgresEventStore<E>> =>
  'driver' in options
    ? openSqlEventStore(registry, options.driver, false, options)
    : openSqlEventStore(registry, pgDriver(options), !('pool' in options), options);

/** The event store over an embedded PGlite database: a data directory, a PGlite instance, or a shared driver. */
export const createPGliteEventStore = async <E extends DomainEvent>(
  registry: EventRegistry<E>,
  options: (PGliteConnection | DriverConnection) & PostgresStoreOptions,
): Promise<PostgresEventStore<E>> =>
  'driver' in options
    ? openSqlEventStore(registry, options.driver, false, options)
    : openSqlEventStore(registry, await pgliteDriver(options), !('db' in options), options);
