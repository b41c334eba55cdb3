import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPracticeLedger, practiceEvents } from '../../../core/index.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { exportLog } from '../../../adapters/jsonl/index.js';
import { manualClock, sequentialIds } from '../../../adapters/system/index.js';
import { cli, tempDir } from './support.js';

const dir = tempDir();
const log = join(dir, 'small.jsonl');
const root = fileURLToPath(new URL('../../..', import.meta.url));

beforeAll(async () => {
  const store = createInMemoryEventStore(practiceEvents);
  const ledger = createPracticeLedger({ store, clock: manualClock('2025-03-03T14:00:00Z'), ids: sequentialIds(), timeZone: 'America/New_York' });
  await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: { amount: 9900, currency: 'USD' }, frequency: 'monthly', includedServices: [{ serviceId: 'treatment', quantity: 1 }] });
  await ledger.signUpForMembership({ membershipId: 'm1', clientId: 'c1', planId: 'gold' });
  await ledger.bookSession({ clientId: 'c1', bookingId: 'b1', appointmentType: 'treatment', channel: 'client_portal' });
  await exportLog(store, practiceEvents, log);
  const lines = readFileSync(log, 'utf8').split('\n');
  writeFileSync(join(dir, 'corrupt.jsonl'), [...lines.slice(0, 2), '{"seq":3,"oops"', ...lines.slice(3)].join('\n'));
  writeFileSync(join(dir, 'cut.jsonl'), `${lines.slice(0, 3).join('\n')}\n`);
  writeFileSync(join(dir, 'not-a-log.txt'), 'Dear auditor,\n');
  mkdirSync(join(dir, 'a-folder'));
});

/** One sentence on one line: the program's name, a sentence, a full stop; no stack trace. */
const oneSentence = (stderr: string): void => {
  expect(stderr).toMatch(/^practice-ledger: [^\n]+\.\n$/);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('practice-ledger: bad input gets one clear sentence and a non-zero exit', () => {
  const cases: readonly (readonly [string, () => readonly string[], number, RegExp])[] = [
    ['a missing file', () => ['audit', 'verify', join(dir, 'missing.jsonl')], 1, /There is no file .*missing\.jsonl\./],
    ['a folder given as a log', () => ['replay', join(dir, 'a-folder')], 1, /a-folder is a directory, not a log file\./],
    ['a corrupt line', () => ['audit', 'verify', join(dir, 'corrupt.jsonl')], 1, /corrupt\.jsonl line 3 is not a log line/],
    ['a cut-off log', () => ['report', 'revenue', '--log', join(dir, 'cut.jsonl')], 1, /cut\.jsonl line 4 is missing: the log has no end line/],
    ['a file that is not a log', () => ['replay', join(dir, 'not-a-log.txt')], 1, /not-a-log\.txt line 1 is not a log line/],
    ['an unknown report', () => ['report', 'profits', '--log', log], 1, /There is no report "profits"; the reports are revenue, /],
    ['an unknown report to replay into', () => ['replay', log, '--report', 'profits'], 1, /There is no report "profits"/],
    ['a bad date', () => ['report', 'revenue', '--log', log, '--as-of', '2025-02-30'], 1, /--as-of must be a date written YYYY-MM-DD, such as 2025-12-31 \(got "2025-02-30"\)\./],
    ['an unknown time zone', () => ['report', 'revenue', '--log', log, '--time-zone', 'Atlantis/Capital'], 1, /--time-zone must be an IANA time zone name/],
    ['an unknown format', () => ['report', 'revenue', '--log', log, '--format', 'xml'], 1, /--format must be one of table, csv, json/],
    ['a client for a report about every client', () => ['report', 'revenue', '--log', log, '--client', 'c1'], 1, /takes no --client/],
    ['a report without its log', () => ['report', 'revenue'], 1, /--log <file> is required/],
    ['a seed that is not a number', () => ['demo', '--seed', 'forty-two'], 1, /--seed must be a whole number \(got "forty-two"\)\./],
    ['an export from no store', () => ['export', '--out', join(dir, 'x.jsonl')], 1, /Give exactly one store to export from/],
    ['an export from two stores', () => ['export', '--pglite', dir, '--eventstoredb', 'esdb://localhost:2113', '--out', join(dir, 'x.jsonl')], 1, /Give exactly one store/],
    ['an export from a PGlite directory that is not there', () => ['export', '--pglite', join(dir, 'nothing'), '--out', join(dir, 'x.jsonl')], 1, /There is no PGlite database directory/],
    ['an EventStoreDB connection string that is not one', () => ['export', '--eventstoredb', 'not a url', '--out', join(dir, 'x.jsonl')], 1, /Cannot open the store at not a url: .*esdb:\/\//],
    ['an EventStoreDB cluster that does not answer', () => ['export', '--eventstoredb', 'esdb://127.0.0.1:1?tls=false', '--out', join(dir, 'x.jsonl')], 1, /Cannot export EventStoreDB esdb:\/\/127\.0\.0\.1:1\?tls=false to .*x\.jsonl: /],
    ['an unknown option', () => ['audit', 'verify', log, '--fast'], 2, /Unknown option '--fast'\. See practice-ledger --help\./],
    ['an unknown command', () => ['repaly', log], 2, /Unknown command 'repaly' \(Did you mean replay\?\)\./],
    ['a missing argument', () => ['audit', 'verify'], 2, /Missing required argument 'log'\./],
  ];
  for (const [name, argv, code, message] of cases) {
    it(name, async () => {
      const run = await cli(...argv());
      expect(run.code).toBe(code);
      expect(run.stdout).toBe('');
      oneSentence(run.stderr);
      expect(run.stderr).toMatch(message);
    });
  }

  it('a PostgreSQL server that does not answer: the password is not repeated', async () => {
    const run = await cli('export', '--postgres', 'postgresql://ledger:s3cret@127.0.0.1:1/practice', '--out', join(dir, 'x.jsonl'));
    expect(run.code).toBe(1);
    oneSentence(run.stderr);
    expect(run.stderr).toMatch(/Cannot open the store at postgresql:\/\/ledger:\*\*\*@127\.0\.0\.1:1\/practice: /);
    expect(run.stderr).not.toContain('s3cret');
  });
});

describe('practice-ledger as a real child process', () => {
  const run = (...args: readonly string[]) => spawnSync(process.execPath, [join(root, 'test/support/run-cli.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  it('fails on bad input with one sentence on stderr, nothing on stdout, and exit code 1', () => {
    const child = run('audit', 'verify', join(dir, 'corrupt.jsonl'));
    expect(child.status).toBe(1);
    expect(child.stdout).toBe('');
    oneSentence(child.stderr);
    expect(child.stderr).toContain('line 3 is not a log line');
  });

  it('piped, it prints the report and no progress bar', () => {
    const child = run('report', 'active-members', '--log', log, '--time-zone', 'America/New_York');
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('Active members — as of 2025-03-03 (America/New_York)');
    expect(child.stdout).toMatch(/c1\s+m1\s+Gold\s+2025-03-03\s+2025-04-03\s+USD 99\.00\s+active/);
  });
});
