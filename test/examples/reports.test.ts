import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportsExample } from '../../examples/reports.js';

describe('README: Reports', () => {
  it('runs: a report as of a past day, and a report by name as tables', async () => {
    const lines: string[] = [];
    await reportsExample((line) => lines.push(line));
    // Mar 31: ann's $99 of Mar 1 and bob's $450 (the renewal of Apr 1 came later).
    // Apr 30: one member all along; MRR $99 in both months.
    expect(lines).toEqual([
      'Revenue as of 2025-03-31: USD 549.00',
      'Month | Members at start | Joined | Churned | Churn rate | Members at end | MRR | MRR change | MRR change %',
      '2025-03 | 1 | 0 | 0 | 0% | 1 | USD 99.00 | USD 99.00 | -',
      '2025-04 | 1 | 0 | 0 | 0% | 1 | USD 99.00 | USD 0.00 | 0%',
    ]);
  });

  it('is quoted verbatim in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL('../../examples/reports.ts', import.meta.url), 'utf8');
    const block = /## Reports[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(code);
  });
});
