/**
 * practice-ledger on PostgreSQL: the event store, the projection checkpoint store and the
 * snapshot store, over a server (`pg`) or an embedded PGlite database, with the schema
 * applied by versioned migrations.
 */
export {
  createPostgresEventStore,
  createPGliteEventStore,
  openSqlEventStore,
  type PostgresEventStore,
  type PostgresStoreOptions,
  type DriverConnection,
} from './event-store.js';
export { pgDriver, pgliteDriver, type SqlDriver, type SqlExecutor, type SqlRow, type PgConnection, type PGliteConnection } from './driver.js';
export {
  postgresMigrations,
  postgresMigrationScript,
  migratePostgres,
  checkPostgresSchema,
  SchemaNotMigrated,
  LATEST_SCHEMA_VERSION,
  DEFAULT_SCHEMA,
  type Migration,
} from './schema.js';
export { createPostgresCheckpointStore, type PostgresCheckpointStoreOptions } from './checkpoint-store.js';
export { createPostgresSnapshotStore, type PostgresSnapshotStoreOptions } from './snapshot-store.js';
