/** What the figures were measured on: the machine, its load, the versions. */
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem, type, release } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGB: number;
  readonly os: string;
  readonly node: string;
  readonly postgres?: string;
}

export const machine = (postgresBin?: string): Machine => {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown';
  let postgres: string | undefined;
  if (postgresBin !== undefined) {
    try {
      postgres = execFileSync(`${postgresBin}/postgres`, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      postgres = undefined;
    }
  }
  return {
    cpu,
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    os: `${type()} ${release()}`,
    node: process.version,
    ...(postgres !== undefined ? { postgres } : {}),
  };
};

/** The load averages over 1, 5 and 15 minutes (as `uptime` prints them) and the free memory. */
export const load = (): string => `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}; ${Math.round(freemem() / 1024 ** 2)} MB free`;
