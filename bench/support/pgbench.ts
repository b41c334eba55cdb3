/**
 * The practical limit of the PostgreSQL server: pgbench's rate of single-row inserts (one
 * row of about the size of an event, one transaction each) by 1 or several clients.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const SCRIPT = `\\set v random(1, 1000000000)
INSERT INTO pgbench_insert (v, data) VALUES (:v, repeat('x', 250));
`;

/** Creates the table pgbench inserts into. */
export const preparePgbench = async (url: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS pgbench_insert (id bigserial PRIMARY KEY, v bigint NOT NULL, data text NOT NULL)');
  } finally {
    await client.end();
  }
};

/** Inserts per second over `seconds` with `clients` connections. */
export const pgbenchInsertRate = (bin: string, url: string, clients: number, seconds: number): number => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pgbench-'));
  try {
    const script = join(dir, 'insert.sql');
    writeFileSync(script, SCRIPT);
    const out = execFileSync(
      join(bin, 'pgbench'),
      ['-n', '-M', 'prepared', '-f', script, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), url],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tps = /tps = ([\d.]+)/.exec(out)?.[1];
    if (tps === undefined) throw new Error(`pgbench printed no rate:\n${out}`);
    return Number(tps);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
