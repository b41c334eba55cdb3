/**
 * How programs, groups, packages and enrollments move each other. Each function is a
 * process manager's reaction: from a recorded event (and a read of the program directory,
 * which the shell keeps as a projection) to the commands it causes, each with an id derived
 * from the causing event (`deriveId`), so a replay or a retry is applied once.
 *
 * - A group given access to a program enrolls each member through the group; a client who
 *   joins the group is enrolled in the group's programs; leaving the group (or the group
 *   losing access) releases the access through that group.
 * - Buying a program associated with a group places the client in that group (the seed:
 *   clients stay in their group "unless they go on to purchase a program associated with a
 *   different group").
 * - Leaving a program never removes a client from a group, and removing a client from a
 *   package never removes them from its program: neither reacts to anything here.
 */
import type { Dispatch } from '../kernel/process-manager.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import { deriveId } from '../values/ids.js';
import type { LocalDate } from '../values/local-date.js';
import type { ProgramEvent } from './definition/events.js';
import type { EnrollmentCommand } from './enrollment/commands.js';
import type { EnrollmentEvent } from './enrollment/events.js';
import type { ClientGroupCommand } from './groups/commands.js';
import type { ClientGroupEvent } from './groups/events.js';
import type { ProgramTerms } from './values.js';

export type ProgramsEvent = ProgramEvent | EnrollmentEvent | ClientGroupEvent;
export type ProgramsCommand = EnrollmentCommand | ClientGroupCommand;

/** A group's access to a program, with the group's custom start date if one was set. */
export interface GroupProgramAccess {
  readonly programId: string;
  readonly startsOn?: LocalDate;
}

/** What the flows read: the current programs, groups and members (a projection in the shell). */
export interface ProgramDirectory {
  /** The terms of a program that takes new clients; `undefined` when unknown, archived or deleted. */
  readonly programTerms: (programId: string) => ProgramTerms | undefined;
  readonly programsOpenToGroup: (groupId: string) => readonly GroupProgramAccess[];
  readonly groupMembers: (groupId: string) => readonly string[];
}

/** The practice's access policy for enrollments the flows make. */
export interface ProgramAccessPolicy {
  /** Days after the start date after which access stops by itself. @defaultValue undefined (never) */
  readonly maxAccessDays?: number;
  /** Days after which a client whose package is unpaid is removed. @defaultValue undefined (never: grace) */
  readonly removeUnpaidAfterDays?: number;
}

const SYSTEM = { kind: 'system' } as const;

const dispatch = <C extends ProgramsCommand>(cause: string, purpose: string, command: C): Dispatch<C> => ({
  command,
  commandId: deriveId(cause, purpose),
  actor: 'system',
});

const accessDays = (policy: ProgramAccessPolicy): { maxAccessDays?: number } =>
  policy.maxAccessDays !== undefined ? { maxAccessDays: policy.maxAccessDays } : {};

/** Enrolls a member through a group; a group start date later than `on` is the member's start date. */
const enrollThroughGroup = (
  cause: string,
  program: ProgramTerms,
  clientId: string,
  groupId: string,
  on: LocalDate,
  groupStartsOn: LocalDate | undefined,
  policy: ProgramAccessPolicy,
): Dispatch<EnrollmentCommand> =>
  dispatch(cause, `enroll/${program.programId}/${clientId}/group/${groupId}`, {
    type: 'EnrollClientInProgram',
    clientId,
    on,
    program,
    through: { kind: 'group', groupId },
    by: SYSTEM,
    ...(groupStartsOn !== undefined && groupStartsOn > on ? { startsOn: groupStartsOn } : {}),
    ...accessDays(policy),
  });

const releaseGroup = (
  cause: string,
  programId: string,
  clientId: string,
  groupId: string,
  on: LocalDate,
  why: 'left-group' | 'group-access-withdrawn',
): Dispatch<EnrollmentCommand> =>
  dispatch(cause, `release/${programId}/${clientId}/group/${groupId}`, {
    type: 'ReleaseGroupProgramAccess',
    programId,
    clientId,
    groupId,
    on,
    why,
    by: SYSTEM,
  });

const joinGroup = (cause: string, clientId: string, groupId: string, on: LocalDate, d: ProgramDirectory, p: ProgramAccessPolicy) =>
  d.programsOpenToGroup(groupId).flatMap((access) => {
    const terms = d.programTerms(access.programId);
    return terms === undefined ? [] : [enrollThroughGroup(cause, terms, clientId, groupId, on, access.startsOn, p)];
  });

const leaveGroup = (cause: string, clientId: string, groupId: string, on: LocalDate, d: ProgramDirectory) =>
  d.programsOpenToGroup(groupId).map((access) => releaseGroup(cause, access.programId, clientId, groupId, on, 'left-group'));

