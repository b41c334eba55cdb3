/**
 * The process managers the facade runs, and the read models they (and the schedule)
 * need, kept as one projection: the program directory (programs, groups and their
 * members), the membership roster (who is on which plan version) and the schedule of
 * what falls due. Each flow is a pure function of a recorded event and the read models
 * as of that event; the commands it causes carry ids derived from the event.
 */
import type { RecordedEvent } from '../kernel/envelope.js';
import type { Dispatch } from '../kernel/process-manager.js';
import type { PracticeEvent } from '../events.js';
import { membershipWalletFlow } from '../flows/membership-wallet.js';
import { planRevisionDispatches } from '../flows/plan-revision.js';
import { membershipEvents } from '../memberships/events.js';
import { membershipPlanEvents } from '../membership-plans/events.js';
import { programAccessFlow, programsEvents, type ProgramAccessPolicy } from '../programs/index.js';
import { programDirectoryLookup, programDirectoryProjection, type ProgramDirectoryModel } from '../../projections/program-directory.js';
import { membershipRosterProjection, membershipsOnPlan, type MembershipRoster } from '../../projections/memberships.js';
import { dueScheduleProjection, type DueSchedule } from '../../projections/due-schedule.js';
import type { Projection } from '../../projections/projection.js';
import type { PracticeCommand } from './aggregates.js';

/** The read models the flows and the schedule read, as of the last event the runner folded. */
export interface PracticeReadModels {
  readonly programDirectory: ProgramDirectoryModel;
  readonly membershipRoster: MembershipRoster;
  readonly schedule: DueSchedule;
}

export const practiceReadModelsProjection: Projection<PracticeEvent, PracticeReadModels> = {
  name: 'practice-read-models',
  initial: {
    programDirectory: programDirectoryProjection.initial,
    membershipRoster: membershipRosterProjection.initial,
    schedule: dueScheduleProjection.initial,
  },
  apply: (model, event) => {
    const programDirectory = programDirectoryProjection.apply(model.programDirectory, event);
    const membershipRoster = membershipRosterProjection.apply(model.membershipRoster, event);
    const schedule = dueScheduleProjection.apply(model.schedule, event);
    return programDirectory === model.programDirectory && membershipRoster === model.membershipRoster && schedule === model.schedule
      ? model
      : { programDirectory, membershipRoster, schedule };
  },
};

/** A process manager as the runner hosts it: from an event and the read models to commands. */
export interface PracticeFlow {
  readonly name: string;
  readonly react: (event: RecordedEvent<PracticeEvent>, models: PracticeReadModels) => readonly Dispatch<PracticeCommand>[];
}

/** Membership charges, tier changes, overpayments and unpaid charges move the client's wallet. */
export const membershipWalletPracticeFlow: PracticeFlow = {
  name: membershipWalletFlow.name,
  react: (event) =>
    membershipEvents.is(event) && membershipWalletFlow.handles.includes(event.type) ? membershipWalletFlow.react(event) : [],
};

/** A plan revised with `move-at-renewal` moves the members on older versions. */
export const planRevisionPracticeFlow: PracticeFlow = {
  name: 'plan-revision',
  react: (event, models) =>
    membershipPlanEvents.is(event) && event.type === 'MembershipPlanRevised'
      ? planRevisionDispatches(event, membershipsOnPlan(models.membershipRoster, event.data.planId))
      : [],
};

/** Groups given access enroll their members; joining and leaving groups enroll and release; buying a program places the client in its group. */
export const programAccessPracticeFlow = (policy: ProgramAccessPolicy): PracticeFlow => ({
  name: 'program-access',
  react: (event, models) => (programsEvents.is(event) ? programAccessFlow(event, programDirectoryLookup(models.programDirectory), policy) : []),
});

/** Every flow of the practice, in the order they react to one event. */
export const practiceFlows = (policies: { readonly programAccess: ProgramAccessPolicy }): readonly PracticeFlow[] => [
  membershipWalletPracticeFlow,
  planRevisionPracticeFlow,
  programAccessPracticeFlow(policies.programAccess),
];
