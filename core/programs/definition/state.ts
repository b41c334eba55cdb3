/** A program's definition folded from its stream. */
import type { LocalDate } from '../../values/local-date.js';
import type { ProgramTerms } from '../values.js';
import type { ProgramEvent } from './events.js';

/** A group's access to the program, with the start date set for the group, if any. */
export interface ProgramGroupAccess {
  readonly groupId: string;
  readonly since: LocalDate;
  readonly startsOn?: LocalDate;
}

export type ProgramState =
  | { readonly status: 'none' }
  | {
      readonly status: 'active' | 'archived' | 'deleted';
      readonly terms: ProgramTerms;
      /** Groups with access, in the order they were given it. */
      readonly groups: readonly ProgramGroupAccess[];
    };

export const initialProgramState: ProgramState = { status: 'none' };

export const evolveProgram = (state: ProgramState, event: ProgramEvent): ProgramState => {
  switch (event.type) {
    case 'ProgramCreated':
      return { status: 'active', terms: event.data.terms, groups: [] };
    case 'ProgramEdited':
      return state.status === 'none' ? state : { ...state, terms: event.data.terms };
    case 'ProgramArchived':
      return state.status === 'none' ? state : { ...state, status: 'archived' };
    case 'ProgramDeleted':
      return state.status === 'none' ? state : { ...state, status: 'deleted', groups: [] };
    case 'ProgramAccessGivenToGroup': {
      if (state.status === 'none') return state;
      const { groupId, on, startsOn } = event.data;
      const access: ProgramGroupAccess = { groupId, since: on, ...(startsOn !== undefined ? { startsOn } : {}) };
      return { ...state, groups: [...state.groups.filter((g) => g.groupId !== groupId), access] };
    }
    case 'ProgramAccessWithdrawnFromGroup':
      return state.status === 'none' ? state : { ...state, groups: state.groups.filter((g) => g.groupId !== event.data.groupId) };
  }
};
