/**
 * One client's enrollment in one program, folded from its stream, and what it answers:
 * which modules the client can open on a date, and when it next needs a tick.
 */
import { modulesReleasedBy, type ModuleRelease } from '../../rules/program-schedule.js';
import type { LocalDate } from '../../values/local-date.js';
import { sameSource, type EnrollmentSource, type ProgramModule, type ProgramTerms } from '../values.js';
import type { EnrollmentEvent } from './events.js';

export interface UnpaidProgramPackage {
  readonly packageId: string;
  readonly since: LocalDate;
  /** When the practice removes unpaid clients after a number of days: that day and the days. */
  readonly removal?: { readonly on: LocalDate; readonly afterDays: number };
}

export interface Enrollment {
  readonly programId: string;
  readonly clientId: string;
  readonly program: ProgramTerms;
  readonly enrolledOn: LocalDate;
  readonly startsOn: LocalDate;
  readonly releases: readonly ModuleRelease[];
  readonly completesOn: LocalDate;
  readonly maxAccessDays?: number;
  readonly accessEndsOn?: LocalDate;
  /** Every way the client has access; while enrolled, never empty. */
  readonly sources: readonly EnrollmentSource[];
  readonly unpaid: readonly UnpaidProgramPackage[];
  readonly completedOn?: LocalDate;
}

export type EnrollmentState =
  | { readonly status: 'not-enrolled' }
  | { readonly status: 'enrolled'; readonly enrollment: Enrollment }
  | {
      readonly status: 'ended';
      readonly enrollment: Enrollment;
      readonly endedOn: LocalDate;
      readonly ending: 'removed' | 'access-expired';
    };

export const initialEnrollmentState: EnrollmentState = { status: 'not-enrolled' };

const withEnrollment = (state: EnrollmentState, change: (e: Enrollment) => Enrollment): EnrollmentState =>
  state.status === 'enrolled' ? { status: 'enrolled', enrollment: change(state.enrollment) } : state;

export const evolveEnrollment = (state: EnrollmentState, event: EnrollmentEvent): EnrollmentState => {
  switch (event.type) {
    case 'ClientEnrolledInProgram': {
      const d = event.data;
      return {
        status: 'enrolled',
        enrollment: {
          programId: d.programId,
          clientId: d.clientId,
          program: d.program,
          enrolledOn: d.enrolledOn,
          startsOn: d.startsOn,
          releases: d.releases,
          completesOn: d.completesOn,
          ...(d.maxAccessDays !== undefined ? { maxAccessDays: d.maxAccessDays } : {}),
          ...(d.accessEndsOn !== undefined ? { accessEndsOn: d.accessEndsOn } : {}),
          sources: [d.through],
          unpaid: [],
        },
      };
    }
    case 'ProgramAccessAdded':
      return withEnrollment(state, (e) => ({ ...e, sources: [...e.sources, event.data.through] }));
    case 'ProgramAccessSourceEnded': {
      const ended = event.data.through;
      return withEnrollment(state, (e) => ({
        ...e,
        sources: e.sources.filter((s) => !sameSource(s, ended)),
        unpaid: ended.kind === 'package' ? e.unpaid.filter((u) => u.packageId !== ended.packageId) : e.unpaid,
      }));
    }
    case 'ClientRemovedFromProgram':
      return state.status === 'enrolled'
        ? { status: 'ended', enrollment: state.enrollment, endedOn: event.data.on, ending: 'removed' }
        : state;
    case 'ProgramAccessExpired':
      return state.status === 'enrolled'
        ? { status: 'ended', enrollment: state.enrollment, endedOn: event.data.on, ending: 'access-expired' }
        : state;
    case 'ProgramPackageMarkedUnpaid': {
      const d = event.data;
      const unpaid: UnpaidProgramPackage = {
        packageId: d.packageId,
        since: d.since,
        ...(d.removeOn !== undefined && d.removeUnpaidAfterDays !== undefined
          ? { removal: { on: d.removeOn, afterDays: d.removeUnpaidAfterDays } }
          : {}),
      };
      return withEnrollment(state, (e) => ({ ...e, unpaid: [...e.unpaid.filter((u) => u.packageId !== d.packageId), unpaid] }));
    }
    case 'ProgramPackagePaid':
      return withEnrollment(state, (e) => ({ ...e, unpaid: e.unpaid.filter((u) => u.packageId !== event.data.packageId) }));
    case 'ProgramCompleted':
      return withEnrollment(state, (e) => ({ ...e, completedOn: event.data.on }));
    case 'ProgramAccessLossNoticeDue':
    case 'ProgramNextStepRecommended':
    case 'AccountabilityRenewalOffered':
    case 'ProgramMaterialsCopiedToDocuments':
      return state;
  }
};

