/**
 * `practice-ledger export`: a store's whole log (`$all`, in order) written as JSONL with
 * its hash chain — from a PostgreSQL server, an embedded PGlite directory or an
 * EventStoreDB cluster. The store is opened read-only: no migration is applied.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { practiceEvents, type EventStore, type PracticeEvent, type RecordedEvent } from '../../../core/index.js';
import { createEventStoreDBEventStore } from '../../eventstoredb/index.js';
import { logLines } from '../../jsonl/index.js';
import { createPGliteEventStore, createPostgresEventStore, SchemaNotMigrated } from '../../postgres/index.js';
import { CliError, printer, progress, sentence, type CliIo } from '../io.js';

export interface ExportOptions {
  readonly postgres?: string;
  readonly pglite?: string;
  readonly eventstoredb?: string;
  readonly out?: string;
  readonly schema?: string;
  readonly streamPrefix?: string;
}

interface Source {
  readonly store: EventStore<PracticeEvent>;
  readonly description: string;
}

/** A connection string without its password, fit to print. */
export const redacted = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
};

const reason = (error: unknown): string => (error instanceof Error ? error.message || error.name : String(error));

const open = async (options: ExportOptions): Promise<Source> => {
  const given = [options.postgres, options.pglite, options.eventstoredb].filter((s) => s !== undefined);
  if (given.length !== 1) throw new CliError('Give exactly one store to export from: --postgres <url>, --pglite <directory> or --eventstoredb <url>.');
  const schema = options.schema !== undefined ? { schema: options.schema } : {};
  try {
    if (options.postgres !== undefined) {
      return {
        store: await createPostgresEventStore(practiceEvents, { connectionString: options.postgres, migrate: false, maxConnections: 1, ...schema }),
        description: `PostgreSQL ${redacted(options.postgres)}`,
      };
    }
    if (options.pglite !== undefined) {
      if (!existsSync(options.pglite) || !statSync(options.pglite).isDirectory()) throw new CliError(`There is no PGlite database directory ${options.pglite}.`);
      return { store: await createPGliteEventStore(practiceEvents, { dataDir: options.pglite, migrate: false, ...schema }), description: `PGlite ${options.pglite}` };
    }
    const url = options.eventstoredb ?? '';
    return {
      store: createEventStoreDBEventStore(practiceEvents, { connectionString: url, ...(options.streamPrefix !== undefined ? { streamPrefix: options.streamPrefix } : {}) }),
      description: `EventStoreDB ${redacted(url)}`,
    };
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof SchemaNotMigrated) throw new CliError(sentence(`The database has no practice-ledger log to export: ${error.message}`));
    const where = options.postgres ?? options.pglite ?? options.eventstoredb ?? '';
    throw new CliError(sentence(`Cannot open the store at ${redacted(where)}: ${reason(error)}`));
  }
};

export const exportCommand = async (io: CliIo, options: ExportOptions): Promise<void> => {
  if (options.out === undefined) throw new CliError('--out <file> is required: where the log is written.');
  const out = options.out;
  const source = await open(options);
  const temporary = `${out}.tmp`;
  const bar = progress(io, 'Exporting', 0, 'events');
  let events = 0;
  let head = '';
  async function* counted(): AsyncGenerator<RecordedEvent<PracticeEvent>> {
    for await (const e of source.store.readAll()) {
      events++;
      bar.update(events);
      yield e;
    }
  }
  try {
    const file = createWriteStream(temporary, { encoding: 'utf8' });
    const failed = once(file, 'error');
    try {
      for await (const line of logLines(practiceEvents, counted())) {
        head = /"hash":"([0-9a-f]{64})"/.exec(line)?.[1] ?? head;
        if (!file.write(`${line}\n`)) await Promise.race([once(file, 'drain'), failed]);
      }
    } finally {
      file.end();
      await Promise.race([once(file, 'finish'), failed]);
    }
    await rename(temporary, out);
  } catch (error) {
    await rm(temporary, { force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(sentence(`Cannot export ${source.description} to ${out}: ${reason(error)}`));
  } finally {
    bar.stop();
    await source.store.close();
  }
  printer(io.stdout)(`Exported ${events} events from ${source.description} to ${out}; hash chain head ${head}.`);
};
