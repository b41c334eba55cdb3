/** Specs for "Changing Client Groups at the End of a Program" (seed 000). */
import { describe, it } from 'vitest';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { clientGroupDecider, type ClientGroupEvent } from '../../../core/programs/index.js';
import { assistant, d, owner, system } from './fixtures.js';

const spec = deciderSpec(clientGroupDecider);
const ownerRef = { kind: 'member', memberId: 'm-owner' } as const;
const inSpring: ClientGroupEvent = { type: 'ClientAddedToGroup', data: { clientId: 'c-ana', groupId: 'g-spring', on: d('2025-01-10'), by: ownerRef } };

describe('client groups', () => {
  it('a client put in a group is prompted to complete its paperwork', () => {
    spec
      .given([])
      .when({ type: 'PlaceClientInGroup', clientId: 'c-ana', groupId: 'g-spring', on: d('2025-01-10'), by: owner })
      .then([inSpring, { type: 'GroupPaperworkPrompted', data: { clientId: 'c-ana', groupId: 'g-spring', on: d('2025-01-10'), byEmail: true } }]);
  });

  it('when you change their group they are prompted to complete the new group paperwork, keep their forms and documents, and get no email about the change', () => {
    const move = { clientId: 'c-ana', fromGroupId: 'g-spring', toGroupId: 'g-alumni', on: d('2025-04-01') };
    spec
      .given([inSpring])
      .when({ type: 'PlaceClientInGroup', clientId: 'c-ana', groupId: 'g-alumni', on: d('2025-04-01'), by: owner })
      .then([
        { type: 'ClientGroupChanged', data: { ...move, by: ownerRef, emailAboutChange: false } },
        { type: 'GroupPaperworkPrompted', data: { clientId: 'c-ana', groupId: 'g-alumni', on: d('2025-04-01'), byEmail: true } },
        { type: 'FormsAndDocumentsAccessKept', data: move },
      ]);
  });

  it('placing a client in the group they are in changes nothing', () => {
    spec.given([inSpring]).when({ type: 'PlaceClientInGroup', clientId: 'c-ana', groupId: 'g-spring', on: d('2025-04-01'), by: system }).then([]);
  });

  it('purchasing a program associated with a different group moves the client to that group', () => {
    spec
      .given([inSpring])
      .when({ type: 'PlaceClientInGroup', clientId: 'c-ana', groupId: 'g-acne', on: d('2025-04-01'), by: system, programId: 'p-acne' })
      .thenEvents(([changed]) => {
        if (changed?.type !== 'ClientGroupChanged' || changed.data.programId !== 'p-acne') throw new Error('expected ClientGroupChanged for p-acne');
      });
  });

  it('a client can only be manually removed from a group', () => {
    spec.given([inSpring]).when({ type: 'RemoveClientFromGroup', clientId: 'c-ana', on: d('2025-04-01'), by: system }).thenError('GROUP_REMOVAL_IS_MANUAL');
    spec
      .given([inSpring])
      .when({ type: 'RemoveClientFromGroup', clientId: 'c-ana', on: d('2025-04-01'), by: assistant })
      .then([{ type: 'ClientRemovedFromGroup', data: { clientId: 'c-ana', groupId: 'g-spring', on: d('2025-04-01'), by: { kind: 'member', memberId: 'm-asst' } } }]);
    spec.given([]).when({ type: 'RemoveClientFromGroup', clientId: 'c-ana', on: d('2025-04-01'), by: owner }).thenError('NOT_IN_GROUP');
  });

  it('a client cannot change their own group', () => {
    spec
      .given([inSpring])
      .when({ type: 'PlaceClientInGroup', clientId: 'c-ana', groupId: 'g-x', on: d('2025-04-01'), by: { kind: 'client', clientId: 'c-ana' } })
      .thenError('NOT_PERMITTED');
  });
});
