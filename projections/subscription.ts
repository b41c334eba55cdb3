/**
 * Following `$all` live: a subscriber yields the events after a checkpoint, then each new
 * event as it is written, until its signal aborts. EventStoreDB has a native catch-up
 * subscription; any other store is followed by polling `readAll` from the last position
 * (on PostgreSQL positions are gap-free in commit order, so polling never skips an event).
 */
import type { DomainEvent, RecordedEvent } from '../core/kernel/envelope.js';
import type { EventStore } from '../core/kernel/event-store.js';

export interface SubscribeToAllOptions {
  /** Yield events with a position strictly after this one. @defaultValue from the first event */
  readonly after?: bigint | undefined;
  /** Ends the subscription (the iteration completes). */
  readonly signal: AbortSignal;
}

export interface AllSubscriber<E extends DomainEvent> {
  readonly subscribeToAll: (options: SubscribeToAllOptions) => AsyncIterable<RecordedEvent<E>>;
}

export interface PollingOptions {
  /** Wait between two reads that found nothing new, in milliseconds. @defaultValue 250 */
  readonly pollIntervalMs?: number;
  /** Most events read per query. @defaultValue 500 */
  readonly pageSize?: number;
}

/** Resolves after `ms`, or at once when the signal aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** Follows any store's `$all` by polling `readAll` from the last position seen. */
export const pollingSubscriber = <E extends DomainEvent>(
  store: Pick<EventStore<E>, 'readAll'>,
  options: PollingOptions = {},
): AllSubscriber<E> => {
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const pageSize = options.pageSize ?? 500;
  return {
    subscribeToAll: async function* ({ after, signal }) {
      let position = after;
      while (!signal.aborted) {
        let read = 0;
        for await (const event of store.readAll({ ...(position === undefined ? {} : { after: position }), maxCount: pageSize })) {
          yield event;
          position = event.position;
          read++;
          if (signal.aborted) return;
        }
        if (read < pageSize) await sleep(pollIntervalMs, signal);
      }
    },
  };
};
