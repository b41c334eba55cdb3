/**
 * Specs for removing clients, unpaid packages, the maximum access duration and the end of
 * a program (seeds 000 and 001), each named in the seed's words.
 */
import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { endEnrollmentAfterApproval, enrollmentDecider, enrollmentNextTick, modulesOpenOn, type EnrollmentEvent } from '../../../core/programs/index.js';
import { deriveId } from '../../../core/values/ids.js';
import { acne, booster, coordinator, d, enrolled, freemium, nutrition, owner, system } from './fixtures.js';

const spec = deciderSpec(enrollmentDecider);
const who = { programId: 'p-acne', clientId: 'c-ana' };
const manual = { kind: 'manual' } as const;
const ids = (modules: readonly { moduleId: string }[]) => modules.map((m) => m.moduleId);

describe('remove clients from a program (seed 001)', () => {
  const given = [enrolled(acne, 'c-ana', manual, d('2025-03-03'))];

  it('he/she will no longer have access to previous and upcoming program modules', () => {
    const state = spec
      .given(given)
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-12'), by: coordinator, reason: { kind: 'finished-program' } })
      .then([
        { type: 'ClientRemovedFromProgram', data: { ...who, on: d('2025-03-12'), reason: { kind: 'finished-program' }, by: { kind: 'member', memberId: 'm-coord' } } },
        { type: 'ProgramAccessLossNoticeDue', data: { ...who, on: d('2025-03-12'), reason: { kind: 'finished-program' } } },
      ]);
    expect(modulesOpenOn(state, d('2025-03-12'))).toEqual([]);
    expect(modulesOpenOn(state, d('2025-05-01'))).toEqual([]);
    expect(enrollmentNextTick(state)).toBeUndefined();
  });

  it('let them know they will no longer have access, unless the provider already did (seed 000)', () => {
    spec
      .given(given)
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-12'), by: coordinator, reason: { kind: 'other', note: 'told in session' }, tellClient: false })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['ClientRemovedFromProgram']));
  });

  it('a client who is not enrolled cannot be removed', () => {
    spec
      .given([])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-12'), by: coordinator, reason: { kind: 'finished-program' } })
      .thenError('NOT_ENROLLED');
  });
});

describe('a client whose group has access to the program (seed 001)', () => {
  const group = { kind: 'group', groupId: 'g-spring' } as const;

  it('you will need to remove the client from the group to be able to remove the client from the program', () => {
    spec
      .given([enrolled(acne, 'c-ana', group, d('2025-03-03'), { by: system })])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-12'), by: owner, reason: { kind: 'different-stage' } })
      .thenError('CLIENT_HAS_GROUP_ACCESS', 'remove the client from group g-spring');
  });

  it('a client enrolled manually whose group is later given access cannot be removed alone either', () => {
    spec
      .given([
        enrolled(acne, 'c-ana', manual, d('2025-03-03')),
        { type: 'ProgramAccessAdded', data: { ...who, through: group, on: d('2025-03-05'), by: { kind: 'system' } } },
      ])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-12'), by: owner, reason: { kind: 'different-stage' } })
      .thenError('CLIENT_HAS_GROUP_ACCESS');
  });

  it('once out of the group, the client can be removed from the program', () => {
    const state = spec
      .given([
        enrolled(acne, 'c-ana', manual, d('2025-03-03')),
        { type: 'ProgramAccessAdded', data: { ...who, through: group, on: d('2025-03-05'), by: { kind: 'system' } } },
      ])
      .when({ type: 'ReleaseGroupProgramAccess', ...who, groupId: 'g-spring', on: d('2025-03-10'), why: 'left-group', by: system })
      .then([{ type: 'ProgramAccessSourceEnded', data: { ...who, through: group, on: d('2025-03-10'), reason: { kind: 'left-group', groupId: 'g-spring' } } }]);
    expect(ids(modulesOpenOn(state, d('2025-03-10')))).toEqual(['welcome', 'quiz-1']);
    spec
      .given([
        enrolled(acne, 'c-ana', manual, d('2025-03-03')),
        { type: 'ProgramAccessAdded', data: { ...who, through: group, on: d('2025-03-05'), by: { kind: 'system' } } },
        { type: 'ProgramAccessSourceEnded', data: { ...who, through: group, on: d('2025-03-10'), reason: { kind: 'left-group', groupId: 'g-spring' } } },
      ])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-12'), by: owner, reason: { kind: 'different-stage' } })
      .thenEvents((events) => expect(events[0]?.type).toBe('ClientRemovedFromProgram'));
  });

  it('to stop access once they have finished, change the client group: leaving the only group with access removes them (seed 000)', () => {
    spec
      .given([enrolled(acne, 'c-ana', group, d('2025-03-03'), { by: system })])
      .when({ type: 'ReleaseGroupProgramAccess', ...who, groupId: 'g-spring', on: d('2025-03-30'), why: 'left-group', by: system })
      .thenEvents((events, state) => {
        expect(events).toEqual([
          { type: 'ClientRemovedFromProgram', data: { ...who, on: d('2025-03-30'), reason: { kind: 'left-group', groupId: 'g-spring' }, by: { kind: 'system' } } },
          { type: 'ProgramAccessLossNoticeDue', data: { ...who, on: d('2025-03-30'), reason: { kind: 'left-group', groupId: 'g-spring' } } },
        ]);
        expect(modulesOpenOn(state, d('2025-03-30'))).toEqual([]);
      });
  });

  it('releasing a group that gives no access changes nothing', () => {
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'ReleaseGroupProgramAccess', ...who, groupId: 'g-spring', on: d('2025-03-30'), why: 'group-access-withdrawn', by: system })
      .then([]);
  });
});

