import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { moduleReleases, modulesReleasedBy, programAccessEndDate, programCompletionDate } from '../../../core/rules/program-schedule.js';
import { daysBetween, localDate as d } from '../../../core/values/local-date.js';
import { arbLocalDate } from '../../../testing/arbitraries.js';

const modules = [
  { moduleId: 'a', releaseDay: 0 },
  { moduleId: 'b', releaseDay: 7 },
  { moduleId: 'c', releaseDay: 3 },
];

describe('program schedule', () => {
  it('releases modules on a cadence of days from the start date, across month ends', () => {
    expect(moduleReleases(d('2025-01-28'), modules)).toEqual([
      { moduleId: 'a', on: d('2025-01-28') },
      { moduleId: 'b', on: d('2025-02-04') },
      { moduleId: 'c', on: d('2025-01-31') },
    ]);
    expect(programCompletionDate(d('2025-01-28'), modules)).toBe(d('2025-02-04'));
    expect(modulesReleasedBy(moduleReleases(d('2025-01-28'), modules), d('2025-02-01')).map((r) => r.moduleId)).toEqual(['a', 'c']);
    expect(programAccessEndDate(d('2024-02-20'), 10)).toBe(d('2024-03-01'));
  });

  it('the completion date is the last release date, never before the start', () => {
    fc.assert(
      fc.property(arbLocalDate(), fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 10 }), (start, days) => {
        const ms = days.map((releaseDay, i) => ({ moduleId: `m${i}`, releaseDay }));
        const end = programCompletionDate(start, ms);
        expect(daysBetween(start, end)).toBe(Math.max(...days));
        expect(moduleReleases(start, ms).every((r) => r.on <= end && r.on >= start)).toBe(true);
      }),
    );
  });
});
