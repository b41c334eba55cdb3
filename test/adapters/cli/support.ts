/** Running the CLI in process with captured streams, temporary files, and logs re-chained after an edit. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runCli } from '../../../adapters/cli/index.js';
import { ChainWriter } from '../../../adapters/jsonl/index.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `practice-ledger <argv>` in this process, its streams captured (not a terminal: no progress bar). */
export const cli = async (...argv: readonly string[]): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
};

/** A temporary directory, removed after the file's tests. */
export const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'practice-ledger-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** An event line of a log, parsed. */
export interface LogLine {
  readonly seq: number;
  readonly event?: { stream: string; revision: string; position: string; id: string; type: string; v: number; data: Record<string, unknown>; meta: Record<string, unknown> };
}

export const parseLine = (line: string): LogLine => JSON.parse(line) as LogLine;

/**
 * The log's lines after `edit` changed its events (returning `undefined` drops one), with
 * the hash chain computed again: a forgery the chain alone cannot see.
 */
export const rechain = (lines: readonly string[], edit: (event: NonNullable<LogLine['event']>, index: number) => LogLine['event'] | undefined): string[] => {
  const writer = new ChainWriter();
  const out: string[] = [];
  lines.forEach((line, index) => {
    const event = parseLine(line).event;
    if (event === undefined) return;
    const edited = edit(structuredClone(event), index);
    if (edited !== undefined) out.push(writer.event(JSON.stringify(edited)));
  });
  out.push(writer.end());
  return out;
};
