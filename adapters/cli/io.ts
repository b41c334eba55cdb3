/**
 * The CLI's contact with the outside: the streams it writes to (injected, so tests run it
 * in process), the one-sentence errors a person reads instead of a stack trace, and the
 * progress bar, drawn on standard error only when it is a terminal.
 */
import { SingleBar } from 'cli-progress';

/** A stream the CLI writes text to. */
export interface CliOutput {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Where progress bars are drawn: standard error when it is a terminal. @defaultValue none: no progress bar */
  readonly terminal?: NodeJS.WritableStream;
}

/** A problem with what the person asked for (a missing file, a corrupt line, a bad date): one sentence, exit code 1. */
export class CliError extends Error {
  constructor(
    sentence: string,
    readonly exitCode = 1,
  ) {
    super(sentence);
    this.name = 'CliError';
  }
}

/** The sentence as printed: on one line, ending with a full stop. */
export const sentence = (text: string): string => {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/** Lines written to an output. */
export const printer =
  (out: CliOutput) =>
  (line: string): void => {
    out.write(`${line}\n`);
  };

export interface Progress {
  /** Moves the bar to `value` (of the total given at the start). */
  readonly update: (value: number) => void;
  readonly stop: () => void;
}

const quiet: Progress = { update: () => undefined, stop: () => undefined };

/** A progress bar on the terminal; nothing at all when standard error is piped or a file. */
export const progress = (io: CliIo, label: string, total: number, unit: string): Progress => {
  if (io.terminal === undefined) return quiet;
  const bar = new SingleBar({
    stream: io.terminal,
    format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit}`,
    barsize: 30,
    clearOnComplete: true,
    hideCursor: true,
    etaBuffer: 50,
  });
  bar.start(total, 0);
  let last = 0;
  return {
    update: (value) => {
      if (value - last >= total / 200 || value === total) {
        last = value;
        bar.update(value);
      }
    },
    stop: () => bar.stop(),
  };
};
