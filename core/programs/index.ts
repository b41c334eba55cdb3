/**
 * Programs, groups and enrollments: a program's definition (`program-<programId>`), one
 * client's enrollment in one program (`enrollment-<programId>-<clientId>`), a client's group
 * (`clientgroup-<clientId>`), and the flows between them.
 */
import { combineRegistries } from '../kernel/codecs.js';
import { programEvents } from './definition/events.js';
import { enrollmentEvents } from './enrollment/events.js';
import { clientGroupEvents } from './groups/events.js';

export {
  MANAGE_PROGRAMS,
  ENROLL_CLIENTS,
  programPermissionLabels,
  ProgramActorC,
  ProgramActorRefC,
  ProgramModuleKindC,
  ProgramModuleLinkC,
  ProgramModuleC,
  ProgramModulesC,
  ProgramKindC,
  ProgramNextStepC,
  ProgramDefinitionC,
  ProgramTermsC,
  programTerms,
  EnrollmentSourceC,
  type ProgramPermission,
  type ProgramActor,
  type ProgramActorRef,
  type ProgramModuleKind,
  type ProgramModuleLink,
  type ProgramModule,
  type ProgramKind,
  type ProgramNextStep,
  type ProgramDefinition,
  type ProgramTerms,
  type EnrollmentSource,
} from './values.js';
export * from './definition/index.js';
export * from './enrollment/index.js';
export * from './groups/index.js';
export * from './flows.js';
export * from '../rules/program-schedule.js';

/** Every event of programs, enrollments and client groups. */
export const programsEvents = combineRegistries(programEvents, enrollmentEvents, clientGroupEvents);
