/**
 * The `practice-ledger` command (commander): `demo`, `replay`, `report`, `reports`,
 * `audit verify`, `export`. `runCli(argv, io)` runs it with the streams it is given and
 * resolves to the exit code: 0 when it did what was asked, 1 when the input was bad or the
 * audit failed, 2 when the command line itself was (an unknown option, a missing
 * argument). Every failure is one sentence on standard error, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { auditVerifyCommand } from './commands/audit.js';
import { DEFAULT_DEMO_LOG, demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { replayCommand } from './commands/replay.js';
import { DEFAULT_TIME_ZONE, reportCommand, reportsCommand } from './commands/report.js';
import { CliError, sentence, type CliIo } from './io.js';

const NAME = 'practice-ledger';

/** The package's version, from the package.json above this file (in the sources or in dist/). */
const version = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && pkg.name === NAME && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: look one folder up
    }
  }
  return 'unknown';
};

const collect = (value: string, previous: readonly string[] | undefined): readonly string[] => [...(previous ?? []), value];

const program = (io: CliIo): Command => {
  const root = new Command(NAME)
    .description('The commercial record of a health and wellness practice as an immutable, replayable log: a demo year, replays, reports and audits of the JSONL log.')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s), outputError: () => undefined });

  root
    .command('demo')
    .description('simulate one practice over a year, print its reports and write its log')
    .option('--seed <n>', 'drives the simulation: the same seed gives the same year, byte for byte', '1')
    .option('--clients <n>', 'clients drawn besides the cast (about 50 events each)', '40')
    .option('--out <file>', 'where the JSONL log is written', DEFAULT_DEMO_LOG)
    .action((options: { seed: string; clients: string; out: string }) => demoCommand(io, options));

  root
    .command('replay')
    .description('read a log back (hash chain checked, every event decoded), say what it holds, and fold it into reports')
    .argument('<log>', 'a JSONL log')
    .option('--report <name>', 'a report to print (repeat for several; `practice-ledger reports` lists them)', collect)
    .option('--as-of <date>', "the day the reports are as of (YYYY-MM-DD) (default: the log's last day)")
    .option('--time-zone <zone>', "the practice's IANA time zone", DEFAULT_TIME_ZONE)
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--client <id>', 'only this client, for the reports about clients')
    .option('--within-days <n>', 'days ahead, for the look-ahead reports')
    .action((log: string, options: Parameters<typeof replayCommand>[2]) => replayCommand(io, log, options));

  root
    .command('report')
    .description('fold a log into one report, as of a day')
    .argument('<name>', 'the report (`practice-ledger reports` lists them)')
    .option('--log <file>', 'the JSONL log to fold')
    .option('--as-of <date>', "the day the report is as of (YYYY-MM-DD) (default: the log's last day)")
    .option('--time-zone <zone>', "the practice's IANA time zone", DEFAULT_TIME_ZONE)
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--client <id>', 'only this client, for the reports about clients')
    .option('--within-days <n>', 'days ahead, for the look-ahead reports')
    .action((name: string, options: Parameters<typeof reportCommand>[2]) => reportCommand(io, name, options));

  root
    .command('reports')
    .description('list the reports')
    .action(() => reportsCommand(io));

  const audit = root.command('audit').description("an auditor's checks of a log");
  audit
    .command('verify')
    .description("check the hash chain, every stream's revisions, and re-derive every client's credit history and balances")
    .argument('<log>', 'a JSONL log')
    .option('--balances', "print every client's re-derived balances")
    .action((log: string, options: { balances?: boolean }) => auditVerifyCommand(io, log, options));

  root
    .command('export')
    .description("write a store's whole log as JSONL with its hash chain")
    .option('--postgres <url>', 'a PostgreSQL server (postgresql://user:password@host/database)')
    .option('--pglite <directory>', 'an embedded PGlite database directory')
    .option('--eventstoredb <url>', 'an EventStoreDB cluster (esdb://host:2113?tls=false)')
    .option('--schema <name>', 'the PostgreSQL schema holding the log (default: practice_ledger)')
    .option('--stream-prefix <prefix>', "the EventStoreDB prefix of the practice's streams")
    .option('--out <file>', 'where the JSONL log is written')
    .action((options: Parameters<typeof exportCommand>[1]) => exportCommand(io, options));

  return root;
};

/** Commander's message as one sentence ("error: unknown option '--x'" → "Unknown option '--x'."). */
const commanderSentence = (error: CommanderError): string => {
  const text = error.message.replace(/^error:\s*/i, '');
  return sentence(text.charAt(0).toUpperCase() + text.slice(1));
};

/** Runs the CLI on `argv` (the arguments after the program's name); resolves to the exit code. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  try {
    await program(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // help or version, printed
      if (error.code === 'commander.help') return 2; // no command given: the usage was printed
      io.stderr.write(`${NAME}: ${commanderSentence(error)} See ${NAME} --help.\n`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr.write(`${NAME}: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message || error.name : String(error);
    io.stderr.write(`${NAME}: ${sentence(`Unexpected failure: ${message.split('\n')[0] ?? ''}`)}\n`);
    return 70;
  }
};