describe('unpaid packages (seed 001)', () => {
  const pkg = { kind: 'package', packageId: 'pkg-1' } as const;
  const given = [enrolled(acne, 'c-ana', pkg, d('2025-03-03'), { by: system })];

  it('if your client defaults on the package and is considered "Unpaid", he/she by default will NOT be removed and still have access', () => {
    const state = spec
      .given(given)
      .when({ type: 'MarkProgramPackageUnpaid', ...who, packageId: 'pkg-1', on: d('2025-03-10'), by: system })
      .then([{ type: 'ProgramPackageMarkedUnpaid', data: { ...who, packageId: 'pkg-1', since: d('2025-03-10') } }]);
    expect(ids(modulesOpenOn(state, d('2025-12-31')))).toEqual(['welcome', 'quiz-1', 'handout-1', 'survey-1']);
    const later = [...given, { type: 'ProgramPackageMarkedUnpaid', data: { ...who, packageId: 'pkg-1', since: d('2025-03-10') } } as EnrollmentEvent];
    spec
      .given(later)
      .when({ type: 'TickEnrollment', ...who, on: d('2026-03-10') })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['ProgramCompleted']));
  });

  it('if a client is not planning to pay, please remove them from a program manually', () => {
    spec
      .given([...given, { type: 'ProgramPackageMarkedUnpaid', data: { ...who, packageId: 'pkg-1', since: d('2025-03-10') } }])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-12'), by: coordinator, reason: { kind: 'not-paying' } })
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ reason: { kind: 'not-paying' } }));
  });

  it('a practice that sets a number of days removes the unpaid client that many days later', () => {
    const marked = spec
      .given(given)
      .when({ type: 'MarkProgramPackageUnpaid', ...who, packageId: 'pkg-1', on: d('2025-03-10'), removeUnpaidAfterDays: 7, by: system })
      .then([
        {
          type: 'ProgramPackageMarkedUnpaid',
          data: { ...who, packageId: 'pkg-1', since: d('2025-03-10'), removeUnpaidAfterDays: 7, removeOn: d('2025-03-17') },
        },
      ]);
    expect(enrollmentNextTick(marked)).toBe(d('2025-03-17'));
    expect(ids(modulesOpenOn(marked, d('2025-03-16')))).toEqual(['welcome', 'quiz-1']);
    expect(modulesOpenOn(marked, d('2025-03-17'))).toEqual([]);
    const reason = { kind: 'unpaid-package', packageId: 'pkg-1', unpaidSince: d('2025-03-10'), afterDays: 7 } as const;
    spec
      .given([
        ...given,
        { type: 'ProgramPackageMarkedUnpaid', data: { ...who, packageId: 'pkg-1', since: d('2025-03-10'), removeUnpaidAfterDays: 7, removeOn: d('2025-03-17') } },
      ])
      .when({ type: 'TickEnrollment', ...who, on: d('2025-03-20') })
      .then([
        { type: 'ClientRemovedFromProgram', data: { ...who, on: d('2025-03-17'), reason, by: { kind: 'system' } } },
        { type: 'ProgramAccessLossNoticeDue', data: { ...who, on: d('2025-03-17'), reason } },
      ]);
  });

  it('a package paid within the days keeps the client', () => {
    const history: EnrollmentEvent[] = [
      ...given,
      { type: 'ProgramPackageMarkedUnpaid', data: { ...who, packageId: 'pkg-1', since: d('2025-03-10'), removeUnpaidAfterDays: 7, removeOn: d('2025-03-17') } },
    ];
    const paid = spec
      .given(history)
      .when({ type: 'MarkProgramPackagePaid', ...who, packageId: 'pkg-1', on: d('2025-03-14'), by: system })
      .then([{ type: 'ProgramPackagePaid', data: { ...who, packageId: 'pkg-1', on: d('2025-03-14') } }]);
    expect(enrollmentNextTick(paid)).toBe(d('2025-03-24'));
  });

  it('an unpaid package the client also has other access through ends only that access', () => {
    spec
      .given([
        ...given,
        { type: 'ProgramAccessAdded', data: { ...who, through: manual, on: d('2025-03-04'), by: { kind: 'member', memberId: 'm-coord' } } },
        { type: 'ProgramPackageMarkedUnpaid', data: { ...who, packageId: 'pkg-1', since: d('2025-03-10'), removeUnpaidAfterDays: 7, removeOn: d('2025-03-17') } },
      ])
      .when({ type: 'TickEnrollment', ...who, on: d('2025-03-17') })
      .then([
        {
          type: 'ProgramAccessSourceEnded',
          data: { ...who, through: pkg, on: d('2025-03-17'), reason: { kind: 'unpaid-package', packageId: 'pkg-1', unpaidSince: d('2025-03-10'), afterDays: 7 } },
        },
      ]);
  });
});

