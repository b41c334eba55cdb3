import type { Migration } from './migration.js';

export const leanerAppend: Migration = {
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
};
