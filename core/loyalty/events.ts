/**
 * The facts of a client's loyalty (stream `loyalty-<clientId>`): the purchases and
 * membership periods it is measured on, the tiers reached — each with the condition that
 * fired and what it measured — and applied at the next renewal, and referrals: who
 * referred the client, and when the client's first purchase qualified the referrer's bonus.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type RegistryEvent } from '../kernel/codecs.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { PercentC } from '../values/percent.js';
import { MembershipTermsC, NonNegativeIntegerC } from '../memberships/terms.js';
import { LoyaltyConditionC } from './program.js';

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

export const LoyaltyPurchaseKindC = t.keyof({ package: null, membership: null, service: null }, 'LoyaltyPurchaseKind');
export type LoyaltyPurchaseKind = t.TypeOf<typeof LoyaltyPurchaseKindC>;

export const LoyaltyPurchaseRecorded = defineEvent(
  'LoyaltyPurchaseRecorded',
  t.type({
    clientId: t.string,
    on: LocalDateC,
    kind: LoyaltyPurchaseKindC,
    reference: t.string,
    amount: MoneyC,
    spendAfter: MoneyC,
    packagesBought: NonNegativeIntegerC,
  }),
);
export const LoyaltyMembershipPeriodRecorded = defineEvent(
  'LoyaltyMembershipPeriodRecorded',
  t.type({ clientId: t.string, membershipId: t.string, on: LocalDateC, memberSince: LocalDateC, tenureMonths: NonNegativeIntegerC }),
);
export const LoyaltyMembershipEnded = defineEvent('LoyaltyMembershipEnded', t.type({ clientId: t.string, membershipId: t.string, on: LocalDateC }));

/** A tier's condition holds: the rule that fired and what it measured; it applies at the next renewal (or now, for a client who is not a member). */
export const LoyaltyTierReached = defineEvent(
  'LoyaltyTierReached',
  t.type({
    clientId: t.string,
    on: LocalDateC,
    tier: t.string,
    rank: NonNegativeIntegerC,
    discount: PercentC,
    rule: LoyaltyConditionC,
    measured: t.union([t.number, MoneyC]),
    appliesAt: t.keyof({ 'next-renewal': null, now: null }),
    /** The membership whose renewal applies it, when the client is a member. */
    membershipId: nullable(t.string),
    /** The plan the member moves up to at that renewal, if the tier gives one. */
    membershipTerms: nullable(MembershipTermsC),
  }),
);
export const LoyaltyTierApplied = defineEvent(
  'LoyaltyTierApplied',
  t.type({
    clientId: t.string,
    on: LocalDateC,
    tier: t.string,
    rank: NonNegativeIntegerC,
    discount: PercentC,
    perks: t.readonlyArray(t.string),
    membershipId: nullable(t.string),
  }),
);
export const ReferralRecorded = defineEvent('ReferralRecorded', t.type({ clientId: t.string, referrerId: t.string, reward: MoneyC, on: LocalDateC }));
/** The referred client's first purchase was recorded: the referrer earns the reward (a free month). */
export const ReferralQualified = defineEvent(
  'ReferralQualified',
  t.type({ clientId: t.string, referrerId: t.string, reward: MoneyC, purchase: t.string, on: LocalDateC }),
);

export const loyaltyEvents = createEventRegistry([
  LoyaltyPurchaseRecorded,
  LoyaltyMembershipPeriodRecorded,
  LoyaltyMembershipEnded,
  LoyaltyTierReached,
  LoyaltyTierApplied,
  ReferralRecorded,
  ReferralQualified,
]);
export type LoyaltyEvent = RegistryEvent<typeof loyaltyEvents>;

export const loyaltyStream = (clientId: string): string => `loyalty-${clientId}`;
