/**
 * The process managers the facade runs, and the read models they (and the schedule)
 * need, kept as one projection: the program directory (programs, groups and their
 * members), the membership roster (who is on which plan version) and the schedule of
 * what falls due. Each flow is a pure function of a recorded event and the read models
 * as of that event; the commands it causes carry ids derived from the event.
 */
import type { EventRegistry } from '../kernel/codecs.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import type { PracticeEvent } from '../events.js';
import { membershipWalletFlow } from '../flows/membership-wallet.js';
import { planRevisionDispatches } from '../flows/plan-revision.js';
import { bulkPackageIssuedFlow } from '../flows/bulk-package-issued.js';
import { packageCreditsFlow } from '../flows/package-credits.js';
import { creditPackageUseFlow } from '../flows/package-credit-use.js';
import { creditsEvents } from '../credits/events.js';
import { packageEnrollmentFlow } from '../flows/package-enrollment.js';
import { packageWalletFlow } from '../flows/package-wallet.js';
import { bulkOrderEvents, packageEvents } from '../packages/index.js';
import { checkInEscalationFlow, type CheckInEscalationFlowOptions } from '../flows/check-in-escalation.js';
import { checkInEvents } from '../check-ins/index.js';
import { combineRegistries } from '../kernel/codecs.js';
import { membershipBenefitsFlow } from '../flows/membership-benefits.js';
import { benefitsCreditsFlow } from '../flows/benefits-credits.js';
import { createMembershipLoyaltyFlow, createPackageLoyaltyFlow, loyaltyMembershipFlow, loyaltyWalletFlow } from '../flows/loyalty.js';
import { membershipBenefitsEvents } from '../membership-benefits/index.js';
import { loyaltyEvents, type LoyaltyProgram } from '../loyalty/index.js';
import { membershipEvents } from '../memberships/events.js';
import { membershipPlanEvents } from '../membership-plans/events.js';
import { programAccessFlow, programsEvents, type ProgramAccessPolicy } from '../programs/index.js';
import { programDirectoryLookup, programDirectoryProjection, type ProgramDirectoryModel } from '../../projections/program-directory.js';
import { membershipRosterProjection, membershipsOnPlan, type MembershipRoster } from '../../projections/memberships.js';
import { createDueScheduleProjection, type DueSchedule, type DueScheduleOptions } from '../../projections/due-schedule.js';
import type { Projection } from '../../projections/projection.js';
import type { PracticeCommand } from './aggregates.js';

/** The read models the flows and the schedule read, as of the last event the runner folded. */
export interface PracticeReadModels {
  readonly programDirectory: ProgramDirectoryModel;
  readonly membershipRoster: MembershipRoster;
  readonly schedule: DueSchedule;
}

/** The read models as one fold; the schedule's options are the practice's (package notice days). */
export const createPracticeReadModelsProjection = (options: DueScheduleOptions = {}): Projection<PracticeEvent, PracticeReadModels> => {
  const scheduleProjection = createDueScheduleProjection(options);
  return {
    name: 'practice-read-models',
    initial: {
      programDirectory: programDirectoryProjection.initial,
      membershipRoster: membershipRosterProjection.initial,
      schedule: scheduleProjection.initial,
    },
    apply: (model, event) => {
      const programDirectory = programDirectoryProjection.apply(model.programDirectory, event);
      const membershipRoster = membershipRosterProjection.apply(model.membershipRoster, event);
      const schedule = scheduleProjection.apply(model.schedule, event);
      return programDirectory === model.programDirectory && membershipRoster === model.membershipRoster && schedule === model.schedule
        ? model
        : { programDirectory, membershipRoster, schedule };
    },
  };
};

/** A process manager as the runner hosts it: from an event and the read models to commands. */
export interface PracticeFlow {
  readonly name: string;
  readonly react: (event: RecordedEvent<PracticeEvent>, models: PracticeReadModels) => readonly Dispatch<PracticeCommand>[];
}

/** A process manager of the core, hosted: it reacts to the events of its registry that it handles. */
export const hostedFlow = <E extends PracticeEvent, C extends PracticeCommand>(
  registry: EventRegistry<E>,
  manager: ProcessManager<E, C> | ((models: PracticeReadModels) => ProcessManager<E, C>),
  name: string = typeof manager === 'function' ? 'flow' : manager.name,
): PracticeFlow => ({
  name,
  react: (event, models) => {
    if (!registry.is(event)) return [];
    const pm = typeof manager === 'function' ? manager(models) : manager;
    return pm.handles.includes(event.type) ? pm.react(event) : [];
  },
});

