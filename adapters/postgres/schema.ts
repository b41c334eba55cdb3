/**
 * The schema, as versioned migrations. The stores run the ones not yet applied when they
 * open (under an advisory lock, so two processes starting together do not race), or only
 * check them when a DBA applies `postgresMigrationScript()` by hand.
 *
 * Design of the append (migration 1): one function call checks the expected revision and
 * writes the events in one statement. It first locks the single row holding the last
 * global position; the lock is held until commit, so positions are handed out in commit
 * order and with no gaps (a rolled-back append rolls its positions back too). A reader
 * following `$all` by position therefore never sees position n + 1 before position n is
 * committed, and never skips an event committed later with a lower position. The price is
 * that appends are serialised (one at a time per database), which a practice's write rate
 * is far below; reads are not affected.
 *
 * Event data is stored as JSON text, not jsonb: the store keeps what it was given, and a
 * corrupt payload is reported by the reader as a decode error rather than refused or
 * silently normalised. Metadata, which only the library writes, is jsonb (queryable).
 */
import type { SqlDriver, SqlExecutor } from './driver.js';
import { intField } from './driver.js';

/** The schema the stores use unless told otherwise. */
export const DEFAULT_SCHEMA = 'practice_ledger';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, for a schema `s` (already quoted). */
  readonly sql: (s: string) => string;
}

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'event store',
    sql: (s) => `
CREATE TABLE ${s}.streams (
  stream_name text PRIMARY KEY,
  revision bigint NOT NULL
);
CREATE TABLE ${s}.events (
  position bigint PRIMARY KEY,
  stream_name text NOT NULL,
  revision bigint NOT NULL,
  event_id text NOT NULL UNIQUE,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data text NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_name, revision)
);
CREATE TABLE ${s}.global_position (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_position bigint NOT NULL
);
INSERT INTO ${s}.global_position (id, last_position) VALUES (true, -1);
CREATE FUNCTION ${s}.append_events(
  p_stream text,
  p_expected_kind text,
  p_expected_revision bigint,
  p_event_ids text[],
  p_types text[],
  p_schema_versions integer[],
  p_data text[],
  p_metadata text[]
) RETURNS TABLE (r_ok boolean, r_revision bigint, r_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_position bigint;
  v_revision bigint;
  v_written bigint;
  v_matches boolean;
BEGIN
  -- Serialise appends: this row lock is held until commit, so positions follow commit order.
  SELECT g.last_position INTO v_position FROM ${s}.global_position g WHERE g.id FOR UPDATE;
  SELECT st.revision INTO v_revision FROM ${s}.streams st WHERE st.stream_name = p_stream;
  v_matches := CASE p_expected_kind
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN v_revision IS NULL
      WHEN 'stream_exists' THEN v_revision IS NOT NULL
      ELSE v_revision IS NOT NULL AND v_revision = p_expected_revision
    END;
  IF NOT v_matches THEN
    RETURN QUERY SELECT false, v_revision, v_position;
    RETURN;
  END IF;
  WITH input AS (
    SELECT * FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
      WITH ORDINALITY AS i(event_id, type, schema_version, data, metadata, ord)
  ), fresh AS (
    SELECT d.*, row_number() OVER (ORDER BY d.ord) AS n
    FROM (SELECT DISTINCT ON (i.event_id) i.* FROM input i ORDER BY i.event_id, i.ord) d
    WHERE NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = d.event_id)
  )
  INSERT INTO ${s}.events (position, stream_name, revision, event_id, type, schema_version, data, metadata)
  SELECT v_position + f.n, p_stream, coalesce(v_revision, -1) + f.n, f.event_id, f.type, f.schema_version, f.data, f.metadata::jsonb
  FROM fresh f;
  GET DIAGNOSTICS v_written = ROW_COUNT;
  IF v_written > 0 THEN
    v_revision := coalesce(v_revision, -1) + v_written;
    v_position := v_position + v_written;
    INSERT INTO ${s}.streams (stream_name, revision) VALUES (p_stream, v_revision)
      ON CONFLICT (stream_name) DO UPDATE SET revision = excluded.revision;
    UPDATE ${s}.global_position SET last_position = v_position WHERE id;
  END IF;
  RETURN QUERY SELECT true, v_revision, v_position;
END
$fn$;
`,
  },
  {
    version: 2,
    name: 'projection checkpoints',
    sql: (s) => `
CREATE TABLE ${s}.projections (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  model text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 3,
    name: 'snapshots',
    sql: (s) => `
CREATE TABLE ${s}.snapshots (
  stream_name text NOT NULL,
  decider_version text NOT NULL,
  revision bigint NOT NULL,
  state text NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream_name, decider_version, revision)
);
`,
  },
  {
    version: 4,
    name: 'leaner append',
    // The same contract as version 1's append_events, in fewer steps: one UPDATE locks the
    // last position and reserves the positions (given back if fewer events are written),
    // and a single event (the common case) is inserted directly.
    sql: (s) => `
