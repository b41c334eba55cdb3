/** Where the benchmark's files are, wherever its compiled code runs from. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const isRepositoryRoot = (dir: string): boolean => {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return typeof manifest === 'object' && manifest !== null && (manifest as { name?: unknown }).name === 'practice-ledger';
};

const findRoot = (): string => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (isRepositoryRoot(dir)) return dir;
    if (dirname(dir) === dir) throw new Error('The benchmark runs outside the practice-ledger repository');
  }
};

/** The repository's root. */
export const repositoryRoot = findRoot();
/** `bench/` */
export const benchDir = join(repositoryRoot, 'bench');
/** Where the peers are installed on demand (ignored by git). */
export const peersDir = join(benchDir, 'peers');
/** Generated files: the compiled benchmark, the audit log, raw results (ignored by git). */
export const outDir = join(benchDir, 'out');
/** The compiled module of a benchmark source file, `bench/workloads/x.ts` → `bench/out/bench/workloads/x.js`. */
export const compiled = (source: string): string => join(outDir, source.replace(/\.ts$/, '.js'));
