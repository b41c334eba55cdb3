/**
 * The words of programs shared by the program, enrollment and client-group streams: who
 * acts (and with which permission), what a program is made of (modules released on a
 * cadence of days), and how a client came to have access (manually, a package, a group,
 * or the client portal).
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';

export const NonEmptyStringC = t.refinement(t.string, (s) => s.trim().length > 0, 'NonEmptyString');
export const NonNegativeIntegerC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'NonNegativeInteger');
export const PositiveIntegerC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveInteger');

// ---------------------------------------------------------------- permissions and actors

/** "Can create, edit, archive, and delete programs": creating and editing programs, and enrolling. */
export const MANAGE_PROGRAMS = 'create-edit-archive-delete-programs';
/** "Can enroll and remove clients from programs": enrolling and removing only. */
export const ENROLL_CLIENTS = 'enroll-remove-clients-from-programs';
export type ProgramPermission = typeof MANAGE_PROGRAMS | typeof ENROLL_CLIENTS;

/** The permissions in the words a practice sees in its member settings. */
export const programPermissionLabels: Readonly<Record<ProgramPermission, string>> = {
  [MANAGE_PROGRAMS]: 'Can create, edit, archive, and delete programs',
  [ENROLL_CLIENTS]: 'Can enroll and remove clients from programs',
};

/**
 * Who sends a command. A member (provider) brings the permissions the platform knows they
 * have; `system` is an automation (a process manager, a scheduled tick); a client acts for
 * themself in the client portal.
 */
export const ProgramActorC = t.union([
  t.type({ kind: t.literal('member'), memberId: NonEmptyStringC, permissions: t.readonlyArray(t.string) }),
  t.type({ kind: t.literal('client'), clientId: NonEmptyStringC }),
  t.type({ kind: t.literal('system') }),
]);
export type ProgramActor = t.TypeOf<typeof ProgramActorC>;

/** Who acted, as an event records it (without the permissions of the day). */
export const ProgramActorRefC = t.union([
  t.type({ kind: t.literal('member'), memberId: t.string }),
  t.type({ kind: t.literal('client'), clientId: t.string }),
  t.type({ kind: t.literal('system') }),
]);
export type ProgramActorRef = t.TypeOf<typeof ProgramActorRefC>;

export const actorRef = (actor: ProgramActor): ProgramActorRef => {
  switch (actor.kind) {
    case 'member':
      return { kind: 'member', memberId: actor.memberId };
    case 'client':
      return { kind: 'client', clientId: actor.clientId };
    case 'system':
      return { kind: 'system' };
  }
};

/** Whether a member holds one of the permissions. */
export const holdsAny = (actor: ProgramActor, permissions: readonly ProgramPermission[]): boolean =>
  actor.kind === 'member' && permissions.some((p) => actor.permissions.includes(p));

// ---------------------------------------------------------------- modules and programs

/** Content a module holds: the seed's videos, quizzes, handouts and surveys, or a link. */
export const ProgramModuleKindC = t.keyof({ video: null, quiz: null, handout: null, survey: null, link: null }, 'ProgramModuleKind');
export type ProgramModuleKind = t.TypeOf<typeof ProgramModuleKindC>;

/** What a link module points at: the booking calendar, a package, another program, a resource. */
export const ProgramModuleLinkC = t.type({
  to: t.keyof({ 'booking-calendar': null, package: null, program: null, resource: null }, 'LinkTarget'),
  target: NonEmptyStringC,
});
export type ProgramModuleLink = t.TypeOf<typeof ProgramModuleLinkC>;

const ModuleFieldsC = t.intersection([
  t.type({
    moduleId: NonEmptyStringC,
    title: t.string,
    kind: ProgramModuleKindC,
    /** Days after the member's start date the module is released (0: on the start date). */
    releaseDay: NonNegativeIntegerC,
  }),
  t.partial({ link: ProgramModuleLinkC }),
]);
/** A module; a link module says what it links to. */
export const ProgramModuleC = t.refinement(
  ModuleFieldsC,
  (m) => m.kind !== 'link' || m.link !== undefined,
  'ProgramModule (a link module has a link)',
);
export type ProgramModule = t.TypeOf<typeof ProgramModuleC>;

const ModuleListC = t.readonlyArray(ProgramModuleC);
const distinctAndSome = (ms: readonly ProgramModule[]): boolean =>
  ms.length > 0 && new Set(ms.map((m) => m.moduleId)).size === ms.length;
/**
 * At least one module, with distinct ids. (A plain type, not a refinement, so that a
 * failure inside names the module's index: `modules.2.kind`.)
 */
export const ProgramModulesC = new t.Type<readonly ProgramModule[], unknown, unknown>(
  'ProgramModules',
  (u): u is readonly ProgramModule[] => ModuleListC.is(u) && distinctAndSome(u),
  (u, c) => {
    const list = ModuleListC.validate(u, c);
    if (isLeft(list)) return list;
    return distinctAndSome(list.right) ? t.success(list.right) : t.failure(u, c, 'must hold at least one module, with distinct moduleIds');
  },
  (ms) => ModuleListC.encode(ms),
);

