/**
 * Specs for "Add and remove clients in a program" (seed 001) and the program parts of
 * "Managing Client Memberships in Programs" (seed 000), each named in the seed's words.
 */
import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { enrollmentDecider, modulesOpenOn } from '../../../core/programs/index.js';
import { acne, assistant, coordinator, d, enrolled, freemium, owner, system } from './fixtures.js';

const spec = deciderSpec(enrollmentDecider);
const who = { programId: 'p-acne', clientId: 'c-ana' };
const manual = { kind: 'manual' } as const;
const ids = (modules: readonly { moduleId: string }[]) => modules.map((m) => m.moduleId);

describe('distributing pre-loaded content over a cadence of time (seed 000)', () => {
  it('releases each module on a cadence of days from the member start date', () => {
    const state = spec
      .given([])
      .when({ type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-03'), program: acne, through: manual, by: coordinator })
      .then([
        {
          type: 'ClientEnrolledInProgram',
          data: {
            ...who,
            program: acne,
            through: manual,
            enrolledOn: d('2025-03-03'),
            startsOn: d('2025-03-03'),
            releases: [
              { moduleId: 'welcome', on: d('2025-03-03') },
              { moduleId: 'quiz-1', on: d('2025-03-10') },
              { moduleId: 'handout-1', on: d('2025-03-17') },
              { moduleId: 'survey-1', on: d('2025-03-24') },
            ],
            completesOn: d('2025-03-24'),
            by: { kind: 'member', memberId: 'm-coord' },
          },
        },
      ]);
    expect(ids(modulesOpenOn(state, d('2025-03-02')))).toEqual([]);
    expect(ids(modulesOpenOn(state, d('2025-03-03')))).toEqual(['welcome']);
    expect(ids(modulesOpenOn(state, d('2025-03-16')))).toEqual(['welcome', 'quiz-1']);
    expect(ids(modulesOpenOn(state, d('2025-04-30')))).toEqual(['welcome', 'quiz-1', 'handout-1', 'survey-1']);
  });
});

describe('permissions (seed 001)', () => {
  const enroll = (by: typeof owner) =>
    ({ type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-03'), program: acne, through: manual, by }) as const;

  it('a provider with "Can create, edit, archive, and delete programs" can add clients to a program', () => {
    spec.given([]).when(enroll(owner)).then([enrolled(acne, 'c-ana', manual, d('2025-03-03'), { by: owner })]);
  });

  it('a provider with "Can create, edit, archive, and delete programs" can remove clients from a program', () => {
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-20'), by: owner, reason: { kind: 'no-longer-offered' } })
      .thenEvents((events) => expect(events[0]?.type).toBe('ClientRemovedFromProgram'));
  });

  it('organization members with "Can enroll and remove clients from programs" can enroll and remove clients', () => {
    spec.given([]).when(enroll(coordinator)).then([enrolled(acne, 'c-ana', manual, d('2025-03-03'))]);
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-20'), by: coordinator, reason: { kind: 'different-stage' } })
      .thenEvents((events) => expect(events[0]?.type).toBe('ClientRemovedFromProgram'));
  });

  it('you can only add clients in a program with one of the two permissions: NOT_PERMITTED names them', () => {
    const error = spec.given([]).when(enroll(assistant)).thenError('NOT_PERMITTED', '"Can create, edit, archive, and delete programs"');
    expect(error.message).toContain('"Can enroll and remove clients from programs"');
    expect(error.details?.['missing']).toBe('Can create, edit, archive, and delete programs or Can enroll and remove clients from programs');
  });

  it('you can only remove clients in a program with one of the two permissions', () => {
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'RemoveClientFromProgram', ...who, on: d('2025-03-20'), by: assistant, reason: { kind: 'finished-program' } })
      .thenError('NOT_PERMITTED', 'Can enroll and remove clients from programs');
  });

  it('an automation enrolls only through a package or a group, never "manually"', () => {
    spec.given([]).when(enroll(system)).thenError('NOT_PERMITTED');
  });
});

describe('manually add existing clients to a program (seed 001)', () => {
  it('you can customize the start date for a particular member of the program', () => {
    spec
      .given([])
      .when({ type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-03'), startsOn: d('2025-04-01'), program: acne, through: manual, by: coordinator })
      .thenEvents(([event], state) => {
        expect(event).toEqual(enrolled(acne, 'c-ana', manual, d('2025-03-03'), { startsOn: d('2025-04-01') }));
        expect(modulesOpenOn(state, d('2025-03-15'))).toEqual([]);
        expect(ids(modulesOpenOn(state, d('2025-04-01')))).toEqual(['welcome']);
      });
  });

  it('a client already enrolled the same way is not enrolled twice', () => {
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-05'), program: acne, through: manual, by: coordinator })
      .thenError('ALREADY_ENROLLED');
  });
});

describe('add clients to a program through a package (seed 001)', () => {
  const pkg = { kind: 'package', packageId: 'pkg-1' } as const;

  it('if a client purchases a package that contains a program, he/she will automatically be added to the program', () => {
    spec
      .given([])
      .when({ type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-03'), program: acne, through: pkg, by: system })
      .then([enrolled(acne, 'c-ana', pkg, d('2025-03-03'), { by: system })]);
  });

  it('an existing client who purchases the package keeps their schedule and gains access through the package too', () => {
    spec
      .given([enrolled(acne, 'c-ana', manual, d('2025-03-03'))])
      .when({ type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-10'), program: acne, through: pkg, by: system })
      .then([{ type: 'ProgramAccessAdded', data: { ...who, through: pkg, on: d('2025-03-10'), by: { kind: 'system' } } }]);
  });
});

describe('clients discover and enroll in programs in their client portal (seed 000)', () => {
  const ana = { kind: 'client', clientId: 'c-ana' } as const;
  it('a client enrolls themself in a program offered in the portal', () => {
    spec
      .given([])
      .when({ type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-03'), program: freemium, through: { kind: 'portal' }, by: ana })
      .then([enrolled(freemium, 'c-ana', { kind: 'portal' }, d('2025-03-03'), { by: ana })]);
  });
  it('a program not offered in the portal cannot be self-enrolled', () => {
    spec
      .given([])
      .when({ type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-03'), program: acne, through: { kind: 'portal' }, by: ana })
      .thenError('NOT_OFFERED_IN_PORTAL');
  });
  it('a client cannot enroll someone else', () => {
    spec
      .given([])
      .when({ type: 'EnrollClientInProgram', clientId: 'c-bob', on: d('2025-03-03'), program: freemium, through: { kind: 'portal' }, by: ana })
      .thenError('NOT_PERMITTED');
  });
});

