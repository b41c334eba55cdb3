/**
 * The facts of a client's group, stream `clientgroup-<clientId>`. A client is in one group
 * at a time (their "overall group"); the group's paperwork, forms and documents and the
 * programs it has access to follow from it. Changing the group is recorded as the events
 * the platform acts on: the new group's paperwork is prompted (by email), the forms and
 * documents the client already had stay theirs, and no email tells of the change itself.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type EventOf } from '../../kernel/codecs.js';
import { LocalDateC } from '../../values/local-date.js';
import { ProgramActorRefC } from '../values.js';

export const ClientAddedToGroup = defineEvent(
  'ClientAddedToGroup',
  t.intersection([
    t.type({ clientId: t.string, groupId: t.string, on: LocalDateC, by: ProgramActorRefC }),
    /** The program whose purchase placed the client in the group. */
    t.partial({ programId: t.string }),
  ]),
);
/** The client's group changed. `emailAboutChange` is always false: the client gets no email about the change. */
export const ClientGroupChanged = defineEvent(
  'ClientGroupChanged',
  t.intersection([
    t.type({
      clientId: t.string,
      fromGroupId: t.string,
      toGroupId: t.string,
      on: LocalDateC,
      by: ProgramActorRefC,
      emailAboutChange: t.literal(false),
    }),
    t.partial({ programId: t.string }),
  ]),
);
/** The client is prompted (by email) to complete the paperwork associated with the group. */
export const GroupPaperworkPrompted = defineEvent(
  'GroupPaperworkPrompted',
  t.type({ clientId: t.string, groupId: t.string, on: LocalDateC, byEmail: t.literal(true) }),
);
/** The forms and documents the client had through the old group stay theirs, next to the new group's. */
export const FormsAndDocumentsAccessKept = defineEvent(
  'FormsAndDocumentsAccessKept',
  t.type({ clientId: t.string, fromGroupId: t.string, toGroupId: t.string, on: LocalDateC }),
);
/** A provider removed the client from their group (only ever manually). */
export const ClientRemovedFromGroup = defineEvent(
  'ClientRemovedFromGroup',
  t.type({ clientId: t.string, groupId: t.string, on: LocalDateC, by: ProgramActorRefC }),
);

export const clientGroupEvents = createEventRegistry([
  ClientAddedToGroup,
  ClientGroupChanged,
  GroupPaperworkPrompted,
  FormsAndDocumentsAccessKept,
  ClientRemovedFromGroup,
]);
export type ClientGroupEvent =
  | EventOf<typeof ClientAddedToGroup>
  | EventOf<typeof ClientGroupChanged>
  | EventOf<typeof GroupPaperworkPrompted>
  | EventOf<typeof FormsAndDocumentsAccessKept>
  | EventOf<typeof ClientRemovedFromGroup>;
