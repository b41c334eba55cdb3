import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { propertyTestYourPolicy } from '../../examples/property-test-your-policy.js';

describe('README: property-test your policies', () => {
  it('runs every law under the practice’s policies, and a broken house rule tells its shrunk story', async () => {
    const lines: string[] = [];
    await propertyTestYourPolicy((line) => lines.push(line));
    console.log(lines.join('\n'));
    expect(lines.slice(0, 10)).toEqual([
      'holds: replay is deterministic',
      'holds: conservation of credits',
      'holds: conservation of money',
      'holds: the line items of a charge sum to the charge',
      'holds: no negative balance where booking without credits is prevented',
      'holds: a package’s units agree with its credits',
      'holds: no program ended without a manager’s approval',
      'holds: every event round-trips through the codecs of practiceEvents',
      'holds: no sequence of valid commands breaks an invariant',
      'holds under generated policies too',
    ]);
    expect(lines[10]).toBe('Law broken: no client is turned away for lack of credit.');
    expect(lines.slice(11)).toEqual([expect.stringMatching(/^1\. book (facial|massage) for c\d via [a-z ]+ \(booking b1\) → refused INSUFFICIENT_CREDITS$/)]);
  });

  it('is quoted verbatim in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL('../../examples/property-test-your-policy.ts', import.meta.url), 'utf8');
    const block = /## Property-test your policies[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(code);
  });
});
