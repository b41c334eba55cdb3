/**
 * The benefits of each period. At a period's start the last period closes — in each ledger
 * holding its credits, the plan's share of the unused credits rolls over (the rest
 * expire) — and the new period grants the included services, expiring at its end. A pause
 * freezes the credits granted for the interrupted period (their expiry moves by the
 * pause's days; credits rolled over earlier keep their own expiry); the one-time manual
 * extension moves the period's expiry; a change to a richer tier tops up the period; a
 * cancellation voids the live credits at once or at the end, per the plan. While benefits
 * are suspended for an unpaid charge, periods grant nothing; once it is paid the current
 * period's services are granted.
 *
 * The flow that sends these commands derives their ids from the membership's events, and
 * each rule also ignores a fact it has already seen (a period already opened, a pause
 * already frozen), so a replay, even with new ids, grants a period once.
 */
import { chain, right } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { rolledCreditsExpireOn } from '../rules/membership-rollover.js';
import { benefitAllotments, benefitTopUps } from '../rules/household.js';
import type { MembershipBenefitsCommandOf as Cmd } from './commands.js';
import { membershipBenefitsReference, type MembershipBenefitsEvent } from './events.js';
import { currentBenefitsPeriod, type MembershipBenefitsState } from './state.js';
import { benefitRecipients, benefitTermsOf, benefitsNotEnded, existingBenefits, liveBenefitHoldings, type Decision } from './support.js';

export const openBenefits = (c: Cmd<'OpenMembershipBenefits'>, state: MembershipBenefitsState): Decision =>
  state.phase !== 'none'
    ? right([])
    : right([
        {
          type: 'MembershipBenefitsOpened',
          data: { membershipId: c.membershipId, primaryClientId: c.primaryClientId, startsOn: c.startsOn, openedOn: c.on, terms: benefitTermsOf(c.terms) },
        },
      ]);

export const startPeriod = (c: Cmd<'StartMembershipBenefitsPeriod'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain((m): Decision => {
      if (m.phase === 'ended' || c.periodNumber <= m.lastPeriodNumber) return right([]);
      const events: MembershipBenefitsEvent[] = [];
      const current = currentBenefitsPeriod(m);
      if (current !== undefined) {
        const closedOn = c.period.start;
        events.push({
          type: 'MembershipBenefitsPeriodClosed',
          data: {
            membershipId: m.membershipId,
            periodNumber: current.number,
            reference: current.reference,
            closedOn,
            holders: current.holders,
            rollover: current.rollover,
            rolledExpireOn: rolledCreditsExpireOn(closedOn, current.rollover),
          },
        });
      }
      const ended = m.benefitsEndedOn !== null && m.benefitsEndedOn <= c.period.start;
      const withheld =
        m.terms.services.length === 0
          ? null
          : ended
            ? `Benefits ended on ${m.benefitsEndedOn ?? c.on} when the membership was cancelled.`
            : m.suspendedOn !== null
              ? `Benefits are suspended since ${m.suspendedOn} until the unpaid charge is paid.`
              : null;
      events.push({
        type: 'MembershipBenefitsPeriodOpened',
        data: {
          membershipId: m.membershipId,
          primaryClientId: m.primaryClientId,
          memberSince: m.startsOn,
          periodNumber: c.periodNumber,
          reference: membershipBenefitsReference(m.membershipId, c.periodNumber),
          period: c.period,
          expiresOn: c.period.end,
          tier: m.terms.tier,
          grants: withheld === null ? benefitAllotments(m.terms.services, benefitRecipients(m)) : [],
          withheld,
        },
      });
      return right(events);
    }),
  );

export const changeTier = (c: Cmd<'ChangeMembershipBenefitsTier'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain((m): Decision => {
      const terms = benefitTermsOf(c.terms);
      if (m.phase === 'ended' || (terms.tier.planId === m.terms.tier.planId && terms.tier.version === m.terms.tier.version)) return right([]);
      const changed: MembershipBenefitsEvent = {
        type: 'MembershipBenefitsTierChanged',
        data: { membershipId: m.membershipId, changedOn: c.on, from: m.terms.tier, terms, timing: c.timing },
      };
      const current = currentBenefitsPeriod(m);
      if (c.timing === 'at-period-start' || current === undefined || c.on >= current.expiresOn || m.benefitsEndedOn !== null) return right([changed]);
      const grants = benefitTopUps(terms.services, benefitRecipients({ ...m, terms }), current.granted);
      if (grants.length === 0) return right([changed]);
      return right([
        changed,
        {
          type: 'MembershipBenefitsGranted',
          data: { membershipId: m.membershipId, periodNumber: current.number, reference: current.reference, grantedOn: c.on, expiresOn: current.expiresOn, reason: 'tier-change', grants },
        },
      ]);
    }),
  );

