/**
 * Where a projection runner keeps its read model together with its checkpoint (the
 * position of the last event folded into it): one save writes both, so a restart resumes
 * exactly after the last event the saved model contains — none skipped, none twice.
 */
import type { StateCodec } from '../core/kernel/snapshots.js';

export interface ProjectionCheckpoint<M> {
  /** Global position of the last event folded into the model. */
  readonly position: bigint;
  readonly model: M;
}

export interface CheckpointStore<M> {
  /** The saved model and checkpoint, or `undefined` when the projection has saved none. */
  readonly load: (projection: string) => Promise<ProjectionCheckpoint<M> | undefined>;
  /**
   * Saves the model and its checkpoint together, atomically, if the saved checkpoint is
   * still `previous` (`undefined`: none); otherwise throws `CheckpointConflict` (another
   * runner of the same projection moved it).
   */
  readonly save: (projection: string, checkpoint: ProjectionCheckpoint<M>, previous: bigint | undefined) => Promise<void>;
  /** Forgets the model and checkpoint (before a rebuild). */
  readonly reset: (projection: string) => Promise<void>;
}

/** Encodes a read model as JSON-ready data and back (an io-ts codec is one). */
export type ModelCodec<M> = StateCodec<M>;

/** Another runner saved a checkpoint for the projection in between: this one must stop. */
export class CheckpointConflict extends Error {
  readonly code = 'CHECKPOINT_CONFLICT';
  constructor(
    readonly projection: string,
    readonly expected: bigint | undefined,
  ) {
    super(
      `Projection "${projection}" was expected at ${expected === undefined ? 'no checkpoint' : `position ${expected}`} ` +
        'but another runner saved a different checkpoint; run one runner per projection',
    );
    this.name = 'CheckpointConflict';
  }
}

/** A saved read model that the projection's codec refuses: rebuild the projection. */
export class CheckpointDecodeError extends Error {
  readonly code = 'CHECKPOINT_DECODE_ERROR';
  constructor(
    readonly projection: string,
    readonly reason: string,
  ) {
    super(`The saved model of projection "${projection}" cannot be decoded (${reason}); rebuild the projection`);
    this.name = 'CheckpointDecodeError';
  }
}
