/**
 * Reading a log file on two threads: a worker checks the hash chain (`chain-worker.ts`)
 * while this thread parses and decodes the events, a chunk of the file at a time. No event
 * is handed out before the worker has checked its line, and the error is the one reading
 * the lines in order would raise: the first bad line wins, and on one line a broken chain
 * comes before an undecodable event.
 */
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { EventRegistry } from '../../core/kernel/codecs.js';
import type { DomainEvent } from '../../core/kernel/envelope.js';
import { ChainVerifier } from './chain-worker.js';
import { lineSplitter, LogIntegrityError } from './hash-chain.js';
import { logEventOf, type LogEvent } from './log-event.js';

export interface ReadLogFileOptions {
  /**
   * Bytes read at a time. Reads of 64 KB keep each chunk's text among the young objects the
   * garbage collector frees cheaply; megabyte reads went to the large-object space and
   * raised the peak memory of a long replay by a third.
   * @defaultValue 65536
   */
  readonly chunkBytes?: number;
}

const EVENT_AT = '","event":';
const END_AT = '","end":';

/**
 * The `event` value of a line in the log's format, `null` for the end line, `undefined`
 * for anything else. Found by position: it is the text the chain's pattern would find, for
 * every line the pattern accepts (the hex fields are the worker's to check).
 */
const bodyOf = (text: string): string | null | undefined => {
  if (!text.startsWith('{"seq":') || text.charCodeAt(text.length - 1) !== 0x7d) return undefined;
  let at = 7;
  for (let c = text.charCodeAt(at); c >= 0x30 && c <= 0x39; c = text.charCodeAt(at)) at++;
  if (at === 7 || !text.startsWith(',"prev":"', at) || !text.startsWith('","hash":"', at + 9 + 64)) return undefined;
  at += 9 + 64 + 10 + 64;
  if (text.startsWith(EVENT_AT, at) && at + EVENT_AT.length < text.length) return text.slice(at + EVENT_AT.length, -1);
  return text.startsWith(END_AT, at) ? null : undefined;
};

/** The events of some consecutive lines, and the error of the first line that has none. */
interface Parsed<E extends DomainEvent> {
  readonly events: LogEvent<E>[];
  /** The last line read. */
  readonly last: number;
  readonly failure?: { readonly line: number; readonly error: unknown };
}

const parseLines = <E extends DomainEvent>(registry: EventRegistry<E>, lines: readonly string[], first: number): Parsed<E> => {
  const events: LogEvent<E>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = first + i;
    const body = bodyOf(lines[i] as string);
    if (body === null) continue;
    try {
      if (body === undefined) throw new LogIntegrityError(line, 'is not a log line (damaged or not from practice-ledger)');
      events.push(logEventOf(registry, body, line));
    } catch (error) {
      return { events, last: line, failure: { line, error } };
    }
  }
  return { events, last: first + lines.length - 1 };
};

/**
 * Reads a log file, its chain checked by a worker thread: the same events and the same
 * errors as `readLog` (which uses it for files of 4 MiB or more).
 */
export async function* readLogFile<E extends DomainEvent>(
  registry: EventRegistry<E>,
  path: string,
  options: ReadLogFileOptions = {},
): AsyncGenerator<LogEvent<E>> {
  const verifier = new ChainVerifier();
  // The events of one chunk are handed out once the worker has checked their lines; then
  // the first error among them. (Yielded here, not by a nested generator: each level of
  // async generators costs a promise per event.)
  const settle = async (parsed: Parsed<E>): Promise<{ readonly events: readonly LogEvent<E>[]; readonly error?: unknown }> => {
    const upTo = parsed.failure?.line ?? parsed.last;
    const found = await verifier.through(upTo);
    // A fault after these lines (the worker may be a chunk ahead) is for a later call.
    if (found !== undefined && found.line <= upTo) {
      return { events: parsed.events.filter((e) => e.line < found.line), error: new LogIntegrityError(found.line, found.reason) };
    }
    return parsed.failure === undefined ? { events: parsed.events } : { events: parsed.events, error: parsed.failure.error };
  };
  const file = await open(path, 'r');
  const size = options.chunkBytes ?? 1 << 16;
  // Each read gets a buffer of its own: once decoded here, it is moved to the worker (not copied).
  const read = async (): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafeSlow(size);
    const { bytesRead } = await file.read(buffer, 0, size, null);
    return buffer.subarray(0, bytesRead);
  };
  try {
    const decoder = new StringDecoder('utf8');
    const splitter = lineSplitter();
    let line = 0;
    let pending: Parsed<E> | undefined;
    for (let next = read(); ; ) {
      const bytes = await next;
      if (bytes.length === 0) break;
      next = read();
      const text = decoder.write(bytes);
      verifier.send(bytes);
      if (pending !== undefined) {
        const settled = await settle(pending);
        for (const event of settled.events) yield event;
        if ('error' in settled) throw settled.error;
      }
      const lines = splitter.push(text);
      pending = parseLines(registry, lines, line + 1);
      line += lines.length;
    }
    verifier.end();
    const tail = splitter.end(decoder.end());
    for (const parsed of [pending, tail.length > 0 ? parseLines(registry, tail, line + 1) : undefined]) {
      if (parsed === undefined) continue;
      const settled = await settle(parsed);
      for (const event of settled.events) yield event;
      if ('error' in settled) throw settled.error;
    }
    const verdict = await verifier.finished();
    if ('fault' in verdict) throw new LogIntegrityError(verdict.fault.line, verdict.fault.reason);
  } finally {
    verifier.close();
    await file.close();
  }
}
