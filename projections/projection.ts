/**
 * A projection is a pure fold of recorded events into a read model:
 * `apply(model, event) → model`. The same events in the same order always give the same
 * model, so rebuilding from position zero reproduces it and a report "as of" a date is the
 * fold of the events up to that date.
 */
import type { DomainEvent, RecordedEvent } from '../core/kernel/envelope.js';

export interface Projection<E extends DomainEvent, M> {
  /** Stable name; the runner keys checkpoints by it. */
  readonly name: string;
  readonly initial: M;
  /** Folds one event. Events of types the projection ignores return the model unchanged. */
  readonly apply: (model: M, event: RecordedEvent<E>) => M;
}

/** Folds every event of an iterable (a store's `readAll`, a log) into the projection's model. */
export const project = async <E extends DomainEvent, M>(
  projection: Projection<E, M>,
  events: AsyncIterable<RecordedEvent<E>> | Iterable<RecordedEvent<E>>,
): Promise<M> => {
  let model = projection.initial;
  for await (const event of events) model = projection.apply(model, event);
  return model;
};

/** The same fold, synchronously, for events already in hand. */
export const projectAll = <E extends DomainEvent, M>(projection: Projection<E, M>, events: Iterable<RecordedEvent<E>>): M => {
  let model = projection.initial;
  for (const event of events) model = projection.apply(model, event);
  return model;
};
