import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { exportLog, importLog, readLog, verifyLog, logLines } from '../../../adapters/jsonl/index.js';
import { counterEvents, type CounterEvent } from '../../support/counter.js';
import type { NewEvent } from '../../../core/kernel/envelope.js';

const ev = (i: number, by = 1): NewEvent<CounterEvent> => ({
  event: { type: 'CounterIncremented', data: { by, note: `n${i}` } },
  eventId: `e${i}`,
  metadata: { at: '2025-01-01T00:00:00.000Z', commandId: `c${i}` },
});

const seeded = async (n = 6) => {
  const store = createInMemoryEventStore(counterEvents);
  for (let i = 0; i < n; i++) await store.appendToStream(`counter-${i % 3}`, [ev(i, i + 1)]);
  return store;
};

const linesOf = async (n = 6): Promise<string[]> => {
  const out: string[] = [];
  for await (const line of logLines(counterEvents, (await seeded(n)).readAll())) out.push(line);
  return out;
};

describe('JSONL log with a hash chain', () => {
  it('exports, verifies, reads back and imports the whole log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-jsonl-'));
    const path = join(dir, 'log.jsonl');
    const store = await seeded();
    const exported = await exportLog(store, counterEvents, path);
    expect(exported.events).toBe(6);
    const verified = await verifyLog(path);
    expect(verified).toEqual({ ok: true, events: 6, head: exported.head });
    const read = [];
    for await (const e of readLog(counterEvents, path)) read.push(e);
    expect(read.map((e) => [e.streamName, e.revision, e.position, e.line])).toEqual([
      ['counter-0', 0n, 0n, 1],
      ['counter-1', 0n, 1n, 2],
      ['counter-2', 0n, 2n, 3],
      ['counter-0', 1n, 3n, 4],
      ['counter-1', 1n, 4n, 5],
      ['counter-2', 1n, 5n, 6],
    ]);
    const copy = createInMemoryEventStore(counterEvents);
    expect(await importLog(copy, counterEvents, path)).toEqual({ events: 6 });
    const again = join(dir, 'again.jsonl');
    await exportLog(copy, counterEvents, again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(path, 'utf8'));
    writeFileSync(join(dir, 'empty.jsonl'), '');
    expect(await verifyLog(join(dir, 'empty.jsonl'))).toMatchObject({ ok: false, line: 1 });
  });

  it('names an altered line', async () => {
    const lines = await linesOf();
    const altered = lines.map((l, i) => (i === 2 ? l.replace('"by":3', '"by":30') : l));
    expect(await verifyLog(altered)).toMatchObject({ ok: false, line: 3, reason: expect.stringMatching(/altered/) });
  });
  it('names a dropped, inserted or reordered line', async () => {
    const lines = await linesOf();
    expect(await verifyLog([...lines.slice(0, 2), ...lines.slice(3)])).toMatchObject({ ok: false, line: 3 });
    expect(await verifyLog([...lines.slice(0, 4), lines[1] ?? '', ...lines.slice(4)])).toMatchObject({ ok: false, line: 5 });
    expect(await verifyLog([lines[0] ?? '', lines[2] ?? '', lines[1] ?? '', ...lines.slice(3)])).toMatchObject({ ok: false, line: 2 });
  });
  it('notices a log cut off before its end line, and lines after the end', async () => {
    const lines = await linesOf();
    expect(await verifyLog(lines.slice(0, -1))).toMatchObject({ ok: false, line: 7, reason: expect.stringMatching(/cut off/) });
    expect(await verifyLog(lines.slice(0, 3))).toMatchObject({ ok: false, line: 4 });
    expect(await verifyLog([...lines, lines[0] ?? ''])).toMatchObject({ ok: false, line: 8 });
  });
  it('law: flipping any byte of any line is detected at that line', async () => {
    const lines = await linesOf(5);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: lines.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (lineIndex, at, flip) => {
        const line = lines[lineIndex] ?? '';
        const pos = at % line.length;
        const bytes = Buffer.from(line, 'utf8');
        const b = bytes[pos] ?? 0;
        bytes[pos] = b ^ flip;
        const damaged = bytes.toString('latin1');
        if (damaged === line) return;
        const copy = [...lines];
        copy[lineIndex] = damaged;
        expect(await verifyLog(copy)).toMatchObject({ ok: false, line: lineIndex + 1 });
      }),
      { numRuns: 300 },
    );
  });
  it('reading a damaged log stops at the bad line with its number', async () => {
    const lines = await linesOf();
    const damaged = lines.map((l, i) => (i === 3 ? l.replace('"type":"CounterIncremented"', '"type":"CounterIncremented"x') : l));
    const run = async () => {
      for await (const _ of readLog(counterEvents, damaged)) void _;
    };
    await expect(run()).rejects.toMatchObject({ line: 4 });
  });
});
