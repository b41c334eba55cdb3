/**
 * An in-process stand-in for an EventStoreDB server behind `@eventstore/db-client`, for
 * exercising the EventStoreDB adapter's own code (paging, skipping the server's events,
 * position pairs, encoding, error mapping) where no server can run. It imitates the
 * behaviour the adapter relies on, as documented by the client: 0-based revisions,
 * expected-version checks failing with the client's `WrongExpectedVersionError`, event ids
 * already in a stream not written again, `StreamNotFoundError` when reading an absent
 * stream, events of one append sharing a commit position, inclusive `$all` reads and
 * exclusive subscriptions, system events (`$>` links in `$streams`) in `$all`, and the
 * client's decoding (JSON data parsed, falling back to the raw text). It is not a server:
 * passing against it says nothing about a real cluster.
 */
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { EventStoreDBClientLike } from '../../adapters/eventstoredb/index.js';

interface StoredEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  readonly position: Position;
}

const before = (a: Position, b: Position): boolean => a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);

const bytesOf = (event: EventData): Uint8Array =>
  event.contentType === 'application/json' ? Buffer.from(JSON.stringify(event.data), 'utf8') : Uint8Array.from(event.data);

const metadataBytes = (metadata: unknown): Uint8Array =>
  metadata instanceof Uint8Array ? metadata : metadata === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(metadata), 'utf8');

/** What the client hands back for a stored event (see its `convertGrpcRecord`). */
const resolve = (e: StoredEvent): AllStreamResolvedEvent => {
  const text = Buffer.from(e.data).toString('utf8');
  let data: unknown = e.data;
  if (e.isJson) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  let metadata: unknown = e.metadata;
  try {
    metadata = e.metadata.length === 0 ? undefined : JSON.parse(Buffer.from(e.metadata).toString('utf8'));
  } catch {
    metadata = e.metadata;
  }
  const event = { streamId: e.streamId, id: e.id, revision: e.revision, type: e.type, created: new Date(0), isJson: e.isJson, data, metadata, position: e.position };
  return { event: event as NonNullable<AllStreamResolvedEvent['event']>, commitPosition: e.position.commit };
};

export class FakeEventStoreDB implements EventStoreDBClientLike {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly ids = new Map<string, Set<string>>();
  private prepare = 1000n;
  private wake: (() => void)[] = [];

  async appendToStream(streamName: string, events: EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      expected === current;
    if (!matches) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    const ids = this.ids.get(streamName) ?? new Set<string>();
    this.ids.set(streamName, ids);
    const fresh = events.filter((e) => !ids.has(e.id) && ids.add(e.id) !== undefined);
    if (fresh.length === 0) {
      return { success: true, nextExpectedRevision: current === 'no_stream' ? -1n : current, position: this.log.at(-1)?.position ?? { commit: 0n, prepare: 0n } };
    }
    const firstWrite = stream.length === 0;
    const prepares = fresh.map(() => (this.prepare += 97n));
    const commit = (this.prepare += 13n); // the commit record follows the prepares
    fresh.forEach((e, i) => {
      const stored: StoredEvent = {
        streamId: streamName,
        id: e.id,
        revision: BigInt(stream.length),
        type: e.type,
        isJson: e.contentType === 'application/json',
        data: bytesOf(e),
        metadata: metadataBytes(e.metadata),
        position: { commit, prepare: prepares[i] ?? 0n },
      };
      stream.push(stored);
      this.log.push(stored);
    });
    this.streams.set(streamName, stream);
    if (firstWrite) this.systemLink(streamName);
    const wake = this.wake;
    this.wake = [];
    for (const w of wake) w();
    return { success: true, nextExpectedRevision: BigInt(stream.length - 1), position: stream.at(-1)?.position ?? { commit, prepare: commit } };
  }

  /** The `$streams` system projection links each new stream. */
  private systemLink(streamName: string): void {
    const links = this.streams.get('$streams') ?? [];
    const at = (this.prepare += 50n);
    const link: StoredEvent = {
      streamId: '$streams',
      id: `link-${at}`,
      revision: BigInt(links.length),
      type: '$>',
      isJson: false,
      data: Buffer.from(`0@${streamName}`, 'utf8'),
      metadata: new Uint8Array(),
      position: { commit: at, prepare: at },
    };
    links.push(link);
    this.streams.set('$streams', links);
    this.log.push(link);
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncGenerator<ResolvedEvent> {
    const stream = this.streams.get(streamName);
    if (stream === undefined) throw new StreamNotFoundError(undefined, streamName);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision === undefined || options.fromRevision === 'start' ? 0n : options.fromRevision === 'end' ? BigInt(stream.length - 1) : options.fromRevision;
    let sent = 0;
    for (let i = Number(from); i >= 0 && i < stream.length && sent < max; i += backwards ? -1 : 1, sent++) {
      const e = stream[i];
      if (e !== undefined) yield resolve(e);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<AllStreamResolvedEvent> {
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromPosition;
    const events = options.direction === 'backwards' ? [...this.log].reverse() : this.log;
    let sent = 0;
    for (const e of events) {
      if (sent >= max) return;
      if (from !== undefined && from !== 'start' && from !== 'end' && before(e.position, from)) continue; // inclusive
      yield resolve(e);
      sent++;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<AllStreamResolvedEvent> & { unsubscribe(): Promise<void> } {
    let stopped = false;
    let stop = (): void => undefined;
    const from = options.fromPosition;
    const log = this.log;
    const waitForMore = (): Promise<void> =>
      new Promise((r) => {
        stop = r;
        this.wake.push(r);
      });
    async function* events(): AsyncGenerator<AllStreamResolvedEvent> {
      let i = 0;
      while (!stopped) {
        const e = log[i];
        if (e === undefined) {
          await waitForMore();
          continue;
        }
        i++;
        if (from !== undefined && from !== 'start' && from !== 'end' && !before(from, e.position)) continue; // exclusive
        yield resolve(e);
      }
    }
    return Object.assign(events(), {
      unsubscribe: async () => {
        stopped = true;
        stop();
      },
    });
  }

  async dispose(): Promise<void> {
    this.streams.clear();
  }
}
