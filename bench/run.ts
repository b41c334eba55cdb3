/**
 * `npm run bench`: the four workloads of the benchmark, side by side with Emmett where it
 * has a counterpart, each measurement in a process of its own (warm-up first, then several
 * runs: the median and the spread are printed). Starts a throwaway PostgreSQL cluster for
 * workloads 2 and 4 and generates the audit log of workload 3. Prints each figure and each
 * ratio, and writes them to bench/out/results.md and bench/out/results.json.
 *
 *   npm run bench                      everything
 *   npm run bench -- --only 1,3        some workloads
 *   npm run bench -- --quick           fewer runs and smaller sizes (a smoke test, not figures)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startThrowawayPostgres, type RunningPostgres } from '../scripts/throwaway-postgres.js';
import type { AuditReplayResult } from './workloads/audit-replay.js';
import type { CommandHandlingParameters, CommandHandlingResult } from './workloads/command-handling.js';
import type { LongStreamParameters, LongStreamResult } from './workloads/long-stream.js';
import { runChild } from './support/child.js';
import { load, machine } from './support/machine.js';
import { compiled, outDir } from './support/paths.js';
import { EMMETT_VERSION, installedVersion } from './support/peer.js';
import { pgbenchInsertRate, preparePgbench } from './support/pgbench.js';
import { figureOf, formatCount, formatFigure, formatNumber, type Figure } from './support/stats.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg !== undefined ? new Set(onlyArg.split(',').map(Number)) : new Set([1, 2, 3, 4]);

const report: string[] = [];
const results: Record<string, unknown> = {};
const say = (line = ''): void => {
  console.log(line);
  report.push(line);
};

const rates = (count: number, seconds: readonly number[]): Figure => figureOf(seconds.map((s) => count / s));
const ms = (seconds: readonly number[]): Figure => figureOf(seconds.map((s) => s * 1000));
const ratio = (ours: Figure, peer: Figure): string => `${(ours.median / peer.median).toFixed(1)}×`;
const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

const commandHandling = async (p: CommandHandlingParameters): Promise<{ wall: Figure; cpu: Figure }> => {
  const result = (await runChild(compiled('bench/workloads/command-handling.ts'), p)) as CommandHandlingResult;
  results[`w${p.store === 'memory' ? 1 : 2}-${p.contender}-${p.concurrency}`] = result;
  return { wall: rates(result.commands, result.seconds), cpu: rates(result.commands, result.cpuSeconds) };
};

const workload1 = async (): Promise<void> => {
  const commands = quick ? 20_000 : 100_000;
  const base = { store: 'memory', commands, clients: 1000, concurrency: 1, warmups: 1, runs: quick ? 2 : 5 } as const;
  say(`## 1. In-memory command handling: ${formatCount(commands)} credit commands over 1,000 client streams`);
  say();
  const ours = await commandHandling({ ...base, contender: 'ours' });
  const emmett = await commandHandling({ ...base, contender: 'emmett' });
  say('| contender | commands/s, median (min–max) | commands per CPU-second of the process |');
  say('|---|---|---|');
  say(`| practice-ledger (createCommandHandler, in-memory store) | ${formatFigure(ours.wall)} | ${formatFigure(ours.cpu)} |`);
  say(`| Emmett ${EMMETT_VERSION} (DeciderCommandHandler, in-memory store) | ${formatFigure(emmett.wall)} | ${formatFigure(emmett.cpu)} |`);
  say();
  say(
    `Ratio: **${ratio(ours.wall, emmett.wall)}** Emmett (target at least 20×: ${verdict(ours.wall.median >= 20 * emmett.wall.median)}); ` +
      `per CPU-second: ${ratio(ours.cpu, emmett.cpu)}.`,
  );
  say();
};

const createDatabase = async (url: string, name: string): Promise<string> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return url.replace(/\/postgres$/, `/${name}`);
};

const workload2 = async (server: RunningPostgres): Promise<void> => {
  const commands = quick ? 2_000 : 10_000;
  const runs = quick ? 2 : 5;
  const oursUrl = await createDatabase(server.url, 'bench_ours');
  const emmettUrl = await createDatabase(server.url, 'bench_emmett');
  const base = { store: 'postgres', commands, clients: 1000, warmups: 1, runs } as const;
  say(`## 2. PostgreSQL command handling: ${formatCount(commands)} credit commands over 1,000 client streams, same local server`);
  say();
  const rows: [string, Figure, Figure][] = [];
  for (const concurrency of [1, 8]) {
    const ours = await commandHandling({ ...base, contender: 'ours', url: oursUrl, concurrency });
    const emmett = await commandHandling({ ...base, contender: 'emmett', url: emmettUrl, concurrency });
    rows.push([concurrency === 1 ? 'sequential (1 client)' : `${concurrency} concurrent clients, distinct streams`, ours.wall, emmett.wall]);
  }
  await preparePgbench(server.url);
  const seconds = quick ? 3 : 10;
  const pgbench = (clients: number): Figure => figureOf(Array.from({ length: quick ? 1 : 3 }, () => pgbenchInsertRate(server.bin, server.url, clients, seconds)));
  const limit1 = pgbench(1);
  const limit8 = pgbench(8);
  results['w2-pgbench'] = { clients1: limit1, clients8: limit8 };
  say('| | practice-ledger, commands/s | Emmett, commands/s | ratio | pgbench single-row inserts/s (the practical limit) |');
  say('|---|---|---|---|---|');
  rows.forEach(([label, ours, emmett], i) => {
    say(`| ${label} | ${formatFigure(ours)} | ${formatFigure(emmett)} | **${ratio(ours, emmett)}** | ${formatFigure(i === 0 ? limit1 : limit8)} |`);
  });
  say();
  const [sequential] = rows;
  if (sequential !== undefined) say(`Sequential ratio: **${ratio(sequential[1], sequential[2])}** Emmett (target at least 3×: ${verdict(sequential[1].median >= 3 * sequential[2].median)}).`);
  say();
};

const workload3 = async (): Promise<void> => {
  const events = quick ? 100_000 : 1_000_000;
  const path = join(outDir, `clinic-credits-${events}.jsonl`);
  say(`## 3. Audit replay: a ${formatCount(events)}-event JSONL log verified (hash chain) and folded into the credit history and credits report`);
  say();
  const generated = (await runChild(compiled('bench/workloads/generate-log.ts'), { path, events, clients: 5000, seed: 42 })) as {
    readonly head: string;
    readonly actions: number;
    readonly refused: number;
    readonly seconds: number;
  };
  results['w3-log'] = generated;
  say(
    `The log: the clinic simulator (examples/clinic, seed 42, 5,000 clients) through the library's credits decider and command handler, ` +
      `${formatCount(generated.actions)} actions (${formatCount(generated.refused)} refused by the ledger), head ${generated.head.slice(0, 16)}…, generated in ${generated.seconds.toFixed(0)} s.`,
  );
  say();
  const result = (await runChild(compiled('bench/workloads/audit-replay.ts'), { path, events, warmups: 1, runs: quick ? 1 : 3 })) as AuditReplayResult;
  results['w3-replay'] = result;
  const rate = rates(events, result.seconds);
  say('| | median (min–max) | target |');
  say('|---|---|---|');
  say(`| events/s | ${formatFigure(rate)} | at least 400,000: ${verdict(rate.median >= 400_000)} |`);
  say(`| events per CPU-second of the process | ${formatFigure(rates(events, result.cpuSeconds))} | |`);
  say(`| peak memory (resident, whole process) | ${formatNumber(result.peakMB)} MB | under 1,024 MB: ${verdict(result.peakMB < 1024)} |`);
  say();
};

const workload4 = async (server: RunningPostgres | undefined): Promise<void> => {
  const events = 10_000;
  const base = { events, warmups: quick ? 2 : 5, runs: quick ? 5 : 20 } as const;
  say(`## 4. Loading one long stream: a client ledger of ${formatCount(events)} events, loaded and folded by a fresh handler`);
  say();
  say('| store | folded from the first event, ms | from the latest snapshot, ms | Emmett aggregateStream, ms |');
  say('|---|---|---|---|');
  const stores = server === undefined ? (['memory', 'pglite'] as const) : (['memory', 'pglite', 'postgres'] as const);
  for (const store of stores) {
    const url = server?.url;
    const p: LongStreamParameters = { contender: 'ours', store, ...(url !== undefined ? { url } : {}), ...base };
    const ours = (await runChild(compiled('bench/workloads/long-stream.ts'), p)) as LongStreamResult;
    const peer = store === 'pglite' ? undefined : ((await runChild(compiled('bench/workloads/long-stream.ts'), { ...p, contender: 'emmett' })) as LongStreamResult);
    results[`w4-${store}`] = { ours, emmett: peer };
    const target = store === 'memory' ? ` (target under 20: ${verdict(ms(ours.folded).median < 20)})` : '';
    const snapshotTarget = ` (target under 20: ${verdict(ms(ours.fromSnapshot).median < 20)})`;
    say(`| ${store === 'memory' ? 'in-memory' : store === 'pglite' ? 'PGlite (a directory)' : 'PostgreSQL (local server)'} | ${formatFigure(ms(ours.folded))}${target} | ${formatFigure(ms(ours.fromSnapshot))}${snapshotTarget} | ${peer === undefined ? '—' : formatFigure(ms(peer.folded))} |`);
  }
  say();
};

const main = async (): Promise<void> => {
  if (installedVersion('@event-driven-io/emmett') !== EMMETT_VERSION || installedVersion('@event-driven-io/emmett-postgresql') !== EMMETT_VERSION) {
    throw new Error(`Emmett ${EMMETT_VERSION} is not installed in bench/peers: run \`bash bench/install-peers.sh\` (npm run bench does)`);
  }
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  const needsServer = only.has(2) || only.has(4);
  const server = needsServer ? await startThrowawayPostgres() : undefined;
  try {
    const m = machine(server?.bin);
    say(`# practice-ledger benchmark${quick ? ' (quick: a smoke test, not figures)' : ''}`);
    say();
    say(`- date: ${new Date().toISOString()}`);
    say(`- command: \`npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\``);
    say(`- machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB; ${m.os}; node ${m.node}${m.postgres !== undefined ? `; ${m.postgres}` : ''}`);
    say(`- peer: @event-driven-io/emmett and @event-driven-io/emmett-postgresql ${EMMETT_VERSION}`);
    say(`- load at the start: ${load()}`);
    say();
    if (only.has(1)) await workload1();
    if (only.has(2) && server !== undefined) await workload2(server);
    if (only.has(3)) await workload3();
    if (only.has(4)) await workload4(server);
    say(`- load at the end: ${load()}`);
  } finally {
    await server?.stop();
  }
  writeFileSync(join(outDir, 'results.md'), `${report.join('\n')}\n`);
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWritten to ${join(outDir, 'results.md')} and results.json`);
};

await main();
