import type { Migration } from './migration.js';

export const snapshots: Migration = {
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
};
