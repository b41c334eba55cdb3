/**
 * What a platform can ask of a membership. Every command carries the practice-local date
 * it is for (`on`) and the policy that applies; the time-driven steps (start, trial
 * conversion, renewal, payment retry, resume, end) are commands for a date too, and
 * `membershipNextStep` says which one a membership needs next.
 *
 * `walletAvailable` is the client's wallet credit when the command is sent (the facade
 * reads `wallet-<clientId>`): the part of it applied shows on the charge as its own line.
 */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../kernel/commands.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { BillingAlignmentC } from '../rules/billing-alignment.js';
import { MembershipDiscountC } from './events.js';
import { MembershipTermsC, NonNegativeIntegerC, PositiveIntegerC } from './terms.js';

const id = { membershipId: t.string, on: LocalDateC };
/** The client's wallet credit when the command is sent, applied to its charge. @defaultValue none (nothing applied) */
const wallet = t.partial({ walletAvailable: MoneyC });

export const TierChangePolicyC = t.partial({
  downgrade: t.keyof({ 'end-of-period': null, immediately: null }),
  negativeNet: t.keyof({ wallet: null, refund: null }),
});
/** How a change of tier applies. */
export interface TierChangePolicy {
  /** A downgrade takes effect at the period's end, or immediately with the negative net credited. @defaultValue `'end-of-period'` */
  readonly downgrade?: 'end-of-period' | 'immediately';
  /** Where a negative net goes: the client's wallet, or a refund. @defaultValue `'wallet'` */
  readonly negativeNet?: 'wallet' | 'refund';
}

const membershipCommandCodecs = {
  /** Sign up starting today or on a future date (`startsOn`, default `on`). */
  SignUpForMembership: t.intersection([
    t.type({ ...id, clientId: t.string, terms: MembershipTermsC }),
    t.partial({
      /** The first day of the membership (today or later). @defaultValue `on` */
      startsOn: LocalDateC,
      /** Anniversary billing, or every member on a fixed day of the month. @defaultValue `{ kind: 'anniversary' }` */
      billingAlignment: BillingAlignmentC,
      /** A percent off the price for the first periods. @defaultValue none */
      discount: MembershipDiscountC,
      /** The client's wallet credit, applied to the first charge. @defaultValue none (nothing applied) */
      walletAvailable: MoneyC,
    }),
  ]),
  StartMembership: t.intersection([t.type(id), wallet]),
  ConvertMembershipTrial: t.intersection([t.type(id), wallet]),
  RenewMembership: t.intersection([t.type(id), wallet]),
  RetryMembershipPayment: t.type({ ...id, chargeId: t.string }),
  EndMembership: t.type(id),
  RecordMembershipPaymentSucceeded: t.intersection([
    t.type({ ...id, chargeId: t.string }),
    /** What the member paid; above the charge, the rest is an overpayment credited to the wallet. @defaultValue the charge's total */
    t.partial({ amountPaid: MoneyC }),
  ]),
  RecordMembershipPaymentFailed: t.intersection([t.type({ ...id, chargeId: t.string }), t.partial({ reason: t.string })]),
  PauseMembership: t.type({ ...id, months: PositiveIntegerC }),
  ResumeMembership: t.type(id),
  ExtendMembershipPeriod: t.type({ ...id, days: PositiveIntegerC }),
  ChangeMembershipTier: t.intersection([t.type({ ...id, terms: MembershipTermsC }), t.partial({ policy: TierChangePolicyC, walletAvailable: MoneyC })]),
  /** Move a member to a newer version of their plan at the first renewal after the notice. */
  MoveMembershipToPlanVersion: t.type({ ...id, terms: MembershipTermsC, noticeDays: NonNegativeIntegerC }),
  CancelMembership: t.intersection([t.type(id), t.partial({ reason: t.string })]),
  /**
   * Move a member up to a better tier at their next renewal because a loyalty rule fired
   * (sent by the loyalty–membership flow; the loyalty event records the rule).
   */
  ScheduleMembershipUpgrade: t.type({ ...id, terms: MembershipTermsC, reason: t.literal('loyalty') }),
};

export const membershipCommands = commandDecoder(membershipCommandCodecs);
export type MembershipCommand = CommandOf<typeof membershipCommandCodecs>;
export type MembershipCommandOf<T extends MembershipCommand['type']> = Extract<MembershipCommand, { type: T }>;

/** The commands a date triggers. */
export type MembershipScheduledCommandType =
  | 'StartMembership'
  | 'ConvertMembershipTrial'
  | 'RenewMembership'
  | 'RetryMembershipPayment'
  | 'ResumeMembership'
  | 'EndMembership';

/** The stream of a membership. */
export const membershipStream = (membershipId: string): string => `membership-${membershipId}`;
export const membershipCommandStream = (command: MembershipCommand): string => membershipStream(command.membershipId);
