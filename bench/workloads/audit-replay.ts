/**
 * Workload 3: an audit replay. The whole JSONL log is read once: every line's hash checked
 * against the chain, every event decoded, and folded into the credit history and the
 * credits report. Prints the duration of each measured run and the process's peak memory.
 */
import { readLog } from '../../adapters/jsonl/index.js';
import { creditsEvents } from '../../core/credits/index.js';
import { creditBalances, creditHistoryProjection, creditsReportProjection } from '../../projections/index.js';
import { childParameters, reportResult } from '../support/child.js';
import { collectGarbage, secondsSince } from '../support/stats.js';

export interface AuditReplayParameters {
  readonly path: string;
  readonly events: number;
  readonly warmups: number;
  readonly runs: number;
}

export interface AuditReplayResult {
  readonly seconds: readonly number[];
  readonly cpuSeconds: readonly number[];
  readonly events: number;
  /** The process's peak resident memory, in MB (over the warm-up and the runs). */
  readonly peakMB: number;
  /** The credits left in every client's ledger, summed (the same on every run). */
  readonly totalBalance: number;
}

const replay = async (path: string): Promise<{ events: number; totalBalance: number }> => {
  let history = creditHistoryProjection.initial;
  let report = creditsReportProjection.initial;
  let events = 0;
  for await (const event of readLog(creditsEvents, path)) {
    history = creditHistoryProjection.apply(history, event);
    report = creditsReportProjection.apply(report, event);
    events++;
  }
  const totalBalance = creditBalances(report).reduce((n, b) => n + b.balance, 0);
  if (history.ledgers.size === 0) throw new Error('the history is empty');
  return { events, totalBalance };
};

const p = childParameters() as AuditReplayParameters;
const seconds: number[] = [];
const cpuSeconds: number[] = [];
let totalBalance: number | undefined;
for (let run = 0; run < p.warmups + p.runs; run++) {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await replay(p.path);
  const elapsed = secondsSince(start);
  const used = process.cpuUsage(cpu);
  if (result.events !== p.events) throw new Error(`${result.events} events replayed, ${p.events} expected`);
  if (totalBalance !== undefined && totalBalance !== result.totalBalance) throw new Error('two replays of the same log disagree');
  totalBalance = result.totalBalance;
  if (run >= p.warmups) {
    seconds.push(elapsed);
    cpuSeconds.push((used.user + used.system) / 1e6);
  }
}
const result: AuditReplayResult = { seconds, cpuSeconds, events: p.events, peakMB: process.resourceUsage().maxRSS / 1024, totalBalance: totalBalance ?? 0 };
reportResult(result);
