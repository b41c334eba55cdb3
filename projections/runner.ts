/**
 * The projection runner: folds `$all` into a projection's read model from its checkpoint,
 * in batches, saving the model and the checkpoint together after each batch (one atomic
 * write on PostgreSQL). A runner that crashes mid-batch loses only the unsaved batch, and a
 * restart resumes after the last saved event: nothing skipped, nothing applied twice.
 * Rebuilding forgets the saved model and folds from the first event, which gives the same
 * model because a projection is a pure fold. `start` then follows new events live.
 */
import type { DomainEvent, RecordedEvent } from '../core/kernel/envelope.js';
import type { EventStore } from '../core/kernel/event-store.js';
import type { CheckpointStore } from './checkpoints.js';
import type { Projection } from './projection.js';
import { pollingSubscriber, type AllSubscriber } from './subscription.js';

export interface ProjectionRunnerOptions<E extends DomainEvent, M> {
  readonly projection: Projection<E, M>;
  /** Where the events come from; a store with its own `subscribeToAll` (EventStoreDB) is followed with it. */
  readonly store: Pick<EventStore<E>, 'readAll'> & Partial<AllSubscriber<E>>;
  /** Where the model and its checkpoint are saved. */
  readonly checkpoints: CheckpointStore<M>;
  /** Events folded between two saves of the model and its checkpoint. @defaultValue 500 */
  readonly batchSize?: number;
  /** How `start` follows new events. @defaultValue the store's own `subscribeToAll`, else polling `readAll` */
  readonly subscriber?: AllSubscriber<E>;
  /** Polling interval of the default subscriber, in milliseconds. @defaultValue 250 */
  readonly pollIntervalMs?: number;
  /** While following, a partial batch is saved once no event has arrived for this long, in milliseconds. @defaultValue 100 */
  readonly idleFlushMs?: number;
  /** Told when following stops on an error (`stop` rejects with it too). @defaultValue none */
  readonly onError?: (error: unknown) => void;
}

export interface ProjectionStatus<M> {
  /** Position of the last event folded into the saved model; `undefined` before the first. */
  readonly position: bigint | undefined;
  readonly model: M;
}

export interface ProjectionRunner<M> {
  /** Folds every event after the checkpoint, saving after each batch; resolves when `$all` has no more. */
  readonly catchUp: () => Promise<ProjectionStatus<M>>;
  /** Forgets the saved model and checkpoint, then folds from the first event. */
  readonly rebuild: () => Promise<ProjectionStatus<M>>;
  /** Catches up, then follows new events until `stop`. */
  readonly start: () => void;
  /** Stops following after saving the batch in progress; rejects with the error that stopped it, if any. */
  readonly stop: () => Promise<void>;
  /** The model and checkpoint as last saved by this runner. */
  readonly status: () => ProjectionStatus<M>;
}

interface Batch<M> {
  model: M;
  position: bigint | undefined;
  count: number;
}

const raceIdle = async <T>(next: Promise<T>, ms: number): Promise<T | 'idle'> => {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<'idle'>((resolve) => {
    timer = setTimeout(() => resolve('idle'), ms);
  });
  try {
    return await Promise.race([next, idle]);
  } finally {
    clearTimeout(timer);
  }
};

export const createProjectionRunner = <E extends DomainEvent, M>(options: ProjectionRunnerOptions<E, M>): ProjectionRunner<M> => {
  const { projection, store, checkpoints } = options;
  const batchSize = options.batchSize ?? 500;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
  const idleFlushMs = options.idleFlushMs ?? 100;
  const subscribeToAll = store.subscribeToAll;
  const subscriber: AllSubscriber<E> =
    options.subscriber ??
    (subscribeToAll !== undefined
      ? { subscribeToAll: (o) => subscribeToAll.call(store, o) }
      : pollingSubscriber(store, { pollIntervalMs: options.pollIntervalMs ?? 250, pageSize: batchSize }));

  let saved: ProjectionStatus<M> = { position: undefined, model: projection.initial };
  let busy = false;
  let following: { readonly abort: AbortController; readonly done: Promise<void> } | undefined;
  let failure: unknown;

  const load = async (): Promise<void> => {
    saved = (await checkpoints.load(projection.name)) ?? { position: undefined, model: projection.initial };
  };
  const begin = (): Batch<M> => ({ model: saved.model, position: saved.position, count: 0 });
  const fold = (batch: Batch<M>, event: RecordedEvent<E>): void => {
    if (batch.position !== undefined && event.position <= batch.position) return; // delivered twice
    batch.model = projection.apply(batch.model, event);
    batch.position = event.position;
    batch.count++;
  };
  const flush = async (batch: Batch<M>): Promise<void> => {
    if (batch.count === 0 || batch.position === undefined) return;
    await checkpoints.save(projection.name, { position: batch.position, model: batch.model }, saved.position);
    saved = { position: batch.position, model: batch.model };
  };

  const catchUpFromSaved = async (): Promise<void> => {
    for (;;) {
      const batch = begin();
      let read = 0;
      const after = saved.position;
      for await (const event of store.readAll({ ...(after === undefined ? {} : { after }), maxCount: batchSize })) {
        fold(batch, event);
        read++;
      }
      await flush(batch);
      if (read < batchSize) return;
    }
  };

  const follow = async (signal: AbortSignal): Promise<void> => {
    await load();
    await catchUpFromSaved();
    // Our own controller, so an error here also ends the subscription.
    const inner = new AbortController();
    const forward = (): void => inner.abort();
    signal.addEventListener('abort', forward, { once: true });
    if (signal.aborted) inner.abort(); // stopped while catching up
    const source = subscriber.subscribeToAll({ after: saved.position, signal: inner.signal })[Symbol.asyncIterator]();
    try {
      let batch = begin();
      let next = source.next();
      for (;;) {
        const result = batch.count === 0 ? await next : await raceIdle(next, idleFlushMs);
        if (result === 'idle') {
          await flush(batch);
          batch = begin();
          continue;
        }
        if (result.done === true) break;
        fold(batch, result.value);
        if (batch.count >= batchSize) {
          await flush(batch);
          batch = begin();
        }
        if (signal.aborted) break;
        next = source.next();
      }
      await flush(batch);
    } finally {
      signal.removeEventListener('abort', forward);
      inner.abort();
      await source.return?.();
    }
  };

  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy || following !== undefined) throw new Error(`Projection "${projection.name}" is already running`);
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };

  return {
    catchUp: () =>
      exclusive(async () => {
        await load();
        await catchUpFromSaved();
        return saved;
      }),
    rebuild: () =>
      exclusive(async () => {
        await checkpoints.reset(projection.name);
        saved = { position: undefined, model: projection.initial };
        await catchUpFromSaved();
        return saved;
      }),
    start: () => {
      if (busy || following !== undefined) throw new Error(`Projection "${projection.name}" is already running`);
      const abort = new AbortController();
      failure = undefined;
      const done = follow(abort.signal).catch((error: unknown) => {
        failure = error;
        options.onError?.(error);
      });
      following = { abort, done };
    },
    stop: async () => {
      const current = following;
      if (current === undefined) return;
      current.abort.abort();
      await current.done;
      following = undefined;
      if (failure !== undefined) throw failure;
    },
    status: () => saved,
  };
};
