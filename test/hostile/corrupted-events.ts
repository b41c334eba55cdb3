/**
 * Hostile input from a damaged store, the same for every adapter: 1,000 corrupted events —
 * truncated JSON, data that is not JSON, a schema version the event never had, a type the
 * library does not know, a required field missing, a field of the wrong type — each at the
 * end of a stream of its own, after a few good events. Reading such a stream yields the good
 * events and then throws an `EventDecodeError` naming the stream, the revision and the
 * field; the store keeps working: every other stream reads back intact, appends go on (to
 * the damaged streams too), a command handler serves healthy streams and refuses a damaged
 * one with the decode error. The figures are printed for the CI log.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import { createCommandHandler } from '../../core/kernel/command-handler.js';
import { EventDecodeError } from '../../core/kernel/errors.js';
import type { EventStore } from '../../core/kernel/event-store.js';
import type { RecordedEvent } from '../../core/kernel/envelope.js';
import { practiceEvents, type PracticeEvent } from '../../core/events.js';
import { creditsCommandStream, creditsCommands, creditsDecider, creditsEvents } from '../../core/credits/index.js';
import { localDate } from '../../core/values/local-date.js';
import { arbPracticeScenario, runPracticeScenario, type PracticeScenario } from '../../testing/index.js';

/** A record as a store keeps it, possibly damaged. */
export interface RawPracticeRecord {
  readonly streamName: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: { readonly at: string; readonly commandId?: string };
}

export interface CorruptionHarness {
  readonly name: string;
  /** A fresh, empty store decoding with `practiceEvents`. */
  readonly create: () => Promise<EventStore<PracticeEvent>>;
  /** Writes records as they are, at the end of their streams, without encoding them. */
  readonly injectRaw: (store: EventStore<PracticeEvent>, records: readonly RawPracticeRecord[]) => Promise<void>;
}

type Corruption = 'truncated JSON' | 'not JSON' | 'wrong schema version' | 'unknown type' | 'missing field' | 'wrong field type';
const CORRUPTIONS: readonly Corruption[] = ['truncated JSON', 'not JSON', 'wrong schema version', 'unknown type', 'missing field', 'wrong field type'];

const rawOf = (e: RecordedEvent<PracticeEvent>): RawPracticeRecord => {
  const encoded = practiceEvents.encode(e);
  return { streamName: e.streamName, eventId: e.eventId, type: encoded.type, schemaVersion: encoded.schemaVersion, data: JSON.stringify(encoded.data), metadata: e.metadata };
};

/** Whether the registry reads a record back (used to keep only the damage that is damage). */
const decodes = (r: RawPracticeRecord): boolean => {
  try {
    practiceEvents.decode({ type: r.type, schemaVersion: r.schemaVersion, data: JSON.parse(r.data) as unknown }, { streamName: r.streamName, revision: 0n });
    return true;
  } catch {
    return false;
  }
};

const wrongValue = (v: unknown): unknown => (typeof v === 'string' ? 42 : typeof v === 'number' ? 'seven' : typeof v === 'boolean' ? 'no' : Array.isArray(v) ? 'list' : v === null ? {} : 'thing');

/** Damages a good record one way; the field the decode error must name. `undefined` when this record cannot be damaged so. */
const corrupt = (r: RawPracticeRecord, how: Corruption, pick: number): { readonly record: RawPracticeRecord; readonly field: string } | undefined => {
  const data = JSON.parse(r.data) as Record<string, unknown>;
  const keys = Object.keys(data);
  switch (how) {
    case 'truncated JSON': {
      const cut = 1 + (pick % Math.max(1, r.data.length - 1));
      return { record: { ...r, data: r.data.slice(0, cut) }, field: 'data' };
    }
    case 'not JSON':
      return { record: { ...r, data: ['not json', '', '{', '}{', 'undefined', "{'a':1}", 'NaN'][pick % 7] ?? '' }, field: 'data' };
    case 'wrong schema version': {
      const version = practiceEvents.definitions.get(r.type)?.schemaVersion ?? 1;
      return { record: { ...r, schemaVersion: [0, -1, version + 1, 99, 2147483647][pick % 5] ?? 0 }, field: 'schemaVersion' };
    }
    case 'unknown type':
      return { record: { ...r, type: [`${r.type}s`, 'constructor', '__proto__', 'toString', 'CreditsGranted ', ''][pick % 6] ?? 'X' }, field: 'type' };
    case 'missing field':
    case 'wrong field type': {
      for (let i = 0; i < keys.length; i++) {
        const key = keys[(pick + i) % keys.length] as string;
        const changed = { ...data };
        if (how === 'missing field') delete changed[key];
        else changed[key] = wrongValue(data[key]);
        const record = { ...r, data: JSON.stringify(changed) };
        if (!decodes(record)) return { record, field: `data.${key}` };
      }
      return undefined;
    }
  }
};

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** The good log the damage is made from: a practice's few months, played once. */
export const healthyLog = async (): Promise<readonly RecordedEvent<PracticeEvent>[]> => {
  // The richest of a few scenarios: many streams, many kinds of events.
  let richest: readonly RecordedEvent<PracticeEvent>[] = [];
  for (const scenario of fc.sample(arbPracticeScenario({ maxSteps: 80 }), { numRuns: 8, seed: 2025 }) as PracticeScenario[]) {
    const log = (await runPracticeScenario(scenario)).world.log();
    if (new Set(log.map((e) => e.type)).size > new Set(richest.map((e) => e.type)).size) richest = log;
  }
  return richest;
};