/** The commands an event of programs, enrollments or groups causes. */
export const programAccessFlow = (
  event: RecordedEvent<ProgramsEvent>,
  directory: ProgramDirectory,
  policy: ProgramAccessPolicy = {},
): readonly Dispatch<ProgramsCommand>[] => {
  const cause = event.eventId;
  switch (event.type) {
    case 'ProgramAccessGivenToGroup': {
      const { programId, groupId, on, startsOn } = event.data;
      const terms = directory.programTerms(programId);
      if (terms === undefined) return [];
      return directory.groupMembers(groupId).map((clientId) => enrollThroughGroup(cause, terms, clientId, groupId, on, startsOn, policy));
    }
    case 'ProgramAccessWithdrawnFromGroup': {
      const { programId, groupId, on } = event.data;
      return directory.groupMembers(groupId).map((clientId) => releaseGroup(cause, programId, clientId, groupId, on, 'group-access-withdrawn'));
    }
    case 'ClientAddedToGroup':
      return joinGroup(cause, event.data.clientId, event.data.groupId, event.data.on, directory, policy);
    case 'ClientGroupChanged': {
      const { clientId, fromGroupId, toGroupId, on } = event.data;
      // Join first: a program both groups open keeps its enrollment (and its start date).
      return [...joinGroup(cause, clientId, toGroupId, on, directory, policy), ...leaveGroup(cause, clientId, fromGroupId, on, directory)];
    }
    case 'ClientRemovedFromGroup':
      return leaveGroup(cause, event.data.clientId, event.data.groupId, event.data.on, directory);
    case 'ClientEnrolledInProgram': {
      const { clientId, program, through, enrolledOn } = event.data;
      const bought = through.kind === 'package' || through.kind === 'portal';
      if (!bought || program.groupId === undefined) return [];
      return [
        dispatch(cause, `group/${clientId}/${program.groupId}`, {
          type: 'PlaceClientInGroup',
          clientId,
          groupId: program.groupId,
          on: enrolledOn,
          by: SYSTEM,
          programId: program.programId,
        }),
      ];
    }
    default:
      return [];
  }
};

// ---------------------------------------------------------------- packages

/** What the Packages aggregate tells programs about a package that contains one. */
export type PackageProgramFact =
  | {
      /** The client bought (or was given) the package: they are enrolled in its program. */
      readonly kind: 'sold';
      readonly packageId: string;
      readonly clientId: string;
      readonly programId: string;
      readonly on: LocalDate;
      /** A custom start date for the member. @defaultValue the sale date */
      readonly startsOn?: LocalDate;
    }
  | { readonly kind: 'unpaid' | 'paid' | 'removed'; readonly packageId: string; readonly clientId: string; readonly programId: string; readonly on: LocalDate };

/** The enrollment a package sale causes, given the program's current terms. */
export const enrollThroughPackage = (
  causeEventId: string,
  sale: { readonly packageId: string; readonly clientId: string; readonly on: LocalDate; readonly startsOn?: LocalDate },
  program: ProgramTerms,
  policy: ProgramAccessPolicy = {},
): Dispatch<EnrollmentCommand> =>
  dispatch(causeEventId, `enroll/${program.programId}/${sale.clientId}/package/${sale.packageId}`, {
    type: 'EnrollClientInProgram',
    clientId: sale.clientId,
    on: sale.on,
    program,
    through: { kind: 'package', packageId: sale.packageId },
    by: SYSTEM,
    ...(sale.startsOn !== undefined ? { startsOn: sale.startsOn } : {}),
    ...accessDays(policy),
  });

/**
 * The commands a package fact causes for its program. A sale enrolls the buyer; an unpaid
 * package starts the grace (and the removal after the practice's days, if it set some); a
 * payment ends it. Removing a client from the package causes nothing: they stay in the program.
 */
export const packageProgramFlow = (
  causeEventId: string,
  fact: PackageProgramFact,
  directory: Pick<ProgramDirectory, 'programTerms'>,
  policy: ProgramAccessPolicy = {},
): readonly Dispatch<EnrollmentCommand>[] => {
  const { packageId, clientId, programId, on } = fact;
  const purpose = `${fact.kind}/${programId}/${clientId}/package/${packageId}`;
  switch (fact.kind) {
    case 'sold': {
      const terms = directory.programTerms(programId);
      return terms === undefined ? [] : [enrollThroughPackage(causeEventId, fact, terms, policy)];
    }
    case 'unpaid': {
      const days = policy.removeUnpaidAfterDays !== undefined ? { removeUnpaidAfterDays: policy.removeUnpaidAfterDays } : {};
      return [dispatch(causeEventId, purpose, { type: 'MarkProgramPackageUnpaid', programId, clientId, packageId, on, by: SYSTEM, ...days })];
    }
    case 'paid':
      return [dispatch(causeEventId, purpose, { type: 'MarkProgramPackagePaid', programId, clientId, packageId, on, by: SYSTEM })];
    case 'removed':
      return [];
  }
};

// ---------------------------------------------------------------- check-in escalation

/**
 * The removal a check-in escalation sends once a manager approved ending the client's
 * program: actor `system`, the approval recorded in the reason. A client whose access comes
 * through a group is refused (`CLIENT_HAS_GROUP_ACCESS`) like any other removal.
 */
export const endEnrollmentAfterApproval = (
  causeEventId: string,
  end: {
    readonly programId: string;
    readonly clientId: string;
    readonly on: LocalDate;
    readonly approvedBy: string;
    readonly approvedOn: LocalDate;
    readonly escalationId?: string;
  },
): Dispatch<EnrollmentCommand> =>
  dispatch(causeEventId, `end/${end.programId}/${end.clientId}`, {
    type: 'RemoveClientFromProgram',
    programId: end.programId,
    clientId: end.clientId,
    on: end.on,
    by: SYSTEM,
    reason: {
      kind: 'check-in-non-compliance',
      approvedBy: end.approvedBy,
      approvedOn: end.approvedOn,
      ...(end.escalationId !== undefined ? { escalationId: end.escalationId } : {}),
    },
  });

/** Whether a command goes to an enrollment stream (otherwise to a client's group stream). */
export const isEnrollmentCommand = (command: ProgramsCommand): command is EnrollmentCommand =>
  command.type !== 'PlaceClientInGroup' && command.type !== 'RemoveClientFromGroup';
