/**
 * The facts of one client's enrollment in one program, stream
 * `enrollment-<programId>-<clientId>`. The enrollment records the program's terms and the
 * dates decided from them (each module's release date, the completion date, the end of
 * access), so replaying it needs neither the program nor the practice's policy.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type EventOf } from '../../kernel/codecs.js';
import { LocalDateC } from '../../values/local-date.js';
import {
  ProgramActorRefC,
  EnrollmentSourceC,
  ProgramModuleKindC,
  ProgramNextStepC,
  NonEmptyStringC,
  PositiveIntegerC,
  ProgramTermsC,
} from '../values.js';

const who = { programId: t.string, clientId: t.string };

/** Why a provider removes a client (the seed's reasons), or an approved end after missed check-ins. */
export const ProgramRemovalRequestReasonC = t.union([
  t.type({ kind: t.keyof({ 'finished-program': null, 'different-stage': null, 'no-longer-offered': null, 'not-paying': null }) }),
  t.type({ kind: t.literal('other'), note: t.string }),
  /** Sent by the check-in escalation once a manager approved ending the program. */
  t.intersection([
    t.type({ kind: t.literal('check-in-non-compliance'), approvedBy: NonEmptyStringC, approvedOn: LocalDateC }),
    t.partial({ escalationId: t.string }),
  ]),
]);
export type ProgramRemovalRequestReason = t.TypeOf<typeof ProgramRemovalRequestReasonC>;

/** Why a client lost access: a removal request, or an automatic end the enrollment decided. */
export const ProgramRemovalReasonC = t.union([
  ProgramRemovalRequestReasonC,
  t.type({ kind: t.literal('unpaid-package'), packageId: t.string, unpaidSince: LocalDateC, afterDays: PositiveIntegerC }),
  t.type({ kind: t.keyof({ 'left-group': null, 'group-access-withdrawn': null }), groupId: t.string }),
]);
export type ProgramRemovalReason = t.TypeOf<typeof ProgramRemovalReasonC>;

export const ModuleReleaseC = t.type({ moduleId: t.string, on: LocalDateC });

/** The client was enrolled: the terms they follow and the dates decided from them. */
export const ClientEnrolledInProgram = defineEvent(
  'ClientEnrolledInProgram',
  t.intersection([
    t.type({
      ...who,
      program: ProgramTermsC,
      through: EnrollmentSourceC,
      enrolledOn: LocalDateC,
      /** The member's start date: the enrollment date unless the provider set another. */
      startsOn: LocalDateC,
      releases: t.readonlyArray(ModuleReleaseC),
      /** The day the last module is released. */
      completesOn: LocalDateC,
      by: ProgramActorRefC,
    }),
    t.partial({ maxAccessDays: PositiveIntegerC, accessEndsOn: LocalDateC }),
  ]),
);
/** An enrolled client gained access another way too (a group, a package): the schedule is unchanged. */
export const ProgramAccessAdded = defineEvent(
  'ProgramAccessAdded',
  t.type({ ...who, through: EnrollmentSourceC, on: LocalDateC, by: ProgramActorRefC }),
);
/** One way of access ended while another remains: the client keeps the program. */
export const ProgramAccessSourceEnded = defineEvent(
  'ProgramAccessSourceEnded',
  t.type({ ...who, through: EnrollmentSourceC, on: LocalDateC, reason: ProgramRemovalReasonC }),
);
/** The client no longer has access to previous and upcoming modules. */
export const ClientRemovedFromProgram = defineEvent(
  'ClientRemovedFromProgram',
  t.type({ ...who, on: LocalDateC, reason: ProgramRemovalReasonC, by: ProgramActorRefC }),
);
/** Access stopped by itself at the end of the maximum access duration. */
export const ProgramAccessExpired = defineEvent(
  'ProgramAccessExpired',
  t.type({ ...who, on: LocalDateC, maxAccessDays: PositiveIntegerC }),
);
/** The platform should let the client know, right away, that they no longer have access, and why. */
export const ProgramAccessLossNoticeDue = defineEvent(
  'ProgramAccessLossNoticeDue',
  t.type({
    ...who,
    on: LocalDateC,
    reason: t.union([ProgramRemovalReasonC, t.type({ kind: t.literal('access-duration-reached'), maxAccessDays: PositiveIntegerC })]),
  }),
);
/** The package the access comes through is unpaid; the client keeps access (grace). */
export const ProgramPackageMarkedUnpaid = defineEvent(
  'ProgramPackageMarkedUnpaid',
  t.intersection([
    t.type({ ...who, packageId: t.string, since: LocalDateC }),
    /** Set when the practice removes unpaid clients after a number of days. */
    t.partial({ removeUnpaidAfterDays: PositiveIntegerC, removeOn: LocalDateC }),
  ]),
);
export const ProgramPackagePaid = defineEvent('ProgramPackagePaid', t.type({ ...who, packageId: t.string, on: LocalDateC }));
/** The last module was released. Access continues. */
export const ProgramCompleted = defineEvent('ProgramCompleted', t.type({ ...who, on: LocalDateC }));
/** End of program: recommend the next-step package or program. */
export const ProgramNextStepRecommended = defineEvent(
  'ProgramNextStepRecommended',
  t.type({ ...who, on: LocalDateC, nextStep: ProgramNextStepC }),
);
/** End of an accountability booster: offer the client to renew (the package they came through, if any). */
export const AccountabilityRenewalOffered = defineEvent(
  'AccountabilityRenewalOffered',
  t.intersection([t.type({ ...who, on: LocalDateC }), t.partial({ packageId: t.string })]),
);
/** End of program: the educational handouts and videos go to the client's documents. */
export const ProgramMaterialsCopiedToDocuments = defineEvent(
  'ProgramMaterialsCopiedToDocuments',
  t.type({
    ...who,
    on: LocalDateC,
    materials: t.readonlyArray(t.type({ moduleId: t.string, title: t.string, kind: ProgramModuleKindC })),
  }),
);

export const enrollmentEvents = createEventRegistry([
  ClientEnrolledInProgram,
  ProgramAccessAdded,
  ProgramAccessSourceEnded,
  ClientRemovedFromProgram,
  ProgramAccessExpired,
  ProgramAccessLossNoticeDue,
  ProgramPackageMarkedUnpaid,
  ProgramPackagePaid,
  ProgramCompleted,
  ProgramNextStepRecommended,
  AccountabilityRenewalOffered,
  ProgramMaterialsCopiedToDocuments,
]);
export type EnrollmentEvent =
  | EventOf<typeof ClientEnrolledInProgram>
  | EventOf<typeof ProgramAccessAdded>
  | EventOf<typeof ProgramAccessSourceEnded>
  | EventOf<typeof ClientRemovedFromProgram>
  | EventOf<typeof ProgramAccessExpired>
  | EventOf<typeof ProgramAccessLossNoticeDue>
  | EventOf<typeof ProgramPackageMarkedUnpaid>
  | EventOf<typeof ProgramPackagePaid>
  | EventOf<typeof ProgramCompleted>
  | EventOf<typeof ProgramNextStepRecommended>
  | EventOf<typeof AccountabilityRenewalOffered>
  | EventOf<typeof ProgramMaterialsCopiedToDocuments>;