describe('automatically stop a client access to a program after a designated amount of time (seed 001)', () => {
  it('access stops by itself at the end of the maximum access duration', () => {
    const state = spec
      .given([])
      .when({ type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-03'), program: acne, through: manual, by: coordinator, maxAccessDays: 10 })
      .then([enrolled(acne, 'c-ana', manual, d('2025-03-03'), { maxAccessDays: 10, accessEndsOn: d('2025-03-13') })]);
    expect(enrollmentNextTick(state)).toBe(d('2025-03-13'));
    expect(ids(modulesOpenOn(state, d('2025-03-12')))).toEqual(['welcome', 'quiz-1']);
    expect(modulesOpenOn(state, d('2025-03-13'))).toEqual([]);
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'), { maxAccessDays: 10, accessEndsOn: d('2025-03-13') })])
      .when({ type: 'TickEnrollment', ...who, on: d('2025-06-01') })
      .then([
        { type: 'ProgramAccessExpired', data: { ...who, on: d('2025-03-13'), maxAccessDays: 10 } },
        { type: 'ProgramAccessLossNoticeDue', data: { ...who, on: d('2025-03-13'), reason: { kind: 'access-duration-reached', maxAccessDays: 10 } } },
      ]);
  });

  it('on the day access ends and the last module is released, access ends first and the program is not completed', () => {
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'), { maxAccessDays: 21, accessEndsOn: d('2025-03-24') })])
      .when({ type: 'TickEnrollment', ...who, on: d('2025-03-24') })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['ProgramAccessExpired', 'ProgramAccessLossNoticeDue']));
  });
});

