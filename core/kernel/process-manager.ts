/**
 * A process manager reacts to events of one aggregate by sending commands to another.
 * It is a pure function from a recorded event to the commands it causes; each command's
 * id is derived from the causing event (uuid v5), so a replay or a retry sends the same
 * command id and the command handler applies it once.
 */
import type { DomainEvent, RecordedEvent } from './envelope.js';

export interface Dispatch<C> {
  readonly command: C;
  /** Derived from the cause: `deriveId(event.eventId, purpose)`. */
  readonly commandId: string;
  /** Who is deemed to act: `system` or the actor of the cause. */
  readonly actor: string;
}

export interface ProcessManager<E extends DomainEvent, C> {
  readonly name: string;
  /** The event types it reacts to. */
  readonly handles: readonly E['type'][];
  readonly react: (event: RecordedEvent<E>) => readonly Dispatch<C>[];
}
