/**
 * Export, import and verification of the whole log as JSON Lines with a hash chain
 * (see `hash-chain.ts` for the format). Each event line holds the envelope with revisions
 * and positions as decimal strings:
 *
 *   {"stream":"credits-c1","revision":"0","position":"0","id":"…","type":"CreditsGranted","v":1,"data":{…},"meta":{…}}
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { EventRegistry } from '../../core/kernel/codecs.js';
import { EventMetadataC, type DomainEvent, type EventMetadata, type RecordedEvent } from '../../core/kernel/envelope.js';
import { EventDecodeError } from '../../core/kernel/errors.js';
import type { EventStore } from '../../core/kernel/event-store.js';
import { describeValidation } from '../../core/kernel/validation.js';
import { ChainReader, ChainWriter, LogIntegrityError } from './hash-chain.js';

const DecimalC = t.refinement(t.string, (s) => /^(0|[1-9]\d*)$/.test(s), 'DecimalString');

const LogEventC = t.type({
  stream: t.string,
  revision: DecimalC,
  position: DecimalC,
  id: t.string,
  type: t.string,
  v: t.number,
  data: t.unknown,
  meta: EventMetadataC,
});

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
 * read of 64 KB), without their line ends (`\n` or `\r\n`). Reads of that size keep the
 * chunk's text among the young objects the garbage collector frees cheaply; megabyte reads
 * went to the large-object space and raised the peak memory of a long replay by a third.
 */
async function* fileLineChunks(path: string): AsyncGenerator<readonly string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    const text = rest + decoder.write(chunk as Buffer);
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      lines.push(text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end));
      start = end + 1;
    }
    rest = text.slice(start);
    if (lines.length > 0) yield lines;
  }
  const last = rest + decoder.end();
  if (last !== '') yield [last.endsWith('\r') ? last.slice(0, -1) : last];
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

/** One event of a log with the line it came from. */
export type LogEvent<E extends DomainEvent> = RecordedEvent<E> & { readonly line: number };

type LogEnvelope = t.TypeOf<typeof LogEventC>;

const METADATA_KEYS = new Set(['at', 'commandId', 'causationId', 'correlationId', 'actor']);

const isDecimal = (u: unknown): u is string => {
  if (typeof u !== 'string' || u.length === 0 || (u.length > 1 && u.charCodeAt(0) === 0x30)) return false;
  for (let i = 0; i < u.length; i++) {
    const c = u.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
};

const isMetadata = (u: unknown): u is EventMetadata => {
  if (typeof u !== 'object' || u === null || typeof (u as { at?: unknown }).at !== 'string') return false;
  for (const key in u) if (!METADATA_KEYS.has(key) || typeof (u as Record<string, unknown>)[key] !== 'string') return false;
  return true;
};

/**
 * The envelope of an event line. A well-formed one (what the exporter writes) is checked
 * field by field; anything else is decoded with the codec, whose error names the field.
 */
const envelopeOf = (parsed: unknown, line: number): LogEnvelope => {
  if (typeof parsed === 'object' && parsed !== null) {
    const e = parsed as Partial<Record<keyof LogEnvelope, unknown>>;
    if (
      typeof e.stream === 'string' &&
      isDecimal(e.revision) &&
      isDecimal(e.position) &&
      typeof e.id === 'string' &&
      typeof e.type === 'string' &&
      typeof e.v === 'number' &&
      'data' in e &&
      isMetadata(e.meta)
    ) {
      return { stream: e.stream, revision: e.revision, position: e.position, id: e.id, type: e.type, v: e.v, data: e.data, meta: e.meta };
    }
  }
  const envelope = LogEventC.decode(parsed);
  if (isLeft(envelope)) {
    const { field, reason } = describeValidation(envelope.left);
    throw new LogIntegrityError(line, `has an event whose "${field}" ${reason}`);
  }
  return envelope.right;
};

/** The event of one checked line. */
const logEventOf = <E extends DomainEvent>(registry: EventRegistry<E>, body: string, line: number): LogEvent<E> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new LogIntegrityError(line, 'holds an event that is not JSON');
  }
  const e = envelopeOf(parsed, line);
  const revision = BigInt(e.revision);
  let event: E;
  try {
    event = registry.decode({ type: e.type, schemaVersion: e.v, data: e.data }, { streamName: e.stream, revision });
  } catch (error) {
    if (error instanceof EventDecodeError) throw new LogIntegrityError(line, error.message);
    throw error;
  }
  // Built field by field: a spread that adds fields takes a slow path in V8.
  const logEvent = {
    type: event.type,
    data: event.data,
    streamName: e.stream,
    revision,
    position: BigInt(e.position),
    eventId: e.id,
    schemaVersion: e.v,
    metadata: e.meta,
    line,
  };
  // The event's own fields are its type and data; the rest is the envelope and the line.
  return logEvent as LogEvent<E>;
};

/**
 * Reads a log, checking the chain as it goes and decoding each event with the registry:
 * a broken chain throws `LogIntegrityError`, an undecodable event `EventDecodeError`;
 * both name the line.
 */
export async function* readLog<E extends DomainEvent>(
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
