/**
 * The facts of a membership's benefits (stream `benefits-<membershipId>`): who the
 * membership's benefits go to (the member, or a household's members, or its shared pool),
 * what each period grants and until when, what happens to the unused credits at the
 * period's end, what a pause or an extension pushed, what was voided and why, and how a
 * household's charges are split. Each fact records the terms that applied, so replay
 * needs no plan catalogue; the benefits–credits flow turns them into credits commands.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type RegistryEvent } from '../kernel/codecs.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { PeriodC } from '../values/period.js';
import { IncludedServiceC, NonNegativeIntegerC, PositiveIntegerC, TierRefC } from '../memberships/terms.js';
import { MembershipHouseholdTermsC, MembershipRolloverTermsC } from '../memberships/benefit-terms.js';

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/** What a plan's benefits are: the services each period includes, the rollover, the household. */
export const MembershipBenefitTermsSnapshotC = t.type(
  {
    tier: TierRefC,
    services: t.readonlyArray(IncludedServiceC),
    rollover: nullable(MembershipRolloverTermsC),
    household: nullable(MembershipHouseholdTermsC),
  },
  'MembershipBenefitTerms',
);
export type MembershipBenefitTerms = t.TypeOf<typeof MembershipBenefitTermsSnapshotC>;

/** Credits of one service for one ledger (a member, or a household's pool). */
export const BenefitGrantC = t.type({ clientId: t.string, serviceId: t.string, quantity: PositiveIntegerC }, 'BenefitGrant');
export type BenefitGrant = t.TypeOf<typeof BenefitGrantC>;

/** The credits a reference granted in one ledger. */
export const BenefitHoldingC = t.type({ clientId: t.string, reference: t.string }, 'BenefitHolding');
export type BenefitHolding = t.TypeOf<typeof BenefitHoldingC>;

export const MembershipBenefitsOpened = defineEvent(
  'MembershipBenefitsOpened',
  t.type({ membershipId: t.string, primaryClientId: t.string, startsOn: LocalDateC, openedOn: LocalDateC, terms: MembershipBenefitTermsSnapshotC }),
);

/** The membership moved to another tier: its benefit terms from now on (`timing` as the membership recorded it). */
export const MembershipBenefitsTierChanged = defineEvent(
  'MembershipBenefitsTierChanged',
  t.type({
    membershipId: t.string,
    changedOn: LocalDateC,
    from: TierRefC,
    terms: MembershipBenefitTermsSnapshotC,
    timing: t.keyof({ immediately: null, 'at-period-start': null, 'before-billing': null }),
  }),
);

/** A period (a trial is period 0) began; `grants` are its included services, expiring at its end. */
export const MembershipBenefitsPeriodOpened = defineEvent(
  'MembershipBenefitsPeriodOpened',
  t.type({
    membershipId: t.string,
    primaryClientId: t.string,
    /** The membership's start date (tenure counts from it). */
    memberSince: LocalDateC,
    periodNumber: NonNegativeIntegerC,
    reference: t.string,
    period: PeriodC,
    expiresOn: LocalDateC,
    tier: TierRefC,
    grants: t.readonlyArray(BenefitGrantC),
    /** Why nothing is granted when `grants` is empty and services are included: benefits ended, or are suspended. */
    withheld: nullable(t.string),
  }),
);

/** Credits granted within a period: an immediate change to a tier including more, a member who joined, or benefits restored once the unpaid charge was paid. */
export const MembershipBenefitsGranted = defineEvent(
  'MembershipBenefitsGranted',
  t.type({
    membershipId: t.string,
    periodNumber: NonNegativeIntegerC,
    reference: t.string,
    grantedOn: LocalDateC,
    expiresOn: LocalDateC,
    reason: t.keyof({ 'tier-change': null, 'member-joined': null, restored: null }),
    grants: t.readonlyArray(BenefitGrantC),
  }),
);

/**
 * A period ended: in each ledger that holds its credits, `min(cap, floor(unused × percent / 100))`
 * of each service's unused credits roll over, expiring on `rolledExpireOn`; the rest expire.
 * `rollover` is `null` when the plan rolls nothing over.
 */
export const MembershipBenefitsPeriodClosed = defineEvent(
  'MembershipBenefitsPeriodClosed',
  t.type({
    membershipId: t.string,
    periodNumber: NonNegativeIntegerC,
    reference: t.string,
    closedOn: LocalDateC,
    holders: t.readonlyArray(t.string),
    rollover: nullable(MembershipRolloverTermsC),
    rolledExpireOn: nullable(LocalDateC),
  }),
);

/** A pause froze the credits granted for the interrupted period: their expiry moved later by the pause's days. */
export const MembershipBenefitsFrozen = defineEvent(
  'MembershipBenefitsFrozen',
  t.type({
    membershipId: t.string,
    pausedOn: LocalDateC,
    resumesOn: LocalDateC,
    days: PositiveIntegerC,
    periodEndsOn: LocalDateC,
    pushed: t.readonlyArray(BenefitHoldingC),
  }),
);

