import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPGliteEventStore,
  LATEST_SCHEMA_VERSION,
  migratePostgres,
  pgliteDriver,
  postgresMigrations,
  postgresMigrationScript,
  SchemaNotMigrated,
  type SqlDriver,
} from '../../../adapters/postgres/index.js';
import { counterEvents } from '../../support/counter.js';

let driver: SqlDriver;
beforeAll(async () => {
  driver = await pgliteDriver({ dataDir: 'memory://' });
});
afterAll(async () => {
  await driver.close();
});

const increment = (eventId: string) => ({
  event: { type: 'CounterIncremented' as const, data: { by: 1, note: '' } },
  eventId,
  metadata: { at: '2025-03-01T09:00:00.000Z' },
});

describe('PostgreSQL schema migrations', () => {
  it('applies each versioned migration once and records it', async () => {
    expect(await migratePostgres(driver, { schema: 'mig_once' })).toEqual(postgresMigrations.map((m) => m.version));
    expect(await migratePostgres(driver, { schema: 'mig_once' })).toEqual([]);
    const rows = await driver.query('SELECT version, name FROM "mig_once".schema_migrations ORDER BY version');
    expect(rows.map((r) => r['version'])).toEqual([1, 2, 3, 4]);
    expect(LATEST_SCHEMA_VERSION).toBe(4);
  });

  it('prints the migration script for a DBA; a store opened without migrating checks it', async () => {
    const script = postgresMigrationScript({ schema: 'mig_by_hand' });
    expect(script).toMatch(/^BEGIN;/);
    expect(script).toContain('CREATE FUNCTION "mig_by_hand".append_events');
    await driver.exec(script);
    const store = await createPGliteEventStore(counterEvents, { driver, schema: 'mig_by_hand', migrate: false });
    await store.appendToStream('counter-1', [increment('by-hand-1')]);
    expect(await store.streamRevision('counter-1')).toBe(0n);
    expect(postgresMigrationScript({ schema: 'mig_by_hand', fromVersion: 2 })).not.toContain('CREATE TABLE "mig_by_hand".events');
    expect(postgresMigrationScript({ schema: 'mig_by_hand', fromVersion: 3 })).toContain('CREATE OR REPLACE FUNCTION "mig_by_hand".append_events');
  });

  it('a store told not to migrate refuses a schema that is behind, saying what to apply', async () => {
    const error = await createPGliteEventStore(counterEvents, { driver, schema: 'mig_missing', migrate: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaNotMigrated);
    expect((error as SchemaNotMigrated).message).toContain("postgresMigrationScript({ schema: 'mig_missing', fromVersion: 0 })");
  });

  it('refuses a schema name that would need quoting', async () => {
    await expect(createPGliteEventStore(counterEvents, { driver, schema: 'Robert"; DROP' })).rejects.toThrow(RangeError);
  });
});

describe('PGlite in a directory', () => {
  it('keeps the events across restarts, with no server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'practice-ledger-pglite-'));
    try {
      const first = await createPGliteEventStore(counterEvents, { dataDir: dir });
      await first.appendToStream('counter-1', [increment('file-1'), increment('file-2')]);
      await first.close();
      const second = await createPGliteEventStore(counterEvents, { dataDir: dir });
      const read: string[] = [];
      for await (const e of second.readStream('counter-1')) read.push(e.eventId);
      expect(read).toEqual(['file-1', 'file-2']);
      await expect(second.appendToStream('counter-1', [increment('file-3')], { expectedRevision: 1n })).resolves.toMatchObject({
        nextExpectedRevision: 2n,
      });
      await second.close();
      await expect(second.streamRevision('counter-1')).rejects.toThrow('closed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
