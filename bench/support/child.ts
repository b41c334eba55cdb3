/**
 * Each measurement runs in a process of its own, so the contenders never share a heap, a
 * JIT profile or a garbage collector, and a process's peak memory is its own. The child
 * reads its parameters from argv (one JSON argument) and prints one `RESULT {json}` line.
 */
import { spawn } from 'node:child_process';

const PREFIX = 'RESULT ';

/** In the child: the JSON parameters it was started with. */
export const childParameters = (): unknown => {
  const arg = process.argv[2];
  if (arg === undefined) throw new Error('usage: node <workload>.js <json parameters>');
  return JSON.parse(arg);
};

/** In the child: reports the result and ends. */
export const reportResult = (result: unknown): void => {
  process.stdout.write(`${PREFIX}${JSON.stringify(result)}\n`);
};

/** In the parent: runs a compiled workload module with parameters, returns what it reported. */
export const runChild = (module: string, parameters: unknown, nodeOptions: readonly string[] = []): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...nodeOptions, module, JSON.stringify(parameters)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith(PREFIX));
      if (code !== 0 || line === undefined) {
        reject(new Error(`${module} failed (exit ${code ?? signal}):\n${out}`));
        return;
      }
      resolve(JSON.parse(line.slice(PREFIX.length)));
    });
  });
