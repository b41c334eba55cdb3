/**
 * Snapshots, optional per decider: a long-lived stream loads from its latest snapshot and
 * the events after it, instead of from its first event. A snapshot is keyed by stream,
 * revision and the decider's version; a handler only uses snapshots of its own version,
 * so changing `evolve` (or the state's shape) and bumping the version ignores the old ones
 * and replays from the events, which stay the truth. A snapshot that cannot be decoded is
 * ignored the same way.
 */
import * as t from 'io-ts';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';

export interface Snapshot {
  readonly streamName: string;
  /** The revision of the last event folded into the state. */
  readonly revision: bigint;
  /** The version of the decider that folded the state. */
  readonly deciderVersion: string;
  /** The state (and the handler's record of applied command ids) as JSON text. */
  readonly state: string;
}

/** Where snapshots are kept (in memory, PostgreSQL). */
export interface SnapshotStore {
  /** The snapshot of the stream with the highest revision taken by this decider version. */
  readonly latest: (streamName: string, deciderVersion: string) => Promise<Snapshot | undefined>;
  /** Keeps a snapshot; one at a revision the store already has for that version is ignored. */
  readonly save: (snapshot: Snapshot) => Promise<void>;
}

/** Turns a state into JSON-ready data and back; an io-ts codec is one. */
export interface StateCodec<S> {
  readonly encode: (state: S) => unknown;
  readonly decode: (data: unknown) => Either<unknown, S>;
}

export interface SnapshotOptions<S> {
  readonly store: SnapshotStore;
  /** Change it whenever `evolve` or the state changes: snapshots of other versions are ignored. */
  readonly deciderVersion: string;
  /** Encodes the state for the snapshot and decodes it back. */
  readonly codec: StateCodec<S>;
  /** Take a snapshot once this many events have been folded since the last one. @defaultValue 100 */
  readonly every?: number;
}

/** What a snapshot restores: the state, its revision and the command ids applied up to it. */
export interface Restored<S> {
  readonly state: S;
  readonly revision: bigint;
  readonly commandIds: readonly string[];
}

const SnapshotBodyC = t.type({ state: t.unknown, commandIds: t.array(t.string) });

/** The latest usable snapshot of the stream for these options, or `undefined`. */
export const restoreSnapshot = async <S>(options: SnapshotOptions<S>, streamName: string): Promise<Restored<S> | undefined> => {
  const snapshot = await options.store.latest(streamName, options.deciderVersion);
  if (snapshot === undefined || snapshot.deciderVersion !== options.deciderVersion || snapshot.streamName !== streamName) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(snapshot.state);
  } catch {
    return undefined;
  }
  const body = SnapshotBodyC.decode(json);
  if (isLeft(body)) return undefined;
  const state = options.codec.decode(body.right.state);
  if (isLeft(state)) return undefined;
  return { state: state.right, revision: snapshot.revision, commandIds: body.right.commandIds };
};

/** The snapshot of a state at a revision. */
export const snapshotOf = <S>(
  options: SnapshotOptions<S>,
  streamName: string,
  revision: bigint,
  state: S,
  commandIds: Iterable<string>,
): Snapshot => ({
  streamName,
  revision,
  deciderVersion: options.deciderVersion,
  state: JSON.stringify({ state: options.codec.encode(state), commandIds: [...commandIds] }),
});

/** Whether enough events were folded since the last snapshot to take a new one. */
export const snapshotDue = <S>(options: SnapshotOptions<S>, revision: bigint | undefined, lastSnapshot: bigint | undefined): boolean =>
  revision !== undefined && revision - (lastSnapshot ?? -1n) >= BigInt(options.every ?? 100);
