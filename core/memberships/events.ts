/**
 * The facts of a membership (stream `membership-<membershipId>`). Each records the dates
 * and amounts decided and the policy that applied, so replay needs no configuration.
 * Every charge request carries its line items, which sum to its total.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type RegistryEvent } from '../kernel/codecs.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { PercentC } from '../values/percent.js';
import { PeriodC } from '../values/period.js';
import { BillingAlignmentC } from '../rules/billing-alignment.js';
import { AfterLastFailureC } from '../rules/dunning.js';
import { CancellationTimingC } from '../rules/cancellation.js';
import { TierChangeDirectionC } from '../rules/tier-change.js';
import { BenefitsEndC, MembershipTermsC, NonNegativeIntegerC, PauseBoundsC, PositiveIntegerC, TierRefC } from './terms.js';

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

export const MembershipDiscountC = t.type({ percent: PercentC, periods: nullable(PositiveIntegerC) }, 'MembershipDiscount');
/** A percent off the membership price for its first `periods` billing periods (`null`: every period). */
export type MembershipDiscount = t.TypeOf<typeof MembershipDiscountC>;

const ChargeLineKindC = t.keyof({
  'base-price': null,
  'trial-price': null,
  discount: null,
  'proration-debit': null,
  'proration-credit': null,
  'wallet-credit': null,
});
export const MembershipChargeLineC = t.type(
  {
    kind: ChargeLineKindC,
    description: t.string,
    amount: MoneyC,
    /** The days the line is for, when it is for days. */
    span: nullable(PeriodC),
    /** The plan whose price the line is a share of. */
    planId: nullable(t.string),
  },
  'ChargeLine',
);
/** One line of a charge, a refund or a tier change, as a member would read it. */
export type MembershipChargeLine = t.TypeOf<typeof MembershipChargeLineC>;

const ChargeReasonC = t.keyof({ trial: null, period: null, 'tier-change': null });
const EndReasonC = t.keyof({ cancelled: null, 'not-renewed': null, 'non-payment': null });
const TierChangeTimingC = t.keyof({ immediately: null, 'at-period-start': null, 'before-billing': null });
const NetSettlementC = t.keyof({ charged: null, wallet: null, refund: null, none: null });
const ScheduledChangeReasonC = t.keyof({ downgrade: null, 'frequency-change': null, 'plan-revision': null, loyalty: null });