export const freeze = (c: Cmd<'FreezeMembershipBenefits'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain(benefitsNotEnded),
    chain((m): Decision => {
      if (m.lastPausedOn !== null && c.on <= m.lastPausedOn) return right([]);
      const current = currentBenefitsPeriod(m);
      const pushed = current === undefined ? [] : current.holders.map((clientId) => ({ clientId, reference: current.reference }));
      return right([
        { type: 'MembershipBenefitsFrozen', data: { membershipId: m.membershipId, pausedOn: c.on, resumesOn: c.resumesOn, days: c.days, periodEndsOn: c.periodEndsOn, pushed } },
      ]);
    }),
  );

export const thaw = (c: Cmd<'ThawMembershipBenefits'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain((m): Decision =>
      m.pausedOn === null || m.phase === 'ended'
        ? right([])
        : right([{ type: 'MembershipBenefitsThawed', data: { membershipId: m.membershipId, resumedOn: c.on, pausedDays: c.pausedDays, periodEndsOn: c.periodEndsOn } }]),
    ),
  );

export const extend = (c: Cmd<'ExtendMembershipBenefits'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain(benefitsNotEnded),
    chain((m): Decision => {
      const current = currentBenefitsPeriod(m);
      if (m.extended || current === undefined) return right([]);
      const pushed = current.holders.map((clientId) => ({ clientId, reference: current.reference }));
      return right([{ type: 'MembershipBenefitsExtended', data: { membershipId: m.membershipId, extendedOn: c.on, days: c.days, periodEndsOn: c.periodEndsOn, pushed } }]);
    }),
  );

export const cancel = (c: Cmd<'CancelMembershipBenefits'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain((m): Decision => {
      if (m.phase === 'ended' || m.benefitsEndedOn !== null || c.benefitsEndOn > c.on) return right([]);
      return right([{ type: 'MembershipBenefitsVoided', data: { membershipId: m.membershipId, voidedOn: c.on, reason: 'cancelled-immediately', voided: liveBenefitHoldings(m, c.on) } }]);
    }),
  );

export const end = (c: Cmd<'EndMembershipBenefits'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain((m): Decision => {
      if (m.phase === 'ended') return right([]);
      const live = liveBenefitHoldings(m, c.on);
      const ended: MembershipBenefitsEvent = {
        type: 'MembershipBenefitsEnded',
        data: { membershipId: m.membershipId, primaryClientId: m.primaryClientId, endedOn: c.on, reason: c.reason },
      };
      if (live.length === 0) return right([ended]);
      return right([{ type: 'MembershipBenefitsVoided', data: { membershipId: m.membershipId, voidedOn: c.on, reason: 'membership-ended', voided: live } }, ended]);
    }),
  );

export const suspendGrants = (c: Cmd<'SuspendMembershipBenefitGrants'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain((m): Decision =>
      m.phase === 'ended' || m.suspendedOn !== null ? right([]) : right([{ type: 'MembershipBenefitGrantsSuspended', data: { membershipId: m.membershipId, suspendedOn: c.on } }]),
    ),
  );

export const restoreGrants = (c: Cmd<'RestoreMembershipBenefitGrants'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain((m): Decision => {
      if (m.phase === 'ended' || m.suspendedOn === null) return right([]);
      const restored: MembershipBenefitsEvent = { type: 'MembershipBenefitGrantsRestored', data: { membershipId: m.membershipId, restoredOn: c.on } };
      const current = currentBenefitsPeriod(m);
      if (current === undefined || c.on >= current.expiresOn || m.benefitsEndedOn !== null) return right([restored]);
      const grants = benefitTopUps(m.terms.services, benefitRecipients(m), current.granted);
      if (grants.length === 0) return right([restored]);
      return right([
        restored,
        {
          type: 'MembershipBenefitsGranted',
          data: { membershipId: m.membershipId, periodNumber: current.number, reference: current.reference, grantedOn: c.on, expiresOn: current.expiresOn, reason: 'restored', grants },
        },
      ]);
    }),
  );
