/**
 * Export, import and verification of the whole log as JSON Lines with a hash chain
 * (see `hash-chain.ts` for the format). Each event line holds the envelope with revisions
 * and positions as decimal strings:
 *
 *   {"stream":"credits-c1","revision":"0","position":"0","id":"…","type":"CreditsGranted","v":1,"data":{…},"meta":{…}}
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { EventRegistry } from '../../core/kernel/codecs.js';
import { EventMetadataC, type DomainEvent, type RecordedEvent } from '../../core/kernel/envelope.js';
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

/** The lines of a text file, without their line ends. */
export const fileLines = (path: string): AsyncIterable<string> =>
  createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });

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
    for await (const text of typeof source === 'string' ? fileLines(source) : source) reader.check(text);
    return { ok: true, ...reader.finish() };
  } catch (error) {
    if (error instanceof LogIntegrityError) return { ok: false, line: error.line, reason: error.reason };
    throw error;
  }
};

/** One event of a log with the line it came from. */
export type LogEvent<E extends DomainEvent> = RecordedEvent<E> & { readonly line: number };

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
  for await (const text of typeof source === 'string' ? fileLines(source) : source) {
    line++;
    const entry = reader.check(text);
    if (entry.kind === 'end') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(entry.body);
    } catch {
      throw new LogIntegrityError(line, 'holds an event that is not JSON');
    }
    const envelope = LogEventC.decode(parsed);
    if (isLeft(envelope)) {
      const { field, reason } = describeValidation(envelope.left);
      throw new LogIntegrityError(line, `has an event whose "${field}" ${reason}`);
    }
    const e = envelope.right;
    const revision = BigInt(e.revision);
    let event: E;
    try {
      event = registry.decode({ type: e.type, schemaVersion: e.v, data: e.data }, { streamName: e.stream, revision });
    } catch (error) {
      if (error instanceof EventDecodeError) throw new LogIntegrityError(line, error.message);
      throw error;
    }
    yield {
      ...event,
      streamName: e.stream,
      revision,
      position: BigInt(e.position),
      eventId: e.id,
      schemaVersion: e.v,
      metadata: e.meta,
      line,
    };
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
