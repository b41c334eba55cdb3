import { describe, expect, it } from 'vitest';
import { projectionRunner } from '../../examples/projection-runner.js';

describe('running a projection with the runner (example)', () => {
  it('folds the log from its checkpoint, then only what came after, and a rebuild finds the same model', async () => {
    const lines: string[] = [];
    await projectionRunner((line) => lines.push(line));
    expect(lines).toEqual([
      'Up to position 1: c42 massage 2',
      'Up to position 3: c42 massage 3, c7 massage -1',
      'In negative credits: c7 (-1)',
      'Rebuilt up to position 3: the same balances',
    ]);
  });
});
