import { StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bigintToPosition,
  esdbEventId,
  fromEsdbMetadata,
  isSystemEvent,
  payloadOf,
  positionToBigint,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toEsdbMetadata,
  toPortError,
} from '../../../adapters/eventstoredb/index.js';
import { StreamNotFound, WrongExpectedRevision } from '../../../core/kernel/errors.js';

const AT = '2025-03-01T09:00:00.000Z';
const UUID = '0190f3a4-7c1e-7a2b-9c3d-4e5f6a7b8c9d';

describe('EventStoreDB mapping: revisions', () => {
  it("passes the port's expected revisions through unchanged: both count a stream's first event as revision 0n", () => {
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision(0n)).toBe(0n);
    expect(toEsdbExpectedRevision(41n)).toBe(41n);
  });
});

describe('EventStoreDB mapping: positions', () => {
  const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

  it('round-trips every (commit, prepare) pair', () => {
    fc.assert(fc.property(u64, u64, (commit, prepare) => {
      expect(bigintToPosition(positionToBigint({ commit, prepare }))).toEqual({ commit, prepare });
    }));
  });

  it('orders positions as $all does: by commit, then by prepare', () => {
    fc.assert(
      fc.property(u64, u64, u64, u64, (c1, p1, c2, p2) => {
        const a = positionToBigint({ commit: c1, prepare: p1 });
        const b = positionToBigint({ commit: c2, prepare: p2 });
        const expected = c1 !== c2 ? c1 < c2 : p1 < p2;
        expect(a < b).toBe(expected);
      }),
    );
  });

  it('keeps apart events of one append that share a commit position', () => {
    const first = positionToBigint({ commit: 1000n, prepare: 900n });
    const second = positionToBigint({ commit: 1000n, prepare: 950n });
    expect(second > first).toBe(true);
    expect(positionToBigint({ commit: 0n, prepare: 0n })).toBe(0n);
  });

  it('refuses what is not a position', () => {
    expect(() => positionToBigint({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => positionToBigint({ commit: 1n << 64n, prepare: 0n })).toThrow(RangeError);
    expect(() => bigintToPosition(-1n)).toThrow(RangeError);
  });
});

describe('EventStoreDB mapping: event ids', () => {
  it('keeps a lower-case UUID and maps any other id to the same uuid v5 every time', () => {
    expect(esdbEventId(UUID)).toBe(UUID);
    const mapped = esdbEventId('evt-1');
    expect(mapped).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(esdbEventId('evt-1')).toBe(mapped);
    expect(esdbEventId('evt-2')).not.toBe(mapped);
    expect(esdbEventId(UUID.toUpperCase())).not.toBe(UUID.toUpperCase());
  });
});

describe('EventStoreDB mapping: metadata', () => {
  const full = { at: AT, commandId: 'cmd-1', actor: 'provider:ann', correlationId: 'corr-1', causationId: 'cause-1' };

  it("stores correlation and causation under EventStoreDB's own keys, with the schema version", () => {
    expect(toEsdbMetadata({ eventId: UUID, schemaVersion: 2, metadata: full })).toEqual({
      at: AT,
      schemaVersion: 2,
      commandId: 'cmd-1',
      actor: 'provider:ann',
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
    });
  });

  it('keeps an id that is not a UUID, and reads everything back as it was', () => {
    const stored = toEsdbMetadata({ eventId: 'evt-7', schemaVersion: 1, metadata: full });
    expect(stored.eventId).toBe('evt-7');
    expect(fromEsdbMetadata(JSON.parse(JSON.stringify(stored)))).toEqual({ metadata: full, schemaVersion: 1, eventId: 'evt-7' });
    expect(fromEsdbMetadata({ at: AT, schemaVersion: 3 })).toEqual({ metadata: { at: AT }, schemaVersion: 3 });
  });

  it('metadata without a schema version reads as an unknown version', () => {
    expect(fromEsdbMetadata({ at: AT }).schemaVersion).toBeNaN();
    expect(fromEsdbMetadata(new Uint8Array([1, 2])).schemaVersion).toBeNaN();
  });
});

describe('EventStoreDB mapping: event encoding', () => {
  const encoded = (data: string) => ({ eventId: 'evt-9', type: 'CounterIncremented', schemaVersion: 1, data, metadata: { at: AT } });

  it('writes JSON data as a JSON event under the mapped id', () => {
    const event = toEsdbEventData(encoded('{"by":2,"note":"é"}'));
    expect(event.contentType).toBe('application/json');
    expect(event.id).toBe(esdbEventId('evt-9'));
    expect(event.type).toBe('CounterIncremented');
    expect(event.data).toEqual({ by: 2, note: 'é' });
    expect(event.metadata).toEqual({ at: AT, schemaVersion: 1, eventId: 'evt-9' });
  });

  it('writes a payload that is not a JSON object as bytes, exactly as given', () => {
    const event = toEsdbEventData(encoded('{"by":1,"no'));
    expect(event.contentType).toBe('application/octet-stream');
    expect(Buffer.from(event.data as Uint8Array).toString('utf8')).toBe('{"by":1,"no');
  });

  const recorded = (over: Partial<{ isJson: boolean; data: unknown }>): EsdbRecordedEvent =>
    ({
      streamId: 'counter-1',
      id: UUID,
      revision: 0n,
      type: 'CounterIncremented',
      created: new Date(0),
      metadata: { at: AT, schemaVersion: 1 },
      isJson: true,
      data: { by: 1, note: '' },
      ...over,
    }) as EsdbRecordedEvent;

  it('reads a JSON event as parsed data, and text the client could not parse as text (a decode error later)', () => {
    expect(payloadOf(recorded({}))).toEqual({ json: { by: 1, note: '' } });
    expect(payloadOf(recorded({ data: '{"by":1,"no' }))).toEqual({ text: '{"by":1,"no' });
    expect(payloadOf(recorded({ isJson: false, data: new TextEncoder().encode('{"by":3}') }))).toEqual({ text: '{"by":3}' });
  });

  it("recognises the server's own events", () => {
    expect(isSystemEvent({ type: '$metadata', streamId: '$$counter-1' })).toBe(true);
    expect(isSystemEvent({ type: 'StatsCollected', streamId: '$stats-127.0.0.1:2113' })).toBe(true);
    expect(isSystemEvent({ type: 'CounterIncremented', streamId: 'counter-1' })).toBe(false);
  });
});

describe('EventStoreDB mapping: errors', () => {
  it('a wrong expected version becomes WrongExpectedRevision with the actual revision', () => {
    const error = toPortError(
      new WrongExpectedVersionError(undefined, { streamName: 'pfx-counter-1', expected: 1n, current: 4n }),
      'counter-1',
      1n,
    );
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error).toMatchObject({ streamName: 'counter-1', expected: 1n, actual: 4n, code: 'WRONG_EXPECTED_REVISION' });
  });

  it('a stream that does not exist yet is reported as no stream', () => {
    const error = toPortError(
      new WrongExpectedVersionError(undefined, { streamName: 'counter-1', expected: 'stream_exists', current: 'no_stream' }),
      'counter-1',
      'stream_exists',
    );
    expect(error).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
  });

  it('a deleted stream becomes StreamNotFound; anything else is passed on unchanged', () => {
    expect(toPortError(StreamDeletedError.fromStreamName('counter-1'), 'counter-1', 'any')).toBeInstanceOf(StreamNotFound);
    const other = new StreamNotFoundError(undefined, 'counter-1');
    expect(toPortError(other, 'counter-1', 'any')).toBe(other);
    const unrelated = new Error('network down');
    expect(toPortError(unrelated, 'counter-1', 'any')).toBe(unrelated);
  });
});
