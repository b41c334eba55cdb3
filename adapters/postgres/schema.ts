/**
 * The schema, as versioned migrations. The stores run the ones not yet applied when they
 * open (under an advisory lock, so two processes starting together do not race), or only
 * check them when a DBA applies `postgresMigrationScript()` by hand.
 *
 * Design of the append: one function call checks the expected revision and writes the
 * events. It first takes a lock that serialises the schema's appends until commit (since
 * migration 5 a transaction-level advisory lock; before it, the row holding the last global
 * position), then reads the last position and the stream's last revision, so positions are
 * handed out in commit order and with no gaps (a rolled-back append rolls its positions
 * back too). A reader following `$all` by position therefore never sees position n + 1
 * before position n is committed, and never skips an event committed later with a lower
 * position. The price is that appends are serialised (one at a time per schema), which a
 * practice's write rate is far below; reads are not affected. See `migrations/` for each
 * step.
 *
 * Event data is stored as JSON text, not jsonb: the store keeps what it was given, and a
 * corrupt payload is reported by the reader as a decode error rather than refused or
 * silently normalised. Metadata, which only the library writes, is jsonb (queryable).
 */
import type { SqlDriver, SqlExecutor } from './driver.js';
import { intField } from './driver.js';
import { postgresMigrations, type Migration } from './migrations/index.js';

export { postgresMigrations, type Migration } from './migrations/index.js';

/** The schema the stores use unless told otherwise. */
export const DEFAULT_SCHEMA = 'practice_ledger';

/** The newest schema version this library needs. */
export const LATEST_SCHEMA_VERSION = postgresMigrations.reduce((max, m) => Math.max(max, m.version), 0);

/** A schema name, checked and quoted (`practice_ledger` → `"practice_ledger"`). */
export const quoteSchema = (schema: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new RangeError(`Schema name "${schema}" must be lower-case letters, digits and underscores, starting with a letter`);
  }
  return `"${schema}"`;
};

const migrationsTable = (s: string): string => `
CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`;

const recordMigration = (s: string, m: Migration): string =>
  `INSERT INTO ${s}.schema_migrations (version, name) VALUES (${m.version}, '${m.name.replace(/'/g, "''")}');`;

/**
 * The SQL that brings a schema from `fromVersion` to the latest, in one transaction: for a
 * DBA who applies migrations by hand (then open the stores with `migrate: false`).
 */
export const postgresMigrationScript = (options: { readonly schema?: string; readonly fromVersion?: number } = {}): string => {
  const s = quoteSchema(options.schema ?? DEFAULT_SCHEMA);
  const from = options.fromVersion ?? 0;
  const parts = postgresMigrations
    .filter((m) => m.version > from)
    .map((m) => `-- ${m.version}: ${m.name}${m.sql(s)}${recordMigration(s, m)}\n`);
  return `BEGIN;\nCREATE SCHEMA IF NOT EXISTS ${s};${migrationsTable(s)}\n${parts.join('\n')}COMMIT;\n`;
};

const appliedVersions = async (db: SqlExecutor, s: string): Promise<Set<number>> =>
  new Set((await db.query(`SELECT version FROM ${s}.schema_migrations`)).map((row) => intField(row, 'version')));

/** Applies the migrations not yet applied; returns the versions it applied. */
export const migratePostgres = async (driver: SqlDriver, options: { readonly schema?: string } = {}): Promise<number[]> => {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const s = quoteSchema(schema);
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`practice-ledger:${schema}`]);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${s};${migrationsTable(s)}`);
    const applied = await appliedVersions(tx, s);
    const done: number[] = [];
    for (const m of postgresMigrations) {
      if (applied.has(m.version)) continue;
      await tx.exec(`${m.sql(s)}\n${recordMigration(s, m)}`);
      done.push(m.version);
    }
    return done;
  });
};

/** The schema is not at the version this library needs (and the store was told not to migrate). */
export class SchemaNotMigrated extends Error {
  readonly code = 'SCHEMA_NOT_MIGRATED';
  constructor(
    readonly schema: string,
    readonly version: number,
  ) {
    super(
      `PostgreSQL schema "${schema}" is at version ${version} but practice-ledger needs ${LATEST_SCHEMA_VERSION}: ` +
        `apply postgresMigrationScript({ schema: '${schema}', fromVersion: ${version} }) or open the store with migrate: true`,
    );
    this.name = 'SchemaNotMigrated';
  }
}

/** Throws `SchemaNotMigrated` unless every migration has been applied. */
export const checkPostgresSchema = async (driver: SqlDriver, options: { readonly schema?: string } = {}): Promise<void> => {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const s = quoteSchema(schema);
  const [row] = await driver.query(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [`${s}.schema_migrations`],
  );
  const applied = row?.['present'] === true ? await appliedVersions(driver, s) : new Set<number>();
  const missing = postgresMigrations.filter((m) => !applied.has(m.version));
  if (missing.length > 0) throw new SchemaNotMigrated(schema, Math.max(0, ...applied));
};

/** Migrates (by default) or checks the schema before a store is used. */
export const prepareSchema = async (driver: SqlDriver, schema: string, migrate: boolean): Promise<void> => {
  if (migrate) await migratePostgres(driver, { schema });
  else await checkPostgresSchema(driver, { schema });
};
