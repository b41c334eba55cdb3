/**
 * The command handler: read a stream and fold it while iterating, decide, append with the
 * expected revision. A conflict re-reads and decides again, a bounded number of times. A
 * command id already applied on the stream is not applied again: the earlier events are
 * returned. Event ids are derived from the command id, so even a blind retry of an append
 * writes the same ids.
 *
 * Folded states are kept in a bounded cache keyed by stream: the next command on a stream
 * reads only the events after the cached revision (streams are append-only, so a cached
 * state is never wrong, only possibly behind).
 *
 * With `snapshots`, a stream not in the cache loads from its latest snapshot for the
 * decider's version and the events after it, and a new snapshot is taken whenever `every`
 * events have been folded since the last one.
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { deriveId } from '../values/ids.js';
import type { EventRegistry } from './codecs.js';
import type { CommandDecoder } from './commands.js';
import type { Decider } from './decider.js';
import type { DomainEvent, EventMetadata, NewEvent } from './envelope.js';
import { domainError, EventDecodeError, WrongExpectedRevision, type DomainError } from './errors.js';
import type { EventStore } from './event-store.js';
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
  /** Folded states kept between commands (least recently used are dropped). 0 disables. @defaultValue 10000 */
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

  const remember = (streamName: string, loaded: Loaded<S>): void => {
    if (cacheSize <= 0) return;
    cache.delete(streamName);
    cache.set(streamName, loaded);
    if (cache.size > cacheSize) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
  };

  const start = async (streamName: string): Promise<Loaded<S>> => {
    const cached = cache.get(streamName);
    if (cached) return { ...cached };
    const restored = options.snapshots ? await restoreSnapshot(options.snapshots, streamName) : undefined;
    return restored
      ? { state: restored.state, revision: restored.revision, commandIds: new Set(restored.commandIds), snapshotRevision: restored.revision }
      : { state: decider.initialState, revision: undefined, commandIds: new Set() };
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
    const snapshots = options.snapshots;
    if (snapshots && loaded.revision !== undefined && snapshotDue(snapshots, loaded.revision, loaded.snapshotRevision)) {
      await snapshots.store.save(snapshotOf(snapshots, streamName, loaded.revision, loaded.state, loaded.commandIds));
      loaded.snapshotRevision = loaded.revision;
    }
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

  const metadataOf = (context: CommandContext): EventMetadata => ({
    at: context.at,
    commandId: context.commandId,
    ...(context.actor !== undefined ? { actor: context.actor } : {}),
    ...(context.correlationId !== undefined ? { correlationId: context.correlationId } : {}),
    ...(context.causationId !== undefined ? { causationId: context.causationId } : {}),
  });

  const handle = async (command: C, context: CommandContext): Promise<Either<DomainError, CommandResult<E>>> => {
    const streamName = options.streamName(command);
    for (let attempt = 0; ; attempt++) {
      const loaded = await load(streamName);
      if (loaded.commandIds.has(context.commandId)) {
        remember(streamName, loaded);
        return right(await earlierResult(streamName, loaded, context.commandId));
      }
      const decision = decider.decide(command, loaded.state);
      if (isLeft(decision)) {
        remember(streamName, loaded);
        return decision;
      }
      const produced = decision.right;
      if (produced.length === 0) {
        remember(streamName, loaded);
        return right({ streamName, events: [], eventIds: [], revision: loaded.revision, alreadyApplied: false });
      }
      const metadata = metadataOf(context);
      const toAppend: NewEvent<SE>[] = produced.map((event, i) => ({
        event,
        eventId: deriveId(context.commandId, `${streamName}/${i}`),
        metadata,
      }));
      try {
        const result = await store.appendToStream(streamName, toAppend, {
          expectedRevision: loaded.revision === undefined ? 'no_stream' : loaded.revision,
        });
        let state = loaded.state;
        for (const event of produced) state = decider.evolve(state, event);
        loaded.commandIds.add(context.commandId);
        remember(streamName, {
          state,
          revision: result.nextExpectedRevision,
          commandIds: loaded.commandIds,
          snapshotRevision: loaded.snapshotRevision,
        });
        return right({
          streamName,
          events: produced,
          eventIds: toAppend.map((e) => e.eventId),
          revision: result.nextExpectedRevision,
          alreadyApplied: false,
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        remember(streamName, loaded);
        if (attempt >= maxRetries) {
          return left(
            domainError(
              'CONCURRENCY_CONFLICT',
              `Stream "${streamName}" kept changing while the command was decided (${attempt + 1} attempts); send it again.`,
              { details: { streamName, attempts: attempt + 1 } },
            ),
          );
        }
      }
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
