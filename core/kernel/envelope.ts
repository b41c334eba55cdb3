/**
 * The envelope of a recorded event: where it is (stream, revision, global position), what
 * it is (id, type, schema version, data) and why (metadata: the command, its cause and
 * correlation, the actor, the instant).
 */
import * as t from 'io-ts';

/** A domain event: a fact with a type name in the past tense and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export const EventMetadataC = t.exact(
  t.intersection([
    t.type({ at: t.string }),
    t.partial({
      commandId: t.string,
      causationId: t.string,
      correlationId: t.string,
      actor: t.string,
    }),
  ]),
  'EventMetadata',
);
export interface EventMetadata {
  /** The instant the event was recorded, ISO-8601 UTC. */
  readonly at: string;
  /** The command that produced it. */
  readonly commandId?: string;
  /** The message (command or event) that caused it. */
  readonly causationId?: string;
  /** The conversation it belongs to (a booking flow, a transfer). */
  readonly correlationId?: string;
  /** Who acted: a provider, a client, `system`. */
  readonly actor?: string;
}

/** An event to append: its data, an id (derived or minted by the caller) and metadata. */
export interface NewEvent<E extends DomainEvent = DomainEvent> {
  readonly event: E;
  readonly eventId: string;
  readonly metadata: EventMetadata;
}

/** An event as read back from a store. `revision` is 0n for a stream's first event. */
export type RecordedEvent<E extends DomainEvent = DomainEvent> = E & {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly eventId: string;
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
};

/** The category of a stream name `<category>-<id>`: `credits` for `credits-c42`. */
export const streamCategory = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash < 0 ? streamName : streamName.slice(0, dash);
};

/**
 * A recorded event from a decoded event and where it was read. Built field by field:
 * every read makes one, and a spread that adds fields (`{ ...event, streamName, … }`) takes
 * a slow path in V8 that cost more than decoding the event.
 */
export const recordedEvent = <E extends DomainEvent>(
  event: E,
  streamName: string,
  revision: bigint,
  position: bigint,
  eventId: string,
  schemaVersion: number,
  metadata: EventMetadata,
): RecordedEvent<E> =>
  // The event's own fields are its type and data; the rest is the envelope.
  ({ type: event.type, data: event.data, streamName, revision, position, eventId, schemaVersion, metadata }) as RecordedEvent<E>;
