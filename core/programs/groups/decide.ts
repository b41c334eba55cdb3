/**
 * The rules of a client's group: changing it prompts the new group's paperwork, keeps the
 * forms and documents the client had and sends no email about the change itself; a client
 * can only be manually removed from a group — leaving a program or a package never does it.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../kernel/errors.js';
import { actorRef } from '../values.js';
import type { ClientGroupCommand } from './commands.js';
import type { ClientGroupEvent } from './events.js';
import type { ClientGroupState } from './state.js';

type Decision = Either<DomainError, readonly ClientGroupEvent[]>;

export const decideClientGroup = (command: ClientGroupCommand, state: ClientGroupState): Decision => {
  const { clientId, on } = command;
  const by = actorRef(command.by);
  if (command.by.kind === 'client') {
    return left(domainError('NOT_PERMITTED', "A client's group is changed by a provider, from the client's profile.", { details: { clientId } }));
  }
  switch (command.type) {
    case 'PlaceClientInGroup': {
      const { groupId } = command;
      const because = command.programId !== undefined ? { programId: command.programId } : {};
      const current = state.group;
      if (current?.groupId === groupId) return right([]);
      const paperwork: ClientGroupEvent = { type: 'GroupPaperworkPrompted', data: { clientId, groupId, on, byEmail: true } };
      if (current === undefined) {
        return right([{ type: 'ClientAddedToGroup', data: { clientId, groupId, on, by, ...because } }, paperwork]);
      }
      const move = { clientId, fromGroupId: current.groupId, toGroupId: groupId, on };
      return right([
        { type: 'ClientGroupChanged', data: { ...move, by, emailAboutChange: false, ...because } },
        paperwork,
        { type: 'FormsAndDocumentsAccessKept', data: move },
      ]);
    }
    case 'RemoveClientFromGroup': {
      if (command.by.kind === 'system') {
        return left(
          domainError('GROUP_REMOVAL_IS_MANUAL', 'A client can only be manually removed from a group: a provider removes them.', {
            details: { clientId },
          }),
        );
      }
      if (state.group === undefined) {
        return left(domainError('NOT_IN_GROUP', `Client ${clientId} is in no group.`, { details: { clientId } }));
      }
      return right([{ type: 'ClientRemovedFromGroup', data: { clientId, groupId: state.group.groupId, on, by } }]);
    }
  }
};
