/** Specs for a program's definition: what a program is made of, and who may change it. */
import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { enrollableTerms, programCommands, programDecider, programTerms, type ProgramEvent } from '../../../core/programs/index.js';
import { acneDefinition, assistant, coordinator, d, owner } from './fixtures.js';

const spec = deciderSpec(programDecider);
const p = { programId: 'p-acne' };
const ownerRef = { kind: 'member', memberId: 'm-owner' } as const;
const created: ProgramEvent = { type: 'ProgramCreated', data: { ...p, terms: programTerms('p-acne', 1, acneDefinition), on: d('2025-02-01'), by: ownerRef } };

describe('programs', () => {
  it('a provider with "Can create, edit, archive, and delete programs" creates a program at version 1', () => {
    spec
      .given([])
      .when({ type: 'CreateProgram', ...p, on: d('2025-02-01'), by: owner, definition: acneDefinition })
      .then([created]);
  });

  it('"Can enroll and remove clients from programs" does not allow creating or editing a program', () => {
    spec
      .given([])
      .when({ type: 'CreateProgram', ...p, on: d('2025-02-01'), by: coordinator, definition: acneDefinition })
      .thenError('NOT_PERMITTED', '"Can create, edit, archive, and delete programs"');
    spec
      .given([created])
      .when({ type: 'EditProgram', ...p, on: d('2025-02-02'), by: coordinator, definition: acneDefinition })
      .thenError('NOT_PERMITTED');
  });

  it('editing makes a new version; enrolled clients keep the version they enrolled with', () => {
    spec
      .given([created])
      .when({ type: 'EditProgram', ...p, on: d('2025-02-10'), by: owner, definition: { ...acneDefinition, name: 'Clear Skin' } })
      .thenEvents(([event], state) => {
        expect(event?.type).toBe('ProgramEdited');
        expect(state.status === 'active' && state.terms.version).toBe(2);
      });
  });

  it('an educational program copies its materials to documents by default; others do not unless asked', () => {
    expect(programTerms('p', 1, { ...acneDefinition, kind: 'educational' }).copyMaterialsToDocuments).toBe(true);
    expect(programTerms('p', 1, acneDefinition).copyMaterialsToDocuments).toBe(false);
    expect(programTerms('p', 1, { ...acneDefinition, copyMaterialsToDocuments: true }).copyMaterialsToDocuments).toBe(true);
    expect(programTerms('p', 1, acneDefinition).offeredInPortal).toBe(false);
  });

  it('an archived program takes no new clients; a deleted one takes nothing', () => {
    const archived = spec
      .given([created])
      .when({ type: 'ArchiveProgram', ...p, on: d('2025-03-01'), by: owner })
      .then([{ type: 'ProgramArchived', data: { ...p, on: d('2025-03-01'), by: ownerRef } }]);
    expect(isLeft(enrollableTerms('p-acne', archived)) && enrollableTerms('p-acne', archived)).toMatchObject({ left: { code: 'PROGRAM_ARCHIVED' } });
    spec
      .given([created, { type: 'ProgramArchived', data: { ...p, on: d('2025-03-01'), by: ownerRef } }])
      .when({ type: 'GiveGroupAccessToProgram', ...p, groupId: 'g-1', on: d('2025-03-02'), by: owner })
      .thenError('PROGRAM_ARCHIVED');
    spec
      .given([created, { type: 'ProgramDeleted', data: { ...p, on: d('2025-03-01'), by: ownerRef } }])
      .when({ type: 'EditProgram', ...p, on: d('2025-03-02'), by: owner, definition: acneDefinition })
      .thenError('PROGRAM_DELETED');
    expect(enrollableTerms('p-x', programDecider.initialState)).toMatchObject({ left: { code: 'PROGRAM_NOT_FOUND' } });
    expect(isRight(enrollableTerms('p-acne', programDecider.evolve(programDecider.initialState, created)))).toBe(true);
  });

  it('select the client group you would like to add to the program, with a custom start date for the group (seed 001)', () => {
    const state = spec
      .given([created])
      .when({ type: 'GiveGroupAccessToProgram', ...p, groupId: 'g-spring', startsOn: d('2025-04-01'), on: d('2025-03-15'), by: coordinator })
      .then([
        {
          type: 'ProgramAccessGivenToGroup',
          data: { ...p, groupId: 'g-spring', on: d('2025-03-15'), by: { kind: 'member', memberId: 'm-coord' }, startsOn: d('2025-04-01') },
        },
      ]);
    expect(state.status !== 'none' && state.groups).toEqual([{ groupId: 'g-spring', since: d('2025-03-15'), startsOn: d('2025-04-01') }]);
    spec
      .given([created])
      .when({ type: 'GiveGroupAccessToProgram', ...p, groupId: 'g-spring', on: d('2025-03-15'), by: assistant })
      .thenError('NOT_PERMITTED');
  });

  it('a group has access once; withdrawing needs it to have access', () => {
    const given: ProgramEvent = { type: 'ProgramAccessGivenToGroup', data: { ...p, groupId: 'g-1', on: d('2025-03-15'), by: ownerRef } };
    spec.given([created, given]).when({ type: 'GiveGroupAccessToProgram', ...p, groupId: 'g-1', on: d('2025-03-16'), by: owner }).thenError('GROUP_ALREADY_HAS_ACCESS');
    spec
      .given([created, given])
      .when({ type: 'WithdrawGroupAccessToProgram', ...p, groupId: 'g-1', on: d('2025-03-20'), by: coordinator })
      .then([{ type: 'ProgramAccessWithdrawnFromGroup', data: { ...p, groupId: 'g-1', on: d('2025-03-20'), by: { kind: 'member', memberId: 'm-coord' } } }]);
    spec.given([created]).when({ type: 'WithdrawGroupAccessToProgram', ...p, groupId: 'g-1', on: d('2025-03-20'), by: owner }).thenError('GROUP_HAS_NO_ACCESS');
  });

  it('content may include videos, quizzes, handouts and surveys (and links); anything else is refused at the edge', () => {
    const input = { type: 'CreateProgram', programId: 'p', on: '2025-02-01', by: owner, definition: acneDefinition };
    expect(isRight(programCommands.decode(input))).toBe(true);
    const podcast = { ...acneDefinition, modules: [{ moduleId: 'x', title: 'x', kind: 'podcast', releaseDay: 0 }] };
    expect(programCommands.decode({ ...input, definition: podcast })).toMatchObject({ left: { code: 'INVALID_COMMAND', field: 'definition.modules.0.kind' } });
    const linkWithoutTarget = { ...acneDefinition, modules: [{ moduleId: 'x', title: 'x', kind: 'link', releaseDay: 0 }] };
    expect(isLeft(programCommands.decode({ ...input, definition: linkWithoutTarget }))).toBe(true);
    expect(isLeft(programCommands.decode({ ...input, definition: { ...acneDefinition, modules: [] } }))).toBe(true);
    const twice = { ...acneDefinition, modules: [acneDefinition.modules[0], acneDefinition.modules[0]] };
    expect(isLeft(programCommands.decode({ ...input, definition: twice }))).toBe(true);
  });
});
