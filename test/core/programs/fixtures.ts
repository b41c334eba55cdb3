/** Programs, people and events the programs specs share. */
import {
  ENROLL_CLIENTS,
  MANAGE_PROGRAMS,
  moduleReleases,
  programCompletionDate,
  programTerms,
  type EnrollmentEvent,
  type EnrollmentSource,
  type ProgramActor,
  type ProgramDefinition,
  type ProgramTerms,
} from '../../../core/programs/index.js';
import { localDate, type LocalDate } from '../../../core/values/local-date.js';

export const d = localDate;

/** A provider with "Can create, edit, archive, and delete programs". */
export const owner: ProgramActor = { kind: 'member', memberId: 'm-owner', permissions: [MANAGE_PROGRAMS] };
/** An organization member with "Can enroll and remove clients from programs". */
export const coordinator: ProgramActor = { kind: 'member', memberId: 'm-coord', permissions: [ENROLL_CLIENTS] };
/** An organization member with neither permission. */
export const assistant: ProgramActor = { kind: 'member', memberId: 'm-asst', permissions: ['view-clients'] };
export const system: ProgramActor = { kind: 'system' };

export const acneDefinition: ProgramDefinition = {
  name: 'Clear Skin in 4 Weeks',
  kind: 'standard',
  modules: [
    { moduleId: 'welcome', title: 'Welcome video', kind: 'video', releaseDay: 0 },
    { moduleId: 'quiz-1', title: 'Skin-type quiz', kind: 'quiz', releaseDay: 7 },
    { moduleId: 'handout-1', title: 'Regimen handout', kind: 'handout', releaseDay: 14 },
    { moduleId: 'survey-1', title: 'Progress survey', kind: 'survey', releaseDay: 21 },
  ],
};
export const acne: ProgramTerms = programTerms('p-acne', 1, acneDefinition);

export const freemium: ProgramTerms = programTerms('p-free', 1, {
  name: 'Free 7-day reset',
  kind: 'freemium',
  modules: [
    { moduleId: 'day-0', title: 'Start here', kind: 'video', releaseDay: 0 },
    { moduleId: 'next', title: 'Keep going with us', kind: 'link', releaseDay: 6, link: { to: 'package', target: 'pkg-12-weeks' } },
    { moduleId: 'call', title: 'Free Discovery Call', kind: 'link', releaseDay: 6, link: { to: 'booking-calendar', target: 'discovery-call' } },
  ],
  nextStep: { kind: 'package', id: 'pkg-12-weeks' },
  offeredInPortal: true,
});

export const booster: ProgramTerms = programTerms('p-boost', 1, {
  name: 'Monthly accountability booster',
  kind: 'accountability-booster',
  modules: [
    { moduleId: 'week-1', title: 'Week 1 check-in', kind: 'survey', releaseDay: 0 },
    { moduleId: 'renew', title: 'Would you like to sign up again?', kind: 'survey', releaseDay: 28 },
  ],
});

export const nutrition: ProgramTerms = programTerms('p-learn', 1, {
  name: 'Gut health basics',
  kind: 'educational',
  modules: [
    { moduleId: 'intro', title: 'Why gut health matters', kind: 'video', releaseDay: 0 },
    { moduleId: 'guide', title: 'Food guide', kind: 'handout', releaseDay: 3 },
    { moduleId: 'check', title: 'What did you learn?', kind: 'quiz', releaseDay: 5 },
    { moduleId: 'book', title: 'Book your next session', kind: 'link', releaseDay: 5, link: { to: 'booking-calendar', target: 'follow-up' } },
  ],
});

export const byRef = (actor: ProgramActor) =>
  actor.kind === 'member' ? { kind: 'member' as const, memberId: actor.memberId } : actor.kind === 'client' ? { kind: 'client' as const, clientId: actor.clientId } : { kind: 'system' as const };

/** The enrollment event for a client who starts on `startsOn` (computed with the schedule rule). */
export const enrolled = (
  program: ProgramTerms,
  clientId: string,
  through: EnrollmentSource,
  on: LocalDate,
  options: { readonly startsOn?: LocalDate; readonly by?: ProgramActor; readonly maxAccessDays?: number; readonly accessEndsOn?: LocalDate } = {},
): EnrollmentEvent => {
  const startsOn = options.startsOn ?? on;
  return {
    type: 'ClientEnrolledInProgram',
    data: {
      programId: program.programId,
      clientId,
      program,
      through,
      enrolledOn: on,
      startsOn,
      releases: moduleReleases(startsOn, program.modules),
      completesOn: programCompletionDate(startsOn, program.modules),
      by: byRef(options.by ?? coordinator),
      ...(options.maxAccessDays !== undefined && options.accessEndsOn !== undefined
        ? { maxAccessDays: options.maxAccessDays, accessEndsOn: options.accessEndsOn }
        : {}),
    },
  };
};
