/**
 * How the port's concepts map onto EventStoreDB's, as plain functions (unit-tested without
 * a server):
 * - revisions: both number a stream's events from 0 and an expected revision is the
 *   stream's last revision, so `0n` is the first event on both sides; the words `any`,
 *   `no_stream`, `stream_exists` mean the same;
 * - positions: an event's place in `$all` is a pair (commit, prepare) of 64-bit numbers,
 *   ordered by commit then prepare; the port's single bigint is `commit · 2⁶⁴ + prepare`,
 *   which keeps that order and turns back into the exact pair to resume a read from;
 * - event ids: EventStoreDB wants UUIDs; any other id is mapped to a uuid v5 of itself (so
 *   a retry maps to the same UUID, and the server's idempotence applies) and the original
 *   is kept in the metadata;
 * - encoding: data that is a JSON object or array is a JSON event (visible to the server's
 *   projections and UI); anything else (a corrupt record being imported) is stored as
 *   bytes, so it can be read back exactly and reported as a decode error;
 * - metadata: the port's fields, with correlation and causation under EventStoreDB's own
 *   `$correlationId` and `$causationId`, plus the schema version;
 * - errors: a wrong expected version becomes `WrongExpectedRevision` with the actual
 *   revision, a deleted stream `StreamNotFound`; any other error is passed on as it is.
 */
import {
  binaryEvent,
  jsonEvent,
  StreamDeletedError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventData,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { StreamNotFound, WrongExpectedRevision, type ExpectedRevision } from '../../core/kernel/errors.js';
import { deriveId } from '../../core/values/ids.js';
import type { EncodedNewEvent } from '../shared/stored-event.js';

/** The port's expected revision in the client's terms. */
export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return 'any';
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    default:
      return expected;
  }
};

const TWO_64 = 1n << 64n;

/** The port's position of an event at `(commit, prepare)` in `$all`. */
export const positionToBigint = ({ commit, prepare }: Position): bigint => {
  if (commit < 0n || commit >= TWO_64 || prepare < 0n || prepare >= TWO_64) {
    throw new RangeError(`EventStoreDB position (${commit}, ${prepare}) is outside 0 … 2^64 - 1`);
  }
  return commit * TWO_64 + prepare;
};

/** The `(commit, prepare)` pair of a port position. */
export const bigintToPosition = (position: bigint): Position => {
  if (position < 0n) throw new RangeError(`Position ${position} is not an EventStoreDB position`);
  return { commit: position / TWO_64, prepare: position % TWO_64 };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The UUID an event id is stored under: itself when it is a (lower-case) UUID. */
export const esdbEventId = (eventId: string): string => (UUID.test(eventId) ? eventId : deriveId(eventId, 'eventstoredb/event-id'));

/** The metadata as stored in EventStoreDB. */
export interface EsdbMetadata {
  readonly at: string;
  readonly schemaVersion: number;
  readonly commandId?: string;
  readonly actor?: string;
  readonly $correlationId?: string;
  readonly $causationId?: string;
  /** The event's own id, when it is not the UUID it is stored under. */
  readonly eventId?: string;
}

export const toEsdbMetadata = (event: Pick<EncodedNewEvent, 'eventId' | 'schemaVersion' | 'metadata'>): EsdbMetadata => {
  const m = event.metadata;
  return {
    at: m.at,
    schemaVersion: event.schemaVersion,
    ...(m.commandId !== undefined ? { commandId: m.commandId } : {}),
    ...(m.actor !== undefined ? { actor: m.actor } : {}),
    ...(m.correlationId !== undefined ? { $correlationId: m.correlationId } : {}),
    ...(m.causationId !== undefined ? { $causationId: m.causationId } : {}),
    ...(esdbEventId(event.eventId) !== event.eventId ? { eventId: event.eventId } : {}),
  };
};

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** What stored metadata says: the port's metadata (still to be checked), the schema version, the original id. */
export interface ReadMetadata {
  /** The port's fields, as stored (decoded and checked by the reader). */
  readonly metadata: unknown;
  /** `NaN` when missing: the reader reports it as a bad schema version. */
  readonly schemaVersion: number;
  readonly eventId?: string;
}

export const fromEsdbMetadata = (stored: unknown): ReadMetadata => {
  if (!isRecord(stored)) return { metadata: stored, schemaVersion: Number.NaN };
  const { schemaVersion, eventId, $correlationId, $causationId, ...rest } = stored;
  const metadata: Record<string, unknown> = { ...rest };
  if ($correlationId !== undefined) metadata['correlationId'] = $correlationId;
  if ($causationId !== undefined) metadata['causationId'] = $causationId;
  return {
    metadata,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : Number.NaN,
    ...(typeof eventId === 'string' ? { eventId } : {}),
  };
};

const isJsonContainer = (u: unknown): u is Record<string, unknown> | unknown[] => typeof u === 'object' && u !== null;

const parseContainer = (text: string): Record<string, unknown> | unknown[] | undefined => {
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonContainer(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

/** The event as the client appends it. */
export const toEsdbEventData = (event: EncodedNewEvent): EventData => {
  const id = esdbEventId(event.eventId);
  const metadata = toEsdbMetadata(event);
  const data = parseContainer(event.data);
  return data !== undefined
    ? jsonEvent({ id, type: event.type, data, metadata })
    : binaryEvent({ id, type: event.type, data: Buffer.from(event.data, 'utf8'), metadata });
};

/** A stored event's data: parsed by the client (a JSON event) or JSON text still to parse. */
export type EsdbPayload = { readonly json: unknown } | { readonly text: string };

export const payloadOf = (event: EsdbRecordedEvent): EsdbPayload => {
  if (event.isJson) {
    // The client hands back the raw text when a JSON event's data does not parse.
    return typeof event.data === 'string' ? { text: event.data } : { json: event.data };
  }
  return { text: Buffer.from(event.data).toString('utf8') };
};

/** Events EventStoreDB writes for itself (statistics, settings, stream metadata, links). */
export const isSystemEvent = (event: Pick<EsdbRecordedEvent, 'type' | 'streamId'>): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

/** The port's error for a client error on an append. */
export const toPortError = (error: unknown, streamName: string, expected: ExpectedRevision): unknown => {
  if (error instanceof WrongExpectedVersionError) return new WrongExpectedRevision(streamName, expected, error.actualVersion);
  if (error instanceof StreamDeletedError) return new StreamNotFound(streamName);
  return error;
};
