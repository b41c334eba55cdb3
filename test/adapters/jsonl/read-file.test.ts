import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { ChainWriter, logEventBody, readLog, readLogFile } from '../../../adapters/jsonl/index.js';
import { counterEvents } from '../../support/counter.js';

const bodiesOf = async (n: number): Promise<string[]> => {
  const store = createInMemoryEventStore(counterEvents);
  for (let i = 0; i < n; i++) {
    await store.appendToStream(`counter-${i % 3}`, [
      { event: { type: 'CounterIncremented', data: { by: i + 1, note: `n${i} é ✓` } }, eventId: `e${i}`, metadata: { at: '2025-01-01T00:00:00.000Z', commandId: `c${i}` } },
    ]);
  }
  const bodies: string[] = [];
  for await (const recorded of store.readAll()) bodies.push(logEventBody(counterEvents, recorded));
  return bodies;
};

const chained = (bodies: readonly string[]): string[] => {
  const writer = new ChainWriter();
  return [...bodies.map((b) => writer.event(b)), writer.end()];
};

/** What reading gives: the events (with their lines) and the error, if any. */
const outcome = async (read: AsyncIterable<unknown>): Promise<{ events: unknown[]; error?: unknown }> => {
  const events: unknown[] = [];
  try {
    for await (const e of read) events.push(e);
    return { events };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; line?: unknown; reason?: unknown };
    return { events, error: { name: e.name, message: e.message, line: e.line, reason: e.reason, type: error?.constructor } };
  }
};

/** Ways a log goes wrong: bytes changed, lines moved, cut off, or forged with a valid chain. */
const damage = (bodies: readonly string[]): fc.Arbitrary<Buffer> => {
  const text = (lines: readonly string[], end = '\n') => Buffer.from(lines.join('\n') + end, 'utf8');
  const lines = chained(bodies);
  return fc.oneof(
    fc.constant(text(lines)),
    fc.constant(text(lines, '')),
    fc.constant(Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, flip]) => {
      const bytes = text(lines);
      const i = at % bytes.length;
      bytes[i] = (bytes[i] ?? 0) ^ flip;
      return bytes;
    }),
    fc.nat().map((at) => text(lines).subarray(0, at % (text(lines).length + 1))),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => {
      const copy = [...lines];
      const [i, j] = [a % copy.length, b % copy.length];
      [copy[i], copy[j]] = [copy[j] ?? '', copy[i] ?? ''];
      return text(copy);
    }),
    fc.nat().map((a) => text([...lines.slice(0, a % lines.length), ...lines.slice((a % lines.length) + 1)])),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => text([...lines.slice(0, a % lines.length), lines[b % lines.length] ?? '', ...lines.slice(a % lines.length)])),
    fc
      .tuple(
        fc.nat(),
        fc.oneof(
          fc.constantFrom('end', '', 'null', '{}', '[1]', '{"count":3}'),
          fc.string(),
          fc.constantFrom(['"by":', '"by":"x",'], ['"v":1', '"v":7'], ['"type":"CounterIncremented"', '"type":"Nope"'], ['"revision":"', '"revision":"0'], ['"meta":{', '"meta":{"who":"x",']),
        ),
      )
      .map(([a, forged]) => {
        const copy = [...bodies];
        const i = a % copy.length;
        copy[i] = typeof forged === 'string' ? forged : (copy[i] ?? '').replace(forged[0], forged[1]);
        return text(chained(copy));
      }),
  );
};

describe('reading a log file with the chain checked in a worker thread', () => {
  it('law: the same events and the same error as reading the lines in order, for any damage and any read size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-read-file-'));
    const bodies = await bodiesOf(12);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(damage(bodies), fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 400, max: 3000 })), async (bytes, chunkBytes) => {
        const path = join(dir, `log-${n++}.jsonl`);
        writeFileSync(path, bytes);
        const inOrder = await outcome(readLog(counterEvents, path));
        expect(await outcome(readLogFile(counterEvents, path, { chunkBytes }))).toEqual(inOrder);
      }),
      { numRuns: 120 },
    );
  }, 60_000);

  it('reads a whole log and stops cleanly when the reader stops early', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-read-file-'));
    const path = join(dir, 'log.jsonl');
    writeFileSync(path, chained(await bodiesOf(300)).join('\n') + '\n');
    const all = await outcome(readLogFile(counterEvents, path, { chunkBytes: 1000 }));
    expect(all.error).toBeUndefined();
    expect(all.events).toHaveLength(300);
    let seen = 0;
    for await (const _ of readLogFile(counterEvents, path, { chunkBytes: 1000 })) if (++seen === 5) break;
    expect(seen).toBe(5);
  });
});
