/**
 * The rules of an enrollment. Enrolling and removing need the permission "Can create,
 * edit, archive, and delete programs" or "Can enroll and remove clients from programs"; a
 * client whose access comes through a group cannot be removed alone; an unpaid package does
 * not remove the client (grace) unless the practice set a number of days; access may stop
 * by itself after a maximum duration; the program completes when its last module is released.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../kernel/errors.js';
import { programAccessEndDate, programCompletionDate, moduleReleases } from '../../rules/program-schedule.js';
import { addDays, type LocalDate } from '../../values/local-date.js';
import {
  actorRef,
  describeSource,
  ENROLL_CLIENTS,
  holdsAny,
  MANAGE_PROGRAMS,
  notPermitted,
  sameSource,
  type EnrollmentSource,
  type ProgramActor,
} from '../values.js';
import type { EnrollmentCommand } from './commands.js';
import type { EnrollmentEvent, ProgramRemovalReason } from './events.js';
import { programCompletionSteps } from './completion.js';
import { evolveEnrollment, groupsGivingAccess, pendingEnrollmentSteps, type Enrollment, type EnrollmentState } from './state.js';

type Decision = Either<DomainError, readonly EnrollmentEvent[]>;
type Command<K extends EnrollmentCommand['type']> = Extract<EnrollmentCommand, { type: K }>;

const PROGRAM_PERMISSIONS = [MANAGE_PROGRAMS, ENROLL_CLIENTS] as const;

/** A member with a program permission, or an automation (`system`). */
const memberOrAutomation = (by: ProgramActor, doing: string): DomainError | undefined =>
  by.kind === 'system' || holdsAny(by, PROGRAM_PERMISSIONS) ? undefined : notPermitted(doing, PROGRAM_PERMISSIONS);

const mayEnroll = (c: Command<'EnrollClientInProgram'>): DomainError | undefined => {
  const { by, through } = c;
  switch (by.kind) {
    case 'member':
      return holdsAny(by, PROGRAM_PERMISSIONS) ? undefined : notPermitted('Enrolling a client in a program', PROGRAM_PERMISSIONS);
    case 'system':
      return through.kind === 'package' || through.kind === 'group'
        ? undefined
        : notPermitted(`Enrolling a client ${describeSource(through)}`, PROGRAM_PERMISSIONS);
    case 'client':
      if (through.kind !== 'portal' || by.clientId !== c.clientId) {
        return notPermitted('Enrolling a client other than from their own client portal', PROGRAM_PERMISSIONS);
      }
      return c.program.offeredInPortal
        ? undefined
        : domainError('NOT_OFFERED_IN_PORTAL', `Program ${c.program.programId} is not offered in the client portal.`, {
            details: { programId: c.program.programId },
          });
  }
};

const enroll = (c: Command<'EnrollClientInProgram'>, state: EnrollmentState): Decision => {
  const refused = mayEnroll(c);
  if (refused) return left(refused);
  const { programId } = c.program;
  const { clientId, on, through } = c;
  const by = actorRef(c.by);
  if (state.status === 'enrolled') {
    if (state.enrollment.sources.some((s) => sameSource(s, through))) {
      return left(
        domainError('ALREADY_ENROLLED', `Client ${clientId} is already enrolled in program ${programId} ${describeSource(through)}.`, {
          details: { programId, clientId },
        }),
      );
    }
    return right([{ type: 'ProgramAccessAdded', data: { programId, clientId, through, on, by } }]);
  }
  const startsOn = c.startsOn ?? on;
  const access =
    c.maxAccessDays !== undefined ? { maxAccessDays: c.maxAccessDays, accessEndsOn: programAccessEndDate(startsOn, c.maxAccessDays) } : {};
  return right([
    {
      type: 'ClientEnrolledInProgram',
      data: {
        programId,
        clientId,
        program: c.program,
        through,
        enrolledOn: on,
        startsOn,
        releases: moduleReleases(startsOn, c.program.modules),
        completesOn: programCompletionDate(startsOn, c.program.modules),
        by,
        ...access,
      },
    },
  ]);
};

const notEnrolled = (programId: string, clientId: string): DomainError =>
  domainError('NOT_ENROLLED', `Client ${clientId} is not enrolled in program ${programId}.`, { details: { programId, clientId } });

/** The client loses access: the removal and the notice the platform sends. */
const removal = (e: Enrollment, on: LocalDate, reason: ProgramRemovalReason, by: ProgramActor, tell: boolean): EnrollmentEvent[] => {
  const who = { programId: e.programId, clientId: e.clientId };
  return [
    { type: 'ClientRemovedFromProgram', data: { ...who, on, reason, by: actorRef(by) } },
    ...(tell ? [{ type: 'ProgramAccessLossNoticeDue' as const, data: { ...who, on, reason } }] : []),
  ];
};

/** One way of access ends; the client is removed when it was the last one. */
const endSource = (e: Enrollment, through: EnrollmentSource, on: LocalDate, reason: ProgramRemovalReason, by: ProgramActor): EnrollmentEvent[] =>
  e.sources.some((s) => !sameSource(s, through))
    ? [{ type: 'ProgramAccessSourceEnded', data: { programId: e.programId, clientId: e.clientId, through, on, reason } }]
    : removal(e, on, reason, by, true);

