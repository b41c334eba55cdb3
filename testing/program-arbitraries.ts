/**
 * fast-check arbitraries for programs: modules, program terms, enrollment sources, and a
 * day-by-day life of one enrollment (commands a provider, a package or a group may send).
 * Integrators can run the programs laws on their own programs and policies with them.
 */
import fc from 'fast-check';
import type { EnrollmentCommand } from '../core/programs/enrollment/commands.js';
import {
  ENROLL_CLIENTS,
  MANAGE_PROGRAMS,
  type EnrollmentSource,
  type ProgramActor,
  type ProgramKind,
  type ProgramModule,
  type ProgramTerms,
} from '../core/programs/values.js';

export const arbProgramModule = (moduleId: string, maxReleaseDay = 60): fc.Arbitrary<ProgramModule> =>
  fc
    .record({
      kind: fc.constantFrom('video', 'quiz', 'handout', 'survey', 'link') as fc.Arbitrary<ProgramModule['kind']>,
      releaseDay: fc.integer({ min: 0, max: maxReleaseDay }),
      to: fc.constantFrom('booking-calendar', 'package', 'program', 'resource') as fc.Arbitrary<'booking-calendar' | 'package' | 'program' | 'resource'>,
    })
    .map(({ kind, releaseDay, to }) => ({
      moduleId,
      title: `Module ${moduleId}`,
      kind,
      releaseDay,
      ...(kind === 'link' ? { link: { to, target: `${to}-1` } } : {}),
    }));

/** A program of 1 … `maxModules` modules released within `maxReleaseDay` days. */
export const arbProgramTerms = (programId = 'p-1', options: { readonly maxModules?: number; readonly maxReleaseDay?: number } = {}): fc.Arbitrary<ProgramTerms> =>
  fc
    .record({
      count: fc.integer({ min: 1, max: options.maxModules ?? 6 }),
      kind: fc.constantFrom('standard', 'freemium', 'accountability-booster', 'educational') as fc.Arbitrary<ProgramKind>,
      nextStep: fc.option(fc.constantFrom('package', 'program') as fc.Arbitrary<'package' | 'program'>, { nil: undefined }),
      copy: fc.boolean(),
      portal: fc.boolean(),
    })
    .chain(({ count, kind, nextStep, copy, portal }) =>
      fc.tuple(...Array.from({ length: count }, (_, i) => arbProgramModule(`m${i + 1}`, options.maxReleaseDay))).map((modules) => ({
        programId,
        version: 1,
        name: `Program ${programId}`,
        kind,
        modules,
        offeredInPortal: portal,
        copyMaterialsToDocuments: copy,
        ...(nextStep !== undefined ? { nextStep: { kind: nextStep, id: `${nextStep}-next` } } : {}),
      })),
    );

export const arbEnrollmentSource = (): fc.Arbitrary<EnrollmentSource> =>
  fc.oneof(
    fc.constant<EnrollmentSource>({ kind: 'manual' }),
    fc.constantFrom('pkg-1', 'pkg-2').map((packageId): EnrollmentSource => ({ kind: 'package', packageId })),
    fc.constantFrom('g-1', 'g-2').map((groupId): EnrollmentSource => ({ kind: 'group', groupId })),
  );

/** A member with one of the program permissions. */
export const arbProgramMember = (): fc.Arbitrary<ProgramActor> =>
  fc.constantFrom(MANAGE_PROGRAMS, ENROLL_CLIENTS).map((p): ProgramActor => ({ kind: 'member', memberId: 'm-1', permissions: [p] }));

/** Something that may happen to an enrollment on one day (without its date yet). */
export type EnrollmentHappening = (on: EnrollmentCommand['on']) => EnrollmentCommand;

/**
 * What may happen to client `clientId`'s enrollment in `program` on a day: gaining access
 * another way, a provider removing them, a group releasing them, a package going unpaid
 * (with or without the practice's removal days) or being paid.
 */
export const arbEnrollmentHappening = (program: ProgramTerms, clientId: string): fc.Arbitrary<EnrollmentHappening> => {
  const who = { programId: program.programId, clientId };
  const system = { kind: 'system' } as const;
  return fc.oneof(
    fc.tuple(arbEnrollmentSource(), arbProgramMember()).map(([through, by]): EnrollmentHappening => (on) => ({ type: 'EnrollClientInProgram', clientId, on, program, through, by })),
    arbProgramMember().map((by): EnrollmentHappening => (on) => ({ type: 'RemoveClientFromProgram', ...who, on, by, reason: { kind: 'finished-program' } })),
    fc.constantFrom('g-1', 'g-2').map((groupId): EnrollmentHappening => (on) => ({ type: 'ReleaseGroupProgramAccess', ...who, on, groupId, why: 'left-group', by: system })),
    fc
      .tuple(fc.constantFrom('pkg-1', 'pkg-2'), fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }))
      .map(([packageId, days]): EnrollmentHappening => (on) => ({
        type: 'MarkProgramPackageUnpaid',
        ...who,
        on,
        packageId,
        by: system,
        ...(days !== undefined ? { removeUnpaidAfterDays: days } : {}),
      })),
    fc.constantFrom('pkg-1', 'pkg-2').map((packageId): EnrollmentHappening => (on) => ({ type: 'MarkProgramPackagePaid', ...who, on, packageId, by: system })),
  );
};
