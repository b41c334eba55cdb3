/** Projection checkpoints kept in memory (tests, a process that rebuilds its read models on start). */
import { CheckpointConflict, type CheckpointStore, type ProjectionCheckpoint } from '../../projections/checkpoints.js';

export const createInMemoryCheckpointStore = <M>(): CheckpointStore<M> => {
  const saved = new Map<string, ProjectionCheckpoint<M>>();
  return {
    load: async (projection) => saved.get(projection),
    save: async (projection, checkpoint, previous) => {
      if (saved.get(projection)?.position !== previous) throw new CheckpointConflict(projection, previous);
      saved.set(projection, { position: checkpoint.position, model: checkpoint.model });
    },
    reset: async (projection) => {
      saved.delete(projection);
    },
  };
};
