/**
 * Loyalty's flows. Into a client's loyalty: membership payments (spend), the periods of a
 * membership's benefits (tenure, and the renewals that apply a tier reached) and its end.
 * Out of it: a referral that qualified credits the referrer's wallet with the free month as
 * promotional credit; a tier that comes with a better membership plan schedules the
 * member's upgrade for the next renewal. Command ids are derived from the causing event.
 */
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import { deriveId } from '../values/ids.js';
import type { MembershipCommand } from '../memberships/commands.js';
import type { MembershipEvent } from '../memberships/events.js';
import type { MembershipBenefitsEvent } from '../membership-benefits/events.js';
import type { LoyaltyCommand } from '../loyalty/commands.js';
import type { LoyaltyEvent } from '../loyalty/events.js';
import { defaultLoyaltyProgram, type LoyaltyProgram } from '../loyalty/program.js';
import type { WalletCommand } from '../wallet/commands.js';
import type { PackageEvent } from '../packages/events.js';

const dispatchOf =
  (eventId: string) =>
  <C>(purpose: string, command: C): Dispatch<C> => ({ command, commandId: deriveId(eventId, purpose), actor: 'system' });

/**
 * Membership payments and benefit periods into the member's loyalty, under `program`.
 * @param program - The practice's loyalty program. @defaultValue `defaultLoyaltyProgram` (the seed's Silver, Gold, Platinum)
 */
export const createMembershipLoyaltyFlow = (program: LoyaltyProgram = defaultLoyaltyProgram): ProcessManager<MembershipEvent | MembershipBenefitsEvent, LoyaltyCommand> => ({
  name: 'membership-loyalty',
  handles: ['MembershipPaymentSucceeded', 'MembershipBenefitsPeriodOpened', 'MembershipBenefitsEnded'],
  react: (event): readonly Dispatch<LoyaltyCommand>[] => {
    const dispatch = dispatchOf(event.eventId);
    switch (event.type) {
      case 'MembershipPaymentSucceeded': {
        const d = event.data;
        if (d.amount.amount <= 0) return [];
        return [dispatch<LoyaltyCommand>('loyalty/payment', { type: 'RecordLoyaltyPurchase', clientId: d.clientId, on: d.paidOn, kind: 'membership', reference: d.chargeId, amount: d.amount, program })];
      }
      case 'MembershipBenefitsPeriodOpened': {
        const d = event.data;
        return [
          dispatch<LoyaltyCommand>('loyalty/period', {
            type: 'RecordLoyaltyMembershipPeriod',
            clientId: d.primaryClientId,
            on: d.period.start,
            membershipId: d.membershipId,
            memberSince: d.memberSince,
            program,
          }),
        ];
      }
      case 'MembershipBenefitsEnded': {
        const d = event.data;
        return [dispatch<LoyaltyCommand>('loyalty/ended', { type: 'RecordLoyaltyMembershipEnded', clientId: d.primaryClientId, on: d.endedOn, membershipId: d.membershipId })];
      }
      default:
        return [];
    }
  },
});

/** The membership–loyalty flow under the default program (the seed's Silver, Gold, Platinum). */
export const membershipLoyaltyFlow = createMembershipLoyaltyFlow();

/** A qualified referral: the referrer's free month, as promotional wallet credit. */
export const loyaltyWalletFlow: ProcessManager<LoyaltyEvent, WalletCommand> = {
  name: 'loyalty-wallet',
  handles: ['ReferralQualified'],
  react: (event): readonly Dispatch<WalletCommand>[] => {
    if (event.type !== 'ReferralQualified') return [];
    const d = event.data;
    return [
      dispatchOf(event.eventId)<WalletCommand>('wallet/referral', {
        type: 'CreditWallet',
        clientId: d.referrerId,
        on: d.on,
        amount: d.reward,
        reason: 'promotional',
        reference: `referral: ${d.clientId}`,
        note: `A free month for referring ${d.clientId} (first purchase ${d.purchase})`,
      }),
    ];
  },
};

/** A tier reached that moves a member to a better plan: the upgrade, at the next renewal. */
export const loyaltyMembershipFlow: ProcessManager<LoyaltyEvent, MembershipCommand> = {
  name: 'loyalty-membership',
  handles: ['LoyaltyTierReached'],
  react: (event): readonly Dispatch<MembershipCommand>[] => {
    if (event.type !== 'LoyaltyTierReached') return [];
    const d = event.data;
    if (d.membershipId === null || d.membershipTerms === null) return [];
    return [
      dispatchOf(event.eventId)<MembershipCommand>('membership/loyalty-upgrade', {
        type: 'ScheduleMembershipUpgrade',
        membershipId: d.membershipId,
        on: d.on,
        terms: d.membershipTerms,
        reason: 'loyalty',
      }),
    ];
  },
};

/**
 * Packages a client buys count toward their loyalty (the seed's tiers are reached by
 * "packages purchased"), under `program`. A package issued from a business's bulk order is
 * the business's purchase, not the employee's, and does not count.
 * @param program - The practice's loyalty program. @defaultValue `defaultLoyaltyProgram`
 */
export const createPackageLoyaltyFlow = (program: LoyaltyProgram = defaultLoyaltyProgram): ProcessManager<PackageEvent, LoyaltyCommand> => ({
  name: 'package-loyalty',
  handles: ['PackageSold'],
  react: (event): readonly Dispatch<LoyaltyCommand>[] => {
    if (event.type !== 'PackageSold' || event.data.bulkOrder !== undefined) return [];
    const d = event.data;
    return [
      dispatchOf(event.eventId)<LoyaltyCommand>('loyalty/package', {
        type: 'RecordLoyaltyPurchase',
        clientId: d.clientId,
        on: d.soldOn,
        kind: 'package',
        reference: d.packageId,
        amount: d.pricePaid,
        program,
      }),
    ];
  },
});
