/**
 * Permissions: every enrollment or removal command sent through the facade by an actor
 * without the permission is refused, and records nothing. Enrolling and removing clients,
 * giving and withdrawing a group's access, ending a client's access through a group or an
 * unpaid package need "Can create, edit, archive, and delete programs" or "Can enroll and
 * remove clients from programs" (a client may only enroll themself from the portal, in a
 * program offered there); creating, editing, archiving and deleting programs need the
 * first; a client's group is changed by a provider (never by the client, never removed by
 * an automation); a household's members are added and removed by its primary member; and a
 * program ends for check-in non-compliance only through the escalation. The same commands
 * by a permitted actor are recorded. The figures are printed for the CI log.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createInMemoryEventStore } from '../../adapters/in-memory/index.js';
import { manualClock, sequentialIds } from '../../adapters/system/index.js';
import { practiceEvents } from '../../core/events.js';
import { DomainErrorException } from '../../core/kernel/errors.js';
import { ENROLL_CLIENTS, MANAGE_PROGRAMS, type ProgramActor } from '../../core/programs/index.js';
import { createPracticeLedger, type PracticeLedger } from '../../core/service/index.js';
import { describeCommand } from '../../testing/index.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const OWNER: ProgramActor = { kind: 'member', memberId: 'owner', permissions: [MANAGE_PROGRAMS] };
const ENROLLER: ProgramActor = { kind: 'member', memberId: 'front-desk', permissions: [ENROLL_CLIENTS] };
const module1 = [{ moduleId: 'one', title: 'One', kind: 'video' as const, releaseDay: 0 }];

const practice = async () => {
  const store = createInMemoryEventStore(practiceEvents);
  const ledger = createPracticeLedger({ store, clock: manualClock('2025-03-03T09:00:00.000Z'), ids: sequentialIds('perm') });
  await ledger.createProgram({ programId: 'prog', by: OWNER, definition: { name: 'Prog', kind: 'standard', modules: module1 } });
  await ledger.createProgram({ programId: 'open', by: OWNER, definition: { name: 'Open', kind: 'standard', modules: module1, offeredInPortal: true } });
  await ledger.giveGroupAccessToProgram({ programId: 'prog', groupId: 'g1', by: OWNER });
  await ledger.definePackage({ definitionId: 'pkg', name: 'Pkg', items: [{ serviceId: 'facial', quantity: 2, unitValue: usd(5000) }], price: usd(9000), programId: 'prog' });
  await ledger.enrollClientInProgram({ programId: 'prog', clientId: 'c1', by: OWNER });
  await ledger.placeClientInGroup({ clientId: 'c2', groupId: 'g1', by: OWNER });
  await ledger.sellPackage({ packageId: 'pk3', clientId: 'c3', definitionId: 'pkg', channel: 'check-out' });
  await ledger.defineMembershipPlan({ planId: 'family', name: 'Family', price: usd(19900), frequency: 'monthly', household: { benefits: 'per-person' } });
  await ledger.signUpForMembership({ membershipId: 'm1', clientId: 'c1', planId: 'family' });
  await ledger.addHouseholdMember({ membershipId: 'm1', clientId: 'c4', by: 'c1' });
  return { store, ledger };
};

type Command = { readonly type: string } & Readonly<Record<string, unknown>>;

/** Each command an actor may or may not be allowed to send, with the actor in `by`. */
const programCommands = (by: unknown): readonly Command[] => [
  { type: 'EnrollClientInProgram', programId: 'prog', clientId: 'c9', by },
  { type: 'EnrollClientInProgram', programId: 'prog', clientId: 'c9', by, through: { kind: 'package', packageId: 'pk9' } },
  { type: 'EnrollClientInProgram', programId: 'prog', clientId: 'c1', by, through: { kind: 'group', groupId: 'g7' } },
  { type: 'EnrollClientInProgram', programId: 'open', clientId: 'c9', by, through: { kind: 'portal' } },
  { type: 'RemoveClientFromProgram', programId: 'prog', clientId: 'c1', by, reason: { kind: 'finished-program' } },
  { type: 'RemoveClientFromProgram', programId: 'prog', clientId: 'c3', by, reason: { kind: 'other', note: 'asked to leave' } },
  { type: 'ReleaseGroupProgramAccess', programId: 'prog', clientId: 'c2', groupId: 'g1', why: 'left-group', by },
  { type: 'MarkProgramPackageUnpaid', programId: 'prog', clientId: 'c3', packageId: 'pk3', by },
  { type: 'GiveGroupAccessToProgram', programId: 'prog', groupId: 'g2', by },
  { type: 'WithdrawGroupAccessToProgram', programId: 'prog', groupId: 'g1', by },
  { type: 'CreateProgram', programId: 'new', by, definition: { name: 'New', kind: 'standard', modules: module1 } },
  { type: 'EditProgram', programId: 'prog', by, definition: { name: 'Prog 2', kind: 'standard', modules: module1 } },
  { type: 'ArchiveProgram', programId: 'prog', by },
  { type: 'DeleteProgram', programId: 'prog', by },
];

/** Members who hold neither program permission, however their permissions are spelled. */
const arbMemberWithout = fc.record({
  kind: fc.constant('member'),
  memberId: fc.constantFrom('m-new', 'front-desk', 'owner', 'assistant'),
  permissions: fc.array(
    fc.constantFrom(
      'view-calendar',
      'Can enroll and remove clients from programs',
      'Can create, edit, archive, and delete programs',
      `${ENROLL_CLIENTS} `,
      ` ${MANAGE_PROGRAMS}`,
      ENROLL_CLIENTS.toUpperCase(),
      `${MANAGE_PROGRAMS}-x`,
      'enroll-remove-clients',
      '*',
      'admin',
    ),
    { maxLength: 4 },
  ),
});

