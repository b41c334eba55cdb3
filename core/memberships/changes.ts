/**
 * Changes of tier, with daily proration. An upgrade is immediate: the old tier is
 * credited for the rest of the period and the new one charged for it, and a positive net
 * is charged now. A downgrade takes effect at the period's end (policy: immediately, with
 * the negative net credited to the wallet or refunded). A change of billing frequency
 * always waits for the period's end. A newer version of the member's own plan is adopted
 * at the first renewal after the notice.
 */
import { chain, left, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { deriveId } from '../values/ids.js';
import { addDays, maxDate } from '../values/local-date.js';
import { isNegative, isPositive, negate } from '../values/money.js';
import { quoteTierChange, tierChangeDirection } from '../rules/tier-change.js';
import { chargeRequested, describeSpan, discountedPrice, noMoney, withWalletCredit } from './charges.js';
import type { MembershipCommandOf } from './commands.js';
import type { MembershipChargeLine, MembershipEvent, MembershipEventOf } from './events.js';
import { changeable, existing, notEnded, sameCurrency } from './guards.js';
import { upToDate } from './schedule.js';
import { pricingDate, type Membership, type MembershipState } from './state.js';
import { termsProblemOf, tierRef, type MembershipTerms } from './terms.js';

type Decision = Either<DomainError, readonly MembershipEvent[]>;

const usableTerms = (m: Membership, terms: MembershipTerms): Either<DomainError, Membership> => {
  const problem = termsProblemOf(terms);
  if (problem !== undefined) return left(domainError('INVALID_TERMS', problem.message, { field: `terms.${problem.field}` }));
  return sameCurrency(m, terms.price, 'new tier');
};

const tierChanged = (
  m: Membership,
  to: MembershipTerms,
  on: MembershipCommandOf<'ChangeMembershipTier'>['on'],
  timing: MembershipEventOf<'MembershipTierChanged'>['data']['timing'],
  lines: readonly MembershipChargeLine[],
  net: MembershipEventOf<'MembershipTierChanged'>['data']['net'],
  settlement: MembershipEventOf<'MembershipTierChanged'>['data']['settlement'],
): MembershipEventOf<'MembershipTierChanged'> => ({
  type: 'MembershipTierChanged',
  data: { membershipId: m.membershipId, clientId: m.clientId, changedOn: on, from: tierRef(m.terms), to, direction: tierChangeDirection(m.terms, to), timing, lines, net, settlement },
});

const scheduled = (
  m: Membership,
  to: MembershipTerms,
  on: MembershipCommandOf<'ChangeMembershipTier'>['on'],
  reason: MembershipEventOf<'MembershipTierChangeScheduled'>['data']['reason'],
  notBefore: MembershipCommandOf<'ChangeMembershipTier'>['on'],
): MembershipEvent => ({
  type: 'MembershipTierChangeScheduled',
  data: { membershipId: m.membershipId, requestedOn: on, from: tierRef(m.terms), to, direction: tierChangeDirection(m.terms, to), reason, notBefore },
});

/** The immediate change within the current period: credit the old tier, charge the new one, settle the net. */
const prorated = (m: Membership, c: MembershipCommandOf<'ChangeMembershipTier'>): Decision => {
  if (m.period === null || m.pricing === null) return right([]);
  const span = { start: c.on, end: m.period.end };
  const priced = pricingDate(m.pricing, c.on);
  const quote = quoteTierChange(discountedPrice(m.terms.price, m.periodDiscount), discountedPrice(c.terms.price, m.periodDiscount), m.pricing.period, priced);
  const lines: MembershipChargeLine[] = [
    { kind: 'proration-credit', description: `Unused ${m.terms.name}, ${describeSpan(span)}`, amount: negate(quote.credit), span, planId: m.terms.planId },
    { kind: 'proration-debit', description: `${c.terms.name}, ${describeSpan(span)}`, amount: quote.debit, span, planId: c.terms.planId },
  ];
  const negativeTo = c.policy?.negativeNet ?? 'wallet';
  const settlement = isPositive(quote.net) ? 'charged' : isNegative(quote.net) ? negativeTo : 'none';
  const changed = tierChanged(m, c.terms, c.on, 'immediately', lines, quote.net, settlement);
  if (settlement === 'charged') {
    return right([changed, chargeRequested(m, c.on, 'tier-change', withWalletCredit(lines, m.terms.price.currency, c.walletAvailable))]);
  }
  if (settlement === 'refund') {
    const refund: MembershipEvent = {
      type: 'MembershipRefundRequested',
      data: {
        membershipId: m.membershipId,
        clientId: m.clientId,
        refundId: deriveId(m.membershipId, `refund/${m.refundsRequested + 1}`),
        requestedOn: c.on,
        lines,
        amount: negate(quote.net),
      },
    };
    return right([changed, refund]);
  }
  return right([changed]);
};

export const changeTier = (c: MembershipCommandOf<'ChangeMembershipTier'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain(notEnded),
    chain((m) => upToDate(m, c.on)),
    chain((m) => usableTerms(m, c.terms)),
    chain((m) => sameCurrency(m, c.walletAvailable, 'wallet credit')),
    chain((m): Decision => {
      if (m.terms.planId === c.terms.planId && m.terms.version === c.terms.version) {
        return left(domainError('SAME_TIER', `Membership ${m.membershipId} is already on ${c.terms.name} (version ${c.terms.version}).`));
      }
      if (m.phase === 'pending' || m.phase === 'trialing') return right([tierChanged(m, c.terms, c.on, 'before-billing', [], noMoney(m), 'none')]);
      return pipe(
        changeable(m, 'changed to another tier'),
        chain((member): Decision => {
          if (member.terms.frequency !== c.terms.frequency) return right([scheduled(member, c.terms, c.on, 'frequency-change', member.period.end)]);
          const direction = tierChangeDirection(member.terms, c.terms);
          if (direction === 'downgrade' && (c.policy?.downgrade ?? 'end-of-period') === 'end-of-period') {
            return right([scheduled(member, c.terms, c.on, 'downgrade', member.period.end)]);
          }
          return prorated(member, c);
        }),
      );
    }),
  );

export const moveToPlanVersion = (c: MembershipCommandOf<'MoveMembershipToPlanVersion'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain(notEnded),
    chain((m) => upToDate(m, c.on)),
    chain((m) => usableTerms(m, c.terms)),
    chain((m): Decision => {
      const pending = m.scheduledChange;
      if (pending !== null && pending.reason !== 'plan-revision') {
        return left(
          domainError('TIER_CHANGE_PENDING', `Membership ${m.membershipId} moves to ${pending.terms.name} from ${pending.notBefore}; it keeps that tier's version.`, {
            details: { planId: pending.terms.planId, notBefore: pending.notBefore },
          }),
        );
      }
      const target = pending?.terms ?? m.terms;
      if (target.planId !== c.terms.planId) {
        return left(
          domainError('PLAN_MISMATCH', `Membership ${m.membershipId} is on plan ${target.planId}, not ${c.terms.planId}.`, {
            details: { planId: target.planId, revisedPlanId: c.terms.planId },
          }),
        );
      }
      if (c.terms.version <= target.version) {
        return left(
          domainError('PLAN_VERSION_NOT_NEWER', `Membership ${m.membershipId} is on version ${target.version} of ${target.name}; version ${c.terms.version} is not newer.`, {
            details: { version: target.version, offered: c.terms.version },
          }),
        );
      }
      const noticeEnds = addDays(c.on, c.noticeDays);
      return right([scheduled(m, c.terms, c.on, 'plan-revision', pending === null ? noticeEnds : maxDate(pending.notBefore, noticeEnds))]);
    }),
  );

/**
 * A loyalty upgrade waits for the next renewal (or a trial's conversion). Only a move to a
 * tier that costs more per day is an upgrade; a change the member asked for keeps its
 * place, and a later loyalty upgrade replaces an earlier one.
 */
export const scheduleUpgrade = (c: MembershipCommandOf<'ScheduleMembershipUpgrade'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain(notEnded),
    chain((m) => usableTerms(m, c.terms)),
    chain((m): Decision => {
      const id = m.membershipId;
      if (m.cancellation !== null) {
        return left(
          domainError('CANCELLATION_PENDING', `Membership ${id} is cancelled as of ${m.cancellation.effectiveOn}; it cannot be upgraded.`, {
            details: { effectiveOn: m.cancellation.effectiveOn },
          }),
        );
      }
      if (m.terms.planId === c.terms.planId && m.terms.version === c.terms.version) {
        return left(domainError('SAME_TIER', `Membership ${id} is already on ${c.terms.name} (version ${c.terms.version}).`));
      }
      const direction = tierChangeDirection(m.terms, c.terms);
      if (direction !== 'upgrade') {
        return left(
          domainError('NOT_AN_UPGRADE', `${c.terms.name} does not cost more than ${m.terms.name}, so moving membership ${id} to it is not an upgrade.`, {
            details: { from: m.terms.planId, to: c.terms.planId, direction },
          }),
        );
      }
      const pending = m.scheduledChange;
      if (pending !== null && pending.reason !== 'loyalty') {
        return left(
          domainError('TIER_CHANGE_PENDING', `Membership ${id} moves to ${pending.terms.name} from ${pending.notBefore}, as requested; it keeps that change.`, {
            details: { planId: pending.terms.planId, notBefore: pending.notBefore },
          }),
        );
      }
      return right([scheduled(m, c.terms, c.on, 'loyalty', c.on)]);
    }),
  );
