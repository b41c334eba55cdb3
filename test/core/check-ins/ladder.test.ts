import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { checkInDecider, checkInNextTickAt, type CheckInEvent } from '../../../core/check-ins/index.js';
import {
  APPROVED_AT, DEADLINE_AT, DUE_AT, DUE_ON, FOLLOW_UP_AT, IN_APP_AT, LAPSED_AT, REPORT_AT, TEXT_AT,
  approve, approved, checkIn, d, declineEnd, emailOpened, ended, finalNotice, followUpCall, followUpEmail, i, inApp,
  lapsed, missed, openEmail, reported, startCommand, started, textAndEmail, tick, upToReport,
} from './fixtures.js';

const spec = deciderSpec(checkInDecider);

describe('the missed check-in procedure, step by step', () => {
  it('a check-in schedule starts with the first check-in due at the end of its due day in the practice time zone', () => {
    spec.given([]).when(startCommand()).then([started()]);
  });

  it('nothing happens before the check-in is missed', () => {
    spec.given([started()]).when(tick(i('2025-03-06T04:59:59.000Z'))).then([]);
  });

  it('the check-in is missed at the end of its due day', () => {
    spec.given([started()]).when(tick(DUE_AT)).then([missed()]);
  });

  it('24 hours after a missed check-in, message your client in the CC messages', () => {
    spec.given([started(), missed()]).when(tick(i('2025-03-07T04:59:00.000Z'))).then([]);
    spec.given([started(), missed()]).when(tick(IN_APP_AT)).then([inApp()]);
  });

  it('Scenario #1: the client has been opening their emails, so send a follow up email', () => {
    const opened = i('2025-03-08T17:30:00.000Z');
    spec.given([started(), missed(), inApp(), emailOpened(opened)]).when(tick(FOLLOW_UP_AT)).then([followUpEmail(opened)]);
  });

  it('Scenario #2: the client is not opening their emails, so follow up with a phone call', () => {
    spec.given([started(), missed(), inApp()]).when(tick(FOLLOW_UP_AT)).then([followUpCall()]);
  });

  it('an email opened after the follow-up fell due, or longer ago than the lookback, does not count', () => {
    const history = [started(), missed(), inApp(), emailOpened(i('2025-02-01T12:00:00.000Z')), emailOpened(i('2025-03-09T05:00:01.000Z'))];
    spec.given(history).when(tick(i('2025-03-10T00:00:00.000Z'))).then([followUpCall()]);
  });

  it('if the client has not responded, send a text message and email', () => {
    spec.given([started(), missed(), inApp(), followUpCall()]).when(tick(TEXT_AT)).then([textAndEmail()]);
  });

  it('if the client still has not submitted their check-in, report the client as non-compliant to the Program Manager', () => {
    spec.given([started(), missed(), inApp(), followUpCall(), textAndEmail(), lapsed]).when(tick(REPORT_AT)).then([reported()]);
  });

  it('a late tick records every step that fell due, each at the instant it fell due', () => {
    spec.given([started()]).when(tick(i('2025-04-01T00:00:00.000Z'))).then(upToReport.slice(1));
  });

  it('while the report waits on the manager, no tick moves the ladder', () => {
    const state = spec.given(upToReport).when(tick(i('2025-06-01T00:00:00.000Z'))).then([]);
    expect(checkInNextTickAt(state)).toBeUndefined();
  });

  it('if the Program Manager approves, send a final message with a deadline at the end of the week', () => {
    spec.given(upToReport).when(approve()).then([approved(), finalNotice()]);
  });

  it('a practice may require more notice: a deadline too close moves to the end of the next week', () => {
    const sunday = i('2025-03-16T20:00:00.000Z');
    const history = [started({ deadline: { minimumNoticeHours: 48 } }), ...upToReport.slice(1)];
    spec.given(history).when(approve(sunday)).thenEvents((events) => {
      expect(events[1]).toMatchObject({ type: 'FinalNoticeSent', data: { deadlineOn: d('2025-03-23'), deadlineAt: i('2025-03-24T04:00:00.000Z') } });
    });
  });

  it('End the client program if the client never responded or checked in, at the deadline', () => {
    const history = [...upToReport, approved(), finalNotice()];
    spec.given(history).when(tick(i('2025-03-17T03:59:59.000Z'))).then([]);
    const state = spec.given(history).when(tick(DEADLINE_AT)).then([ended]);
    expect(state.status).toBe('ended');
    expect(checkInNextTickAt(state)).toBeUndefined();
  });

  it('ONLY END A CLIENT PROGRAM ONCE A MANAGER HAS APPROVED IT: nothing to approve before the report', () => {
    spec.given([started(), missed(), inApp(), followUpCall(), textAndEmail()]).when(approve(TEXT_AT)).thenError('NOT_AWAITING_APPROVAL', 'text-and-email');
    spec.given([started()]).when(approve()).thenError('NO_OPEN_ESCALATION');
    spec.given([...upToReport, approved(), finalNotice()]).when(approve()).thenError('NOT_AWAITING_APPROVAL', 'already approved');
  });

  it('an approval dated before the report is refused', () => {
    spec.given(upToReport).when(approve(i('2025-03-13T04:00:00.000Z'))).thenError('APPROVAL_BEFORE_REPORT');
  });

  it('a manager may decline and close the escalation: nothing ends', () => {
    const declined: CheckInEvent = {
      type: 'ProgramEndDeclined',
      data: { issue: 'missed-check-in', dueOn: DUE_ON, declinedBy: 'manager-pm', declinedAt: APPROVED_AT, reason: 'The client called back' },
    };
    const state = spec.given(upToReport).when(declineEnd(APPROVED_AT)).then([declined]);
    expect(state.status === 'active' && state.escalations).toEqual([]);
    spec.given([...upToReport, declined]).when(tick(i('2025-12-31T00:00:00.000Z'))).then([]);
    spec.given([...upToReport, declined]).when(approve()).thenError('NO_OPEN_ESCALATION');
  });

  it('a manager may withdraw an approval before the deadline: nothing ends', () => {
    const history = [...upToReport, approved(), finalNotice()];
    spec.given(history).when(declineEnd(i('2025-03-15T12:00:00.000Z'))).thenEvents((events, state) => {
      expect(events.map((e) => e.type)).toEqual(['ProgramEndDeclined']);
      expect(checkInNextTickAt(state)).toBeUndefined();
    });
  });

  it('declining before the report is refused', () => {
    spec.given([started(), missed(), inApp()]).when(declineEnd(IN_APP_AT)).thenError('NOT_AWAITING_APPROVAL');
  });
});

