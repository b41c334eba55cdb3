/**
 * The practice's policies, as a platform configures them once: the facade fills them into
 * every command that needs them, so each event records the policy that applied and
 * replay never needs this configuration. Every field is optional and takes the default
 * documented on it.
 */
import type { CheckInPolicyInput } from '../check-ins/policy.js';
import type { CreditPolicySettings } from '../credits/policy.js';
import type { CheckInEscalationFlowOptions } from '../flows/check-in-escalation.js';
import { defaultMembershipPlanRevisionPolicy, type MembershipPlanRevisionPolicy } from '../membership-plans/commands.js';
import type { TierChangePolicy } from '../memberships/commands.js';
import type { PauseBounds, RenewalTerms } from '../memberships/terms.js';
import type { MembershipRolloverTerms } from '../memberships/benefit-terms.js';
import { defaultLoyaltyProgram, type LoyaltyProgram } from '../loyalty/program.js';
import type { PackageExpiryNoticePolicy, PackageExtensionPolicy, PackageRefundPolicy } from '../packages/commands.js';
import type { ProgramAccessPolicy } from '../programs/flows.js';
import { DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS } from '../rules/package-expiry.js';
import { anniversaryBilling, type BillingAlignment } from '../rules/billing-alignment.js';
import type { DunningPolicy } from '../rules/dunning.js';
import type { Money } from '../values/money.js';

/** How memberships are sold and billed. */
export interface MembershipPolicies {
  /**
   * Renewal and cancellation terms of the plans defined or revised through the facade,
   * where the plan does not set them (each plan may still set its own).
   * @defaultValue `{}`: `defaultMembershipRenewalTerms` — auto-renew, no notice, a
   * cancellation takes effect at the end of the period, benefits end when it does
   */
  readonly renewal?: Partial<RenewalTerms>;
  /** Pause bounds of the plans defined or revised through the facade, where the plan does not set them. @defaultValue `{}`: 1 to 6 months */
  readonly pause?: Partial<PauseBounds>;
  /**
   * The dunning policy of the plans defined or revised through the facade, where the plan
   * does not set it. @defaultValue `{}`: `defaultDunningPolicy` — 3 retries, 3 days apart,
   * then suspend benefits until paid
   */
  readonly dunning?: Partial<DunningPolicy>;
  /**
   * Rollover of the plans defined or revised through the facade, where the plan does not
   * say (a plan may set its own, or `null` for none). @defaultValue `null`: unused credits
   * expire at the period's end
   */
  readonly rollover?: Partial<MembershipRolloverTerms> | null;
  /** How a change of tier applies. @defaultValue `{ downgrade: 'end-of-period', negativeNet: 'wallet' }` */
  readonly tierChange?: TierChangePolicy;
  /** Where new members' billing calendars are anchored. @defaultValue `{ kind: 'anniversary' }` */
  readonly billingAlignment?: BillingAlignment;
  /** The client's wallet credit is applied to their membership charges (the facade reads `wallet-<clientId>`). @defaultValue true */
  readonly applyWalletCredit?: boolean;
}

/** The wallet's bad-debt policy. */
export interface WalletPolicies {
  /** The largest negative balance `forgiveWalletDebt` writes off. @defaultValue 500 minor units of the wallet's currency */
  readonly forgivenessThreshold?: Money;
}

/** What a practice decides about the packages it sells. */
export interface PackagePolicies {
  /** Refunds: `allowAfterExpiry` — a package may still be refunded after its expiry date. @defaultValue `{ allowAfterExpiry: false }` */
  readonly refund?: PackageRefundPolicy;
  /** Extensions: `allowAfterExpiry` — an expired package may be extended, its void units usable again. @defaultValue `{ allowAfterExpiry: false }` */
  readonly extension?: PackageExtensionPolicy;
  /** The expiry notice: `daysBefore` the expiry date it falls due (the schedule sends it). @defaultValue `{ daysBefore: 14 }` */
  readonly expiryNotice?: PackageExpiryNoticePolicy;
  /**
   * A client's loyalty tier discount (the seed's Silver 5%, Gold 10%, Platinum 15%) is taken
   * off the packages they buy, after any other promotion, and recorded on the sale as a
   * promotion named after the tier. A business's bulk order never gets it.
   * @defaultValue true
   */
  readonly loyaltyDiscount?: boolean;
}

/**
 * The check-in schedule and its escalation ladder (the clinic procedure), for the schedules
 * started through the facade; the time zone is the practice's (`timeZone`).
 */
export type CheckInPolicies = Omit<CheckInPolicyInput, 'timeZone'>;

/** What the escalation does when a ladder ends a client's program. */
export type CheckInEscalationPolicy = CheckInEscalationFlowOptions;

