/** The facts of a program's definition stream, `program-<programId>`. */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type EventOf } from '../../kernel/codecs.js';
import { LocalDateC } from '../../values/local-date.js';
import { ProgramActorRefC, ProgramTermsC } from '../values.js';

/** A program was created at version 1. */
export const ProgramCreated = defineEvent(
  'ProgramCreated',
  t.type({ programId: t.string, terms: ProgramTermsC, on: LocalDateC, by: ProgramActorRefC }),
);
/** A program's definition changed; `terms.version` is the new version. */
export const ProgramEdited = defineEvent(
  'ProgramEdited',
  t.type({ programId: t.string, terms: ProgramTermsC, on: LocalDateC, by: ProgramActorRefC }),
);
/** The program takes no new enrollments; enrolled clients keep their access. */
export const ProgramArchived = defineEvent('ProgramArchived', t.type({ programId: t.string, on: LocalDateC, by: ProgramActorRefC }));
/** The program is gone: it takes no commands any more. */
export const ProgramDeleted = defineEvent('ProgramDeleted', t.type({ programId: t.string, on: LocalDateC, by: ProgramActorRefC }));
/**
 * A whole client group was given access: every member is enrolled through the group
 * (on `startsOn` when the provider set a start date for the group, otherwise on the day
 * each member is enrolled).
 */
export const ProgramAccessGivenToGroup = defineEvent(
  'ProgramAccessGivenToGroup',
  t.intersection([
    t.type({ programId: t.string, groupId: t.string, on: LocalDateC, by: ProgramActorRefC }),
    t.partial({ startsOn: LocalDateC }),
  ]),
);
/** The group's access ended: its members keep only the access they have otherwise. */
export const ProgramAccessWithdrawnFromGroup = defineEvent(
  'ProgramAccessWithdrawnFromGroup',
  t.type({ programId: t.string, groupId: t.string, on: LocalDateC, by: ProgramActorRefC }),
);

export const programEvents = createEventRegistry([
  ProgramCreated,
  ProgramEdited,
  ProgramArchived,
  ProgramDeleted,
  ProgramAccessGivenToGroup,
  ProgramAccessWithdrawnFromGroup,
]);
export type ProgramEvent =
  | EventOf<typeof ProgramCreated>
  | EventOf<typeof ProgramEdited>
  | EventOf<typeof ProgramArchived>
  | EventOf<typeof ProgramDeleted>
  | EventOf<typeof ProgramAccessGivenToGroup>
  | EventOf<typeof ProgramAccessWithdrawnFromGroup>;