export const MembershipBenefitsThawed = defineEvent(
  'MembershipBenefitsThawed',
  t.type({ membershipId: t.string, resumedOn: LocalDateC, pausedDays: NonNegativeIntegerC, periodEndsOn: LocalDateC }),
);

/** The one-time manual extension of a period moved its credits' expiry by the same days. */
export const MembershipBenefitsExtended = defineEvent(
  'MembershipBenefitsExtended',
  t.type({ membershipId: t.string, extendedOn: LocalDateC, days: PositiveIntegerC, periodEndsOn: LocalDateC, pushed: t.readonlyArray(BenefitHoldingC) }),
);

export const BenefitsVoidReasonC = t.keyof({ 'cancelled-immediately': null, 'membership-ended': null, 'member-removed': null }, 'BenefitsVoidReason');

/** Live benefit credits were voided: on a cancellation (immediately, per the plan), at the end, or for a removed member. */
export const MembershipBenefitsVoided = defineEvent(
  'MembershipBenefitsVoided',
  t.type({ membershipId: t.string, voidedOn: LocalDateC, reason: BenefitsVoidReasonC, voided: t.readonlyArray(BenefitHoldingC) }),
);

/** After the last failed retry (policy: suspend), periods grant nothing until the charge is paid. */
export const MembershipBenefitGrantsSuspended = defineEvent('MembershipBenefitGrantsSuspended', t.type({ membershipId: t.string, suspendedOn: LocalDateC }));
/** The unpaid charge was paid: grants resume, and the current period's withheld services are granted. */
export const MembershipBenefitGrantsRestored = defineEvent('MembershipBenefitGrantsRestored', t.type({ membershipId: t.string, restoredOn: LocalDateC }));

export const MembershipBenefitsEnded = defineEvent(
  'MembershipBenefitsEnded',
  t.type({ membershipId: t.string, primaryClientId: t.string, endedOn: LocalDateC, reason: t.keyof({ cancelled: null, 'not-renewed': null, 'non-payment': null }) }),
);

export const HouseholdMemberAdded = defineEvent(
  'HouseholdMemberAdded',
  t.type({ membershipId: t.string, clientId: t.string, addedBy: t.string, addedOn: LocalDateC }),
);
export const HouseholdMemberRemoved = defineEvent(
  'HouseholdMemberRemoved',
  t.type({ membershipId: t.string, clientId: t.string, removedBy: t.string, removedOn: LocalDateC }),
);

export const HouseholdShareC = t.type({ clientId: t.string, weight: NonNegativeIntegerC }, 'HouseholdShare');
export type HouseholdShare = t.TypeOf<typeof HouseholdShareC>;

export const HouseholdBillingSharesSet = defineEvent(
  'HouseholdBillingSharesSet',
  t.type({ membershipId: t.string, shares: t.readonlyArray(HouseholdShareC), setBy: t.string, setOn: LocalDateC }),
);

/** A charge of a household billed in shares: the amounts (by `allocate`) sum to the charge. */
export const HouseholdChargeSplit = defineEvent(
  'HouseholdChargeSplit',
  t.type({
    membershipId: t.string,
    chargeId: t.string,
    requestedOn: LocalDateC,
    total: MoneyC,
    shares: t.readonlyArray(t.type({ clientId: t.string, weight: NonNegativeIntegerC, amount: MoneyC })),
  }),
);

export const membershipBenefitsEvents = createEventRegistry([
  MembershipBenefitsOpened,
  MembershipBenefitsTierChanged,
  MembershipBenefitsPeriodOpened,
  MembershipBenefitsGranted,
  MembershipBenefitsPeriodClosed,
  MembershipBenefitsFrozen,
  MembershipBenefitsThawed,
  MembershipBenefitsExtended,
  MembershipBenefitsVoided,
  MembershipBenefitGrantsSuspended,
  MembershipBenefitGrantsRestored,
  MembershipBenefitsEnded,
  HouseholdMemberAdded,
  HouseholdMemberRemoved,
  HouseholdBillingSharesSet,
  HouseholdChargeSplit,
]);
export type MembershipBenefitsEvent = RegistryEvent<typeof membershipBenefitsEvents>;
export type MembershipBenefitsEventOf<T extends MembershipBenefitsEvent['type']> = Extract<MembershipBenefitsEvent, { type: T }>;

/** The stream of a membership's benefits. */
export const membershipBenefitsStream = (membershipId: string): string => `benefits-${membershipId}`;

/** The credits reference of a membership's period: `m1/period-3`, `m1/trial` for period 0. */
export const membershipBenefitsReference = (membershipId: string, periodNumber: number): string =>
  periodNumber === 0 ? `${membershipId}/trial` : `${membershipId}/period-${periodNumber}`;

/** The client id of a household's shared pool of credits (ledger `credits-pool-<membershipId>`). */
export const householdPoolClientId = (membershipId: string): string => `pool-${membershipId}`;
