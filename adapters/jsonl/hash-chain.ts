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

export const GENESIS = '0'.repeat(64);

const LINE = /^\{"seq":(\d+),"prev":"([0-9a-f]{64})","hash":"([0-9a-f]{64})","(event|end)":(.*)\}$/s;

/** SHA-256 of `prev` then `body`, in hex (one call: a hash object per line cost as much as the hash). */
export const chainHash = (prev: string, body: string): string => hash('sha256', prev + body, 'hex');

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

/** The parts of a log line: `seq`, `prev`, `hash`, the kind and the body. */
type LineParts = readonly [seq: string, prev: string, hash: string, kind: string, body: string];

const EVENT_KEY = '","event":';
const END_KEY = '","end":';

/**
 * The parts of a well-formed line that follows `prev` as line `lineNo`, found by position
 * (the line format is fixed); `undefined` for anything else, which the pattern then reads
 * and the checks name.
 */
const expectedParts = (text: string, lineNo: number, prev: string): LineParts | undefined => {
  const seq = String(lineNo);
  let at = 7;
  if (!text.startsWith('{"seq":') || !text.startsWith(seq, at)) return undefined;
  at += seq.length;
  if (!text.startsWith(',"prev":"', at) || !text.startsWith(prev, at + 9)) return undefined;
  at += 9 + 64;
  if (!text.startsWith('","hash":"', at)) return undefined;
  at += 10;
  const hash = text.slice(at, at + 64);
  at += 64;
  const kind = text.startsWith(EVENT_KEY, at) ? 'event' : text.startsWith(END_KEY, at) ? 'end' : undefined;
  if (kind === undefined || text.charCodeAt(text.length - 1) !== 0x7d) return undefined;
  return [seq, prev, hash, kind, text.slice(at + (kind === 'event' ? EVENT_KEY.length : END_KEY.length), -1)];
};

/** Checks lines one at a time; `check` throws `LogIntegrityError` at the first bad line. */
export class ChainReader {
  private prev = GENESIS;
  private seq = 0;
  private events = 0;
  private ended = false;

  check(text: string): ChainEntry {
    const lineNo = this.seq + 1;
    if (this.ended) throw new LogIntegrityError(lineNo, 'comes after the end of the log (inserted line)');
    const parts = expectedParts(text, lineNo, this.prev) ?? LINE.exec(text)?.slice(1);
    if (parts === undefined) throw new LogIntegrityError(lineNo, 'is not a log line (damaged or not from practice-ledger)');
    const [seq = '', prev = '', hash = '', kind = '', body = ''] = parts;
    if (Number(seq) !== lineNo) {
      throw new LogIntegrityError(lineNo, `carries sequence ${seq} where ${lineNo} was expected (a line was dropped, inserted or moved)`);
    }
    if (prev !== this.prev) {
      throw new LogIntegrityError(lineNo, 'does not follow the line before it (a line was dropped, inserted, moved or altered)');
    }
    if (chainHash(prev, body) !== hash) {
      if (!LINE.test(text)) throw new LogIntegrityError(lineNo, 'is not a log line (damaged or not from practice-ledger)');
      throw new LogIntegrityError(lineNo, 'was altered: its content does not match its hash');
    }
    this.prev = hash;
    this.seq = lineNo;
    if (kind === 'end') {
      let count: unknown;
      try {
        count = (JSON.parse(body) as { count?: unknown }).count;
      } catch {
        throw new LogIntegrityError(lineNo, 'has an end marker that is not JSON');
      }
      if (count !== this.events) {
        throw new LogIntegrityError(lineNo, `closes a log of ${String(count)} events but ${this.events} were read`);
      }
      this.ended = true;
      return { kind: 'end', count: this.events };
    }
    this.events++;
    return { kind: 'event', body };
  }

  /** Call after the last line: a log without its end line was cut off. */
  finish(): { readonly events: number; readonly head: string } {
    if (!this.ended) throw new LogIntegrityError(this.seq + 1, 'is missing: the log has no end line (it was cut off)');
    return { events: this.events, head: this.prev };
  }
}