/** Membership charges, tier changes, overpayments and unpaid charges move the client's wallet. */
export const membershipWalletPracticeFlow: PracticeFlow = hostedFlow(membershipEvents, membershipWalletFlow);

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

/** A package sold, expired, refunded, extended or transferred moves its credits in the owner's ledger. */
export const packageCreditsPracticeFlow: PracticeFlow = hostedFlow(packageEvents, packageCreditsFlow);
/** A session booked, repaid or cancelled in a ledger from a package's lot is mirrored onto the package. */
export const creditPackageUsePracticeFlow: PracticeFlow = hostedFlow(creditsEvents, creditPackageUseFlow);
/** A package refunded to the wallet credits it. */
export const packageWalletPracticeFlow: PracticeFlow = hostedFlow(packageEvents, packageWalletFlow);
/** A bulk code redeemed issues its package. */
export const bulkPackageIssuedPracticeFlow: PracticeFlow = hostedFlow(bulkOrderEvents, bulkPackageIssuedFlow);
/** A package that includes a program enrolls its buyer (and the recipient of a transfer). */
export const packageEnrollmentPracticeFlow = (policy: ProgramAccessPolicy): PracticeFlow =>
  hostedFlow(packageEvents, (models) => packageEnrollmentFlow(programDirectoryLookup(models.programDirectory), policy), 'package-enrollment');

/** A ladder that ended (after a manager's approval) ends the client's program and cancels the coaching membership. */
export const checkInEscalationPracticeFlow = (options: CheckInEscalationFlowOptions): PracticeFlow => hostedFlow(checkInEvents, checkInEscalationFlow(options));

/** A membership's facts open, freeze, extend, close and void its benefits (`benefits-<membershipId>`). */
export const membershipBenefitsPracticeFlow: PracticeFlow = hostedFlow(membershipEvents, membershipBenefitsFlow);
/** The benefits' grants, rollovers, pushes and voids are recorded in the credits ledgers. */
export const benefitsCreditsPracticeFlow: PracticeFlow = hostedFlow(membershipBenefitsEvents, benefitsCreditsFlow);
/** Membership payments and benefit periods count toward the member's loyalty, under the practice's program. */
export const membershipLoyaltyPracticeFlow = (program: LoyaltyProgram): PracticeFlow =>
  hostedFlow(combineRegistries(membershipEvents, membershipBenefitsEvents), createMembershipLoyaltyFlow(program));
/** Packages a client buys count toward their loyalty tier, under the practice's program. */
export const packageLoyaltyPracticeFlow = (program: LoyaltyProgram): PracticeFlow => hostedFlow(packageEvents, createPackageLoyaltyFlow(program));
/** A qualified referral credits the referrer's wallet (a free month). */
export const loyaltyWalletPracticeFlow: PracticeFlow = hostedFlow(loyaltyEvents, loyaltyWalletFlow);
/** A loyalty tier that comes with a better plan schedules the member's upgrade at the next renewal. */
export const loyaltyMembershipPracticeFlow: PracticeFlow = hostedFlow(loyaltyEvents, loyaltyMembershipFlow);

/** Every flow of the practice, in the order they react to one event. */
export const practiceFlows = (policies: {
  readonly programAccess: ProgramAccessPolicy;
  readonly checkInEscalation: CheckInEscalationFlowOptions;
  readonly loyalty: LoyaltyProgram;
}): readonly PracticeFlow[] => [
  membershipWalletPracticeFlow,
  membershipBenefitsPracticeFlow,
  benefitsCreditsPracticeFlow,
  membershipLoyaltyPracticeFlow(policies.loyalty),
  loyaltyWalletPracticeFlow,
  loyaltyMembershipPracticeFlow,
  planRevisionPracticeFlow,
  programAccessPracticeFlow(policies.programAccess),
  bulkPackageIssuedPracticeFlow,
  packageCreditsPracticeFlow,
  creditPackageUsePracticeFlow,
  packageLoyaltyPracticeFlow(policies.loyalty),
  packageWalletPracticeFlow,
  packageEnrollmentPracticeFlow(policies.programAccess),
  checkInEscalationPracticeFlow(policies.checkInEscalation),
];
