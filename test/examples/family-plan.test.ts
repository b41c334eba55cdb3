import { describe, expect, it } from 'vitest';
import { familyPlanDemo } from '../../examples/family-plan.js';

describe('the family plan demo', () => {
  it('shows a family plan managed by its primary member, split billing, a rollover and each member’s usage', async () => {
    const lines: string[] = [];
    await familyPlanDemo((line) => lines.push(line));
    expect(lines).toEqual([
      'Plan: Family Wellness, USD 249.00/month, 2 treatments per person; 50% of the unused roll over (at most 1), valid 2 more months',
      'Sam tries to add a friend: refused (ONLY_PRIMARY_MANAGES_HOUSEHOLD) — Only the primary member (alex) manages the family plan of membership rivera; sam cannot add sams-friend.',
      'January, alex: 2 of 2 treatments used',
      'January, morgan: 1 of 2 treatments used',
      'January, sam: 0 of 2 treatments used',
      'Charge of 2025-01-01, USD 249.00: alex USD 249.00',
      'Charge of 2025-02-01, USD 249.00: alex USD 124.50, morgan USD 124.50, sam USD 0.00',
      'Rollover, alex: nothing left to roll over',
      'Rollover, morgan: Of 1 unused credit from rivera/period-1, 0 rolled over and 1 expired',
      'Rollover, sam: Of 2 unused credits from rivera/period-1, 1 rolled over into lot 2 and 1 expired',
      'February, alex: 0 of 2 treatments used, 2 left until 2025-03-01',
      'February, morgan: 0 of 2 treatments used, 2 left until 2025-03-01',
      'February, sam: 0 of 2 treatments used, 2 left until 2025-03-01, plus 1 carried over',
    ]);
  });
});
