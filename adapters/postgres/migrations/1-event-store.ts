import type { Migration } from './migration.js';

export const eventStore: Migration = {
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
};
