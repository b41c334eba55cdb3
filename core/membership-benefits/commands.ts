/**
 * What a membership's benefits are asked. Most commands are sent by the membership–benefits
 * flow, one per membership fact (sign-up, period start, tier change, pause, resume,
 * extension, cancellation, end, charge), carrying that fact's data; the household commands
 * come from the platform, naming who asks (`by`).
 */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../kernel/commands.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { PeriodC } from '../values/period.js';
import { MembershipTermsC, NonNegativeIntegerC, PositiveIntegerC } from '../memberships/terms.js';
import { HouseholdShareC } from './events.js';

const id = { membershipId: t.string, on: LocalDateC };
const NonEmptyC = t.refinement(t.string, (s) => s.trim().length > 0, 'NonEmptyString');

const membershipBenefitsCommandCodecs = {
  /** From `MembershipSignedUp`: whose benefits, and on which terms. */
  OpenMembershipBenefits: t.type({ ...id, primaryClientId: t.string, startsOn: LocalDateC, terms: MembershipTermsC }),
  /** From `MembershipPeriodStarted` (or `MembershipTrialStarted`, period 0): close the last period, grant the new one. */
  StartMembershipBenefitsPeriod: t.type({ ...id, periodNumber: NonNegativeIntegerC, period: PeriodC }),
  /** From `MembershipTierChanged`: the new terms; an immediate change to a tier including more tops up the current period. */
  ChangeMembershipBenefitsTier: t.type({
    ...id,
    terms: MembershipTermsC,
    timing: t.keyof({ immediately: null, 'at-period-start': null, 'before-billing': null }),
  }),
  /** From `MembershipPaused`: freeze the interrupted period's credits (their expiry moves by the pause's days). */
  FreezeMembershipBenefits: t.type({ ...id, resumesOn: LocalDateC, days: PositiveIntegerC, periodEndsOn: LocalDateC }),
  /** From `MembershipResumed`. */
  ThawMembershipBenefits: t.type({ ...id, pausedDays: NonNegativeIntegerC, periodEndsOn: LocalDateC }),
  /** From `MembershipPeriodExtended`: the one-time manual extension moves the period's credits' expiry. */
  ExtendMembershipBenefits: t.type({ ...id, days: PositiveIntegerC, periodEndsOn: LocalDateC }),
  /** From `MembershipCancellationRequested`: benefits that end immediately are voided now. */
  CancelMembershipBenefits: t.type({ ...id, benefitsEndOn: LocalDateC, effectiveOn: LocalDateC }),
  /** From `MembershipEnded`: every live benefit credit is voided on the end date. */
  EndMembershipBenefits: t.type({ ...id, reason: t.keyof({ cancelled: null, 'not-renewed': null, 'non-payment': null }) }),
  /** From `MembershipBenefitsSuspended`: no grants until the unpaid charge is paid. */
  SuspendMembershipBenefitGrants: t.type(id),
  /** From `MembershipBenefitsRestored`: grants resume, the current period's withheld services are granted. */
  RestoreMembershipBenefitGrants: t.type(id),
  /** From `MembershipChargeRequested`: a household billed in shares splits the charge. */
  SplitMembershipCharge: t.type({ ...id, chargeId: t.string, total: MoneyC }),
  /** The primary member adds a dependent (a family member, a colleague). */
  AddHouseholdMember: t.type({ ...id, clientId: NonEmptyC, by: t.string }),
  /** The primary member removes a dependent; their own benefit credits are voided. */
  RemoveHouseholdMember: t.type({ ...id, clientId: NonEmptyC, by: t.string }),
  /** The primary member sets each member's share of the charges (whole-number weights; members left out pay nothing). */
  SetHouseholdBillingShares: t.type({ ...id, shares: t.readonlyArray(HouseholdShareC), by: t.string }),
};

export const membershipBenefitsCommands = commandDecoder(membershipBenefitsCommandCodecs);
export type MembershipBenefitsCommand = CommandOf<typeof membershipBenefitsCommandCodecs>;
export type MembershipBenefitsCommandOf<T extends MembershipBenefitsCommand['type']> = Extract<MembershipBenefitsCommand, { type: T }>;

export const membershipBenefitsCommandStream = (command: MembershipBenefitsCommand): string => `benefits-${command.membershipId}`;