describe('a check-in at any step resolves the escalation', () => {
  const next = { nextDueOn: d('2025-03-28'), nextDueAt: i('2025-03-29T04:00:00.000Z') };
  const at = i('2025-03-14T15:00:00.000Z');
  const submitted = (late: boolean, submittedAt = at, nextDue = next): CheckInEvent => ({
    type: 'CheckInSubmitted',
    data: { checkInId: 'ci-1', submittedAt, submittedOn: d(submittedAt.slice(0, 10)), forDueOn: DUE_ON, late, ...nextDue, everyDays: 14 },
  });
  const resolved = (stepReached: string): CheckInEvent => ({
    type: 'EscalationResolved',
    data: { issue: 'missed-check-in', dueOn: DUE_ON, resolvedAt: at, resolution: 'check-in', resolvedBy: 'ci-1', stepReached: stepReached as 'overdue' },
  });

  it('a client who checks in on time is not escalated; the next check-in is due 14 days later', () => {
    const onTime = i('2025-03-05T20:00:00.000Z');
    const onTimeSubmitted = submitted(false, onTime, { nextDueOn: d('2025-03-19'), nextDueAt: i('2025-03-20T04:00:00.000Z') });
    const state = spec.given([started()]).when(checkIn(onTime)).then([onTimeSubmitted]);
    expect(checkInNextTickAt(state)).toBe(LAPSED_AT); // the regimen window comes first
    spec.given([started(), onTimeSubmitted]).when(tick(DUE_AT)).then([]);
  });

  const steps: readonly [string, readonly CheckInEvent[]][] = [
    ['overdue', [started(), missed(), lapsed]],
    ['in-app-message', [started(), missed(), inApp(), lapsed]],
    ['follow-up', [started(), missed(), inApp(), followUpCall(), lapsed]],
    ['text-and-email', [started(), missed(), inApp(), followUpCall(), textAndEmail(), lapsed]],
    ['non-compliance-report', upToReport],
    ['final-notice', [...upToReport, approved(), finalNotice()]],
  ];
  for (const [step, history] of steps) {
    it(`a check-in after the "${step}" step stops every later step`, () => {
      const state = spec.given(history).when(checkIn(at)).then([submitted(true), resolved(step)]);
      expect(checkInNextTickAt(state)).toBe(i('2025-03-29T04:00:00.000Z'));
      spec.given([...history, submitted(true), resolved(step)]).when(tick(i('2025-03-29T03:00:00.000Z'))).then([]);
    });
  }

  it('a check-in after the program ended is refused', () => {
    spec.given([...upToReport, approved(), finalNotice(), ended]).when(checkIn(i('2025-03-18T00:00:00.000Z'))).thenError('CHECK_INS_ENDED');
    spec.given([...upToReport, approved(), finalNotice(), ended]).when(tick(i('2025-04-18T00:00:00.000Z'))).then([]);
  });
});

