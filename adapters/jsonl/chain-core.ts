/**
 * The rules of the hash chain and the splitting of a log file into lines, in one function
 * that refers to nothing outside itself: `hash-chain.ts` uses it on the calling thread, and
 * `chain-worker.ts` runs its source text in a worker thread, so both threads apply exactly
 * the same rules. Faults are returned as values (`{ line, reason }`); the callers throw.
 */

/** A line that breaks the chain: its 1-based number and why. */
export interface ChainFault {
  readonly line: number;
  readonly reason: string;
}

export type ChainStep = { readonly kind: 'event'; readonly body: string } | { readonly kind: 'end'; readonly count: number } | ChainFault;

/** Checks lines one at a time; after a fault it must not be used again. */
export interface ChainChecker {
  check(text: string): ChainStep;
  /** After the last line: the log's size and head, or the fault of a log without its end line. */
  finish(): { readonly events: number; readonly head: string } | ChainFault;
}

/** Splits a file's text into lines (without `\n` or `\r\n`), fed a decoded piece at a time. */
export interface LineSplitter {
  /** The lines that end in `text` (the start of the first one may have come earlier). */
  push(text: string): string[];
  /** The last line, if the file does not end with a line end. */
  end(rest: string): string[];
}

export interface ChainCore {
  readonly GENESIS: string;
  readonly LINE: RegExp;
  chainHash(prev: string, body: string): string;
  checker(): ChainChecker;
  splitter(): LineSplitter;
}

/** Everything here stays inside the function: its source text is what the worker runs. */
export const chainCore = (sha256Hex: (text: string) => string): ChainCore => {
  const GENESIS = '0'.repeat(64);
  const LINE = /^\{"seq":(\d+),"prev":"([0-9a-f]{64})","hash":"([0-9a-f]{64})","(event|end)":(.*)\}$/s;
  const EVENT_KEY = '","event":';
  const END_KEY = '","end":';
  const chainHash = (prev: string, body: string): string => sha256Hex(prev + body);

  // The parts of a well-formed line that follows `prev` as line `lineNo`, found by position
  // (the line format is fixed); `undefined` for anything else, which the pattern then reads.
  const expectedParts = (text: string, lineNo: number, prev: string): readonly string[] | undefined => {
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

  const checker = (): ChainChecker => {
    let prev = GENESIS;
    let seq = 0;
    let events = 0;
    let ended = false;
    const check = (text: string): ChainStep => {
      const line = seq + 1;
      if (ended) return { line, reason: 'comes after the end of the log (inserted line)' };
      const parts = expectedParts(text, line, prev) ?? LINE.exec(text)?.slice(1);
      const damaged = { line, reason: 'is not a log line (damaged or not from practice-ledger)' };
      if (parts === undefined) return damaged;
      const [seqText = '', prevText = '', hash = '', kind = '', body = ''] = parts;
      if (Number(seqText) !== line) {
        return { line, reason: `carries sequence ${seqText} where ${line} was expected (a line was dropped, inserted or moved)` };
      }
      if (prevText !== prev) return { line, reason: 'does not follow the line before it (a line was dropped, inserted, moved or altered)' };
      if (chainHash(prevText, body) !== hash) {
        return LINE.test(text) ? { line, reason: 'was altered: its content does not match its hash' } : damaged;
      }
      prev = hash;
      seq = line;
      if (kind === 'end') {
        let count: unknown;
        try {
          count = (JSON.parse(body) as { count?: unknown }).count;
        } catch {
          return { line, reason: 'has an end marker that is not JSON' };
        }
        if (count !== events) return { line, reason: `closes a log of ${String(count)} events but ${events} were read` };
        ended = true;
        return { kind: 'end', count: events };
      }
      events++;
      return { kind: 'event', body };
    };
    const finish = () => (ended ? { events, head: prev } : { line: seq + 1, reason: 'is missing: the log has no end line (it was cut off)' });
    return { check, finish };
  };

  const splitter = (): LineSplitter => {
    let rest = '';
    const push = (text: string): string[] => {
      const lines: string[] = [];
      let start = 0;
      let end = text.indexOf('\n');
      if (end >= 0 && rest !== '') {
        // Only the line that straddles two pieces is joined; the others are slices of `text`.
        const first = rest + text.slice(0, end);
        lines.push(first.charCodeAt(first.length - 1) === 0x0d ? first.slice(0, -1) : first);
        rest = '';
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      for (; end >= 0; end = text.indexOf('\n', start)) {
        lines.push(text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end));
        start = end + 1;
      }
      rest += text.slice(start);
      return lines;
    };
    const end = (last: string): string[] => {
      const line = rest + last;
      rest = '';
      return line === '' ? [] : [line.endsWith('\r') ? line.slice(0, -1) : line];
    };
    return { push, end };
  };

  return { GENESIS, LINE, chainHash, checker, splitter };
};
