/**
 * The schema. Every event type is defined once with its io-ts codec and its schema
 * version; a registry of definitions encodes events for a store and decodes (upcasting
 * old versions first) what a store returns. Old events are upcast on read, never rewritten.
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { InstantC } from '../values/calendar.js';
import { LocalDateC } from '../values/local-date.js';
import { PercentC } from '../values/percent.js';
import type { DomainEvent } from './envelope.js';
import { EventDecodeError } from './errors.js';
import { describeValidation } from './validation.js';

/**
 * Custom codecs (`new t.Type`) known to be transparent: they accept exactly what their
 * `is` accepts and decode it to itself. The library's dates, instants and percentages are.
 */
const transparentCodecs = new WeakSet<t.Mixed>([LocalDateC, InstantC, PercentC]);

/** Declares a custom codec transparent (see `isTransparent`); returns it. */
export const transparentCodec = <C extends t.Mixed>(codec: C): C => {
  transparentCodecs.add(codec);
  return codec;
};

type Composite = t.Mixed & {
  readonly _tag?: string;
  readonly type?: t.Mixed;
  readonly types?: readonly t.Mixed[];
  readonly props?: Readonly<Record<string, t.Mixed>>;
};

/**
 * Whether decoding with `codec` accepts exactly the values its `is` accepts and returns
 * them unchanged — so a value that `is` accepts needs no decoding (no validation context,
 * no copies). Read from the codec's structure: io-ts's plain combinators of transparent
 * codecs are; `exact`/`strict` (they strip fields), records, recursive and custom codecs
 * are not, unless declared with `transparentCodec`.
 */
export const isTransparent = (codec: t.Mixed): boolean => {
  if (transparentCodecs.has(codec)) return true;
  const c = codec as Composite;
  switch (c._tag) {
    case 'StringType':
    case 'NumberType':
    case 'BooleanType':
    case 'NullType':
    case 'UnknownType':
    case 'LiteralType':
    case 'KeyofType':
      return true;
    case 'RefinementType':
    case 'ReadonlyType':
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return c.type !== undefined && isTransparent(c.type);
    case 'InterfaceType':
    case 'PartialType':
      return c.props !== undefined && Object.values(c.props).every(isTransparent);
    case 'UnionType':
    case 'IntersectionType':
    case 'TupleType':
      return c.types !== undefined && c.types.every(isTransparent);
    default:
      return false;
  }
};

/** Turns data of schema version `n` into data of version `n + 1`. */
export type Upcaster = (data: unknown) => unknown;

export interface EventDefinition<Type extends string, Data> {
  readonly type: Type;
  /** The version written now; stored events of older versions are upcast to it on read. */
  readonly schemaVersion: number;
  readonly codec: t.Type<Data, unknown, unknown>;
  /** `upcasters[n]` turns version n into n + 1. */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
  /** Data of the current version that the codec's `is` accepts is used as it is (see `isTransparent`). */
  readonly transparent: boolean;
}

// The variance of a codec's data type makes `unknown` unusable as "any definition".
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEventDefinition = EventDefinition<string, any>;

/** The event type a definition describes. */
export type EventOf<D> = D extends EventDefinition<infer T, infer Data> ? DomainEvent<T, Data> : never;

/**
 * Defines an event type. With `schemaVersion` above 1, give an upcaster for each older
 * version: `{ 1: (v1) => v2 }`.
 */
export const defineEvent = <Type extends string, Data, O>(
  type: Type,
  codec: t.Type<Data, O, unknown>,
  options: { readonly schemaVersion?: number; readonly upcasters?: Readonly<Record<number, Upcaster>> } = {},
): EventDefinition<Type, Data> => {
  const schemaVersion = options.schemaVersion ?? 1;
  const upcasters = options.upcasters ?? {};
  for (let v = 1; v < schemaVersion; v++) {
    if (upcasters[v] === undefined) {
      throw new RangeError(`Event "${type}" is at schema version ${schemaVersion} but has no upcaster from version ${v}`);
    }
  }
  return { type, schemaVersion, codec, upcasters, transparent: isTransparent(codec) };
};

