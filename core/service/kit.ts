/**
 * What every method of the facade does: take untrusted input, split off the envelope
 * (command id, actor, correlation), default the practice date from the clock, fill in the
 * practice's policies, decode the command with its aggregate's decoder (a bad field
 * rejects with `INVALID_COMMAND` naming it, and nothing is appended), hand it to the
 * aggregate's command handler, read back the events it recorded with their envelopes, and
 * run the flows. A refusal rejects with a `DomainErrorException` carrying the code.
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type { CommandContext, CommandResult } from '../kernel/command-handler.js';
import type { EventRegistry } from '../kernel/codecs.js';
import type { Decider } from '../kernel/decider.js';
import type { DomainEvent, RecordedEvent } from '../kernel/envelope.js';
import { domainError, DomainErrorException, type DomainError } from '../kernel/errors.js';
import { commandLimitBreach } from '../kernel/limits.js';
import type { EventStore } from '../kernel/event-store.js';
import type { Clock, IdGenerator } from '../kernel/ports.js';
import { practiceEvents, type PracticeEvent } from '../events.js';
import { practiceDate } from '../values/calendar.js';
import type { LocalDate } from '../values/local-date.js';
import type { Aggregate, Aggregates, PracticeCommand } from './aggregates.js';
import type { FlowsReport } from './flows-runner.js';
import type { ResolvedPolicies } from './policies.js';

/** Who, why and which attempt: what a caller may add to any command. */
export interface LedgerEnvelope {
  /**
   * Unique per intended action: sending the same id again applies the command once and
   * resolves to the events it recorded the first time. @defaultValue a fresh id from the `ids` port
   */
  readonly commandId?: string;
  /** Who acts, recorded in each event's metadata (`system`, a provider, a client). @defaultValue none */
  readonly actor?: string;
  /** The conversation the command belongs to. @defaultValue the command id */
  readonly correlationId?: string;
  /** The message that caused it. @defaultValue none */
  readonly causationId?: string;
}

/** What a command recorded. */
export interface Recorded<E extends DomainEvent = PracticeEvent> {
  /** The id the command was applied under (send it again to apply it once). */
  readonly commandId: string;
  /** The events it recorded, with their envelopes (stream, revision, position, id, metadata). */
  readonly events: readonly RecordedEvent<E>[];
  /** True when the command id had been applied before: `events` are the ones it recorded then. */
  readonly alreadyApplied: boolean;
  /** What the flows did after it (the commands they sent, and any refusal among them). */
  readonly flows: FlowsReport;
}

/** Untrusted fields, as a method receives them once the envelope is split off. */
export type Fields = Readonly<Record<string, unknown>>;

export interface Kit {
  readonly store: EventStore<PracticeEvent>;
  readonly aggregates: Aggregates;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly policies: ResolvedPolicies;
  readonly timeZone: string;
  /** Runs the flows after a command. */
  readonly afterCommand: () => Promise<FlowsReport>;
}

export const reject = (error: DomainError): never => {
  throw new DomainErrorException(error);
};

const invalid = (field: string, reason: string): DomainError =>
  domainError('INVALID_COMMAND', `"${field}" ${reason}.`, { field });

const ENVELOPE: readonly string[] = ['commandId', 'actor', 'correlationId', 'causationId'] satisfies readonly (keyof LedgerEnvelope)[];
const isEnvelopeKey = (key: string): key is keyof LedgerEnvelope => ENVELOPE.includes(key);

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** Splits untrusted input into the envelope and the command's fields (without `type`). */
export const splitInput = (input: unknown): Either<DomainError, { readonly envelope: LedgerEnvelope; readonly fields: Fields }> => {
  if (!isRecord(input)) return left(invalid('command', 'must be an object'));
  const fields: Record<string, unknown> = {};
  const envelope: { -readonly [K in keyof LedgerEnvelope]: string } = {};
  for (const [key, value] of Object.entries(input)) {
    // An own `__proto__` key (as JSON.parse makes one) would set the prototype of `fields`.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return left(invalid(key, 'is not a field a command may have'));
    if (isEnvelopeKey(key)) {
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.trim() === '') return left(invalid(key, 'must be a non-empty string'));
      envelope[key] = value;
    } else if (key !== 'type') fields[key] = value;
  }
  // Absurd input (control characters, huge numbers, dates no practice lives in) stops here, before any lookup.
  const breach = commandLimitBreach(fields);
  if (breach !== undefined) return left(invalid(breach.field, breach.reason));
  return right({ envelope, fields });
};

/** A field that must be a non-empty string before the facade can look something up with it. */
export const requireId = (fields: Fields, field: string): Either<DomainError, string> => {
  const value = fields[field];
  return typeof value === 'string' && value.trim() !== '' ? right(value) : left(invalid(field, value === undefined ? 'is missing' : 'must be a non-empty string'));
};

/** The field when it is a string, else `undefined` (the decoder names a bad one). */
export const stringField = (fields: Fields, field: string): string | undefined => {
  const value = fields[field];
  return typeof value === 'string' ? value : undefined;
};

/** An optional id the caller may give (else the facade makes one): absent, or a non-empty string. */
export const optionalId = (fields: Fields, field: string): Either<DomainError, string | undefined> => {
  const value = fields[field];
  return value === undefined ? right(undefined) : typeof value === 'string' && value.trim() !== '' ? right(value) : left(invalid(field, 'must be a non-empty string'));
};

/** The fields without some keys (what the facade fills in itself). */
export const without = (fields: Fields, ...keys: readonly string[]): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...fields };
  for (const key of keys) delete copy[key];
  return copy;
};

/** A method as the facade builds it: any input, decoded at the edge. */
export type Untyped<T> = { readonly [K in keyof T]: T[K] extends (input: never) => infer R ? (input: unknown) => R : never };

