/** Type-level tests: a wrong check-in command or event shape does not compile. */
import { describe, expect, it } from 'vitest';
import type { CheckInCommand, CheckInEvent } from '../../../core/check-ins/index.js';
import { instant } from '../../../core/values/calendar.js';

describe('check-in types', () => {
  it('reject wrong shapes at compile time', () => {
    const at = instant('2025-03-13T14:00:00Z');
    const ok: CheckInCommand = { type: 'ApproveProgramEnd', enrollmentId: 'e', issue: 'missed-check-in', managerId: 'pm', at };
    // @ts-expect-error an approval names the manager
    const noManager: CheckInCommand = { type: 'ApproveProgramEnd', enrollmentId: 'e', issue: 'missed-check-in', at };
    // @ts-expect-error a missed check-in is raised by the schedule, not by hand
    const raised: CheckInCommand = { type: 'RaiseComplianceIssue', enrollmentId: 'e', issue: 'missed-check-in', by: 'c', at };
    // @ts-expect-error a tick carries an instant, not a plain string
    const tick: CheckInCommand = { type: 'TickCheckIns', enrollmentId: 'e', at: '2025-03-13' };
    // @ts-expect-error an end records the approval
    const end: CheckInEvent = { type: 'EscalationEnded', data: { issue: 'missed-check-in', enrollmentId: 'e' } };
    expect([ok, noManager, raised, tick, end]).toHaveLength(5);
  });
});
