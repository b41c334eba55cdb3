/**
 * The program schedule. Modules are released on a cadence of days from the member's start
 * date: a module with release day n opens on `start + n`. The program is complete when its
 * last module is released. A maximum access duration of d days ends access on `start + d`.
 */
import { addDays, type LocalDate } from '../values/local-date.js';

export interface ScheduledProgramModule {
  readonly moduleId: string;
  /** Days after the start date (0: the start date itself). */
  readonly releaseDay: number;
}

/** A module's release date for one member. */
export interface ModuleRelease {
  readonly moduleId: string;
  readonly on: LocalDate;
}

/** Each module's release date for a member who starts on `startsOn`, in the program's order. */
export const moduleReleases = (startsOn: LocalDate, modules: readonly ScheduledProgramModule[]): readonly ModuleRelease[] =>
  modules.map((m) => ({ moduleId: m.moduleId, on: addDays(startsOn, m.releaseDay) }));

/** The day the last module is released: the program's completion date for that member. */
export const programCompletionDate = (startsOn: LocalDate, modules: readonly ScheduledProgramModule[]): LocalDate =>
  addDays(startsOn, modules.reduce((last, m) => Math.max(last, m.releaseDay), 0));

/** The modules released on or before `date` (in the program's order). */
export const modulesReleasedBy = (releases: readonly ModuleRelease[], date: LocalDate): readonly ModuleRelease[] =>
  releases.filter((r) => r.on <= date);

/** The first day without access after a maximum access duration of `days` from the start. */
export const programAccessEndDate = (startsOn: LocalDate, days: number): LocalDate => addDays(startsOn, days);
