import { describe, expect, it } from 'vitest';
import { owner, practice } from './fixtures.js';

const acne = {
  name: 'Clear Skin in 4 Weeks',
  kind: 'standard',
  modules: [
    { moduleId: 'welcome', title: 'Welcome video', kind: 'video', releaseDay: 0 },
    { moduleId: 'quiz-1', title: 'Skin-type quiz', kind: 'quiz', releaseDay: 7 },
    { moduleId: 'survey-1', title: 'Progress survey', kind: 'survey', releaseDay: 21 },
  ],
  nextStep: { kind: 'package', id: 'pkg-maintenance' },
} as const;

describe('the Promise facade: a program enrollment', () => {
  it('enrolls a client on the program’s current terms, and the schedule completes the program on its last release day', async () => {
    const { ledger, goTo } = practice({ start: '2025-03-03' });
    await ledger.createProgram({ programId: 'p-acne', by: owner, definition: acne });
    const enrolled = await ledger.enrollClientInProgram({ programId: 'p-acne', clientId: 'c1', by: owner });
    expect(enrolled.events.map((e) => e.type)).toEqual(['ClientEnrolledInProgram']);
    expect(enrolled.events[0]?.data).toMatchObject({ programId: 'p-acne', clientId: 'c1', startsOn: '2025-03-03', completesOn: '2025-03-24', through: { kind: 'manual' } });
    expect(await ledger.due('2025-12-31')).toEqual([
      { on: '2025-03-24', streamName: 'enrollment-p-acne-c1', revision: 0n, step: { kind: 'enrollment-tick', programId: 'p-acne', clientId: 'c1' } },
    ]);
    goTo('2025-03-24');
    const run = await ledger.tick();
    expect(run.sent.flatMap((s) => s.events.map((e) => e.type))).toEqual(['ProgramCompleted', 'ProgramNextStepRecommended']);
    expect(await ledger.due('2025-12-31')).toEqual([]);
  });

  it('an unknown or archived program is refused before anything is recorded', async () => {
    const { ledger, store } = practice();
    await expect(ledger.enrollClientInProgram({ programId: 'p-none', clientId: 'c1', by: owner })).rejects.toMatchObject({ code: 'PROGRAM_NOT_FOUND' });
    await ledger.createProgram({ programId: 'p-acne', by: owner, definition: acne });
    await ledger.archiveProgram({ programId: 'p-acne', by: owner });
    const size = store.size;
    await expect(ledger.enrollClientInProgram({ programId: 'p-acne', clientId: 'c1', by: owner })).rejects.toMatchObject({ code: 'PROGRAM_ARCHIVED' });
    expect(store.size).toBe(size);
  });

  it('a group given access enrolls its members, and a client placed in the group later is enrolled too (program-access flow)', async () => {
    const { ledger } = practice({ start: '2025-03-03', policies: { programAccess: { maxAccessDays: 90 } } });
    await ledger.createProgram({ programId: 'p-acne', by: owner, definition: acne });
    await ledger.placeClientInGroup({ clientId: 'c1', groupId: 'g-spring', by: owner });
    const given = await ledger.giveGroupAccessToProgram({ programId: 'p-acne', groupId: 'g-spring', by: owner });
    expect(given.flows.dispatched.map((d) => [d.flow, d.command.type, d.outcome])).toEqual([['program-access', 'EnrollClientInProgram', 'applied']]);
    const placed = await ledger.placeClientInGroup({ clientId: 'c2', groupId: 'g-spring', by: owner });
    expect(placed.flows.dispatched.map((d) => [d.command.type, d.outcome])).toEqual([['EnrollClientInProgram', 'applied']]);
    expect(placed.flows.dispatched[0]?.command).toMatchObject({ through: { kind: 'group', groupId: 'g-spring' }, maxAccessDays: 90 });
    // A client with access through the group cannot be removed alone: the refusal is the caller's.
    await expect(
      ledger.removeClientFromProgram({ programId: 'p-acne', clientId: 'c2', by: owner, reason: { kind: 'different-stage' } }),
    ).rejects.toMatchObject({ code: 'CLIENT_HAS_GROUP_ACCESS' });
    const removed = await ledger.removeClientFromGroup({ clientId: 'c2', by: owner });
    expect(removed.flows.dispatched.map((d) => [d.command.type, d.outcome])).toEqual([['ReleaseGroupProgramAccess', 'applied']]);
  });
});