/** Everything a practice can configure, each with its default. */
export interface PracticePolicies {
  /**
   * The credit system's settings (a client's own overrides still win).
   * @defaultValue `{}`: `defaultCreditPolicy` — credits on, booking without credits
   * prevented (shared booking links included), a cancellation restores the credit
   */
  readonly credits?: CreditPolicySettings;
  /** The practice's appointment types; a credit command for another type is refused. @defaultValue undefined: any type is accepted */
  readonly appointmentTypes?: readonly string[];
  /** Membership sales and billing. @defaultValue `{}` (see {@link MembershipPolicies}) */
  readonly memberships?: MembershipPolicies;
  /** What a plan revision does to members on older versions. @defaultValue `{ existingMembers: 'grandfathered', noticeDays: 30 }` */
  readonly planRevision?: MembershipPlanRevisionPolicy;
  /** The wallet's bad-debt policy. @defaultValue `{}` (see {@link WalletPolicies}) */
  readonly wallet?: WalletPolicies;
  /**
   * Program access: a maximum access duration for the enrollments the facade and the
   * flows make, and the removal of clients whose package is unpaid.
   * @defaultValue `{}`: access never stops by itself, an unpaid package never removes (grace)
   */
  readonly programAccess?: ProgramAccessPolicy;
  /** Package refunds, extensions and expiry notices. @defaultValue `{}` (see {@link PackagePolicies}) */
  readonly packages?: PackagePolicies;
  /**
   * Check-ins: every `checkInEveryDays`, the ladder's `waits` and `channels`, the email-open
   * lookback, the final notice's `deadline`, the regimen window.
   * @defaultValue `{}`: `defaultCheckInPolicy` — every 14 days; 24 h, 48 h, 48 h, 48 h; in-app,
   * email or phone, text and email, team chat, in-app; 30 days; the end of the week (Sunday); 21 days
   */
  readonly checkIns?: CheckInPolicies;
  /** A ladder that ends a program tells the client (`tellClient`). @defaultValue `{ tellClient: true }` */
  readonly checkInEscalation?: CheckInEscalationPolicy;
  /**
   * The loyalty program: tiers earned by tenure, spend or packages bought, with their
   * discount, perks and the plan a member moves up to. @defaultValue `defaultLoyaltyProgram` (the seed's Silver, Gold, Platinum)
   */
  readonly loyalty?: LoyaltyProgram;
}

/** The policies with every default filled in. */
export interface ResolvedPolicies {
  readonly credits: CreditPolicySettings;
  readonly appointmentTypes: readonly string[] | undefined;
  readonly memberships: {
    readonly renewal: Partial<RenewalTerms>;
    readonly pause: Partial<PauseBounds>;
    readonly dunning: Partial<DunningPolicy>;
    readonly rollover: Partial<MembershipRolloverTerms> | null;
    readonly tierChange: Required<TierChangePolicy>;
    readonly billingAlignment: BillingAlignment;
    readonly applyWalletCredit: boolean;
  };
  readonly planRevision: Required<MembershipPlanRevisionPolicy>;
  readonly wallet: WalletPolicies;
  readonly programAccess: ProgramAccessPolicy;
  readonly packages: {
    readonly refund: Required<PackageRefundPolicy>;
    readonly extension: Required<PackageExtensionPolicy>;
    readonly expiryNotice: Required<PackageExpiryNoticePolicy>;
    readonly loyaltyDiscount: boolean;
  };
  readonly checkIns: CheckInPolicies;
  readonly checkInEscalation: Required<CheckInEscalationPolicy>;
  readonly loyalty: LoyaltyProgram;
}

export const resolvePolicies = (policies: PracticePolicies = {}): ResolvedPolicies => {
  const m = policies.memberships ?? {};
  return {
    credits: policies.credits ?? {},
    appointmentTypes: policies.appointmentTypes,
    memberships: {
      renewal: m.renewal ?? {},
      pause: m.pause ?? {},
      dunning: m.dunning ?? {},
      rollover: m.rollover ?? null,
      tierChange: { downgrade: m.tierChange?.downgrade ?? 'end-of-period', negativeNet: m.tierChange?.negativeNet ?? 'wallet' },
      billingAlignment: m.billingAlignment ?? anniversaryBilling,
      applyWalletCredit: m.applyWalletCredit ?? true,
    },
    planRevision: { ...defaultMembershipPlanRevisionPolicy, ...policies.planRevision },
    wallet: policies.wallet ?? {},
    programAccess: policies.programAccess ?? {},
    packages: {
      refund: { allowAfterExpiry: policies.packages?.refund?.allowAfterExpiry ?? false },
      extension: { allowAfterExpiry: policies.packages?.extension?.allowAfterExpiry ?? false },
      expiryNotice: { daysBefore: policies.packages?.expiryNotice?.daysBefore ?? DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS },
      loyaltyDiscount: policies.packages?.loyaltyDiscount ?? true,
    },
    checkIns: policies.checkIns ?? {},
    checkInEscalation: { tellClient: policies.checkInEscalation?.tellClient ?? true },
    loyalty: policies.loyalty ?? defaultLoyaltyProgram,
  };
};
