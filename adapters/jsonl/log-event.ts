/**
 * The event of one line of a log whose chain was checked: the line's `event` value parsed,
 * its envelope checked and its event decoded with the registry. Every failure names the line.
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { EventRegistry } from '../../core/kernel/codecs.js';
import { EventMetadataC, type DomainEvent, type EventMetadata, type RecordedEvent } from '../../core/kernel/envelope.js';
import { EventDecodeError } from '../../core/kernel/errors.js';
import { describeValidation } from '../../core/kernel/validation.js';
import { LogIntegrityError } from './hash-chain.js';

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
export const logEventOf = <E extends DomainEvent>(registry: EventRegistry<E>, body: string, line: number): LogEvent<E> => {
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

