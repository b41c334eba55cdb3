/**
 * Export, import and verification of the whole log as JSON Lines with a hash chain
 * (see `hash-chain.ts` for the format). Each event line holds the envelope with revisions
 * and positions as decimal strings:
 *
 *   {"stream":"credits-c1","revision":"0","position":"0","id":"…","type":"CreditsGranted","v":1,"data":{…},"meta":{…}}
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import type { EventRegistry } from '../../core/kernel/codecs.js';
import type { DomainEvent, RecordedEvent } from '../../core/kernel/envelope.js';
import type { EventStore } from '../../core/kernel/event-store.js';
import { ChainReader, ChainWriter, LogIntegrityError, lineSplitter } from './hash-chain.js';
import { logEventOf, type LogEvent } from './log-event.js';
import { readLogFile } from './read-file.js';

const PARALLEL_FROM_BYTES = 4 << 20;

/** The JSON text of one event line's `event` value. */
export const logEventBody = <E extends DomainEvent>(registry: EventRegistry<E>, recorded: RecordedEvent<E>): string => {
  const encoded = registry.encode(recorded);
  return JSON.stringify({
    stream: recorded.streamName,
    revision: recorded.revision.toString(),
    position: recorded.position.toString(),
    id: recorded.eventId,
    type: encoded.type,
    v: encoded.schemaVersion,
    data: encoded.data,
    meta: recorded.metadata,
  });
};

/** The lines of a log of `events`, end line included. */
export async function* logLines<E extends DomainEvent>(
  registry: EventRegistry<E>,
  events: AsyncIterable<RecordedEvent<E>>,
): AsyncGenerator<string> {
  const writer = new ChainWriter();
  for await (const recorded of events) yield writer.event(logEventBody(registry, recorded));
  yield writer.end();
}

/** Writes the whole store to a JSONL file; returns the number of events and the head hash. */
export const exportLog = async <E extends DomainEvent>(
  store: EventStore<E>,
  registry: EventRegistry<E>,
  path: string,
): Promise<{ readonly events: number; readonly head: string }> => {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const writer = new ChainWriter();
  let events = 0;
  const write = async (line: string): Promise<void> => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  try {
    for await (const recorded of store.readAll()) {
      await write(writer.event(logEventBody(registry, recorded)));
      events++;
    }
    await write(writer.end());
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return { events, head: writer.head };
};

/**
 * The lines of a text file, a chunk at a time (each array holds the lines that ended in one
 * read), without their line ends (`\n` or `\r\n`). See `ReadLogFileOptions.chunkBytes`.
 */
async function* fileLineChunks(path: string): AsyncGenerator<readonly string[]> {
  const decoder = new StringDecoder('utf8');
  const splitter = lineSplitter();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    const lines = splitter.push(decoder.write(chunk as Buffer));
    if (lines.length > 0) yield lines;
  }
  const last = splitter.end(decoder.end());
  if (last.length > 0) yield last;
}

/** The lines of a text file, without their line ends (`\n` or `\r\n`). */
export async function* fileLines(path: string): AsyncGenerator<string> {
  for await (const lines of fileLineChunks(path)) yield* lines;
}

/** The lines of a log source, in arrays (a file is read a chunk at a time). */
async function* lineChunks(source: string | AsyncIterable<string> | Iterable<string>): AsyncGenerator<readonly string[]> {
  if (typeof source === 'string') {
    yield* fileLineChunks(source);
    return;
  }
  for await (const line of source) yield [line];
}

export type VerifyResult =
  | { readonly ok: true; readonly events: number; readonly head: string }
  | { readonly ok: false; readonly line: number; readonly reason: string };

/**
 * Checks the chain of a log: every altered, dropped, inserted or reordered line is found,
 * and the first bad line is named. Pass a path or the lines themselves.
 */
export const verifyLog = async (source: string | AsyncIterable<string> | Iterable<string>): Promise<VerifyResult> => {
  const reader = new ChainReader();
  try {
    for await (const lines of lineChunks(source)) for (const text of lines) reader.check(text);
    return { ok: true, ...reader.finish() };
  } catch (error) {
    if (error instanceof LogIntegrityError) return { ok: false, line: error.line, reason: error.reason };
    throw error;
  }
};

/**
 * Reads a log, checking the chain as it goes and decoding each event with the registry:
 * a broken chain throws `LogIntegrityError`, an undecodable event `EventDecodeError`;
 * both name the line.
 */
export function readLog<E extends DomainEvent>(
  registry: EventRegistry<E>,
  source: string | AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<LogEvent<E>> {
  // A worker thread costs a few milliseconds to start: worth it from a few thousand events.
  // (Returned, not delegated to: each level of async generators costs a promise per event.)
  return typeof source === 'string' && sizeOf(source) >= PARALLEL_FROM_BYTES ? readLogFile(registry, source) : readInOrder(registry, source);
}

/** The size of a file, or 0 if it cannot be read (reading it then raises the error). */
const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

async function* readInOrder<E extends DomainEvent>(
  registry: EventRegistry<E>,
  source: string | AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<LogEvent<E>> {
  const reader = new ChainReader();
  let line = 0;
  for await (const lines of lineChunks(source)) {
    for (const text of lines) {
      line++;
      const entry = reader.check(text);
      if (entry.kind === 'event') yield logEventOf(registry, entry.body, line);
    }
  }
  reader.finish();
}

/**
 * Appends every event of a log to a store, stream by stream, with the revisions the log
 * says (so importing into a store that already holds those streams fails with
 * `WrongExpectedRevision` rather than mixing two histories). Event ids and metadata are kept.
 */
export const importLog = async <E extends DomainEvent>(
  store: EventStore<E>,
  registry: EventRegistry<E>,
  source: string | AsyncIterable<string> | Iterable<string>,
): Promise<{ readonly events: number }> => {
  let events = 0;
  for await (const recorded of readLog(registry, source)) {
    await store.appendToStream(
      recorded.streamName,
      [{ event: recorded, eventId: recorded.eventId, metadata: recorded.metadata }],
      { expectedRevision: recorded.revision === 0n ? 'no_stream' : recorded.revision - 1n },
    );
    events++;
  }
  return { events };
};
