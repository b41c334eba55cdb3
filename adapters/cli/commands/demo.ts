/** `practice-ledger demo`: a year of one practice, printed as tables, its log written as JSONL. */
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { practiceEvents } from '../../../core/index.js';
import { exportLog } from '../../jsonl/index.js';
import { printPracticeYear } from '../demo/print.js';
import { DEFAULT_CLIENTS, DEFAULT_SEED, simulatePracticeYear } from '../demo/simulation.js';
import { CliError, printer, progress, sentence, type CliIo } from '../io.js';
import { wholeNumber } from '../options.js';

/** Where the demo writes its log unless told otherwise (an ignored folder of the repository). */
export const DEFAULT_DEMO_LOG = 'demo-out/practice-year.jsonl';

export interface DemoCommandOptions {
  readonly seed?: string;
  readonly clients?: string;
  readonly out?: string;
}

export const demoCommand = async (io: CliIo, options: DemoCommandOptions): Promise<void> => {
  const seed = options.seed === undefined ? DEFAULT_SEED : wholeNumber('--seed', 0)(options.seed);
  const clients = options.clients === undefined ? DEFAULT_CLIENTS : wholeNumber('--clients', 0)(options.clients);
  const out = options.out ?? DEFAULT_DEMO_LOG;
  const temporary = `${out}.tmp`;
  try {
    await mkdir(dirname(out), { recursive: true });
  } catch (error) {
    throw new CliError(sentence(`Cannot create the folder of ${out}: ${error instanceof Error ? error.message : String(error)}`));
  }
  const bar = progress(io, 'Simulating the year', 365, 'days');
  const year = await simulatePracticeYear({ seed, clients, onDay: (done) => bar.update(done) });
  bar.stop();
  let head: string;
  try {
    ({ head } = await exportLog(year.store, practiceEvents, temporary));
    await rename(temporary, out);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CliError(sentence(`Cannot write the log to ${out}: ${error instanceof Error ? error.message : String(error)}`));
  }
  await printPracticeYear(year, printer(io.stdout), { logPath: out, head });
};