CREATE OR REPLACE FUNCTION ${s}.append_events(
  p_stream text,
  p_expected_kind text,
  p_expected_revision bigint,
  p_event_ids text[],
  p_types text[],
  p_schema_versions integer[],
  p_data text[],
  p_metadata text[]
) RETURNS TABLE (r_ok boolean, r_revision bigint, r_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count integer := coalesce(cardinality(p_event_ids), 0);
  v_position bigint;
  v_revision bigint;
  v_written bigint;
  v_matches boolean;
BEGIN
  -- Serialise appends: this row lock is held until commit, so positions follow commit order.
  UPDATE ${s}.global_position g SET last_position = g.last_position + v_count WHERE g.id
    RETURNING g.last_position - v_count INTO v_position;
  SELECT st.revision INTO v_revision FROM ${s}.streams st WHERE st.stream_name = p_stream;
  v_matches := CASE p_expected_kind
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN v_revision IS NULL
      WHEN 'stream_exists' THEN v_revision IS NOT NULL
      ELSE v_revision IS NOT NULL AND v_revision = p_expected_revision
    END;
  IF NOT v_matches THEN
    UPDATE ${s}.global_position g SET last_position = v_position WHERE g.id;
    RETURN QUERY SELECT false, v_revision, v_position;
    RETURN;
  END IF;
  IF v_count = 1 THEN
    INSERT INTO ${s}.events (position, stream_name, revision, event_id, type, schema_version, data, metadata)
    VALUES (v_position + 1, p_stream, coalesce(v_revision, -1) + 1, p_event_ids[1], p_types[1], p_schema_versions[1], p_data[1], p_metadata[1]::jsonb)
    ON CONFLICT (event_id) DO NOTHING;
  ELSE
    WITH input AS (
      SELECT * FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
        WITH ORDINALITY AS i(event_id, type, schema_version, data, metadata, ord)
    ), fresh AS (
      SELECT d.*, row_number() OVER (ORDER BY d.ord) AS n
      FROM (SELECT DISTINCT ON (i.event_id) i.* FROM input i ORDER BY i.event_id, i.ord) d
      WHERE NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = d.event_id)
    )
    INSERT INTO ${s}.events (position, stream_name, revision, event_id, type, schema_version, data, metadata)
    SELECT v_position + f.n, p_stream, coalesce(v_revision, -1) + f.n, f.event_id, f.type, f.schema_version, f.data, f.metadata::jsonb
    FROM fresh f;
  END IF;
  GET DIAGNOSTICS v_written = ROW_COUNT;
  IF v_written < v_count THEN
    UPDATE ${s}.global_position g SET last_position = v_position + v_written WHERE g.id;
  END IF;
  v_position := v_position + v_written;
  IF v_written > 0 THEN
    v_revision := coalesce(v_revision, -1) + v_written;
    INSERT INTO ${s}.streams (stream_name, revision) VALUES (p_stream, v_revision)
      ON CONFLICT (stream_name) DO UPDATE SET revision = excluded.revision;
  END IF;
  RETURN QUERY SELECT true, v_revision, v_position;
END
$fn$;
`,
  },
];

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