/** What a store keeps of an event: its type, schema version and JSON-ready data. */
export interface EncodedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

export interface EventRegistry<E extends DomainEvent> {
  readonly definitions: ReadonlyMap<string, AnyEventDefinition>;
  /** Whether an event is one of this registry's types. */
  readonly is: (event: DomainEvent) => event is E;
  readonly encode: (event: E) => EncodedEvent;
  /** Decodes stored data (upcasting older versions); throws `EventDecodeError`. */
  readonly decode: (encoded: EncodedEvent, where: { readonly streamName: string; readonly revision: bigint }) => E;
}

/** A registry of the given event definitions; its event type is their union. */
export const createEventRegistry = <Defs extends readonly AnyEventDefinition[]>(
  definitions: Defs,
): EventRegistry<EventOf<Defs[number]>> => buildRegistry(definitions);

const buildRegistry = <E extends DomainEvent>(definitions: readonly AnyEventDefinition[]): EventRegistry<E> => {
  const byType = new Map<string, AnyEventDefinition>();
  for (const d of definitions) {
    const known = byType.get(d.type);
    if (known !== undefined && known !== d) throw new RangeError(`Event type "${d.type}" is defined twice`);
    byType.set(d.type, d);
  }
  const is = (event: DomainEvent): event is E => byType.has(event.type);
  const encode = (event: E): EncodedEvent => {
    const def = byType.get(event.type);
    if (def === undefined) throw new RangeError(`Event type "${event.type}" is not in the registry`);
    // A transparent codec encodes valid data to itself (io-ts's plain combinators of identities).
    return { type: event.type, schemaVersion: def.schemaVersion, data: def.transparent ? event.data : def.codec.encode(event.data) };
  };
  const decode = (encoded: EncodedEvent, where: { streamName: string; revision: bigint }): E => {
    const fail = (field: string, reason: string): never => {
      throw new EventDecodeError(where.streamName, where.revision, field, reason, encoded.type);
    };
    const def = byType.get(encoded.type);
    if (def === undefined) return fail('type', `"${encoded.type}" is not a known event type`);
    const version = encoded.schemaVersion;
    if (!Number.isSafeInteger(version) || version < 1 || version > def.schemaVersion) {
      return fail('schemaVersion', `${String(version)} is not a version of "${def.type}" (1 to ${def.schemaVersion})`);
    }
    let data = encoded.data;
    // Stored data of the current version is usually valid: checked without decoding when the codec allows.
    if (def.transparent && version === def.schemaVersion && def.codec.is(data)) {
      const event: DomainEvent<string, unknown> = { type: def.type, data };
      // The definition for `event.type` accepts the data, so the event is of the registry's union.
      return event as E;
    }
    for (let v = version; v < def.schemaVersion; v++) {
      const up = def.upcasters[v];
      if (up === undefined) return fail('schemaVersion', `no upcaster from version ${v}`);
      data = up(data);
    }
    const result = def.codec.decode(data);
    if (isLeft(result)) {
      const { field, reason } = describeValidation(result.left);
      return fail(field === '' ? 'data' : `data.${field}`, reason);
    }
    const event: DomainEvent<string, unknown> = { type: def.type, data: result.right };
    // The definition for `event.type` decoded the data, so the event is of the registry's union.
    return event as E;
  };
  return { definitions: byType, is, encode, decode };
};

/** One registry holding every definition of the given registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEventRegistry = EventRegistry<any>;

export const combineRegistries = <Rs extends readonly AnyEventRegistry[]>(
  ...registries: Rs
): EventRegistry<RegistryEvent<Rs[number]>> =>
  buildRegistry(registries.flatMap((r) => [...r.definitions.values()]));

/** The event union of a registry. */
export type RegistryEvent<R> = R extends EventRegistry<infer E> ? E : never;
