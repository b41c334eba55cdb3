/**
 * The command handler: read a stream and fold it while iterating, decide, append with the
 * expected revision. A conflict re-reads and decides again, a bounded number of times. A
 * command id already applied on the stream is not applied again: the earlier events are
 * returned. Event ids are derived from the command id, so even a blind retry of an append
 * writes the same ids. The events written and returned are frozen: events are facts.
 *
 * Folded states are kept in a bounded cache keyed by stream (streams are append-only, so a
 * cached state is never wrong, only possibly behind). The next command on a cached stream
 * is decided on the cached state without reading: the append's expected revision is the
 * check, and a stream another writer moved on is read from the cached revision and the
 * command decided again (that catch-up is not counted as a conflict). A refusal decided on
 * an unread cache is confirmed by reading first.
 *
 * With `snapshots`, a stream not in the cache loads from its latest snapshot for the
 * decider's version and the events after it, and a new snapshot is taken whenever `every`
 * events have been folded since the last one.
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { deriveEventId } from '../values/ids.js';
import type { EventRegistry } from './codecs.js';
import type { CommandDecoder } from './commands.js';
import { fold, type Decider } from './decider.js';
import type { DomainEvent, EventMetadata, NewEvent } from './envelope.js';
import { domainError, EventDecodeError, WrongExpectedRevision, type DomainError } from './errors.js';
import type { EventStore } from './event-store.js';
import { deepFreeze } from './freeze.js';
import { restoreSnapshot, snapshotDue, snapshotOf, type SnapshotOptions } from './snapshots.js';

/** Who, when and why: the metadata every event of a command carries. */
export interface CommandContext {
  /** Unique per intended action; sending the same id twice applies it once. */
  readonly commandId: string;
  /** ISO-8601 UTC instant the command is handled at (from the `Clock`). */
  readonly at: string;
  readonly actor?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export interface CommandResult<E extends DomainEvent> {
  readonly streamName: string;
  /** The events the command produced (or produced earlier, when already applied). */
  readonly events: readonly E[];
  readonly eventIds: readonly string[];
  /** The stream's revision after the command; `undefined` if the stream has no events. */
  readonly revision: bigint | undefined;
  /** True when the command id had been applied before and nothing new was written. */
  readonly alreadyApplied: boolean;
}

export interface CommandHandlerOptions<C, E extends SE, S, SE extends DomainEvent> {
  readonly store: EventStore<SE>;
  readonly decider: Decider<C, E, S>;
  /** The aggregate's own events: a stored event of another type is a decode error. */
  readonly events: EventRegistry<E>;
  /** The stream a command addresses: `credits-<clientId>`. */
  readonly streamName: (command: C) => string;
  /** Untrusted input decoder, for `handleInput`. */
  readonly commands?: CommandDecoder<C>;
  /** Re-reads and decides again after a revision conflict at most this many times. @defaultValue 5 */
  readonly maxRetries?: number;
  /** Folded states kept between commands (the least recently used are dropped first, approximately). 0 disables. @defaultValue 10000 */
  readonly cacheSize?: number;
  /** Load long streams from snapshots of the decider's state. @defaultValue none: every load folds from the first event */
  readonly snapshots?: SnapshotOptions<S>;
}

interface Loaded<S> {
  state: S;
  revision: bigint | undefined;
  commandIds: Set<string>;
  /** The revision of the latest snapshot taken or restored. */
  snapshotRevision?: bigint | undefined;
  /** Used since the cache last looked for a state to drop. */
  recent?: boolean;
}

export interface CommandHandler<C, E extends DomainEvent> {
  /** Handles a typed command. Rejects only for infrastructure failures. */
  readonly handle: (command: C, context: CommandContext) => Promise<Either<DomainError, CommandResult<E>>>;
  /** Decodes untrusted input first; a failure names the field and touches nothing. */
  readonly handleInput: (input: unknown, context: CommandContext) => Promise<Either<DomainError, CommandResult<E>>>;
}

export const createCommandHandler = <C, E extends SE, S, SE extends DomainEvent>(
  options: CommandHandlerOptions<C, E, S, SE>,
): CommandHandler<C, E> => {
  const { store, decider, events: registry } = options;
  const maxRetries = options.maxRetries ?? 5;
  const cacheSize = options.cacheSize ?? 10_000;
  const cache = new Map<string, Loaded<S>>();

  // The cache drops states in "second chance" order (an approximation of least recently
  // used that costs nothing on a hit): from the oldest entry on, a state used since the
  // last pass goes to the back once, the first one not used is dropped.
  const dropOne = (): void => {
    for (const [name, entry] of cache) {
      cache.delete(name);
      if (entry.recent !== true) return;
      entry.recent = false;
      cache.set(name, entry);
    }
  };

  const remember = (streamName: string, loaded: Loaded<S>): void => {
    if (cacheSize <= 0) return;
    loaded.recent = true;
    cache.set(streamName, loaded);
    if (cache.size > cacheSize) dropOne();
  };

  const start = async (streamName: string): Promise<Loaded<S>> => {
    const cached = cache.get(streamName);
    if (cached) return { state: cached.state, revision: cached.revision, commandIds: cached.commandIds, snapshotRevision: cached.snapshotRevision };
    const restored = options.snapshots ? await restoreSnapshot(options.snapshots, streamName) : undefined;
    return restored
      ? { state: restored.state, revision: restored.revision, commandIds: new Set(restored.commandIds), snapshotRevision: restored.revision }
      : { state: decider.initialState, revision: undefined, commandIds: new Set() };
  };

  /** Takes a snapshot of a state just folded when enough events were folded since the last one. */
  const snapshotIfDue = async (streamName: string, loaded: Loaded<S>): Promise<void> => {
    const snapshots = options.snapshots;
    if (snapshots && loaded.revision !== undefined && snapshotDue(snapshots, loaded.revision, loaded.snapshotRevision)) {
      await snapshots.store.save(snapshotOf(snapshots, streamName, loaded.revision, loaded.state, loaded.commandIds));
      loaded.snapshotRevision = loaded.revision;
    }
  };

  const load = async (streamName: string): Promise<Loaded<S>> => {
    const loaded = await start(streamName);
    const fromRevision = loaded.revision === undefined ? 0n : loaded.revision + 1n;
    for await (const recorded of store.readStream(streamName, { fromRevision })) {
      if (!registry.is(recorded)) {
        throw new EventDecodeError(streamName, recorded.revision, 'type', `"${recorded.type}" does not belong to this stream`);
      }
      loaded.state = decider.evolve(loaded.state, recorded);
      loaded.revision = recorded.revision;
      if (recorded.metadata.commandId !== undefined) loaded.commandIds.add(recorded.metadata.commandId);
    }
    await snapshotIfDue(streamName, loaded);
    return loaded;
  };

  const earlierResult = async (streamName: string, loaded: Loaded<S>, commandId: string): Promise<CommandResult<E>> => {
    const found: E[] = [];
    const ids: string[] = [];
    for await (const recorded of store.readStream(streamName)) {
      if (recorded.metadata.commandId === commandId && registry.is(recorded)) {
        found.push(recorded);
        ids.push(recorded.eventId);
      }
    }
    return { streamName, events: found, eventIds: ids, revision: loaded.revision, alreadyApplied: true };
  };

  const metadataOf = (context: CommandContext): EventMetadata => {
    const metadata: { -readonly [K in keyof EventMetadata]: EventMetadata[K] } = { at: context.at, commandId: context.commandId };
    if (context.actor !== undefined) metadata.actor = context.actor;
    if (context.correlationId !== undefined) metadata.correlationId = context.correlationId;
    if (context.causationId !== undefined) metadata.causationId = context.causationId;
    return Object.freeze(metadata);
  };

  /** The events to append for a decision: frozen (events are facts), with ids derived from the command. */
  const newEvents = (streamName: string, produced: readonly E[], context: CommandContext): { eventIds: string[]; toAppend: NewEvent<SE>[] } => {
    deepFreeze(produced);
    const metadata = metadataOf(context);
    const toAppend = produced.map((event, i): NewEvent<SE> => ({ event, eventId: deriveEventId(context.commandId, streamName, i), metadata }));
    return { eventIds: toAppend.map((e) => e.eventId), toAppend };
  };

  /**
   * Any command: `readFirst` reads the stream up before deciding (the cache was found behind).
   * A cached state is trusted without reading the stream: if another writer appended since,
   * the append's expected revision says so and the stream is read then. Only a refusal (or
   * a decision to do nothing) made on an unread cache is checked by reading first, so that
   * it is never the answer of a state the store has moved past.
   */
  const handleAny = async (command: C, context: CommandContext, streamName: string, readFirst: boolean): Promise<Either<DomainError, CommandResult<E>>> => {
    const cached = readFirst ? undefined : cache.get(streamName);
    // The cached entry is only read here (`load` works on a copy), so it is used as it is.
    let loaded: Loaded<S> = cached ?? (await load(streamName));
    let unread = cached !== undefined;
    for (let attempt = 0; ; ) {
      if (loaded.commandIds.has(context.commandId)) {
        remember(streamName, loaded);
        return right(await earlierResult(streamName, loaded, context.commandId));
      }
      const decision = decider.decide(command, loaded.state);
      const refused = isLeft(decision) ? decision.left : undefined;
      const produced = isLeft(decision) ? [] : decision.right;
      if (produced.length === 0) {
        if (unread) {
          const before = loaded.revision;
          loaded = await load(streamName);
          unread = false;
          if (loaded.revision !== before) continue;
        }
        remember(streamName, loaded);
        return refused !== undefined ? left(refused) : right({ streamName, events: [], eventIds: [], revision: loaded.revision, alreadyApplied: false });
      }
      const { eventIds, toAppend } = newEvents(streamName, produced, context);
      let appended: bigint;
      try {
        const result = await store.appendToStream(streamName, toAppend, {
          expectedRevision: loaded.revision === undefined ? 'no_stream' : loaded.revision,
        });
        appended = result.nextExpectedRevision;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        remember(streamName, loaded);
        if (!unread) {
          if (attempt >= maxRetries) {
            return left(
              domainError(
                'CONCURRENCY_CONFLICT',
                `Stream "${streamName}" kept changing while the command was decided (${attempt + 1} attempts); send it again.`,
                { details: { streamName, attempts: attempt + 1 } },
              ),
            );
          }
          attempt++;
        }
        // A cache that was behind is not a conflict between writers: reading it up is not an attempt.
        loaded = await load(streamName);
        unread = false;
        continue;
      }
      const state = fold(decider, produced, loaded.state);
      loaded.commandIds.add(context.commandId);
      // The cached entry moves on in place (it is what the next command on the stream reads).
      const next: Loaded<S> = loaded === cached ? loaded : { state, revision: appended, commandIds: loaded.commandIds, snapshotRevision: loaded.snapshotRevision };
      next.state = state;
      next.revision = appended;
      if (options.snapshots) await snapshotIfDue(streamName, next);
      if (next === cached) next.recent = true;
      else remember(streamName, next);
      return right({ streamName, events: produced, eventIds, revision: appended, alreadyApplied: false });
    }
  };

  /**
   * The common case without the general loop: a cached stream without snapshots, and a
   * decision that writes events (a promise chain: an async function's frame, allocated on
   * every call, cost more than the rest of the command). A cache found behind goes to `handleAny`.
   */
  const appendOnCache = (command: C, context: CommandContext, streamName: string, cached: Loaded<S>, produced: readonly E[]): Promise<Either<DomainError, CommandResult<E>>> => {
    const { eventIds, toAppend } = newEvents(streamName, produced, context);
    const expectedRevision = cached.revision === undefined ? 'no_stream' : cached.revision;
    return store.appendToStream(streamName, toAppend, { expectedRevision }).then(
      ({ nextExpectedRevision }): Either<DomainError, CommandResult<E>> => {
        cached.state = fold(decider, produced, cached.state);
        cached.revision = nextExpectedRevision;
        cached.commandIds.add(context.commandId);
        cached.recent = true;
        return right({ streamName, events: produced, eventIds, revision: nextExpectedRevision, alreadyApplied: false });
      },
      (error: unknown) => {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        // Another writer moved the stream on: read it up and decide again (not a conflict yet).
        remember(streamName, cached);
        return handleAny(command, context, streamName, true);
      },
    );
  };

  const handle = (command: C, context: CommandContext): Promise<Either<DomainError, CommandResult<E>>> => {
    try {
      const streamName = options.streamName(command);
      const cached = options.snapshots === undefined ? cache.get(streamName) : undefined;
      if (cached !== undefined && !cached.commandIds.has(context.commandId)) {
        const decision = decider.decide(command, cached.state);
        if (!isLeft(decision) && decision.right.length > 0) return appendOnCache(command, context, streamName, cached, decision.right);
      }
      // Deciding is pure: deciding again there gives the same decision.
      return handleAny(command, context, streamName, false);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  const handleInput = async (input: unknown, context: CommandContext): Promise<Either<DomainError, CommandResult<E>>> => {
    if (options.commands === undefined) {
      return left(domainError('INVALID_COMMAND', 'This handler has no command decoder for untrusted input.'));
    }
    const decoded = options.commands.decode(input);
    return isLeft(decoded) ? decoded : handle(decoded.right, context);
  };

  return { handle, handleInput };
};
