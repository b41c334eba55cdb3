import type { Migration } from './migration.js';

export const projectionCheckpoints: Migration = {
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
};
