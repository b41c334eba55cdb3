import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { practiceEvents, type PracticeEvent, type RecordedEvent } from '../../../core/index.js';
import { simulatePracticeYear } from '../../../adapters/cli/index.js';
import { importLog, logLines, readLog } from '../../../adapters/jsonl/index.js';
import { createPGliteEventStore } from '../../../adapters/postgres/index.js';
import { cli, tempDir } from './support.js';

const dir = tempDir();
const log = join(dir, 'first-months.jsonl');
const dataDir = join(dir, 'pglite');
/** The log of January and February. */
const UNTIL = Date.parse('2025-03-01T05:00:00Z');
let events = 0;

/** An event as JSON with its keys in order (a store may keep an object's keys in another order). */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]))
      : typeof value === 'bigint'
        ? value.toString()
        : value;

const eventsOf = async (path: string): Promise<unknown[]> => {
  const events: unknown[] = [];
  for await (const e of readLog(practiceEvents, path)) events.push(canonical({ ...e, line: undefined }));
  return events;
};

beforeAll(async () => {
  // The first two months of a demo year, as a log, imported into an embedded PGlite database.
  const year = await simulatePracticeYear({ seed: 3, clients: 4 });
  async function* first(): AsyncGenerator<RecordedEvent<PracticeEvent>> {
    for await (const e of year.store.readAll()) if (Date.parse(e.metadata.at) < UNTIL) yield e;
  }
  const lines: string[] = [];
  for await (const line of logLines(practiceEvents, first())) lines.push(line);
  writeFileSync(log, `${lines.join('\n')}\n`);
  const store = await createPGliteEventStore(practiceEvents, { dataDir });
  ({ events } = await importLog(store, practiceEvents, log));
  await store.close();
}, 120_000);

describe('practice-ledger export', () => {
  it('writes a PGlite store’s whole log as JSONL: the events it was imported from, in order, and the audit passes', async () => {
    const out = join(dir, 'exported.jsonl');
    const run = await cli('export', '--pglite', dataDir, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Exported ${events} events from PGlite ${dataDir} to ${out}; hash chain head [0-9a-f]{64}\\.\\n$`));
    expect(await eventsOf(out)).toEqual(await eventsOf(log));
    expect((await cli('audit', 'verify', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').length).toBe(events + 2);
  });

  it('a schema that holds no log is said in one sentence', async () => {
    const run = await cli('export', '--pglite', dataDir, '--schema', 'elsewhere', '--out', join(dir, 'none.jsonl'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^practice-ledger: The database has no practice-ledger log to export: PostgreSQL schema "elsewhere" is at version 0 [^\n]+\.\n$/);
  });
});