// ---------------------------------------------------------------- questions an enrollment answers

/** The groups through which the client has access (empty when not enrolled). */
export const groupsGivingAccess = (state: EnrollmentState): readonly string[] =>
  state.status === 'enrolled' ? state.enrollment.sources.flatMap((s) => (s.kind === 'group' ? [s.groupId] : [])) : [];

/**
 * The day access stops by itself as things stand: the end of the maximum access duration,
 * or the day the last unpaid package is removed when every access is through an unpaid
 * package with a removal date. `undefined` when nothing ends it.
 */
export const scheduledProgramAccessEnd = (e: Enrollment): LocalDate | undefined => {
  const removals = e.sources.map((s) =>
    s.kind === 'package' ? e.unpaid.find((u) => u.packageId === s.packageId)?.removal?.on : undefined,
  );
  const unpaidEnd = removals.length > 0 && removals.every((d) => d !== undefined) ? removals.reduce((a, b) => (a > b ? a : b)) : undefined;
  const candidates = [e.accessEndsOn, unpaidEnd].filter((d): d is LocalDate => d !== undefined);
  return candidates.length === 0 ? undefined : candidates.reduce((a, b) => (a < b ? a : b));
};

/**
 * The modules the client can open on `date`: those released by then, while enrolled and
 * before access stops. A removed client can open none, previous or upcoming.
 */
export const modulesOpenOn = (state: EnrollmentState, date: LocalDate): readonly ProgramModule[] => {
  if (state.status !== 'enrolled') return [];
  const e = state.enrollment;
  const stops = scheduledProgramAccessEnd(e);
  if (stops !== undefined && date >= stops) return [];
  const released = new Set(modulesReleasedBy(e.releases, date).map((r) => r.moduleId));
  return e.program.modules.filter((m) => released.has(m.moduleId));
};

/** A time-driven step of an enrollment, due on a date. */
export type EnrollmentDue =
  | {
      readonly kind: 'unpaid-removal';
      readonly on: LocalDate;
      readonly packageId: string;
      readonly since: LocalDate;
      readonly afterDays: number;
    }
  | { readonly kind: 'access-expiry'; readonly on: LocalDate; readonly maxAccessDays: number }
  | { readonly kind: 'completion'; readonly on: LocalDate };

const ORDER: Readonly<Record<EnrollmentDue['kind'], number>> = { 'unpaid-removal': 0, 'access-expiry': 1, completion: 2 };

/**
 * The pending time-driven steps in the order they fall due; on one date, access ends
 * before completion (a client without access on the last day does not complete).
 */
export const pendingEnrollmentSteps = (state: EnrollmentState): readonly EnrollmentDue[] => {
  if (state.status !== 'enrolled') return [];
  const e = state.enrollment;
  const steps: EnrollmentDue[] = [];
  for (const u of e.unpaid) {
    if (u.removal !== undefined) {
      steps.push({ kind: 'unpaid-removal', on: u.removal.on, packageId: u.packageId, since: u.since, afterDays: u.removal.afterDays });
    }
  }
  if (e.accessEndsOn !== undefined && e.maxAccessDays !== undefined) {
    steps.push({ kind: 'access-expiry', on: e.accessEndsOn, maxAccessDays: e.maxAccessDays });
  }
  if (e.completedOn === undefined) steps.push({ kind: 'completion', on: e.completesOn });
  return steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : ORDER[a.kind] - ORDER[b.kind]));
};

/** When the enrollment next needs a `TickEnrollment`; `undefined` when nothing is pending. */
export const enrollmentNextTick = (state: EnrollmentState): LocalDate | undefined => pendingEnrollmentSteps(state)[0]?.on;
