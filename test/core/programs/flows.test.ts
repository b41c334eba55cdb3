/** Specs for the flows between programs, groups, packages and enrollments. */
import { describe, expect, it } from 'vitest';
import {
  packageProgramFlow,
  programAccessFlow,
  type ProgramDirectory,
  type ProgramsEvent,
} from '../../../core/programs/index.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import { deriveId } from '../../../core/values/ids.js';
import { acne, d, enrolled, nutrition, system } from './fixtures.js';

const recorded = <E extends ProgramsEvent>(event: E, eventId = 'evt-1'): RecordedEvent<E> => ({
  ...event,
  streamName: 's',
  revision: 0n,
  position: 0n,
  eventId,
  schemaVersion: 1,
  metadata: { at: '2025-03-01T09:00:00.000Z' },
});

const directory: ProgramDirectory = {
  programTerms: (id) => (id === 'p-acne' ? acne : id === 'p-learn' ? nutrition : undefined),
  programsOpenToGroup: (groupId) =>
    groupId === 'g-spring' ? [{ programId: 'p-acne', startsOn: d('2025-04-01') }] : groupId === 'g-alumni' ? [{ programId: 'p-learn' }] : [],
  groupMembers: (groupId) => (groupId === 'g-spring' ? ['c-ana', 'c-bob'] : []),
};
const memberRef = { kind: 'member', memberId: 'm-owner' } as const;

describe('enrolling a whole client group (seed 001)', () => {
  it('a group given access enrolls each member through the group, on the start date set for the group', () => {
    const out = programAccessFlow(
      recorded({ type: 'ProgramAccessGivenToGroup', data: { programId: 'p-acne', groupId: 'g-spring', on: d('2025-03-15'), by: memberRef, startsOn: d('2025-04-01') } }),
      directory,
    );
    expect(out.map((x) => x.command)).toEqual(
      ['c-ana', 'c-bob'].map((clientId) => ({
        type: 'EnrollClientInProgram',
        clientId,
        on: d('2025-03-15'),
        program: acne,
        through: { kind: 'group', groupId: 'g-spring' },
        by: system,
        startsOn: d('2025-04-01'),
      })),
    );
    expect(out[0]?.commandId).toBe(deriveId('evt-1', 'enroll/p-acne/c-ana/group/g-spring'));
    expect(out.every((x) => x.actor === 'system')).toBe(true);
  });

  it('a client who joins a group is enrolled in its programs; a group start date already past is not theirs', () => {
    const out = programAccessFlow(
      recorded({ type: 'ClientAddedToGroup', data: { clientId: 'c-cy', groupId: 'g-spring', on: d('2025-04-10'), by: memberRef } }),
      directory,
      { maxAccessDays: 90 },
    );
    expect(out.map((x) => x.command)).toEqual([
      { type: 'EnrollClientInProgram', clientId: 'c-cy', on: d('2025-04-10'), program: acne, through: { kind: 'group', groupId: 'g-spring' }, by: system, maxAccessDays: 90 },
    ]);
  });

  it('withdrawing the group access releases every member', () => {
    const out = programAccessFlow(
      recorded({ type: 'ProgramAccessWithdrawnFromGroup', data: { programId: 'p-acne', groupId: 'g-spring', on: d('2025-05-01'), by: memberRef } }),
      directory,
    );
    expect(out.map((x) => x.command.type === 'ReleaseGroupProgramAccess' && [x.command.clientId, x.command.why])).toEqual([
      ['c-ana', 'group-access-withdrawn'],
      ['c-bob', 'group-access-withdrawn'],
    ]);
  });
});

