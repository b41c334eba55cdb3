/** The enrollment read models: who is enrolled through what since when, open modules, programs ending soon. */
import { describe, expect, it } from 'vitest';
import type { DomainEvent, RecordedEvent } from '../../core/kernel/envelope.js';
import { projectAll } from '../../projections/projection.js';
import {
  modulesClientCanOpen,
  programEnrollmentRows,
  programEnrollmentsProjection,
  programsEndingSoon,
} from '../../projections/program-enrollments.js';
import { acne, d, enrolled, freemium } from '../core/programs/fixtures.js';

let position = 0n;
const rec = (event: DomainEvent): RecordedEvent<DomainEvent> => ({
  ...event,
  streamName: 'enrollment-x',
  revision: 0n,
  position: position++,
  eventId: `e-${position}`,
  schemaVersion: 1,
  metadata: { at: '2025-03-01T00:00:00.000Z' },
});

const ana = { programId: 'p-acne', clientId: 'c-ana' };
const history = [
  rec(enrolled(acne, 'c-ana', { kind: 'manual' }, d('2025-03-03'))),
  rec(enrolled(acne, 'c-bob', { kind: 'group', groupId: 'g-spring' }, d('2025-03-01'), { startsOn: d('2025-03-10') })),
  rec(enrolled(freemium, 'c-ana', { kind: 'package', packageId: 'pkg-1' }, d('2025-03-20'), { maxAccessDays: 30, accessEndsOn: d('2025-04-19') })),
  rec(enrolled(acne, 'c-cy', { kind: 'manual' }, d('2025-03-01'))),
  rec({ type: 'ClientRemovedFromProgram', data: { programId: 'p-acne', clientId: 'c-cy', on: d('2025-03-05'), reason: { kind: 'different-stage' }, by: { kind: 'system' } } }),
  rec({ type: 'ProgramAccessAdded', data: { ...ana, through: { kind: 'package', packageId: 'pkg-9' }, on: d('2025-03-04'), by: { kind: 'system' } } }),
  rec({ type: 'SomethingElse', data: { x: 1 } }),
];

describe('program enrollments read model', () => {
  const model = projectAll(programEnrollmentsProjection, history);

  it('who is enrolled in which program, through what, since when', () => {
    expect(programEnrollmentRows(model).map((r) => [r.programId, r.clientId, r.through.map((s) => s.kind), r.since, r.enrolledOn])).toEqual([
      ['p-acne', 'c-ana', ['manual', 'package'], '2025-03-03', '2025-03-03'],
      ['p-acne', 'c-bob', ['group'], '2025-03-10', '2025-03-01'],
      ['p-free', 'c-ana', ['package'], '2025-03-20', '2025-03-20'],
    ]);
    expect(programEnrollmentRows(model, { clientId: 'c-cy', includeEnded: true })).toEqual([
      { programId: 'p-acne', programName: acne.name, clientId: 'c-cy', status: 'removed', through: [{ kind: 'manual' }], since: '2025-03-01', enrolledOn: '2025-03-01', endedOn: '2025-03-05' },
    ]);
    expect(programEnrollmentRows(model, { programId: 'p-free' }).map((r) => r.clientId)).toEqual(['c-ana']);
  });

  it('which modules a client can open on a given date', () => {
    expect(modulesClientCanOpen(model, 'c-ana', d('2025-03-20')).map((m) => `${m.programId}/${m.module.moduleId}`)).toEqual([
      'p-acne/welcome',
      'p-acne/quiz-1',
      'p-acne/handout-1',
      'p-free/day-0',
    ]);
    expect(modulesClientCanOpen(model, 'c-bob', d('2025-03-09'))).toEqual([]);
    expect(modulesClientCanOpen(model, 'c-cy', d('2025-03-04'))).toEqual([]);
    expect(modulesClientCanOpen(model, 'c-ana', d('2025-04-19')).map((m) => m.programId)).not.toContain('p-free');
  });

  it('programs ending soon: completions and ends of access within the window, soonest first', () => {
    expect(programsEndingSoon(model, d('2025-03-20'))).toEqual([
      { programId: 'p-acne', clientId: 'c-ana', endsOn: d('2025-03-24'), ending: 'completion' },
      { programId: 'p-free', clientId: 'c-ana', endsOn: d('2025-03-26'), ending: 'completion' },
      { programId: 'p-acne', clientId: 'c-bob', endsOn: d('2025-03-31'), ending: 'completion' },
    ]);
    expect(programsEndingSoon(model, d('2025-04-10'), 10)).toEqual([{ programId: 'p-free', clientId: 'c-ana', endsOn: d('2025-04-19'), ending: 'access-ends' }]);
  });

  it('rebuilding from position zero gives the same model', () => {
    expect(projectAll(programEnrollmentsProjection, history)).toEqual(model);
  });
});
