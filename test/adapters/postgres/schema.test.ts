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
import { WrongExpectedRevision } from '../../../core/kernel/errors.js';
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
    expect(rows.map((r) => r['version'])).toEqual([1, 2, 3, 4, 5]);
    expect(LATEST_SCHEMA_VERSION).toBe(5);
  });

  it('upgrades a schema that version 4 wrote: events, positions and revisions carry on through migration 5', async () => {
    const s = '"mig_upgrade"';
    await driver.exec(`CREATE SCHEMA ${s}; CREATE TABLE ${s}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());`);
    for (const m of postgresMigrations.filter((m) => m.version <= 4)) {
      await driver.exec(`${m.sql(s)}\nINSERT INTO ${s}.schema_migrations (version, name) VALUES (${m.version}, '${m.name}');`);
    }
    const meta = '{"at": "2025-03-01T09:00:00.000Z"}';
    const data = '{"by": 1, "note": ""}';
    const oldAppend = (stream: string, ids: string[]) =>
      driver.query(`SELECT r_ok FROM ${s}.append_events($1, 'any', NULL, $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[])`, [
        stream,
        ids,
        ids.map(() => 'CounterIncremented'),
        ids.map(() => 1),
        ids.map(() => data),
        ids.map(() => meta),
      ]);
    await oldAppend('counter-a', ['old-1', 'old-2']);
    await oldAppend('counter-b', ['old-3']);
    await oldAppend('counter-a', ['old-4']);

    expect(await migratePostgres(driver, { schema: 'mig_upgrade' })).toEqual([5]);
    const store = await createPGliteEventStore(counterEvents, { driver, schema: 'mig_upgrade', migrate: false });
    expect(await store.streamRevision('counter-a')).toBe(2n);
    await expect(store.appendToStream('counter-a', [increment('new-1')], { expectedRevision: 1n })).rejects.toThrow(WrongExpectedRevision);
    expect(await store.appendToStream('counter-a', [increment('new-1')], { expectedRevision: 2n })).toEqual({ nextExpectedRevision: 3n, lastPosition: 4n });
    expect(await store.appendToStream('counter-b', [increment('new-2'), increment('new-3')], { expectedRevision: 0n })).toEqual({
      nextExpectedRevision: 2n,
      lastPosition: 6n,
    });
    // An id written before the upgrade is still recognised.
    expect(await store.appendToStream('counter-b', [increment('old-3')])).toEqual({ nextExpectedRevision: 2n, lastPosition: 6n });
    const all: string[] = [];
    for await (const e of store.readAll()) all.push(`${e.position}:${e.streamName}@${e.revision}:${e.eventId}`);
    expect(all).toEqual([
      '0:counter-a@0:old-1',
      '1:counter-a@1:old-2',
      '2:counter-b@0:old-3',
      '3:counter-a@2:old-4',
      '4:counter-a@3:new-1',
      '5:counter-b@1:new-2',
      '6:counter-b@2:new-3',
    ]);
    // `streams` is now a view over the events, for whoever queried the table.
    const streams = await driver.query(`SELECT stream_name, revision::text AS revision FROM ${s}.streams ORDER BY stream_name`);
    expect(streams).toEqual([
      { stream_name: 'counter-a', revision: '3' },
      { stream_name: 'counter-b', revision: '2' },
    ]);
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
