import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { practiceEvents } from '../../../core/index.js';
import { simulatePracticeYear } from '../../../adapters/cli/index.js';
import { exportLog } from '../../../adapters/jsonl/index.js';
import { cli, parseLine, rechain, tempDir, type LogLine } from './support.js';

const dir = tempDir();
const log = join(dir, 'year.jsonl');
let lines: string[];
let bytes: Buffer;

beforeAll(async () => {
  const year = await simulatePracticeYear({ seed: 5, clients: 6 });
  await exportLog(year.store, practiceEvents, log);
  bytes = readFileSync(log);
  lines = bytes.toString('utf8').split('\n').slice(0, -1);
});

/** The 1-based line of the first event matching, and that event. */
const find = (match: (e: NonNullable<LogLine['event']>) => boolean): { readonly line: number; readonly index: number } => {
  const index = lines.findIndex((l) => {
    const event = parseLine(l).event;
    return event !== undefined && match(event);
  });
  if (index < 0) throw new Error('no such event in the demo log');
  return { line: index + 1, index };
};

const audit = async (content: readonly string[] | Buffer) => {
  const file = join(dir, 'audited.jsonl');
  writeFileSync(file, Buffer.isBuffer(content) ? content : `${content.join('\n')}\n`);
  return { file, ...(await cli('audit', 'verify', file)) };
};

describe('practice-ledger audit verify', () => {
  it('passes on the demo’s log, re-deriving every client’s credits', async () => {
    const run = await cli('audit', 'verify', log, '--balances');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${log}: the audit passed.`);
    expect(run.stdout).toMatch(/Credits: \d+ clients' ledgers re-derived from \d+ events/);
    expect(run.stdout).toMatch(/alex\s+follow-up\s+\d+/);
  });

  it('re-chaining the log unchanged gives it back byte for byte (the forgeries below differ only where edited)', () => {
    expect(`${rechain(lines, (e) => e).join('\n')}\n`).toBe(bytes.toString('utf8'));
  });

  it('after one byte of any line is flipped, fails naming that line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (lineSeed, offsetSeed, mask) => {
        const line = lineSeed % lines.length;
        const start = lines.slice(0, line).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
        const length = Buffer.byteLength(lines[line] ?? '');
        const flipped = Buffer.from(bytes);
        const at = start + (offsetSeed % length);
        flipped[at] = (flipped[at] ?? 0) ^ mask;
        const run = await audit(flipped);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr.startsWith(`practice-ledger: ${run.file} line ${line + 1} `)).toBe(true);
        expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });

  describe('names the first line whose credits event its ledger does not imply, even when the chain was forged to match', () => {
    const forged = (match: (e: NonNullable<LogLine['event']>) => boolean, edit: (data: Record<string, unknown>) => void) => {
      const { line, index } = find(match);
      const tampered = rechain(lines, (e, i) => {
        if (i === index) edit(e.data);
        return e;
      });
      return { line, tampered };
    };
    const cases: readonly (readonly [string, (e: NonNullable<LogLine['event']>) => boolean, (d: Record<string, unknown>) => void, RegExp])[] = [
      ['a booking from a lot never granted', (e) => e.type === 'SessionBooked' && e.data.lot !== null, (d) => (d.lot = 999), /books ".*" with 1 from lot 999, which the ledger never granted/],
      ['a grant that skips a lot number', (e) => e.type === 'CreditsGranted', (d) => (d.lot = Number(d.lot) + 1), /grants lot \d+ where the ledger's next lot is \d+/],
      ['an expiry of more than the lot holds', (e) => e.type === 'CreditsExpired', (d) => (d.quantity = Number(d.quantity) + 1), /expires \d+ credits of lot \d+, which has \d+ left/],
      ['a rollover that rolls more than its policy', (e) => e.type === 'CreditsRolledOver' && Number(e.data.lapsed) > 0, (d) => {
        d.rolled = Number(d.rolled) + 1;
        d.lapsed = Number(d.lapsed) - 1;
      }, /rolls \d+ and lapses \d+ of \d+ where/],
      ['a cancellation that keeps a credit the policy restores', (e) => e.type === 'SessionCancelled' && e.data.restore === 'restored' && e.data.lot !== null, (d) => (d.restore = 'not_restored'), /records the credit of ".*" as not_restored where the policy and lot \d+ make it restored/],
      ['a manual adjustment from a wrong balance', (e) => e.type === 'CreditsAdjusted', (d) => {
        d.balanceBefore = Number(d.balanceBefore) + 1;
        d.balanceAfter = Number(d.balanceAfter) + 1;
      }, /says the .* balance was \d+, but its lots give \d+/],
      ['a received transfer that differs from what was given', (e) => e.type === 'CreditsTransferredIn', (d) => {
        const lots = d.lots as { quantity: number }[];
        if (lots[0] !== undefined) lots[0].quantity += 1;
      }, /receives transfer ".*" in other quantities or expiries than were given/],
      ['a credit a package declined moved elsewhere than the order of use', (e) => e.type === 'PackageCreditDeclined' && e.data.lot !== null, (d) => (d.lot = d.fromLot), /moves ".*" to lot \d+ where the order of use gives lot \d+/],
      ['a booking from a package’s lot that does not name the package', (e) => e.type === 'SessionBooked' && e.data.packageId !== undefined, (d) => {
        delete d.packageId;
        delete d.packageHolding;
        delete d.appliedToPackage;
      }, /books ".*" and names no package, but lot \d+ holds the units of package/],
      ['a voided lot named after another reference', (e) => e.type === 'CreditsVoided', (d) => (d.reference = 'someone-else'), /voids lot \d+ as granted by "someone-else"/],
    ];
    for (const [name, match, edit, reason] of cases) {
      it(name, async () => {
        const { line, tampered } = forged(match, edit);
        const run = await audit(tampered);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(new RegExp(`^practice-ledger: .* line ${line}: \\w+ in credits-\\S+ `));
        expect(run.stderr).toMatch(reason);
        expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      });
    }

    it('a credits event dropped from the log: its stream’s revisions show it; renumbered too, the next event that needed it is named', async () => {
      const { index } = find((e) => e.type === 'CreditsGranted' && e.stream === 'credits-alex');
      const dropped = await audit(rechain(lines, (e, i) => (i === index ? undefined : e)));
      expect(dropped.stderr).toMatch(/line \d+ holds revision 1 of credits-alex where revision 0 comes next/);
      const renumbered = await audit(
        rechain(lines, (e, i) => (i === index ? undefined : i > index && e.stream === 'credits-alex' ? { ...e, revision: String(Number(e.revision) - 1) } : e)),
      );
      expect(renumbered.code).toBe(1);
      expect(renumbered.stderr).toMatch(/line \d+: \w+ in credits-alex /);
    });

    it('a revision out of order', async () => {
      const { line, index } = find((e) => e.revision === '3');
      const run = await audit(rechain(lines, (e, i) => (i === index ? { ...e, revision: '4' } : e)));
      expect(run.stderr).toMatch(new RegExp(`line ${line} holds revision 4 of .* where revision 3 comes next`));
    });
  });
});
