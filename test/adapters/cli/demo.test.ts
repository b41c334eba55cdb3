import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir, type CliRun } from './support.js';

const dir = tempDir();
const out = join(dir, 'year.jsonl');
let run: CliRun;
let text: string;

beforeAll(async () => {
  run = await cli('demo', '--out', out);
  text = run.stdout.replaceAll(out, 'demo-out/practice-year.jsonl');
});

describe('practice-ledger demo', () => {
  it('prints the year of the default seed exactly as the stored snapshot (what `npm run demo` prints)', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The snapshot is regenerated only deliberately: `npx vitest run test/adapters/cli/demo.test.ts -u`.
    await expect(text).toMatchFileSnapshot('./snapshots/demo-seed-1.txt');
  });

  it('the same seed gives the same output and the same log, byte for byte; another seed another year', async () => {
    const year = async (seed: string, name: string) => {
      const out = join(dir, name);
      const run = await cli('demo', '--seed', seed, '--clients', '6', '--out', out);
      expect(run.code).toBe(0);
      return { text: run.stdout.replaceAll(out, '<log>'), log: readFileSync(out) };
    };
    const first = await year('42', 'a.jsonl');
    const again = await year('42', 'b.jsonl');
    const other = await year('43', 'c.jsonl');
    expect(again.text).toBe(first.text);
    expect(again.log.equals(first.log)).toBe(true);
    expect(other.log.equals(first.log)).toBe(false);
  });

  it('shows the featured client’s credit history with every kind of reason, and the log line to replay', async () => {
    const history = text.slice(text.indexOf('Credit history of alex'), text.indexOf('Credits report, as of'));
    for (const reason of [
      'package_purchased',
      'membership_period',
      'renewal_cycle',
      'promotional_grant',
      'courtesy_grant',
      'manual_grant',
      'appointment_scheduled',
      'cancellation_restore ',
      'cancellation_restore_expired',
      'cancellation_restore_voided',
      'cancellation_not_restored',
      'manual_adjustment',
      'settings_change',
      'expiry ',
      'voided',
      'expiry_extended',
      'rollover',
      'transfer_in',
      'transfer_out',
      'transfer_reversed',
      'debt_repaid',
    ]) {
      expect(history, reason).toContain(reason);
    }
    for (const title of ['Credit balances', 'Active members', 'Upcoming renewals', 'Package usage', 'Overdue check-ins', 'Revenue as of', 'Most popular packages', 'Churn and revenue stability', 'Package usage by package']) {
      expect(text, title).toContain(title);
    }
    expect(text).toContain('events written to demo-out/practice-year.jsonl');
  });
});

describe('README: five minutes, demo → replay → audit', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Five minutes'), readme.indexOf('## Quick start'));
  const blocks = (lang: string): string[] => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');
  const asInReadme = (s: string): string => s.replaceAll(out, 'demo-out/practice-year.jsonl');

  it('quotes lines the demo prints', () => {
    const printed = new Set(text.split('\n'));
    for (const line of (blocks('text')[0] ?? '').split('\n').filter((l) => l !== '' && l !== '…')) expect(printed.has(line), line).toBe(true);
  });

  it('its replay and report commands run on the demo’s log', async () => {
    for (const command of (blocks('sh')[0] ?? '').split('\n').filter((l) => l.startsWith('npx practice-ledger '))) {
      const argv = command.replace(/\s+#.*$/, '').split(/\s+/).slice(2).map((a) => (a === 'demo-out/practice-year.jsonl' ? out : a));
      const run = await cli(...argv);
      expect(run.stderr, command).toBe('');
      expect(run.code, command).toBe(0);
    }
  });

  it('shows what the audit prints, and what it says of a changed character', async () => {
    const passed = await cli('audit', 'verify', out);
    expect(`${asInReadme(passed.stdout)}`).toBe(blocks('text')[1]);
    const lines = readFileSync(out, 'utf8').split('\n');
    lines[1999] = (lines[1999] ?? '').replace('"revision":"', '"revision":"1'); // sed -i '2000s/"revision":"/"revision":"1/'
    const altered = `${out}.altered`;
    writeFileSync(altered, lines.join('\n'));
    const failed = await cli('audit', 'verify', altered);
    expect(failed.code).toBe(1);
    expect(failed.stderr.replaceAll(altered, 'demo-out/practice-year.jsonl')).toBe(blocks('text')[2]);
  });
});
