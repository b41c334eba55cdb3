import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPracticeLedger, practiceEvents } from '../../../core/index.js';
import { exportLog, readLog } from '../../../adapters/jsonl/index.js';
import { createPostgresEventStore } from '../../../adapters/postgres/index.js';
import { manualClock, sequentialIds } from '../../../adapters/system/index.js';
import { postgresUrl, uniqueSchema } from '../../support/postgres.js';
import { cli, tempDir } from './support.js';

const dir = tempDir();
const schema = uniqueSchema('cli_export');
const written = join(dir, 'written.jsonl');

beforeAll(async () => {
  // A practice's first commands, through the facade, on a PostgreSQL server.
  const store = await createPostgresEventStore(practiceEvents, { connectionString: postgresUrl(), schema });
  const ledger = createPracticeLedger({ store, clock: manualClock('2025-03-03T14:00:00Z'), ids: sequentialIds(), timeZone: 'America/New_York' });
  await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: { amount: 9900, currency: 'USD' }, frequency: 'monthly', includedServices: [{ serviceId: 'treatment', quantity: 2 }] });
  await ledger.signUpForMembership({ membershipId: 'm1', clientId: 'c1', planId: 'gold' });
  await ledger.bookSession({ clientId: 'c1', bookingId: 'b1', appointmentType: 'treatment', channel: 'client_portal' });
  await ledger.transferCredits({ fromClientId: 'c1', toClientId: 'c2', appointmentType: 'treatment', quantity: 1 });
  await exportLog(store, practiceEvents, written);
  await store.close();
});

describe('practice-ledger export --postgres', () => {
  it('writes the server’s whole log, which the store’s own export wrote, and the audit passes', async () => {
    const out = join(dir, 'exported.jsonl');
    const run = await cli('export', '--postgres', postgresUrl(), '--schema', schema, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Exported \d+ events from PostgreSQL postgresql:\/\/.* to .*exported\.jsonl; hash chain head [0-9a-f]{64}\.\n$/);
    const events = async (path: string) => {
      const all = [];
      for await (const e of readLog(practiceEvents, path)) all.push(e);
      return all;
    };
    expect(await events(out)).toEqual(await events(written));
    expect((await cli('audit', 'verify', out)).code).toBe(0);
  });
});