describe('end of program (seed 000)', () => {
  it('the program completes when its last module is released, and access continues', () => {
    const state = spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'TickEnrollment', ...who, on: d('2025-03-24') })
      .then([{ type: 'ProgramCompleted', data: { ...who, on: d('2025-03-24') } }]);
    expect(ids(modulesOpenOn(state, d('2025-04-30')))).toHaveLength(4);
    expect(enrollmentNextTick(state)).toBeUndefined();
  });

  it('a default next-step package that clients can graduate to upon program completion is recommended', () => {
    const withNext = { ...acne, nextStep: { kind: 'program', id: 'p-maintenance' } } as const;
    spec
      .given([enrolled(withNext, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'TickEnrollment', ...who, on: d('2025-03-24') })
      .then([
        { type: 'ProgramCompleted', data: { ...who, on: d('2025-03-24') } },
        { type: 'ProgramNextStepRecommended', data: { ...who, on: d('2025-03-24'), nextStep: { kind: 'program', id: 'p-maintenance' } } },
      ]);
  });

  it('a tick before anything is due records nothing', () => {
    spec.given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))]).when({ type: 'TickEnrollment', ...who, on: d('2025-03-23') }).then([]);
  });

  it('freemium: have them enroll in another program or package — the next step is recommended', () => {
    const free = { programId: 'p-free', clientId: 'c-ana' };
    spec
      .given([enrolled(freemium, 'c-ana', { kind: 'portal' }, d('2025-03-03'), { by: { kind: 'client', clientId: 'c-ana' } })])
      .when({ type: 'TickEnrollment', ...free, on: d('2025-03-09') })
      .then([
        { type: 'ProgramCompleted', data: { ...free, on: d('2025-03-09') } },
        { type: 'ProgramNextStepRecommended', data: { ...free, on: d('2025-03-09'), nextStep: { kind: 'package', id: 'pkg-12-weeks' } } },
      ]);
  });

  it('freemium: the last module can link to other packages and to the booking calendar', () => {
    const state = enrollmentDecider.evolve(enrollmentDecider.initialState, enrolled(freemium, 'c-ana', { kind: 'portal' }, d('2025-03-03')));
    const last = modulesOpenOn(state, d('2025-03-09')).filter((m) => m.releaseDay === 6);
    expect(last.map((m) => m.link)).toEqual([
      { to: 'package', target: 'pkg-12-weeks' },
      { to: 'booking-calendar', target: 'discovery-call' },
    ]);
  });

  it('accountability booster: offer them the chance to renew their subscription (the package again)', () => {
    const boost = { programId: 'p-boost', clientId: 'c-ana' };
    spec
      .given([enrolled(booster, 'c-ana', { kind: 'package', packageId: 'pkg-boost-7' }, d('2025-03-01'), { by: system })])
      .when({ type: 'TickEnrollment', ...boost, on: d('2025-03-29') })
      .then([
        { type: 'ProgramCompleted', data: { ...boost, on: d('2025-03-29') } },
        { type: 'AccountabilityRenewalOffered', data: { ...boost, on: d('2025-03-29'), packageId: 'pkg-boost-7' } },
      ]);
  });

  it('educational: let the program end, and upload the educational documents and videos to the client Documents folder', () => {
    const learn = { programId: 'p-learn', clientId: 'c-ana' };
    spec
      .given([enrolled(nutrition, 'c-ana', manual, d('2025-03-01'))])
      .when({ type: 'TickEnrollment', ...learn, on: d('2025-03-10') })
      .then([
        { type: 'ProgramCompleted', data: { ...learn, on: d('2025-03-06') } },
        {
          type: 'ProgramMaterialsCopiedToDocuments',
          data: {
            ...learn,
            on: d('2025-03-06'),
            materials: [
              { moduleId: 'intro', title: 'Why gut health matters', kind: 'video' },
              { moduleId: 'guide', title: 'Food guide', kind: 'handout' },
            ],
          },
        },
      ]);
  });
});

describe('ending a program after missed check-ins (for the check-in escalation)', () => {
  const approved = { kind: 'check-in-non-compliance', approvedBy: 'm-manager', approvedOn: d('2025-03-20'), escalationId: 'esc-1' } as const;

  it('an automation ends a program only with a manager approval recorded', () => {
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-23'), by: system, reason: approved })
      .then([
        { type: 'ClientRemovedFromProgram', data: { ...who, on: d('2025-03-23'), reason: approved, by: { kind: 'system' } } },
        { type: 'ProgramAccessLossNoticeDue', data: { ...who, on: d('2025-03-23'), reason: approved } },
      ]);
  });

  it('the check-in escalation sends the removal with the approval, derived from its event', () => {
    const x = endEnrollmentAfterApproval('approval-evt', { ...who, on: d('2025-03-23'), approvedBy: 'm-manager', approvedOn: d('2025-03-20'), escalationId: 'esc-1' });
    expect(x).toEqual({
      command: { type: 'RemoveClientFromProgram', ...who, on: d('2025-03-23'), by: system, reason: approved },
      commandId: deriveId('approval-evt', 'end/p-acne/c-ana'),
      actor: 'system',
    });
  });

  it('an automation cannot remove a client for any other reason', () => {
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-23'), by: system, reason: { kind: 'not-paying' } })
      .thenError('NOT_PERMITTED');
  });
});
