import { describe, expect, it } from 'vitest';
import { ENROLL_CLIENTS } from '../../../core/programs/index.js';
import { addDays, localDate } from '../../../core/values/local-date.js';
import { practice } from './fixtures.js';
import { pay } from './scenario.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const coach = { kind: 'member', memberId: 'ann', permissions: [ENROLL_CLIENTS] } as const;

describe('the Promise facade: one client down the whole check-in ladder', () => {
  it('the schedule ticks the ladder; after the manager’s approval the flow ends the program and cancels the coaching membership', async () => {
    const { ledger, goTo, clock } = practice({ start: '2025-02-19' });
    await ledger.createProgram({
      programId: 'acne',
      by: { kind: 'member', memberId: 'owner', permissions: ['create-edit-archive-delete-programs'] },
      definition: { name: 'Online Acne Program', kind: 'standard', modules: [{ moduleId: 'welcome', title: 'Welcome', kind: 'video', releaseDay: 0 }] },
    });
    await ledger.enrollClientInProgram({ programId: 'acne', clientId: 'maya', by: coach });
    await ledger.defineMembershipPlan({ planId: 'coaching', name: 'Monthly Coaching Fee', price: usd(4900), frequency: 'monthly' });
    await pay(ledger, (await ledger.signUpForMembership({ membershipId: 'coaching-maya', clientId: 'maya', planId: 'coaching' })).events);
    const started = await ledger.startCheckInSchedule({
      enrollmentId: 'enr-maya',
      clientId: 'maya',
      programId: 'acne',
      clientName: 'Maya',
      coach: 'Ann',
      coachingMembershipId: 'coaching-maya',
      firstDueOn: '2025-03-05',
      regimenChangedOn: '2025-02-19',
    });
    expect(started.events[0]?.data).toMatchObject({ policy: { timeZone: 'America/New_York', checkInEveryDays: 14 } });
    expect((await ledger.due('2025-03-31')).map((i) => [i.step.kind, i.at])).toContainEqual(['check-in-tick', '2025-03-06T05:00:00.000Z']);

    const ladder: string[] = [];
    const flows: string[] = [];
    for (let day = localDate('2025-02-20'); day <= localDate('2025-03-20'); day = addDays(day, 1)) {
      goTo(day);
      const run = await ledger.tick();
      for (const s of run.sent) {
        await pay(ledger, s.events);
        for (const e of s.events) if (s.item.step.kind === 'check-in-tick') ladder.push(`${s.item.at ?? ''} ${e.type}`);
      }
      for (const f of run.flows) if (f.flow === 'check-in-escalation') flows.push(`${f.flow}: ${f.command.type} ${f.outcome}`);
      if (ladder.some((l) => l.endsWith('NonComplianceReported')) && !ladder.some((l) => l.endsWith('ProgramEndApproved'))) {
        clock.set('2025-03-13T14:00:00.000Z');
        const approved = await ledger.approveProgramEnd({ enrollmentId: 'enr-maya', issue: 'missed-check-in', managerId: 'program-manager' });
        ladder.push(...approved.events.map((e) => `${e.metadata.at} ${e.type}`));
      }
    }
    // Each tick is sent for the instant its step fell due (the clinic demo's instants), though sent at 9 am.
    expect(ladder).toEqual([
      '2025-03-06T05:00:00.000Z CheckInMissed',
      '2025-03-07T05:00:00.000Z InAppMessageSent',
      '2025-03-09T05:00:00.000Z FollowUpSent',
      '2025-03-11T05:00:00.000Z TextAndEmailSent',
      '2025-03-12T04:00:00.000Z RegimenWindowLapsed',
      '2025-03-13T05:00:00.000Z NonComplianceReported',
      '2025-03-13T14:00:00.000Z ProgramEndApproved',
      '2025-03-13T14:00:00.000Z FinalNoticeSent',
      '2025-03-17T04:00:00.000Z EscalationEnded',
    ]);
    expect(flows).toEqual(['check-in-escalation: RemoveClientFromProgram applied', 'check-in-escalation: CancelMembership applied']);
    expect(ledger.flows.failures()).toEqual([]);
    const roster = ledger.flows.models().membershipRoster.memberships.get('coaching-maya');
    expect(roster?.phase === 'ended' ? roster.ended : null).toEqual({ on: '2025-03-19', reason: 'cancelled' });
  });
});
