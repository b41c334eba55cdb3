import { describe, expect, it } from 'vitest';
import { checkInEscalationDemo } from '../../examples/check-in-escalation.js';

describe('check-in escalation demo', () => {
  it('walks one client down the whole ladder: the program ends and the coaching membership is cancelled', async () => {
    const lines: string[] = [];
    await checkInEscalationDemo((line) => lines.push(line));
    expect(lines).toEqual([
      '2025-02-19T05:00:00.000Z  CheckInScheduleStarted',
      '2025-03-06T05:00:00.000Z  CheckInMissed',
      '2025-03-07T05:00:00.000Z  InAppMessageSent by in-app: "Hi Maya! Your check in was due yesterday, 2025-03-05. Please…"',
      '2025-03-09T05:00:00.000Z  FollowUpSent by phone: "Hi Maya, this is Ann. How are you doing today? Great! I just…"',
      '2025-03-11T05:00:00.000Z  TextAndEmailSent by text and email: "Hi Maya, this is Ann at Natural Acne Clinic. I hope all is w…"',
      '2025-03-12T04:00:00.000Z  RegimenWindowLapsed: no regimen change since 2025-02-19 (21 days)',
      '2025-03-13T05:00:00.000Z  NonComplianceReported by team-chat: "Maya is non-compliant: their check-in was due on 2025-03-05,…"',
      '  board: Maya 168 h overdue, waits on the manager',
      '2025-03-13T14:00:00.000Z  ProgramEndApproved',
      '2025-03-13T14:00:00.000Z  FinalNoticeSent by in-app: "Hi Maya, if I don\'t hear back from you or see your check-in …"',
      '2025-03-17T04:00:00.000Z  EscalationEnded: no check-in by the deadline; approved by program-manager on 2025-03-13',
      '  flow: maya removed from online-acne-program on 2025-03-17',
      '  flow: coaching membership cancelled on 2025-03-17, effective 2025-03-19 (the end of the paid period)',
    ]);
  });
});
