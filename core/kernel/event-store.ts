/**
 * The event-store port. Every adapter (in-memory, PostgreSQL, PGlite, EventStoreDB)
 * implements it with the same semantics and passes the same contract suite:
 * - a stream's first event has revision `0n`; positions in `$all` increase in commit order;
 * - `expectedRevision` is `'no_stream'` (the stream must not exist), `'stream_exists'`,
 *   `'any'`, or the stream's current last revision as a bigint;
 * - reads are async iterables that fetch lazily: fold while iterating;
 * - stored events are decoded (and upcast) with the store's registry; one that cannot be
 *   decoded throws `EventDecodeError` naming stream, revision and field.
 */
import type { ExpectedRevision } from './errors.js';
import type { DomainEvent, NewEvent, RecordedEvent } from './envelope.js';

export interface AppendOptions {
  /** @defaultValue `'any'` */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's revision after the append: pass it as the next `expectedRevision`. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event written. */
  readonly lastPosition: bigint;
}

export interface ReadStreamOptions {
  /** First revision to read. @defaultValue `0n` */
  readonly fromRevision?: bigint;
  /** Most events to read. @defaultValue all */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events with a global position strictly after this one. @defaultValue from the start */
  readonly after?: bigint;
  /** Most events to read. @defaultValue all */
  readonly maxCount?: number;
}

export interface EventStore<E extends DomainEvent = DomainEvent> {
  /**
   * Appends events atomically, checking the expected revision; throws
   * `WrongExpectedRevision` (with expected and actual) on a mismatch. Appending an empty
   * list checks the revision and writes nothing.
   */
  appendToStream(streamName: string, events: readonly NewEvent<E>[], options?: AppendOptions): Promise<AppendResult>;
  /** The stream's events in revision order; an absent stream yields nothing. */
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent<E>>;
  /** Every event of every stream in global position order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent<E>>;
  /** The stream's last revision, or `undefined` when it has no events. */
  streamRevision(streamName: string): Promise<bigint | undefined>;
  /** Releases connections; a closed store refuses further calls. */
  close(): Promise<void>;
}

/** Checks an expected revision against a stream's actual one (`undefined`: no stream). */
export const revisionMatches = (expected: ExpectedRevision, actual: bigint | undefined): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === undefined;
  if (expected === 'stream_exists') return actual !== undefined;
  return actual === expected;
};
