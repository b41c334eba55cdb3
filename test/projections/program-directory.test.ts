/** The program directory the flows read. */
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../core/kernel/envelope.js';
import type { ProgramsEvent } from '../../core/programs/index.js';
import { projectAll } from '../../projections/projection.js';
import { clientGroupOf, programDirectoryLookup, programDirectoryProjection } from '../../projections/program-directory.js';
import { acne, d, freemium } from '../core/programs/fixtures.js';

const by = { kind: 'member', memberId: 'm-1' } as const;
let position = 0n;
const rec = (event: ProgramsEvent): RecordedEvent<ProgramsEvent> => ({
  ...event,
  streamName: 's',
  revision: 0n,
  position: position++,
  eventId: `e-${position}`,
  schemaVersion: 1,
  metadata: { at: '2025-03-01T00:00:00.000Z' },
});

describe('program directory', () => {
  const model = projectAll(programDirectoryProjection, [
    rec({ type: 'ProgramCreated', data: { programId: 'p-acne', terms: acne, on: d('2025-03-01'), by } }),
    rec({ type: 'ProgramCreated', data: { programId: 'p-free', terms: freemium, on: d('2025-03-01'), by } }),
    rec({ type: 'ProgramAccessGivenToGroup', data: { programId: 'p-acne', groupId: 'g-1', on: d('2025-03-02'), by, startsOn: d('2025-03-10') } }),
    rec({ type: 'ProgramAccessGivenToGroup', data: { programId: 'p-free', groupId: 'g-1', on: d('2025-03-02'), by } }),
    rec({ type: 'ProgramArchived', data: { programId: 'p-free', on: d('2025-03-03'), by } }),
    rec({ type: 'ClientAddedToGroup', data: { clientId: 'c-1', groupId: 'g-1', on: d('2025-03-02'), by } }),
    rec({ type: 'ClientAddedToGroup', data: { clientId: 'c-2', groupId: 'g-1', on: d('2025-03-02'), by } }),
    rec({ type: 'ClientGroupChanged', data: { clientId: 'c-1', fromGroupId: 'g-1', toGroupId: 'g-2', on: d('2025-03-04'), by, emailAboutChange: false } }),
  ]);
  const lookup = programDirectoryLookup(model);

  it('knows the terms of programs that take new clients only', () => {
    expect(lookup.programTerms('p-acne')).toEqual(acne);
    expect(lookup.programTerms('p-free')).toBeUndefined();
    expect(lookup.programTerms('p-none')).toBeUndefined();
  });

  it('knows which programs a group has access to (archived ones too, so leaving releases them)', () => {
    expect(lookup.programsOpenToGroup('g-1')).toEqual([{ programId: 'p-acne', startsOn: d('2025-03-10') }, { programId: 'p-free' }]);
    expect(lookup.programsOpenToGroup('g-2')).toEqual([]);
  });

  it('knows each group members and each client group', () => {
    expect(lookup.groupMembers('g-1')).toEqual(['c-2']);
    expect(lookup.groupMembers('g-2')).toEqual(['c-1']);
    expect(clientGroupOf(model, 'c-1')).toBe('g-2');
    expect(clientGroupOf(model, 'c-9')).toBeUndefined();
  });
});