/** Merges the practice's defaults under an object field the caller may have given (a bad one is left for the decoder to name). */
export const withDefaults = (given: unknown, defaults: object): unknown => (given === undefined ? defaults : isRecord(given) ? { ...defaults, ...given } : given);

/** The fields with their time defaulted from the clock: the practice's date (`on`) or the instant (`at`). */
export const timed = (kit: Kit, time: 'on' | 'at', fields: Fields): Fields =>
  fields[time] !== undefined ? fields : { ...fields, [time]: time === 'on' ? today(kit) : kit.clock.now() };

/** The practice's date now, in its time zone (from the `Clock`). */
export const today = (kit: Kit): LocalDate => practiceDate(kit.clock.now(), kit.timeZone);

/**
 * Reads the state of streams of one aggregate, folded with its decider. States are kept
 * (at most `cacheSize`, least recently used dropped) and a later read folds only the
 * events after the kept revision: streams are append-only, so a kept state is never wrong.
 */
export const stateReader = <C, E extends PracticeEvent, S>(
  kit: Pick<Kit, 'store'>,
  decider: Decider<C, E, S>,
  registry: EventRegistry<E>,
  cacheSize = 10_000,
): ((streamName: string) => Promise<S>) => {
  const cache = new Map<string, { readonly state: S; readonly revision: bigint }>();
  return async (streamName) => {
    const kept = cache.get(streamName);
    let state = kept?.state ?? decider.initialState;
    let revision = kept?.revision;
    for await (const event of kit.store.readStream(streamName, { fromRevision: revision === undefined ? 0n : revision + 1n })) {
      if (registry.is(event)) state = decider.evolve(state, event);
      revision = event.revision;
    }
    cache.delete(streamName);
    if (revision !== undefined) cache.set(streamName, { state, revision });
    if (cache.size > cacheSize) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    return state;
  };
};

/** The events a command recorded, read back with their envelopes. */
export const readBack = async <E extends PracticeEvent>(
  kit: Kit,
  registry: EventRegistry<E>,
  result: CommandResult<PracticeEvent>,
): Promise<RecordedEvent<E>[]> => {
  if (result.eventIds.length === 0) return [];
  const wanted = new Set(result.eventIds);
  const fromRevision = result.alreadyApplied || result.revision === undefined ? 0n : result.revision - BigInt(result.eventIds.length) + 1n;
  const found: RecordedEvent<E>[] = [];
  for await (const event of kit.store.readStream(result.streamName, { fromRevision })) {
    if (wanted.has(event.eventId) && registry.is(event)) found.push(event);
    if (found.length === wanted.size) break;
  }
  return found;
};

/** The context of a command sent by the facade. */
export const contextOf = (kit: Kit, envelope: LedgerEnvelope, commandId: string): CommandContext => ({
  commandId,
  at: kit.clock.now(),
  correlationId: envelope.correlationId ?? commandId,
  ...(envelope.actor !== undefined ? { actor: envelope.actor } : {}),
  ...(envelope.causationId !== undefined ? { causationId: envelope.causationId } : {}),
});

/** Decodes a command of an aggregate, sends it, reads back its events and runs the flows. */
export const sendCommand = async <C extends PracticeCommand, E extends PracticeEvent>(
  kit: Kit,
  aggregate: Aggregate<C, E>,
  raw: Fields,
  envelope: LedgerEnvelope,
): Promise<Recorded<E>> => {
  const decoded = aggregate.commands.decode(raw);
  if (isLeft(decoded)) return reject(decoded.left);
  const commandId = envelope.commandId ?? kit.ids.next();
  const result = await aggregate.handler.handle(decoded.right, contextOf(kit, envelope, commandId));
  if (isLeft(result)) return reject(result.left);
  const events = await readBack(kit, aggregate.events, result.right);
  const flows = await kit.afterCommand();
  return { commandId, events, alreadyApplied: result.right.alreadyApplied, flows };
};

/** A command handler seen through its untrusted door only (any aggregate's fits). */
export interface InputHandler {
  readonly handleInput: (input: unknown, context: CommandContext) => Promise<Either<DomainError, CommandResult<PracticeEvent>>>;
}

/** Sends untrusted fields (with their `type`) to an aggregate's handler, which decodes them. */
export const sendInput = async (kit: Kit, handler: InputHandler, raw: Fields, envelope: LedgerEnvelope): Promise<Recorded> => {
  const commandId = envelope.commandId ?? kit.ids.next();
  const result = await handler.handleInput(raw, contextOf(kit, envelope, commandId));
  if (isLeft(result)) return reject(result.left);
  const events = await readBack(kit, practiceEvents, result.right);
  const flows = await kit.afterCommand();
  return { commandId, events, alreadyApplied: result.right.alreadyApplied, flows };
};

/**
 * The method for one command type: `fill` adds what the facade knows (the date, the
 * policies, what it reads from other streams) to the caller's fields; the caller's
 * `type` is ignored (the method says which command it is).
 */
export const commandMethod =
  <C extends PracticeCommand, E extends PracticeEvent>(
    kit: Kit,
    aggregate: Aggregate<C, E>,
    type: C['type'],
    fill: (fields: Fields, envelope: LedgerEnvelope) => Fields | Promise<Fields> = (fields) => fields,
  ) =>
  async (input: unknown): Promise<Recorded<E>> => {
    const split = splitInput(input);
    if (isLeft(split)) return reject(split.left);
    const { envelope, fields } = split.right;
    const filled = await fill(timed(kit, aggregate.time, fields), envelope);
    return sendCommand(kit, aggregate, { ...filled, type }, envelope);
  };
