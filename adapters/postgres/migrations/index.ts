/** The schema's history, oldest first: each store applies the versions not yet applied. */
import { eventStore } from './1-event-store.js';
import { projectionCheckpoints } from './2-projection-checkpoints.js';
import { snapshots } from './3-snapshots.js';
import { leanerAppend } from './4-leaner-append.js';
import { appendUnderAdvisoryLock } from './5-append-under-advisory-lock.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

export const postgresMigrations: readonly Migration[] = [eventStore, projectionCheckpoints, snapshots, leanerAppend, appendUnderAdvisoryLock];