/** Actors the rules refuse: members without the permission, clients, and automations where an automation may not act. */
const arbUnpermitted: fc.Arbitrary<{ readonly command: Command; readonly why: string }> = fc.oneof(
  fc.tuple(arbMemberWithout, fc.nat()).map(([by, i]) => ({ command: programCommands(by)[i % 14] as Command, why: 'a member without the permission' })),
  // A client enrolls only themself, from the portal, in a program offered there; they remove no one, manage nothing.
  fc.tuple(fc.constantFrom('c1', 'c9', 'c5'), fc.nat()).map(([clientId, i]) => {
    const command = programCommands({ kind: 'client', clientId })[i % 14] as Command;
    const selfInPortal = command.type === 'EnrollClientInProgram' && command.clientId === clientId && command.programId === 'open';
    return { command: selfInPortal ? { ...command, programId: 'prog' } : command, why: 'a client' };
  }),
  // An automation enrolls through a package or a group, and removes only for check-in non-compliance: not by hand.
  fc.nat().map((i) => ({
    command: [programCommands({ kind: 'system' })[0], programCommands({ kind: 'system' })[4], programCommands({ kind: 'system' })[5], ...programCommands({ kind: 'system' }).slice(8)][i % 9] as Command,
    why: 'an automation acting by hand',
  })),
  // Only the escalation ends a program for non-compliance, whoever claims an approval.
  fc.tuple(fc.constantFrom<unknown>({ kind: 'system' }, OWNER, ENROLLER), fc.constantFrom('c1', 'c3')).map(([by, clientId]) => ({
    command: { type: 'RemoveClientFromProgram', programId: 'prog', clientId, by, reason: { kind: 'check-in-non-compliance', approvedBy: 'a-manager', approvedOn: '2025-03-03' } },
    why: 'a caller claiming an approval',
  })),
  // A client's group is changed by a provider: not by the client, and an automation removes no one from a group.
  fc.constantFrom<Command>(
    { type: 'PlaceClientInGroup', clientId: 'c5', groupId: 'g1', by: { kind: 'client', clientId: 'c5' } },
    { type: 'RemoveClientFromGroup', clientId: 'c2', by: { kind: 'client', clientId: 'c2' } },
    { type: 'RemoveClientFromGroup', clientId: 'c2', by: { kind: 'system' } },
  ).map((command) => ({ command, why: 'a client or an automation changing a group' })),
  // A household's members are added and removed by its primary member only.
  fc.tuple(fc.constantFrom('c4', 'c9', 'owner', 'C1', 'c1 '), fc.boolean()).map(([by, add]) => ({
    command: add ? { type: 'AddHouseholdMember', membershipId: 'm1', clientId: 'c8', by } : { type: 'RemoveHouseholdMember', membershipId: 'm1', clientId: 'c4', by },
    why: 'someone other than the primary member',
  })),
);

const refusal = async (ledger: PracticeLedger, command: Command): Promise<string | undefined> => {
  try {
    await ledger.execute(command);
    return undefined;
  } catch (error) {
    if (error instanceof DomainErrorException) return error.code;
    throw error;
  }
};

const TRIES = 2_000;

describe('hostile input: permissions', () => {
  it('the same commands by a permitted actor are recorded', async () => {
    const permitted: Command[] = [
      ...programCommands(OWNER),
      ...programCommands(ENROLLER).filter((c) => !['CreateProgram', 'EditProgram', 'ArchiveProgram', 'DeleteProgram'].includes(c.type)),
      { type: 'EnrollClientInProgram', programId: 'open', clientId: 'c9', by: { kind: 'client', clientId: 'c9' }, through: { kind: 'portal' } },
      { type: 'EnrollClientInProgram', programId: 'prog', clientId: 'c9', by: { kind: 'system' }, through: { kind: 'package', packageId: 'pk9' } },
      { type: 'PlaceClientInGroup', clientId: 'c5', groupId: 'g1', by: ENROLLER },
      { type: 'RemoveClientFromGroup', clientId: 'c2', by: ENROLLER },
      { type: 'AddHouseholdMember', membershipId: 'm1', clientId: 'c8', by: 'c1' },
      { type: 'RemoveHouseholdMember', membershipId: 'm1', clientId: 'c4', by: 'c1' },
    ];
    for (const command of permitted) {
      const { ledger, store } = await practice();
      const size = store.size;
      expect(await refusal(ledger, command), describeCommand(command)).toBeUndefined();
      expect(store.size, describeCommand(command)).toBeGreaterThan(size);
    }
  });

  it(`${TRIES.toLocaleString('en')} enrollment and removal commands by actors without the permission are each refused, and record nothing`, async () => {
    const { ledger, store } = await practice();
    const before = store.size;
    const tries = fc.sample(arbUnpermitted, { numRuns: TRIES, seed: 7 });
    const byCode = new Map<string, number>();
    const byWho = new Map<string, number>();
    const accepted: string[] = [];
    for (const { command, why } of tries) {
      const code = await refusal(ledger, command);
      byWho.set(why, (byWho.get(why) ?? 0) + 1);
      if (code === undefined) accepted.push(`${why}: ${describeCommand(command)}`);
      else byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
    console.log(
      [
        `permissions: ${tries.length} enrollment and removal commands by actors without the permission (${[...byWho].map(([w, n]) => `${w} ${n}`).join(', ')})`,
        `  refused: ${tries.length - accepted.length} (${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')}); accepted: ${accepted.length}; events appended: ${store.size - before}`,
      ].join('\n'),
    );
    expect(accepted.slice(0, 10)).toEqual([]);
    expect(store.size).toBe(before);
  });
});
