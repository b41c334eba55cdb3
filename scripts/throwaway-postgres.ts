/**
 * A throwaway PostgreSQL cluster, for the tests that need a real server and for the
 * benchmarks: created with initdb in a temporary directory, owned by an unprivileged user
 * when run as root (postgres refuses to run as root), listening on 127.0.0.1 only on a
 * free port, trusting local connections (it lives for one run), without durability
 * (fsync, synchronous commit and full page writes off). `stop` shuts it down and deletes
 * its directory. Install the server with `bash scripts/ensure-postgres.sh`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The directory of the newest installed server's programs (initdb, postgres, pgbench). */
export const findServerBinaries = (): string => {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest !== undefined) return `/usr/lib/postgresql/${newest}/bin`;
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  throw new Error(
    'No PostgreSQL server found (initdb). Run `bash scripts/ensure-postgres.sh` (installs Debian\'s packages), ' +
      'or set PRACTICE_LEDGER_TEST_POSTGRES_URL to a server the tests may use.',
  );
};

interface Account {
  readonly uid: number;
  readonly gid: number;
  readonly name: string;
}

const lookup = (name: string): Account | undefined => {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid, name };
  } catch {
    return undefined;
  }
};

/** Who runs the cluster: the current user, or (as root) `postgres`, else `nobody`, else a new system user. */
const serverAccount = (): Account | undefined => {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookup('postgres') ?? lookup('nobody');
  if (existing !== undefined) return existing;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'practice-ledger-pg']);
  const created = lookup('practice-ledger-pg');
  if (created === undefined) throw new Error('Could not create an unprivileged user for a throwaway PostgreSQL cluster');
  return created;
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const run = (bin: string, args: readonly string[], cwd: string, account: Account | undefined): void => {
  execFileSync(bin, [...args], { cwd, stdio: 'pipe', ...(account ? { uid: account.uid, gid: account.gid } : {}) });
};

const waitUntilReady = async (url: string, server: ChildProcess, log: string): Promise<void> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited during startup:\n${readFileSync(log, 'utf8')}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${readFileSync(log, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

export interface RunningPostgres {
  /** Connection string of the `postgres` database as the `postgres` superuser. */
  readonly url: string;
  /** The directory of the server's programs (pgbench is there too). */
  readonly bin: string;
  readonly stop: () => Promise<void>;
}

/** Starts a throwaway cluster; `stop` shuts it down and deletes its directory. */
export const startThrowawayPostgres = async (): Promise<RunningPostgres> => {
  const bin = findServerBinaries();
  const account = serverAccount();
  // As root, under /tmp: a private TMPDIR (under /root, say) would be out of the server user's reach.
  const base = mkdtempSync(join(account === undefined ? tmpdir() : '/tmp', 'practice-ledger-pg-'));
  if (account !== undefined) chownSync(base, account.uid, account.gid);
  const data = join(base, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync'], base, account);
  const log = join(base, 'server.log');
  const logFd = openSync(log, 'a');
  const port = await freePort();
  const server = spawn(
    join(bin, 'postgres'),
    [
      '-D', data,
      '-p', String(port),
      '-k', base,
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      // A throwaway cluster: durability buys nothing here.
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    { cwd: base, stdio: ['ignore', logFd, logFd], ...(account ? { uid: account.uid, gid: account.gid } : {}) },
  );
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  // If the test run dies without its teardown, do not leave the server behind.
  const onExit = (): void => {
    server.kill('SIGQUIT');
  };
  process.once('exit', onExit);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const stop = async (): Promise<void> => {
    process.removeListener('exit', onExit);
    if (server.exitCode === null) {
      server.kill('SIGINT'); // fast shutdown: roll back open transactions, disconnect clients
      await exited;
    }
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, server, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, bin, stop };
};
