/**
 * Reading a log file for the CLI: the hash chain checked and every event decoded as it is
 * read (`readLog`), a progress bar by bytes on a terminal, and every problem turned into one
 * sentence naming the file and, where there is one, the line.
 */
import { stat } from 'node:fs/promises';
import { practiceEvents, type LocalDate, type PracticeEvent } from '../../core/index.js';
import { practiceDate } from '../../core/values/calendar.js';
import { fileLines, LogIntegrityError, readLog, type LogEvent } from '../jsonl/index.js';
import { CliError, progress, sentence, type CliIo } from './io.js';

/** The sentence for a file that cannot be opened. */
const unreadable = (path: string, error: unknown): CliError => {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT') return new CliError(`There is no file ${path}.`);
  if (code === 'EISDIR') return new CliError(`${path} is a directory, not a log file.`);
  if (code === 'EACCES' || code === 'EPERM') return new CliError(`${path} cannot be read: permission denied.`);
  return new CliError(sentence(`${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`));
};

/** The sentence for a line of a log that breaks the chain or does not decode. */
export const badLine = (path: string, line: number, reason: string): CliError => new CliError(sentence(`${path} line ${line} ${reason}`));

/** The sentence for an event that disagrees with what came before it: `<file> line N: <what> <why>`. */
export const inconsistentLine = (path: string, line: number, what: string, reason: string): CliError => new CliError(sentence(`${path} line ${line}: ${what} ${reason}`));

export interface LogReading {
  /** The events, each with its line, decoded and checked against the chain as they are read. */
  readonly events: AsyncIterable<LogEvent<PracticeEvent>>;
  /** Once every event was read: the hash of the last line, which pins the whole log. */
  readonly head: () => string;
}

/** Opens a log file; reading `events` throws a `CliError` at the first bad line. */
export const openLog = async (path: string, io: CliIo, label: string): Promise<LogReading> => {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw unreadable(path, error);
  }
  let last = '';
  async function* lines(): AsyncGenerator<string> {
    const bar = progress(io, label, size, 'bytes');
    let bytes = 0;
    try {
      for await (const line of fileLines(path)) {
        bytes += Buffer.byteLength(line, 'utf8') + 1;
        bar.update(Math.min(bytes, size));
        last = line;
        yield line;
      }
    } catch (error) {
      throw unreadable(path, error);
    } finally {
      bar.stop();
    }
  }
  async function* events(): AsyncGenerator<LogEvent<PracticeEvent>> {
    try {
      yield* readLog(practiceEvents, lines());
    } catch (error) {
      if (error instanceof LogIntegrityError) throw badLine(path, error.line, error.reason);
      throw error;
    }
  }
  return {
    events: events(),
    head: () => /"hash":"([0-9a-f]{64})"/.exec(last)?.[1] ?? '',
  };
};

/** The last practice day of a log in a time zone: the day of its latest recorded instant. */
export const lastDayOf = async (path: string, io: CliIo, timeZone: string): Promise<{ readonly lastDay: LocalDate | undefined; readonly events: number }> => {
  const log = await openLog(path, io, 'Reading');
  let latest: string | undefined;
  let events = 0;
  for await (const e of log.events) {
    events++;
    const at = Date.parse(e.metadata.at);
    if (Number.isNaN(at)) throw badLine(path, e.line, `records the instant "${e.metadata.at.slice(0, 40)}", which is not an ISO-8601 instant`);
    if (latest === undefined || at > Date.parse(latest)) latest = e.metadata.at;
  }
  return { lastDay: latest === undefined ? undefined : practiceDate(latest, timeZone), events };
};
