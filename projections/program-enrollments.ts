/**
 * Program enrollments: who is enrolled in which program, through what (manual, package,
 * group, portal), since when; which modules a client can open on a given date; and which
 * programs are ending soon. Each enrollment is folded with the enrollment decider's own
 * `evolve`, so the read model and the aggregate can never disagree.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import {
  enrollmentEvents,
  evolveEnrollment,
  initialEnrollmentState,
  modulesOpenOn,
  scheduledProgramAccessEnd,
  type EnrollmentSource,
  type EnrollmentState,
  type ProgramModule,
} from '../core/programs/index.js';
import { addDays, type LocalDate } from '../core/values/local-date.js';
import type { Projection } from './projection.js';

/** Every enrollment, by program then client. */
export interface ProgramEnrollmentsModel {
  readonly enrollments: Readonly<Record<string, Readonly<Record<string, EnrollmentState>>>>;
}

export const programEnrollmentsProjection: Projection<DomainEvent, ProgramEnrollmentsModel> = {
  name: 'program-enrollments',
  initial: { enrollments: {} },
  apply: (model, event) => {
    if (!enrollmentEvents.is(event)) return model;
    const { programId, clientId } = event.data;
    const ofProgram = model.enrollments[programId] ?? {};
    const before = ofProgram[clientId] ?? initialEnrollmentState;
    return {
      enrollments: { ...model.enrollments, [programId]: { ...ofProgram, [clientId]: evolveEnrollment(before, event) } },
    };
  },
};

/** One line of the enrollment list. */
export interface ProgramEnrollmentRow {
  readonly programId: string;
  readonly programName: string;
  readonly clientId: string;
  readonly status: 'enrolled' | 'removed' | 'access-expired';
  /** The ways the client has (or last had) access. */
  readonly through: readonly EnrollmentSource[];
  /** The member's start date. */
  readonly since: LocalDate;
  readonly enrolledOn: LocalDate;
  readonly completedOn?: LocalDate;
  readonly endedOn?: LocalDate;
}

const rowOf = (state: EnrollmentState): ProgramEnrollmentRow | undefined => {
  if (state.status === 'not-enrolled') return undefined;
  const e = state.enrollment;
  return {
    programId: e.programId,
    programName: e.program.name,
    clientId: e.clientId,
    status: state.status === 'enrolled' ? 'enrolled' : state.ending === 'removed' ? 'removed' : 'access-expired',
    through: e.sources,
    since: e.startsOn,
    enrolledOn: e.enrolledOn,
    ...(e.completedOn !== undefined ? { completedOn: e.completedOn } : {}),
    ...(state.status === 'ended' ? { endedOn: state.endedOn } : {}),
  };
};

const states = (model: ProgramEnrollmentsModel): EnrollmentState[] =>
  Object.keys(model.enrollments)
    .sort()
    .flatMap((programId) => {
      const ofProgram = model.enrollments[programId] ?? {};
      return Object.keys(ofProgram)
        .sort()
        .flatMap((clientId) => {
          const s = ofProgram[clientId];
          return s === undefined ? [] : [s];
        });
    });

/**
 * The enrollment list, by program then client; filter by program or client, and by default
 * only the clients enrolled now (`includeEnded: true` adds the removed and expired).
 */
export const programEnrollmentRows = (
  model: ProgramEnrollmentsModel,
  filter: {
    readonly programId?: string;
    readonly clientId?: string;
    /** Also list removed and expired enrollments. @defaultValue false */
    readonly includeEnded?: boolean;
  } = {},
): readonly ProgramEnrollmentRow[] =>
  states(model)
    .flatMap((s) => {
      const row = rowOf(s);
      return row === undefined ? [] : [row];
    })
    .filter(
      (r) =>
        (filter.programId === undefined || r.programId === filter.programId) &&
        (filter.clientId === undefined || r.clientId === filter.clientId) &&
        (filter.includeEnded === true || r.status === 'enrolled'),
    );

/** A module a client can open, with its program. */
export interface OpenModule {
  readonly programId: string;
  readonly module: ProgramModule;
}

/** Every module the client can open on `date`, program by program. */
export const modulesClientCanOpen = (model: ProgramEnrollmentsModel, clientId: string, date: LocalDate): readonly OpenModule[] =>
  states(model).flatMap((s) =>
    s.status === 'enrolled' && s.enrollment.clientId === clientId
      ? modulesOpenOn(s, date).map((module) => ({ programId: s.enrollment.programId, module }))
      : [],
  );

/** An enrollment that ends soon: its program completes, or its access stops. */
export interface EndingSoon {
  readonly programId: string;
  readonly clientId: string;
  readonly endsOn: LocalDate;
  readonly ending: 'completion' | 'access-ends';
}

/**
 * The enrollments whose program completes, or whose access stops by itself, within
 * `withinDays` days from `on` (`[on, on + withinDays)`), soonest first.
 * @param withinDays @defaultValue 14
 */
export const programsEndingSoon = (model: ProgramEnrollmentsModel, on: LocalDate, withinDays = 14): readonly EndingSoon[] => {
  const until = addDays(on, withinDays);
  const soon = (d: LocalDate | undefined): d is LocalDate => d !== undefined && d >= on && d < until;
  return states(model)
    .flatMap((s): EndingSoon[] => {
      if (s.status !== 'enrolled') return [];
      const e = s.enrollment;
      const who = { programId: e.programId, clientId: e.clientId };
      const stops = scheduledProgramAccessEnd(e);
      return [
        ...(e.completedOn === undefined && soon(e.completesOn) ? [{ ...who, endsOn: e.completesOn, ending: 'completion' as const }] : []),
        ...(soon(stops) ? [{ ...who, endsOn: stops, ending: 'access-ends' as const }] : []),
      ];
    })
    .sort((a, b) => (a.endsOn < b.endsOn ? -1 : a.endsOn > b.endsOn ? 1 : 0));
};