export const CORRUPTED_EVENTS = 1_000;

/** Runs the suite on one store; returns the printed figures. */
export const runCorruptionSuite = async (harness: CorruptionHarness, log: readonly RecordedEvent<PracticeEvent>[]): Promise<string> => {
  const store = await harness.create();
  const healthy = log.map(rawOf);
  await harness.injectRaw(store, healthy);
  const streams = [...new Set(healthy.map((r) => r.streamName))];
  const cases: { stream: string; good: number; field: string; how: Corruption }[] = [];
  const byKind = new Map<Corruption, number>();
  for (let i = 0; cases.length < CORRUPTED_EVENTS; i++) {
    const base = healthy[(i * 7919) % healthy.length] as RawPracticeRecord;
    const how = CORRUPTIONS[i % CORRUPTIONS.length] as Corruption;
    const damaged = corrupt(base, how, i);
    if (damaged === undefined) continue;
    const category = base.streamName.slice(0, base.streamName.indexOf('-'));
    const stream = `${category}-damaged${cases.length}`;
    const good = cases.length % 3;
    const copies = Array.from({ length: good }, (_, k) => ({ ...base, streamName: stream, eventId: `${stream}-good-${k}` }));
    await harness.injectRaw(store, [...copies, { ...damaged.record, streamName: stream, eventId: `${stream}-bad` }]);
    cases.push({ stream, good, field: damaged.field, how });
    byKind.set(how, (byKind.get(how) ?? 0) + 1);
  }
  // Every damaged stream: the good events, then the decode error naming stream, revision and field.
  let named = 0;
  for (const c of cases) {
    const read: RecordedEvent<PracticeEvent>[] = [];
    let error: unknown;
    try {
      for await (const e of store.readStream(c.stream)) read.push(e);
    } catch (e) {
      error = e;
    }
    expect(read, c.stream).toHaveLength(c.good);
    expect(error, `${c.stream} (${c.how})`).toBeInstanceOf(EventDecodeError);
    const decodeError = error as EventDecodeError;
    expect({ stream: decodeError.streamName, revision: decodeError.revision, field: decodeError.field }, `${c.stream} (${c.how})`).toEqual({
      stream: c.stream,
      revision: BigInt(c.good),
      field: c.field,
    });
    expect(decodeError.message).toContain(c.stream);
    named += 1;
  }
  // The store keeps working: healthy streams read back intact, appends go on everywhere.
  for (const stream of streams) {
    const back = await collect(store.readStream(stream));
    expect(back.map((e) => [e.eventId, e.type, JSON.stringify(practiceEvents.encode(e).data)])).toEqual(
      healthy.filter((r) => r.streamName === stream).map((r) => [r.eventId, r.type, r.data]),
    );
  }
  const handler = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream, commands: creditsCommands });
  const granted = await handler.handle({ type: 'GrantCredits', clientId: 'healthy-client', appointmentType: 'facial', quantity: 2, source: 'manual', on: localDate('2025-06-02') }, { commandId: 'after-damage-1', at: '2025-06-02T09:00:00.000Z' });
  expect(granted._tag).toBe('Right');
  const damagedCredits = cases.find((c) => c.stream.startsWith('credits-'));
  let appendsAfter = 1;
  if (damagedCredits !== undefined) {
    const clientId = damagedCredits.stream.slice('credits-'.length);
    await expect(
      handler.handle({ type: 'ExpireCredits', clientId, on: localDate('2025-06-02') }, { commandId: 'after-damage-2', at: '2025-06-02T09:00:00.000Z' }),
    ).rejects.toMatchObject({ name: 'EventDecodeError', streamName: damagedCredits.stream, revision: BigInt(damagedCredits.good) });
  }
  for (const c of cases.slice(0, 50)) {
    const next = await store.appendToStream(c.stream, [{ event: { type: 'CreditSettingsAdjusted', data: { overrides: {}, by: 'repair', on: localDate('2025-06-02') } }, eventId: `${c.stream}-after`, metadata: { at: '2025-06-02T09:00:00.000Z' } }], {
      expectedRevision: BigInt(c.good),
    });
    expect(next.nextExpectedRevision).toBe(BigInt(c.good + 1));
    expect(await store.streamRevision(c.stream)).toBe(BigInt(c.good + 1));
    appendsAfter += 1;
  }
  // Reading everything stops at the first damage, and names it.
  const first = cases[0];
  await expect(collect(store.readAll())).rejects.toMatchObject({ name: 'EventDecodeError', streamName: first?.stream, revision: BigInt(first?.good ?? 0) });
  await store.close();
  return [
    `corrupted events on ${harness.name}: ${cases.length} injected (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})`,
    `  reads that surfaced EventDecodeError naming stream, revision and field: ${named} of ${cases.length}`,
    `  healthy streams read back intact: ${streams.length} (${healthy.length} events); appends after the damage: ${appendsAfter}; $all stops at the first damaged event, named`,
  ].join('\n');
};
