/**
 * A worker thread that checks a log file's hash chain while the calling thread parses and
 * folds it. It is sent the file's bytes in order, splits them into lines and checks each
 * with the chain rules of `chain-core.ts` (their source text: the same rules, not a copy),
 * and reports how many lines it has checked, the first fault, or the end of the log.
 */
import { Worker } from 'node:worker_threads';
import { chainCore, type ChainCore, type ChainFault } from './chain-core.js';

interface Port {
  on(event: 'message', listener: (message: readonly Uint8Array[] | null) => void): void;
  postMessage(message: VerifierMessage): void;
}

interface Decoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

type VerifierMessage =
  | { readonly through: number }
  | { readonly fault: ChainFault }
  | { readonly done: { readonly events: number; readonly head: string } };

/** The worker's loop; like `chainCore`, it refers to nothing outside itself. */
const verifierLoop = (core: ChainCore, port: Port, decoder: Decoder): void => {
  const checker = core.checker();
  const splitter = core.splitter();
  let line = 0;
  let stopped = false;
  port.on('message', (chunks) => {
    if (stopped) return;
    const pieces = chunks === null ? [decoder.end()] : chunks.map((bytes) => decoder.write(bytes));
    for (const piece of pieces) {
      for (const text of chunks === null ? splitter.end(piece) : splitter.push(piece)) {
        line++;
        const step = checker.check(text);
        if ('reason' in step) {
          stopped = true;
          port.postMessage({ fault: step });
          return;
        }
      }
    }
    if (chunks !== null) {
      port.postMessage({ through: line });
      return;
    }
    stopped = true;
    const result = checker.finish();
    port.postMessage('reason' in result ? { fault: result } : { done: result });
  });
};

const WORKER_SOURCE = `'use strict';
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
const { StringDecoder } = require('node:string_decoder');
const core = (${chainCore.toString()})((text) => hash('sha256', text, 'hex'));
(${verifierLoop.toString()})(core, parentPort, new StringDecoder('utf8'));
`;

const BATCH = 4;

/** What the worker found: the first bad line, or the whole chain checked. */
export type ChainVerdict = { readonly fault: ChainFault } | { readonly done: { readonly events: number; readonly head: string } };

/** The calling thread's side of the worker. Send it every byte of the file, then `end()`. */
export class ChainVerifier {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private checked = 0;
  private verdict: ChainVerdict | undefined;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private queued: Uint8Array[] = [];

  constructor() {
    this.worker.on('message', (message: VerifierMessage) => {
      if ('through' in message) this.checked = message.through;
      else this.verdict = message;
      this.wake?.();
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      this.wake?.();
    });
    this.worker.on('exit', () => {
      this.failure ??= new Error('the chain verifier stopped before the end of the log');
      this.wake?.();
    });
    // The worker holds the process open only while someone waits for it.
    this.worker.unref();
  }

  /**
   * The next bytes of the file, moved to the worker (`bytes` is unusable afterwards) a few
   * reads at a time: each message wakes the worker, which costs more than moving the bytes.
   */
  send(bytes: Uint8Array): void {
    this.queued.push(bytes);
    if (this.queued.length >= BATCH) this.flush();
  }

  /** No more bytes: the worker checks the last line and the end of the log. */
  end(): void {
    this.flush();
    this.worker.postMessage(null);
  }

  private flush(): void {
    if (this.queued.length === 0) return;
    const moved: ArrayBuffer[] = [];
    for (const { buffer } of this.queued) if (buffer instanceof ArrayBuffer) moved.push(buffer);
    this.worker.postMessage(this.queued, moved);
    this.queued = [];
  }

  /** Waits until lines 1 to `line` are checked; the first fault if there is one by then. */
  async through(line: number): Promise<ChainFault | undefined> {
    await this.until(() => this.checked >= line || this.verdict !== undefined);
    return this.verdict !== undefined && 'fault' in this.verdict ? this.verdict.fault : undefined;
  }

  /** Waits for the worker's verdict on the whole log (call after `end()`). */
  async finished(): Promise<ChainVerdict> {
    await this.until(() => this.verdict !== undefined);
    return this.verdict as ChainVerdict;
  }

  /** Stops the worker. */
  close(): void {
    void this.worker.terminate();
  }

  private async until(ready: () => boolean): Promise<void> {
    if (ready()) return;
    this.flush();
    this.worker.ref();
    try {
      while (!ready()) {
        if (this.failure !== undefined && this.verdict === undefined) throw this.failure;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
      }
    } finally {
      this.worker.unref();
    }
  }
}