describe('changing client groups (seed 000)', () => {
  it('changing the group enrolls the client in the new group programs and releases the old group access', () => {
    const out = programAccessFlow(
      recorded({
        type: 'ClientGroupChanged',
        data: { clientId: 'c-ana', fromGroupId: 'g-spring', toGroupId: 'g-alumni', on: d('2025-05-01'), by: memberRef, emailAboutChange: false },
      }),
      directory,
    );
    expect(out.map((x) => [x.command.type, 'programId' in x.command ? x.command.programId : x.command.type === 'EnrollClientInProgram' ? x.command.program.programId : ''])).toEqual([
      ['EnrollClientInProgram', 'p-learn'],
      ['ReleaseGroupProgramAccess', 'p-acne'],
    ]);
  });

  it('a client removed from a group loses the access through it', () => {
    const out = programAccessFlow(
      recorded({ type: 'ClientRemovedFromGroup', data: { clientId: 'c-ana', groupId: 'g-spring', on: d('2025-05-01'), by: memberRef } }),
      directory,
    );
    expect(out.map((x) => x.command)).toEqual([
      { type: 'ReleaseGroupProgramAccess', programId: 'p-acne', clientId: 'c-ana', groupId: 'g-spring', on: d('2025-05-01'), why: 'left-group', by: system },
    ]);
  });

  it('unsubscribing a client from a program will not automatically remove them from the group', () => {
    const removed = recorded({
      type: 'ClientRemovedFromProgram',
      data: { programId: 'p-acne', clientId: 'c-ana', on: d('2025-05-01'), reason: { kind: 'finished-program' }, by: memberRef },
    });
    expect(programAccessFlow(removed, directory)).toEqual([]);
  });

  it('clients remain in their group unless they purchase a program associated with a different group', () => {
    const grouped = { ...acne, groupId: 'g-acne' };
    const bought = programAccessFlow(recorded(enrolled(grouped, 'c-ana', { kind: 'package', packageId: 'pkg-1' }, d('2025-03-03'))), directory);
    expect(bought.map((x) => x.command)).toEqual([
      { type: 'PlaceClientInGroup', clientId: 'c-ana', groupId: 'g-acne', on: d('2025-03-03'), by: system, programId: 'p-acne' },
    ]);
    expect(programAccessFlow(recorded(enrolled(grouped, 'c-ana', { kind: 'manual' }, d('2025-03-03'))), directory)).toEqual([]);
    expect(programAccessFlow(recorded(enrolled(acne, 'c-ana', { kind: 'package', packageId: 'pkg-1' }, d('2025-03-03'))), directory)).toEqual([]);
  });
});

describe('packages that contain a program (seed 001)', () => {
  const fact = { packageId: 'pkg-1', clientId: 'c-ana', programId: 'p-acne', on: d('2025-03-03') };

  it('when a new or existing client purchases this package, they will automatically be enrolled in your program', () => {
    const [sent] = packageProgramFlow('sale-1', { kind: 'sold', ...fact }, directory);
    expect(sent).toEqual({
      commandId: deriveId('sale-1', 'enroll/p-acne/c-ana/package/pkg-1'),
      actor: 'system',
      command: { type: 'EnrollClientInProgram', clientId: 'c-ana', on: d('2025-03-03'), program: acne, through: { kind: 'package', packageId: 'pkg-1' }, by: system },
    });
    expect(packageProgramFlow('sale-1', { kind: 'sold', ...fact }, directory)).toEqual([sent]);
  });

  it('if you manually remove a client from a package that has a program, the client will not be removed from the program, just the package', () => {
    expect(packageProgramFlow('rm-1', { kind: 'removed', ...fact }, directory)).toEqual([]);
  });

  it('an unpaid package starts the grace; the practice days come with it; a payment ends it', () => {
    expect(packageProgramFlow('u-1', { kind: 'unpaid', ...fact }, directory).map((x) => x.command)).toEqual([
      { type: 'MarkProgramPackageUnpaid', programId: 'p-acne', clientId: 'c-ana', packageId: 'pkg-1', on: d('2025-03-03'), by: system },
    ]);
    expect(packageProgramFlow('u-1', { kind: 'unpaid', ...fact }, directory, { removeUnpaidAfterDays: 10 }).map((x) => x.command)).toEqual([
      { type: 'MarkProgramPackageUnpaid', programId: 'p-acne', clientId: 'c-ana', packageId: 'pkg-1', on: d('2025-03-03'), by: system, removeUnpaidAfterDays: 10 },
    ]);
    expect(packageProgramFlow('p-1', { kind: 'paid', ...fact }, directory).map((x) => x.command.type)).toEqual(['MarkProgramPackagePaid']);
  });

  it('a package whose program is unknown or archived enrolls no one', () => {
    expect(packageProgramFlow('sale-2', { kind: 'sold', ...fact, programId: 'p-gone' }, directory)).toEqual([]);
  });
});
