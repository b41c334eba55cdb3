import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postgresLedger } from '../../examples/postgres-ledger.js';

/** The example imports the sources; the README shows the same program importing the package. */
const asPackageImports = (code: string): string =>
  code
    .replace("from '../core/index.js'", "from 'practice-ledger'")
    .replace("from '../adapters/postgres/index.js'", "from 'practice-ledger/postgres'")
    .replace("from '../projections/index.js'", "from 'practice-ledger/projections'");

describe('README: PostgreSQL, PGlite and EventStoreDB', () => {
  it('the example runs on PGlite: commands with snapshots, then a projection saved with its checkpoint', async () => {
    const lines: string[] = [];
    await postgresLedger((line) => lines.push(line));
    expect(lines).toEqual(['Minutes per client up to position 2: {"c42":105,"c7":30}']);
  });

  it('is quoted in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL('../../examples/postgres-ledger.ts', import.meta.url), 'utf8');
    const block = /## PostgreSQL, PGlite and EventStoreDB[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(asPackageImports(code));
  });
});