describe('the regimen window', () => {
  it('21 days without a regimen change flags the client', () => {
    const checkedIn: CheckInEvent = {
      type: 'CheckInSubmitted',
      data: { checkInId: 'ci-0', submittedAt: DUE_AT, submittedOn: d('2025-03-06'), forDueOn: DUE_ON, late: true, nextDueOn: d('2025-03-20'), nextDueAt: i('2025-03-21T04:00:00.000Z'), everyDays: 14 },
    };
    spec.given([started(), checkedIn]).when(tick(i('2025-03-12T03:59:59.000Z'))).then([]);
    spec.given([started(), checkedIn]).when(tick(LAPSED_AT)).then([lapsed]);
  });
  it('a regimen change starts the window again and clears the flag', () => {
    const changedAt = i('2025-03-12T15:00:00.000Z');
    const state = spec
      .given([started(), missed(), inApp(), followUpCall(), textAndEmail(), lapsed])
      .when({ type: 'RecordRegimenChange', enrollmentId: 'enr-1', at: changedAt })
      .then([{ type: 'RegimenChanged', data: { changedAt, changedOn: d('2025-03-12') } }]);
    expect(state.status === 'active' && state.regimen).toEqual({ lastChangedOn: d('2025-03-12'), lapsed: false });
  });
});

describe('email opens', () => {
  it('the platform records email opens as events', () => {
    const at = i('2025-03-08T17:30:00.000Z');
    spec.given([started()]).when(openEmail(at)).then([emailOpened(at)]);
    spec.given([started()]).when({ type: 'RecordEmailOpened', enrollmentId: 'enr-1', at, emailId: 'mail-7' }).then([
      { type: 'EmailOpened', data: { openedAt: at, emailId: 'mail-7' } },
    ]);
  });
});

describe('refusals', () => {
  it('commands before the schedule starts, or a second start, are refused', () => {
    spec.given([]).when(checkIn(DUE_AT)).thenError('CHECK_INS_NOT_STARTED');
    spec.given([]).when(tick(DUE_AT)).thenError('CHECK_INS_NOT_STARTED');
    spec.given([started()]).when(startCommand()).thenError('CHECK_INS_ALREADY_STARTED');
  });
  it('a first due day already over, or an unknown time zone, is refused', () => {
    spec.given([]).when({ ...startCommand(), at: i('2025-03-06T05:00:00.000Z') } as never).thenError('CHECK_IN_DUE_IN_THE_PAST');
    spec.given([]).when(startCommand({ timeZone: 'Mars/Olympus_Mons' })).thenError('INVALID_TIME_ZONE');
    spec.given([]).when(startCommand({ waits: { followUp: -1 } })).thenError('INVALID_POLICY');
  });
  it('a check-in cannot be rescheduled while its ladder runs; before, it can', () => {
    const reschedule = { type: 'RescheduleCheckIn', enrollmentId: 'enr-1', dueOn: d('2025-03-10'), by: 'coach-ann', at: i('2025-03-04T12:00:00.000Z') } as const;
    spec.given([started()]).when(reschedule).then([
      {
        type: 'CheckInRescheduled',
        data: { rescheduledBy: 'coach-ann', rescheduledAt: i('2025-03-04T12:00:00.000Z'), previousDueOn: DUE_ON, dueOn: d('2025-03-10'), dueAt: i('2025-03-11T04:00:00.000Z') },
      },
    ]);
    spec.given([started(), missed()]).when({ ...reschedule, at: IN_APP_AT }).thenError('CHECK_IN_ESCALATION_OPEN');
    spec.given([started()]).when({ ...reschedule, dueOn: d('2025-03-01') }).thenError('CHECK_IN_DUE_IN_THE_PAST');
  });
});
