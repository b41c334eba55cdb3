/**
 * Program completion, per program, from the program enrollments (each folded with the
 * enrollment's own `evolve`). A program is **completed** when its last module is released
 * to the client (`ProgramCompleted`); it **ended before completion** when the client was
 * removed or their access expired first.
 *
 * - **Completion rate** = completed ÷ (completed + ended before completion): of the
 *   enrollments that are over, the share that reached the end. Enrollments in progress
 *   are not counted.
 * - **Time to completion** = the mean days from the member's start date to completion.
 *
 * Each client's latest enrollment in a program counts once.
 */
import { daysBetween, type LocalDate } from '../core/values/local-date.js';
import type { EnrollmentState } from '../core/programs/index.js';
import { programEnrollmentsProjection, type ProgramEnrollmentsModel } from './program-enrollments.js';
import type { ReportDefinition, ReportTable } from './report.js';
import { byText, mean, percentage, percentCell } from './report-values.js';

export interface ProgramCompletionLine {
  readonly programId: string;
  readonly programName: string;
  readonly enrollments: number;
  readonly inProgress: number;
  readonly completed: number;
  readonly endedBeforeCompletion: number;
  /** Percent, two decimals; `null` while none is over. */
  readonly completionRate: number | null;
  /** Days, one decimal; `null` while none completed. */
  readonly averageDaysToCompletion: number | null;
}

export interface ProgramCompletion {
  readonly asOf: LocalDate;
  readonly programs: readonly ProgramCompletionLine[];
}

const lineOf = (programId: string, states: readonly EnrollmentState[]): ProgramCompletionLine => {
  const enrolled = states.flatMap((s) => (s.status === 'not-enrolled' ? [] : [s]));
  const completed = enrolled.flatMap((s) => (s.enrollment.completedOn === undefined ? [] : [s.enrollment]));
  const over = enrolled.filter((s) => s.status === 'ended' && s.enrollment.completedOn === undefined).length;
  return {
    programId,
    programName: enrolled[enrolled.length - 1]?.enrollment.program.name ?? programId,
    enrollments: enrolled.length,
    inProgress: enrolled.filter((s) => s.status === 'enrolled' && s.enrollment.completedOn === undefined).length,
    completed: completed.length,
    endedBeforeCompletion: over,
    completionRate: percentage(completed.length, completed.length + over),
    averageDaysToCompletion: mean(completed.flatMap((e) => (e.completedOn === undefined ? [] : [daysBetween(e.startsOn, e.completedOn)]))),
  };
};

export const programCompletion = (model: ProgramEnrollmentsModel, asOf: LocalDate): ProgramCompletion => ({
  asOf,
  programs: Object.entries(model.enrollments)
    .map(([programId, byClient]) => lineOf(programId, Object.values(byClient)))
    .filter((l) => l.enrollments > 0)
    .sort((a, b) => byText(a.programName, b.programName) || byText(a.programId, b.programId)),
});

const completionTables = (r: ProgramCompletion): readonly ReportTable[] => [
  {
    title: `Program completion as of ${r.asOf}`,
    columns: ['Program', 'Enrollments', 'In progress', 'Completed', 'Ended before completion', 'Completion rate', 'Days to completion'],
    rows: r.programs.map((p) => [p.programName, p.enrollments, p.inProgress, p.completed, p.endedBeforeCompletion, percentCell(p.completionRate), p.averageDaysToCompletion]),
  },
];

export const programCompletionReport: ReportDefinition<ProgramEnrollmentsModel, ProgramCompletion> = {
  name: 'program-completion',
  title: 'Program completion',
  description: 'Per program: enrollments in progress, completed and ended before completion, the completion rate and the time to completion.',
  parameters: [],
  projection: programEnrollmentsProjection,
  view: (model, { asOf }) => programCompletion(model, asOf),
  tables: completionTables,
};