const remove = (c: Command<'RemoveClientFromProgram'>, state: EnrollmentState): Decision => {
  const { programId, clientId, by, reason } = c;
  const allowed = by.kind === 'member' ? holdsAny(by, PROGRAM_PERMISSIONS) : by.kind === 'system' && reason.kind === 'check-in-non-compliance';
  if (!allowed) return left(notPermitted('Removing a client from a program', PROGRAM_PERMISSIONS));
  if (state.status !== 'enrolled') return left(notEnrolled(programId, clientId));
  const groups = groupsGivingAccess(state);
  if (groups.length > 0) {
    const named = groups.join(', ');
    return left(
      domainError(
        'CLIENT_HAS_GROUP_ACCESS',
        `Client ${clientId} has access to program ${programId} through group ${named}: remove the client from group ${named} to remove their access.`,
        { details: { programId, clientId, groupId: named } },
      ),
    );
  }
  return right(removal(state.enrollment, c.on, reason, by, c.tellClient ?? true));
};

const release = (c: Command<'ReleaseGroupProgramAccess'>, state: EnrollmentState): Decision => {
  const refused = memberOrAutomation(c.by, "Ending a client's access through a group");
  if (refused) return left(refused);
  if (!groupsGivingAccess(state).includes(c.groupId) || state.status !== 'enrolled') return right([]);
  return right(endSource(state.enrollment, { kind: 'group', groupId: c.groupId }, c.on, { kind: c.why, groupId: c.groupId }, c.by));
};

const markUnpaid = (c: Command<'MarkProgramPackageUnpaid'>, state: EnrollmentState): Decision => {
  const refused = memberOrAutomation(c.by, 'Marking a program package unpaid');
  if (refused) return left(refused);
  if (state.status !== 'enrolled') return right([]);
  const e = state.enrollment;
  const through = e.sources.some((s) => s.kind === 'package' && s.packageId === c.packageId);
  if (!through || e.unpaid.some((u) => u.packageId === c.packageId)) return right([]);
  const removal =
    c.removeUnpaidAfterDays !== undefined ? { removeUnpaidAfterDays: c.removeUnpaidAfterDays, removeOn: addDays(c.on, c.removeUnpaidAfterDays) } : {};
  const who = { programId: c.programId, clientId: c.clientId };
  return right([{ type: 'ProgramPackageMarkedUnpaid', data: { ...who, packageId: c.packageId, since: c.on, ...removal } }]);
};

const markPaid = (c: Command<'MarkProgramPackagePaid'>, state: EnrollmentState): Decision => {
  const refused = memberOrAutomation(c.by, 'Marking a program package paid');
  if (refused) return left(refused);
  if (state.status !== 'enrolled' || !state.enrollment.unpaid.some((u) => u.packageId === c.packageId)) return right([]);
  return right([{ type: 'ProgramPackagePaid', data: { programId: c.programId, clientId: c.clientId, packageId: c.packageId, on: c.on } }]);
};

const SYSTEM: ProgramActor = { kind: 'system' };

/** Every step due on or before the tick's date, each on its own date, in order. */
const tick = (c: Command<'TickEnrollment'>, state: EnrollmentState): Decision => {
  const produced: EnrollmentEvent[] = [];
  let current = state;
  for (;;) {
    const step = pendingEnrollmentSteps(current)[0];
    if (step === undefined || step.on > c.on || current.status !== 'enrolled') break;
    const e = current.enrollment;
    let events: readonly EnrollmentEvent[];
    switch (step.kind) {
      case 'unpaid-removal': {
        const { packageId, since, afterDays } = step;
        const reason: ProgramRemovalReason = { kind: 'unpaid-package', packageId, unpaidSince: since, afterDays };
        events = endSource(e, { kind: 'package', packageId }, step.on, reason, SYSTEM);
        break;
      }
      case 'access-expiry': {
        const who = { programId: e.programId, clientId: e.clientId, on: step.on };
        events = [
          { type: 'ProgramAccessExpired', data: { ...who, maxAccessDays: step.maxAccessDays } },
          { type: 'ProgramAccessLossNoticeDue', data: { ...who, reason: { kind: 'access-duration-reached', maxAccessDays: step.maxAccessDays } } },
        ];
        break;
      }
      case 'completion':
        events = programCompletionSteps(e, step.on);
        break;
    }
    produced.push(...events);
    current = events.reduce(evolveEnrollment, current);
  }
  return right(produced);
};

export const decideEnrollment = (command: EnrollmentCommand, state: EnrollmentState): Decision => {
  switch (command.type) {
    case 'EnrollClientInProgram':
      return enroll(command, state);
    case 'RemoveClientFromProgram':
      return remove(command, state);
    case 'ReleaseGroupProgramAccess':
      return release(command, state);
    case 'MarkProgramPackageUnpaid':
      return markUnpaid(command, state);
    case 'MarkProgramPackagePaid':
      return markPaid(command, state);
    case 'TickEnrollment':
      return tick(command, state);
  }
};