/** The seed's three end-of-program paths, or none in particular. */
export const ProgramKindC = t.keyof(
  { standard: null, freemium: null, 'accountability-booster': null, educational: null },
  'ProgramKind',
);
export type ProgramKind = t.TypeOf<typeof ProgramKindC>;

/** The package or program a client graduates to when the program ends. */
export const ProgramNextStepC = t.type({ kind: t.keyof({ package: null, program: null }, 'NextStepKind'), id: NonEmptyStringC });
export type ProgramNextStep = t.TypeOf<typeof ProgramNextStepC>;

/** A program as a provider writes it (the optional fields have defaults, see {@link ProgramTerms}). */
export const ProgramDefinitionC = t.intersection([
  t.type({ name: NonEmptyStringC, kind: ProgramKindC, modules: ProgramModulesC }),
  t.partial({
    /** The next-step package or program recommended on completion. @defaultValue none */
    nextStep: ProgramNextStepC,
    /** The client group associated with the program. @defaultValue none */
    groupId: NonEmptyStringC,
    /** Clients may discover the program in their portal and enroll themselves. @defaultValue false */
    offeredInPortal: t.boolean,
    /**
     * On completion, copy the handouts and videos to the client's documents.
     * @defaultValue true for an educational program, false otherwise
     */
    copyMaterialsToDocuments: t.boolean,
  }),
]);
export type ProgramDefinition = t.TypeOf<typeof ProgramDefinitionC>;

/**
 * A program's definition at one version, with every default resolved: what an enrollment
 * records, so that its schedule and its end-of-program steps never need the program again.
 */
export const ProgramTermsC = t.intersection([
  t.type({
    programId: NonEmptyStringC,
    version: PositiveIntegerC,
    name: t.string,
    kind: ProgramKindC,
    modules: ProgramModulesC,
    /** Clients may discover the program in their portal and enroll themselves. */
    offeredInPortal: t.boolean,
    /** On completion, the handouts and videos are copied to the client's documents. */
    copyMaterialsToDocuments: t.boolean,
  }),
  t.partial({
    /** The next-step package or program recommended on completion. */
    nextStep: ProgramNextStepC,
    /** The client group associated with the program: buying the program places the client in it. */
    groupId: NonEmptyStringC,
  }),
]);
export type ProgramTerms = t.TypeOf<typeof ProgramTermsC>;

/**
 * The terms of a definition at a version.
 * `offeredInPortal` defaults to false; `copyMaterialsToDocuments` defaults to true for an
 * educational program and false otherwise.
 */
export const programTerms = (programId: string, version: number, d: ProgramDefinition): ProgramTerms => ({
  programId,
  version,
  name: d.name,
  kind: d.kind,
  modules: d.modules,
  offeredInPortal: d.offeredInPortal ?? false,
  copyMaterialsToDocuments: d.copyMaterialsToDocuments ?? d.kind === 'educational',
  ...(d.nextStep !== undefined ? { nextStep: d.nextStep } : {}),
  ...(d.groupId !== undefined ? { groupId: d.groupId } : {}),
});

// ---------------------------------------------------------------- how a client has access

/** How a client came to have access to a program: through what. */
export const EnrollmentSourceC = t.union([
  t.type({ kind: t.literal('manual') }),
  t.type({ kind: t.literal('package'), packageId: NonEmptyStringC }),
  t.type({ kind: t.literal('group'), groupId: NonEmptyStringC }),
  t.type({ kind: t.literal('portal') }),
]);
export type EnrollmentSource = t.TypeOf<typeof EnrollmentSourceC>;

export const sameSource = (a: EnrollmentSource, b: EnrollmentSource): boolean => {
  if (a.kind === 'package' && b.kind === 'package') return a.packageId === b.packageId;
  if (a.kind === 'group' && b.kind === 'group') return a.groupId === b.groupId;
  return a.kind === b.kind;
};

export const describeSource = (s: EnrollmentSource): string => {
  switch (s.kind) {
    case 'manual':
      return 'enrolled manually';
    case 'package':
      return `through package ${s.packageId}`;
    case 'group':
      return `through group ${s.groupId}`;
    case 'portal':
      return 'self-enrolled in the client portal';
  }
};

// ---------------------------------------------------------------- refusals

/** `NOT_PERMITTED`, naming the missing permission(s) in the practice's words. */
export const notPermitted = (doing: string, needed: readonly ProgramPermission[]): DomainError =>
  domainError(
    'NOT_PERMITTED',
    `${doing} needs the permission ${needed.map((p) => `"${programPermissionLabels[p]}"`).join(' or ')}.`,
    { details: { missing: needed.map((p) => programPermissionLabels[p]).join(' or ') } },
  );
