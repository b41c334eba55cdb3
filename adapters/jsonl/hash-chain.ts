/**
 * The audit log's line format and its SHA-256 hash chain.
 *
 *   {"seq":1,"prev":"<64 hex>","hash":"<64 hex>","event":{…}}
 *   …
 *   {"seq":N+1,"prev":"<64 hex>","hash":"<64 hex>","end":{"count":N}}
 *
 * `hash` = SHA-256 of `prev` followed by the exact text of the `event` (or `end`) value;
 * `prev` is the previous line's hash (64 zeros on the first line). A changed byte in a
 * line breaks that line's hash or its shape; a dropped, inserted or reordered line breaks
 * `seq` and `prev`; a cut-off log has no end line.
 */
import { hash } from 'node:crypto';
import { chainCore } from './chain-core.js';

/** SHA-256 in hex, one call (a hash object per line cost as much as the hash). */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

const core = chainCore(sha256Hex);

export const GENESIS = core.GENESIS;

/** SHA-256 of `prev` then `body`, in hex. */
export const chainHash = (prev: string, body: string): string => core.chainHash(prev, body);

/** Builds the lines of a log one at a time, carrying the chain. */
export class ChainWriter {
  private prev = GENESIS;
  private seq = 0;
  private count = 0;

  /** The line for one event body (its JSON text). */
  event(body: string): string {
    this.count++;
    return this.line('event', body);
  }

  /** The closing line; the log ends here. */
  end(): string {
    return this.line('end', JSON.stringify({ count: this.count }));
  }

  /** The hash of the last line written: publish it to pin the whole log. */
  get head(): string {
    return this.prev;
  }

  private line(kind: 'event' | 'end', body: string): string {
    const hash = chainHash(this.prev, body);
    const text = `{"seq":${++this.seq},"prev":"${this.prev}","hash":"${hash}","${kind}":${body}}`;
    this.prev = hash;
    return text;
  }
}

/** Why a line breaks the chain. */
export class LogIntegrityError extends Error {
  readonly code = 'LOG_INTEGRITY';
  constructor(
    /** 1-based line number of the first bad line. */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`Line ${line}: ${reason}`);
    this.name = 'LogIntegrityError';
  }
}

export type ChainEntry = { readonly kind: 'event'; readonly body: string } | { readonly kind: 'end'; readonly count: number };

/** Checks lines one at a time; `check` throws `LogIntegrityError` at the first bad line. */
export class ChainReader {
  private readonly checker = core.checker();

  check(text: string): ChainEntry {
    const step = this.checker.check(text);
    if ('reason' in step) throw new LogIntegrityError(step.line, step.reason);
    return step;
  }

  /** Call after the last line: a log without its end line was cut off. */
  finish(): { readonly events: number; readonly head: string } {
    const result = this.checker.finish();
    if ('reason' in result) throw new LogIntegrityError(result.line, result.reason);
    return result;
  }
}

/** A splitter of a file's text into lines, as the chain reads them. */
export const lineSplitter = core.splitter;
