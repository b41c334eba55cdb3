/**
 * The program directory the flows read: each program's current definition and the groups
 * with access to it, and each client's group (with the members of every group). Programs
 * and clients are folded with their deciders' own `evolve`.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import {
  clientGroupEvents,
  evolveClientGroup,
  evolveProgram,
  initialClientGroupState,
  initialProgramState,
  programEvents,
  type ClientGroupState,
  type ProgramDirectory,
  type ProgramState,
} from '../core/programs/index.js';
import type { Projection } from './projection.js';

export interface ProgramDirectoryModel {
  readonly programs: Readonly<Record<string, ProgramState>>;
  readonly clients: Readonly<Record<string, ClientGroupState>>;
  /** The members of each group, in the order they joined. */
  readonly members: Readonly<Record<string, readonly string[]>>;
}

const withMembers = (
  members: ProgramDirectoryModel['members'],
  clientId: string,
  before: string | undefined,
  after: string | undefined,
): ProgramDirectoryModel['members'] => {
  if (before === after) return members;
  const next = { ...members };
  if (before !== undefined) next[before] = (next[before] ?? []).filter((c) => c !== clientId);
  if (after !== undefined) next[after] = [...(next[after] ?? []), clientId];
  return next;
};

export const programDirectoryProjection: Projection<DomainEvent, ProgramDirectoryModel> = {
  name: 'program-directory',
  initial: { programs: {}, clients: {}, members: {} },
  apply: (model, event) => {
    if (programEvents.is(event)) {
      const { programId } = event.data;
      const program = evolveProgram(model.programs[programId] ?? initialProgramState, event);
      return { ...model, programs: { ...model.programs, [programId]: program } };
    }
    if (clientGroupEvents.is(event)) {
      const { clientId } = event.data;
      const before = model.clients[clientId] ?? initialClientGroupState;
      const after = evolveClientGroup(before, event);
      return {
        ...model,
        clients: { ...model.clients, [clientId]: after },
        members: withMembers(model.members, clientId, before.group?.groupId, after.group?.groupId),
      };
    }
    return model;
  },
};

/** The directory as the flows read it. */
export const programDirectoryLookup = (model: ProgramDirectoryModel): ProgramDirectory => ({
  programTerms: (programId) => {
    const program = model.programs[programId];
    return program?.status === 'active' ? program.terms : undefined;
  },
  programsOpenToGroup: (groupId) =>
    Object.keys(model.programs)
      .sort()
      .flatMap((programId) => {
        const program = model.programs[programId];
        if (program === undefined || program.status === 'none' || program.status === 'deleted') return [];
        const access = program.groups.find((g) => g.groupId === groupId);
        return access === undefined ? [] : [{ programId, ...(access.startsOn !== undefined ? { startsOn: access.startsOn } : {}) }];
      }),
  groupMembers: (groupId) => model.members[groupId] ?? [],
});

/** The group a client is in, if any. */
export const clientGroupOf = (model: ProgramDirectoryModel, clientId: string): string | undefined =>
  model.clients[clientId]?.group?.groupId;
