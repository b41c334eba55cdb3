/**
 * How a database adapter keeps an event and reads it back: the type, the schema version,
 * the data as JSON text and the metadata. Encoding happens before anything is written (an
 * append is all or nothing); decoding happens row by row while a read is iterated, with the
 * store's registry (upcasting old versions), and a row that cannot be decoded throws an
 * `EventDecodeError` naming the stream, the revision and the field.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import type { EventRegistry } from '../../core/kernel/codecs.js';
import { EventMetadataC, type DomainEvent, type EventMetadata, type NewEvent, type RecordedEvent } from '../../core/kernel/envelope.js';
import { EventDecodeError } from '../../core/kernel/errors.js';
import { describeValidation } from '../../core/kernel/validation.js';

/** An event ready to be written: its data already JSON text. */
export interface EncodedNewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The event's data as JSON text. */
  readonly data: string;
  readonly metadata: EventMetadata;
}

/** A stored event as a database returns it, before decoding. */
export interface StoredEventRow {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** JSON text (a corrupt or truncated payload surfaces as a decode error on `data`). */
  readonly data: string;
  /** The metadata as parsed from the store; decoded (and checked) here. */
  readonly metadata: unknown;
}

/** Encodes every event first, so a failure writes nothing. */
export const encodeNewEvents = <E extends DomainEvent>(registry: EventRegistry<E>, events: readonly NewEvent<E>[]): EncodedNewEvent[] =>
  events.map(({ event, eventId, metadata }) => {
    const encoded = registry.encode(event);
    const data = JSON.stringify(encoded.data);
    if (data === undefined) throw new TypeError(`Event "${event.type}" has data that is not JSON`);
    return { eventId, type: encoded.type, schemaVersion: encoded.schemaVersion, data, metadata: { ...metadata } };
  });

/** Metadata as stored JSON: only the fields that are set. */
export const metadataJson = (metadata: EventMetadata): string => JSON.stringify(metadata);

/** Decodes one stored row into a recorded event; throws `EventDecodeError`. */
export const decodeStoredEvent = <E extends DomainEvent>(registry: EventRegistry<E>, row: StoredEventRow): RecordedEvent<E> => {
  let data: unknown;
  try {
    data = JSON.parse(row.data);
  } catch (error) {
    throw new EventDecodeError(row.streamName, row.revision, 'data', `is not valid JSON (${(error as Error).message})`, row.type);
  }
  return decodeParsedEvent(registry, { ...row, data });
};

/** The same, for a store whose client has already parsed the JSON data. */
export const decodeParsedEvent = <E extends DomainEvent>(
  registry: EventRegistry<E>,
  row: Omit<StoredEventRow, 'data'> & { readonly data: unknown },
): RecordedEvent<E> => {
  const event = registry.decode({ type: row.type, schemaVersion: row.schemaVersion, data: row.data }, row);
  const metadata = EventMetadataC.decode(row.metadata);
  if (isLeft(metadata)) {
    const { field, reason } = describeValidation(metadata.left);
    throw new EventDecodeError(row.streamName, row.revision, field === '' ? 'metadata' : `metadata.${field}`, reason, row.type);
  }
  return {
    ...event,
    streamName: row.streamName,
    revision: row.revision,
    position: row.position,
    eventId: row.eventId,
    schemaVersion: row.schemaVersion,
    metadata: metadata.right,
  };
};
