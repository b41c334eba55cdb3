/**
 * Snapshots in PostgreSQL, keyed by stream, decider version and revision. Saving one
 * drops the older snapshots of the same stream and version (the newest is the only one a
 * handler loads); snapshots of other versions are kept, for a rollback.
 */
import type { SnapshotStore } from '../../core/kernel/snapshots.js';
import { bigintField, textField, type SqlDriver } from './driver.js';
import { DEFAULT_SCHEMA, prepareSchema, quoteSchema } from './schema.js';

export interface PostgresSnapshotStoreOptions {
  /** The connection (a `PostgresEventStore` has one: pass the store itself). */
  readonly driver: SqlDriver;
  /** @defaultValue `'practice_ledger'` */
  readonly schema?: string;
  /** Apply missing migrations first; `false` only checks them. @defaultValue `true` */
  readonly migrate?: boolean;
}

export const createPostgresSnapshotStore = async (options: PostgresSnapshotStoreOptions): Promise<SnapshotStore> => {
  const { driver } = options;
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const s = quoteSchema(schema);
  await prepareSchema(driver, schema, options.migrate ?? true);
  return {
    latest: async (streamName, deciderVersion) => {
      const [row] = await driver.query(
        `SELECT revision::text AS revision, state FROM ${s}.snapshots
          WHERE stream_name = $1 AND decider_version = $2 ORDER BY revision DESC LIMIT 1`,
        [streamName, deciderVersion],
      );
      return row === undefined ? undefined : { streamName, deciderVersion, revision: bigintField(row, 'revision'), state: textField(row, 'state') };
    },
    save: async (snapshot) => {
      await driver.query(
        `WITH saved AS (
           INSERT INTO ${s}.snapshots (stream_name, decider_version, revision, state) VALUES ($1, $2, $3::bigint, $4)
           ON CONFLICT DO NOTHING
         )
         DELETE FROM ${s}.snapshots WHERE stream_name = $1 AND decider_version = $2 AND revision < $3::bigint`,
        [snapshot.streamName, snapshot.deciderVersion, snapshot.revision.toString(), snapshot.state],
      );
    },
  };
};