export const MembershipSignedUp = defineEvent(
  'MembershipSignedUp',
  t.type({
    membershipId: t.string,
    clientId: t.string,
    signedUpOn: LocalDateC,
    startsOn: LocalDateC,
    terms: MembershipTermsC,
    alignment: BillingAlignmentC,
    discount: nullable(MembershipDiscountC),
  }),
);
export const MembershipTrialStarted = defineEvent(
  'MembershipTrialStarted',
  t.type({ membershipId: t.string, startedOn: LocalDateC, endsOn: LocalDateC, days: PositiveIntegerC, price: MoneyC }),
);
export const MembershipTrialConverted = defineEvent('MembershipTrialConverted', t.type({ membershipId: t.string, convertedOn: LocalDateC }));
export const MembershipPeriodStarted = defineEvent(
  'MembershipPeriodStarted',
  t.type({
    membershipId: t.string,
    periodNumber: PositiveIntegerC,
    /** The days this period covers. */
    period: PeriodC,
    /** The full-length period its price is spread over (longer than `period` for a prorated one). */
    pricingPeriod: PeriodC,
    /** The anchor of the billing calendar the next periods follow. */
    anchor: LocalDateC,
    tier: TierRefC,
    discountPercent: nullable(PercentC),
  }),
);
export const MembershipChargeRequested = defineEvent(
  'MembershipChargeRequested',
  t.type({
    membershipId: t.string,
    clientId: t.string,
    chargeId: t.string,
    requestedOn: LocalDateC,
    reason: ChargeReasonC,
    lines: t.readonlyArray(MembershipChargeLineC),
    total: MoneyC,
  }),
);
export const MembershipPaymentSucceeded = defineEvent(
  'MembershipPaymentSucceeded',
  t.type({ membershipId: t.string, clientId: t.string, chargeId: t.string, paidOn: LocalDateC, amount: MoneyC, amountPaid: MoneyC, overpayment: MoneyC }),
);
export const MembershipPaymentFailed = defineEvent(
  'MembershipPaymentFailed',
  t.type({ membershipId: t.string, chargeId: t.string, failedOn: LocalDateC, failures: PositiveIntegerC, reason: nullable(t.string) }),
);
export const MembershipWentPastDue = defineEvent('MembershipWentPastDue', t.type({ membershipId: t.string, since: LocalDateC, chargeId: t.string }));
export const MembershipPaymentRetryScheduled = defineEvent(
  'MembershipPaymentRetryScheduled',
  t.type({ membershipId: t.string, chargeId: t.string, retryOn: LocalDateC, retryNumber: PositiveIntegerC, retries: NonNegativeIntegerC, intervalDays: PositiveIntegerC }),
);
export const MembershipPaymentMethodUpdateRequested = defineEvent(
  'MembershipPaymentMethodUpdateRequested',
  t.type({ membershipId: t.string, clientId: t.string, chargeId: t.string, requestedOn: LocalDateC }),
);
export const MembershipPaymentRetryRequested = defineEvent(
  'MembershipPaymentRetryRequested',
  t.type({ membershipId: t.string, chargeId: t.string, retryOn: LocalDateC, retryNumber: PositiveIntegerC, amount: MoneyC }),
);
export const MembershipPaymentRetriesExhausted = defineEvent(
  'MembershipPaymentRetriesExhausted',
  t.type({ membershipId: t.string, chargeId: t.string, on: LocalDateC, failures: PositiveIntegerC, action: AfterLastFailureC }),
);
export const MembershipBenefitsSuspended = defineEvent('MembershipBenefitsSuspended', t.type({ membershipId: t.string, suspendedOn: LocalDateC, chargeId: t.string }));
export const MembershipBenefitsRestored = defineEvent('MembershipBenefitsRestored', t.type({ membershipId: t.string, restoredOn: LocalDateC }));
export const MembershipChargeUnpaid = defineEvent(
  'MembershipChargeUnpaid',
  t.type({ membershipId: t.string, clientId: t.string, chargeId: t.string, on: LocalDateC, amount: MoneyC }),
);
export const MembershipPaused = defineEvent(
  'MembershipPaused',
  t.type({
    membershipId: t.string,
    pausedOn: LocalDateC,
    resumesOn: LocalDateC,
    months: PositiveIntegerC,
    pausedDays: PositiveIntegerC,
    /** The interrupted period's end, extended by the pause's days. */
    periodEndsOn: LocalDateC,
    bounds: PauseBoundsC,
  }),
);
export const MembershipResumed = defineEvent(
  'MembershipResumed',
  t.type({ membershipId: t.string, resumedOn: LocalDateC, early: t.boolean, pausedDays: NonNegativeIntegerC, periodEndsOn: LocalDateC }),
);
export const MembershipPeriodExtended = defineEvent(
  'MembershipPeriodExtended',
  t.type({ membershipId: t.string, extendedOn: LocalDateC, days: PositiveIntegerC, periodEndsOn: LocalDateC }),
);
export const MembershipTierChanged = defineEvent(
  'MembershipTierChanged',
  t.type({
    membershipId: t.string,
    clientId: t.string,
    changedOn: LocalDateC,
    from: TierRefC,
    to: MembershipTermsC,
    direction: TierChangeDirectionC,
    timing: TierChangeTimingC,
    /** The proration lines (credit of the old tier, debit of the new one); empty when nothing is prorated. */
    lines: t.readonlyArray(MembershipChargeLineC),
    net: MoneyC,
    settlement: NetSettlementC,
  }),
);
export const MembershipTierChangeScheduled = defineEvent(
  'MembershipTierChangeScheduled',
  t.type({
    membershipId: t.string,
    requestedOn: LocalDateC,
    from: TierRefC,
    to: MembershipTermsC,
    direction: TierChangeDirectionC,
    reason: ScheduledChangeReasonC,
    /** The change applies at the first renewal on or after this date. */
    notBefore: LocalDateC,
  }),
);
export const MembershipRefundRequested = defineEvent(
  'MembershipRefundRequested',
  t.type({ membershipId: t.string, clientId: t.string, refundId: t.string, requestedOn: LocalDateC, lines: t.readonlyArray(MembershipChargeLineC), amount: MoneyC }),
);
export const MembershipCancellationRequested = defineEvent(
  'MembershipCancellationRequested',
  t.type({
    membershipId: t.string,
    requestedOn: LocalDateC,
    noticeDays: NonNegativeIntegerC,
    takesEffect: CancellationTimingC,
    benefitsEnd: BenefitsEndC,
    effectiveOn: LocalDateC,
    benefitsEndOn: LocalDateC,
    reason: nullable(t.string),
  }),
);
export const MembershipEnded = defineEvent('MembershipEnded', t.type({ membershipId: t.string, endedOn: LocalDateC, reason: EndReasonC }));

export const membershipEvents = createEventRegistry([
  MembershipSignedUp,
  MembershipTrialStarted,
  MembershipTrialConverted,
  MembershipPeriodStarted,
  MembershipChargeRequested,
  MembershipPaymentSucceeded,
  MembershipPaymentFailed,
  MembershipWentPastDue,
  MembershipPaymentRetryScheduled,
  MembershipPaymentMethodUpdateRequested,
  MembershipPaymentRetryRequested,
  MembershipPaymentRetriesExhausted,
  MembershipBenefitsSuspended,
  MembershipBenefitsRestored,
  MembershipChargeUnpaid,
  MembershipPaused,
  MembershipResumed,
  MembershipPeriodExtended,
  MembershipTierChanged,
  MembershipTierChangeScheduled,
  MembershipRefundRequested,
  MembershipCancellationRequested,
  MembershipEnded,
]);
export type MembershipEvent = RegistryEvent<typeof membershipEvents>;

/** The event of a given type. */
export type MembershipEventOf<T extends MembershipEvent['type']> = Extract<MembershipEvent, { type: T }>;
