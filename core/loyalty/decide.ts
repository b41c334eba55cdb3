/**
 * The rules of a client's loyalty. After each purchase and at each membership renewal the
 * program's conditions are measured; a higher tier than any reached is recorded with the
 * condition that fired and applies at the member's next renewal (at once for a client who
 * is not a member; a renewal applies what it finds reached). A referral counts when the
 * referred client's first purchase is recorded.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { LocalDate } from '../values/local-date.js';
import { add, formatMoney, money } from '../values/money.js';
import { earnedLoyaltyTier, membershipTenureMonths, type LoyaltyStanding } from '../rules/loyalty-tiers.js';
import type { LoyaltyCommand, LoyaltyCommandOf as Cmd } from './commands.js';
import type { LoyaltyEvent } from './events.js';
import { defaultLoyaltyProgram, type LoyaltyProgram } from './program.js';
import { evolveLoyalty, type LoyaltyState } from './state.js';

type Decision = Either<DomainError, readonly LoyaltyEvent[]>;

/** The tier events after `events` (folded onto `before`), measured on `on`. */
const tiers = (before: LoyaltyState, events: readonly LoyaltyEvent[], clientId: string, program: LoyaltyProgram, on: LocalDate, atRenewal: boolean): LoyaltyEvent[] => {
  const s = events.reduce(evolveLoyalty, before);
  const standing: LoyaltyStanding = {
    tenureMonths: s.memberSince === null ? 0 : membershipTenureMonths(s.memberSince, on),
    spend: s.spend,
    packagesBought: s.packagesBought,
  };
  const out: LoyaltyEvent[] = [];
  const earned = earnedLoyaltyTier(program.tiers, standing);
  let reached = s.reached;
  const member = s.membershipId !== null;
  if (earned !== undefined && earned.index > (reached?.rank ?? -1)) {
    const { tier } = earned;
    out.push({
      type: 'LoyaltyTierReached',
      data: {
        clientId,
        on,
        tier: tier.name,
        rank: earned.index,
        discount: tier.discount,
        rule: earned.condition,
        measured: earned.measured,
        appliesAt: member ? 'next-renewal' : 'now',
        membershipId: s.membershipId,
        membershipTerms: member ? (tier.membershipTerms ?? null) : null,
      },
    });
    reached = { name: tier.name, rank: earned.index, discount: tier.discount, on };
  }
  if (reached !== null && reached.rank > (s.tier?.rank ?? -1) && (!member || atRenewal)) {
    out.push({
      type: 'LoyaltyTierApplied',
      data: { clientId, on, tier: reached.name, rank: reached.rank, discount: reached.discount, perks: program.tiers[reached.rank]?.perks ?? [], membershipId: s.membershipId },
    });
  }
  return out;
};

const purchase = (c: Cmd<'RecordLoyaltyPurchase'>, state: LoyaltyState): Decision => {
  if (c.amount.amount <= 0) return left(domainError('INVALID_AMOUNT', `A purchase is a positive amount; got ${formatMoney(c.amount)}.`, { field: 'amount' }));
  if (state.spend !== null && state.spend.currency !== c.amount.currency) {
    return left(
      domainError('CURRENCY_MISMATCH', `Client ${c.clientId} spends in ${state.spend.currency}; a purchase in ${c.amount.currency} cannot be counted.`, {
        details: { expected: state.spend.currency, got: c.amount.currency },
      }),
    );
  }
  const events: LoyaltyEvent[] = [
    {
      type: 'LoyaltyPurchaseRecorded',
      data: {
        clientId: c.clientId,
        on: c.on,
        kind: c.kind,
        reference: c.reference,
        amount: c.amount,
        spendAfter: add(state.spend ?? money(0, c.amount.currency), c.amount),
        packagesBought: state.packagesBought + (c.kind === 'package' ? 1 : 0),
      },
    },
  ];
  if (state.purchases === 0 && state.referral !== null && !state.referral.qualified) {
    events.push({ type: 'ReferralQualified', data: { clientId: c.clientId, referrerId: state.referral.referrerId, reward: state.referral.reward, purchase: c.reference, on: c.on } });
  }
  return right([...events, ...tiers(state, events, c.clientId, c.program ?? defaultLoyaltyProgram, c.on, false)]);
};

const period = (c: Cmd<'RecordLoyaltyMembershipPeriod'>, state: LoyaltyState): Decision => {
  const recorded: LoyaltyEvent = {
    type: 'LoyaltyMembershipPeriodRecorded',
    data: { clientId: c.clientId, membershipId: c.membershipId, on: c.on, memberSince: c.memberSince, tenureMonths: membershipTenureMonths(c.memberSince, c.on) },
  };
  return right([recorded, ...tiers(state, [recorded], c.clientId, c.program ?? defaultLoyaltyProgram, c.on, true)]);
};

const referral = (c: Cmd<'RecordReferral'>, state: LoyaltyState): Decision => {
  if (c.referrerId === c.clientId) return left(domainError('SELF_REFERRAL', `Client ${c.clientId} cannot refer themselves.`, { field: 'referrerId' }));
  if (state.referral !== null) {
    return left(
      domainError('ALREADY_REFERRED', `Client ${c.clientId} was already referred by ${state.referral.referrerId}.`, { details: { referrerId: state.referral.referrerId } }),
    );
  }
  if (state.purchases > 0) {
    return left(
      domainError('ALREADY_A_CUSTOMER', `Client ${c.clientId} has already made a purchase; a referral counts only before the first one.`, { details: { purchases: state.purchases } }),
    );
  }
  if (c.reward.amount <= 0) return left(domainError('INVALID_REWARD', `A referral reward is a positive amount; got ${formatMoney(c.reward)}.`, { field: 'reward' }));
  return right([{ type: 'ReferralRecorded', data: { clientId: c.clientId, referrerId: c.referrerId, reward: c.reward, on: c.on } }]);
};

export const decideLoyalty = (command: LoyaltyCommand, state: LoyaltyState): Decision => {
  switch (command.type) {
    case 'RecordLoyaltyPurchase':
      return purchase(command, state);
    case 'RecordLoyaltyMembershipPeriod':
      return period(command, state);
    case 'RecordLoyaltyMembershipEnded':
      return right(state.membershipId === command.membershipId ? [{ type: 'LoyaltyMembershipEnded', data: { clientId: command.clientId, membershipId: command.membershipId, on: command.on } }] : []);
    case 'RecordReferral':
      return referral(command, state);
  }
};
