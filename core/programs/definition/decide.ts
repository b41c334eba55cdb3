/**
 * The rules of a program's definition: only a member with the permission "Can create,
 * edit, archive, and delete programs" changes a program; adding or withdrawing a whole
 * client group is enrolling, which the permission "Can enroll and remove clients from
 * programs" also allows.
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../kernel/errors.js';
import {
  actorRef,
  ENROLL_CLIENTS,
  holdsAny,
  MANAGE_PROGRAMS,
  notPermitted,
  programTerms,
  type ProgramTerms,
} from '../values.js';
import type { ProgramCommand } from './commands.js';
import type { ProgramEvent } from './events.js';
import type { ProgramState } from './state.js';

type Decision = Either<DomainError, readonly ProgramEvent[]>;

const notFound = (programId: string): DomainError =>
  domainError('PROGRAM_NOT_FOUND', `There is no program ${programId}.`, { details: { programId } });
const deleted = (programId: string): DomainError =>
  domainError('PROGRAM_DELETED', `Program ${programId} was deleted.`, { details: { programId } });
const archived = (programId: string): DomainError =>
  domainError('PROGRAM_ARCHIVED', `Program ${programId} is archived: it takes no new clients and no edits.`, {
    details: { programId },
  });

/**
 * The terms a new enrollment records: those of an active program. An archived, deleted or
 * unknown program is refused (`PROGRAM_ARCHIVED`, `PROGRAM_DELETED`, `PROGRAM_NOT_FOUND`).
 */
export const enrollableTerms = (programId: string, state: ProgramState): Either<DomainError, ProgramTerms> => {
  switch (state.status) {
    case 'none':
      return left(notFound(programId));
    case 'deleted':
      return left(deleted(programId));
    case 'archived':
      return left(archived(programId));
    case 'active':
      return right(state.terms);
  }
};

export const decideProgram = (command: ProgramCommand, state: ProgramState): Decision => {
  const { programId, on } = command;
  const by = actorRef(command.by);
  const manage = (doing: string): DomainError | undefined =>
    holdsAny(command.by, [MANAGE_PROGRAMS]) ? undefined : notPermitted(doing, [MANAGE_PROGRAMS]);
  const enroll = (doing: string): DomainError | undefined =>
    holdsAny(command.by, [MANAGE_PROGRAMS, ENROLL_CLIENTS]) ? undefined : notPermitted(doing, [MANAGE_PROGRAMS, ENROLL_CLIENTS]);

  switch (command.type) {
    case 'CreateProgram': {
      const refused = manage('Creating a program');
      if (refused) return left(refused);
      if (state.status !== 'none') {
        return left(domainError('PROGRAM_ALREADY_EXISTS', `Program ${programId} already exists.`, { details: { programId } }));
      }
      return right([{ type: 'ProgramCreated', data: { programId, terms: programTerms(programId, 1, command.definition), on, by } }]);
    }
    case 'EditProgram': {
      const refused = manage('Editing a program');
      if (refused) return left(refused);
      const current = enrollableTerms(programId, state);
      if (isLeft(current)) return current;
      const terms = programTerms(programId, current.right.version + 1, command.definition);
      return right([{ type: 'ProgramEdited', data: { programId, terms, on, by } }]);
    }
    case 'ArchiveProgram': {
      const refused = manage('Archiving a program');
      if (refused) return left(refused);
      if (state.status === 'none') return left(notFound(programId));
      if (state.status === 'deleted') return left(deleted(programId));
      return right(state.status === 'archived' ? [] : [{ type: 'ProgramArchived', data: { programId, on, by } }]);
    }
    case 'DeleteProgram': {
      const refused = manage('Deleting a program');
      if (refused) return left(refused);
      if (state.status === 'none') return left(notFound(programId));
      return right(state.status === 'deleted' ? [] : [{ type: 'ProgramDeleted', data: { programId, on, by } }]);
    }
    case 'GiveGroupAccessToProgram': {
      const refused = enroll('Adding a client group to a program');
      if (refused) return left(refused);
      const current = enrollableTerms(programId, state);
      if (isLeft(current)) return current;
      const { groupId } = command;
      if (state.status !== 'none' && state.groups.some((g) => g.groupId === groupId)) {
        return left(
          domainError('GROUP_ALREADY_HAS_ACCESS', `Group ${groupId} already has access to program ${programId}.`, {
            details: { programId, groupId },
          }),
        );
      }
      const startsOn = command.startsOn !== undefined ? { startsOn: command.startsOn } : {};
      return right([{ type: 'ProgramAccessGivenToGroup', data: { programId, groupId, on, by, ...startsOn } }]);
    }
    case 'WithdrawGroupAccessToProgram': {
      const refused = enroll('Removing a client group from a program');
      if (refused) return left(refused);
      if (state.status === 'none') return left(notFound(programId));
      if (state.status === 'deleted') return left(deleted(programId));
      const { groupId } = command;
      if (!state.groups.some((g) => g.groupId === groupId)) {
        return left(
          domainError('GROUP_HAS_NO_ACCESS', `Group ${groupId} has no access to program ${programId}.`, {
            details: { programId, groupId },
          }),
        );
      }
      return right([{ type: 'ProgramAccessWithdrawnFromGroup', data: { programId, groupId, on, by } }]);
    }
  }
};
