/** Snapshots kept in memory: the latest per stream and decider version. */
import type { Snapshot, SnapshotStore } from '../../core/kernel/snapshots.js';

export interface InMemorySnapshotStore extends SnapshotStore {
  /** Number of snapshots kept. */
  readonly size: number;
}

export const createInMemorySnapshotStore = (): InMemorySnapshotStore => {
  const latest = new Map<string, Snapshot>();
  const key = (streamName: string, deciderVersion: string): string => JSON.stringify([streamName, deciderVersion]);
  return {
    latest: async (streamName, deciderVersion) => latest.get(key(streamName, deciderVersion)),
    save: async (snapshot) => {
      const k = key(snapshot.streamName, snapshot.deciderVersion);
      const known = latest.get(k);
      if (known === undefined || known.revision < snapshot.revision) latest.set(k, { ...snapshot });
    },
    get size() {
      return latest.size;
    },
  };
};
