/**
 * Emmett, the peer, is installed on demand into `bench/peers/` (it publishes no licence, so
 * it is never a dependency of practice-ledger) and loaded from there at run time. The
 * types below describe only the part of its API the benchmark calls, so the benchmark
 * typechecks on a machine where the peer is not installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { peersDir } from './paths.js';

/** Emmett's shape of a message: a type and its data. */
export interface EmmettMessage<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface EmmettAggregateResult<State> {
  readonly state: State;
  readonly currentStreamVersion: bigint;
  readonly streamExists: boolean;
}

export interface EmmettEventStore {
  readonly aggregateStream: <State, Event extends EmmettMessage>(
    streamName: string,
    options: { readonly evolve: (state: State, event: Event) => State; readonly initialState: () => State },
  ) => Promise<EmmettAggregateResult<State>>;
  readonly appendToStream: (streamName: string, events: readonly EmmettMessage[]) => Promise<{ readonly nextExpectedStreamVersion: bigint }>;
  /** The PostgreSQL store's; the in-memory store has none. */
  readonly close?: () => Promise<void>;
}

export interface EmmettDeciderOptions<State, Command extends EmmettMessage, Event extends EmmettMessage> {
  readonly decide: (command: Command, state: State) => Event | Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
}

export type EmmettHandle<Command> = (
  store: EmmettEventStore,
  streamName: string,
  command: Command,
) => Promise<{ readonly nextExpectedStreamVersion: bigint; readonly newEvents: readonly EmmettMessage[] }>;

/** `@event-driven-io/emmett` */
export interface Emmett {
  readonly DeciderCommandHandler: <State, Command extends EmmettMessage, Event extends EmmettMessage>(
    options: EmmettDeciderOptions<State, Command, Event>,
  ) => EmmettHandle<Command>;
  readonly getInMemoryEventStore: () => EmmettEventStore;
}

/** `@event-driven-io/emmett-postgresql` */
export interface EmmettPostgreSQL {
  readonly getPostgreSQLEventStore: (connectionString: string) => EmmettEventStore;
}

/** The versions the benchmark compares against (the issue's: 0.42). */
export const EMMETT_VERSION = '0.42.0';

const packageDir = (name: string): string => join(peersDir, 'node_modules', ...name.split('/'));

/** The installed version of a peer package, or `undefined` when it is not installed. */
export const installedVersion = (name: string): string | undefined => {
  const manifest = join(packageDir(name), 'package.json');
  if (!existsSync(manifest)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
  const version = typeof parsed === 'object' && parsed !== null ? (parsed as { version?: unknown }).version : undefined;
  return typeof version === 'string' ? version : undefined;
};

/** The ES module entry point a package exports for `import`. */
const entryOf = (name: string): string => {
  const dir = packageDir(name);
  if (!existsSync(join(dir, 'package.json'))) {
    throw new Error(`${name} is not installed in bench/peers: run \`bash bench/install-peers.sh\` (npm run bench does)`);
  }
  const manifest: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const exported = (manifest as { exports?: { '.'?: { import?: { default?: unknown } } } }).exports?.['.']?.import?.default;
  if (typeof exported !== 'string') throw new Error(`${name} exports no ES module entry point`);
  return join(dir, exported);
};

const load = (name: string): Promise<unknown> => import(pathToFileURL(entryOf(name)).href);

const hasFunctions = (module: unknown, names: readonly string[]): boolean =>
  typeof module === 'object' && module !== null && names.every((n) => typeof (module as Record<string, unknown>)[n] === 'function');

/** Loads Emmett from `bench/peers`. */
export const loadEmmett = async (): Promise<Emmett> => {
  const module = await load('@event-driven-io/emmett');
  if (!hasFunctions(module, ['DeciderCommandHandler', 'getInMemoryEventStore'])) throw new Error('@event-driven-io/emmett lacks the API the benchmark uses');
  // Checked above: the module has the functions this interface describes.
  return module as Emmett;
};

/** Loads Emmett's PostgreSQL event store from `bench/peers`. */
export const loadEmmettPostgreSQL = async (): Promise<EmmettPostgreSQL> => {
  const module = await load('@event-driven-io/emmett-postgresql');
  if (!hasFunctions(module, ['getPostgreSQLEventStore'])) throw new Error('@event-driven-io/emmett-postgresql lacks the API the benchmark uses');
  return module as EmmettPostgreSQL;
};
