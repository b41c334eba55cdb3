import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bookingWithPromiseFacade } from '../../examples/booking-with-promise-facade.js';

describe('handling a booking with the Promise facade (example)', () => {
  it('runs and prints the booking, the retry applied once, the refusals and the cancellation', async () => {
    const lines: string[] = [];
    await bookingWithPromiseFacade((line) => lines.push(line));
    expect(lines).toEqual([
      'credits-c42@1 SessionBooked on 2025-03-03T14:00:00Z',
      'retry applied again: false',
      'refused: INSUFFICIENT_CREDITS',
      'refused: INVALID_COMMAND (on)',
      'credits-c42@2 SessionCancelled',
    ]);
  });

  it('the README quotes it', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL('../../examples/booking-with-promise-facade.ts', import.meta.url), 'utf8');
    const block = /## Promise facade[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    for (const line of (block ?? '').split('\n').filter((l) => l.trim() !== '' && l.trim() !== '…')) {
      expect(code).toContain(line.trim());
    }
  });
});
