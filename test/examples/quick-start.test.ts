import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { quickStart } from '../../examples/quick-start.js';

describe('README quick start', () => {
  it('runs and prints the renewal dates, the prorated upgrade, the refusal and the events read back', async () => {
    const lines: string[] = [];
    await quickStart((line) => lines.push(line));
    expect(lines).toEqual([
      'Renewals: 2025-02-28, 2025-03-31, 2025-04-30',
      'Upgrade: credit USD 5.00, charge USD 10.00, net USD 5.00',
      'Refused: INVALID_COMMAND on "on"',
      'Read back: credits-c42@0 CreditsGranted',
      'Read back: credits-c42@1 SessionBooked',
    ]);
  });
  it('is quoted verbatim in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL('../../examples/quick-start.ts', import.meta.url), 'utf8');
    const block = /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(code);
  });
});
