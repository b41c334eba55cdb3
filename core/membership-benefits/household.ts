/**
 * Family and group plans: the primary member manages the household — only they add or
 * remove dependents and set the billing shares; anyone else is refused with a sentence
 * that says who can. A dependent who joins a per-person plan gets the current period's
 * services at once (once per period, even if they leave and come back); one who leaves
 * loses their live benefit credits. A household billed
 * in shares has each charge split by `allocate`, so the shares sum to the charge.
 */
import { chain, left, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { benefitAllotments, splitHouseholdCharge } from '../rules/household.js';
import type { MembershipBenefitsCommandOf as Cmd } from './commands.js';
import type { MembershipBenefitsEvent } from './events.js';
import { currentBenefitsPeriod, householdMembers, type MembershipBenefits, type MembershipBenefitsState } from './state.js';
import { benefitsNotEnded, existingBenefits, liveBenefitHoldings, notAHousehold, onlyThePrimary, type Decision } from './support.js';

type Managed = Either<DomainError, MembershipBenefits & { readonly terms: { readonly household: NonNullable<MembershipBenefits['terms']['household']> } }>;

/** The household, if the plan is one and `by` is its primary member. */
const managedBy = (m: MembershipBenefits, by: string, what: string): Managed => {
  const household = m.terms.household;
  if (household === null) return left(notAHousehold(m));
  if (by !== m.primaryClientId) return left(onlyThePrimary(m, by, what));
  return right({ ...m, terms: { ...m.terms, household } });
};

const notAMember = (m: MembershipBenefits, clientId: string): DomainError =>
  domainError('NOT_A_HOUSEHOLD_MEMBER', `${clientId} is not a member of the household of membership ${m.membershipId}.`, {
    field: 'clientId',
    details: { membershipId: m.membershipId, clientId },
  });

export const addMember = (c: Cmd<'AddHouseholdMember'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain(benefitsNotEnded),
    chain((m) => managedBy(m, c.by, `add ${c.clientId}`)),
    chain((m): Decision => {
      const members = householdMembers(m);
      if (members.includes(c.clientId)) {
        return left(
          domainError('ALREADY_A_HOUSEHOLD_MEMBER', `${c.clientId} is already a member of the household of membership ${m.membershipId}.`, {
            field: 'clientId',
            details: { clientId: c.clientId },
          }),
        );
      }
      const max = m.terms.household.maxMembers;
      if (max !== null && members.length >= max) {
        return left(
          domainError('HOUSEHOLD_FULL', `The ${m.terms.household.kind} plan of membership ${m.membershipId} has room for ${max} members, and has ${members.length}.`, {
            details: { maxMembers: max, members: members.length },
          }),
        );
      }
      const added: MembershipBenefitsEvent = { type: 'HouseholdMemberAdded', data: { membershipId: m.membershipId, clientId: c.clientId, addedBy: c.by, addedOn: c.on } };
      const current = currentBenefitsPeriod(m);
      const perPerson = m.terms.household.benefits === 'per-person';
      const granting = perPerson && current !== undefined && c.on >= current.period.start && c.on < current.expiresOn && m.benefitsEndedOn === null && m.suspendedOn === null;
      if (!granting) return right([added]);
      // A member removed and added again within a period does not get its services twice.
      if (current.granted.some((g) => g.clientId === c.clientId)) return right([added]);
      const grants = benefitAllotments(m.terms.services, [c.clientId]);
      if (grants.length === 0) return right([added]);
      return right([
        added,
        {
          type: 'MembershipBenefitsGranted',
          data: { membershipId: m.membershipId, periodNumber: current.number, reference: current.reference, grantedOn: c.on, expiresOn: current.expiresOn, reason: 'member-joined', grants },
        },
      ]);
    }),
  );

export const removeMember = (c: Cmd<'RemoveHouseholdMember'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain(benefitsNotEnded),
    chain((m) => managedBy(m, c.by, `remove ${c.clientId}`)),
    chain((m): Decision => {
      if (c.clientId === m.primaryClientId) {
        return left(
          domainError('PRIMARY_CANNOT_BE_REMOVED', `${c.clientId} is the primary member of membership ${m.membershipId}; cancel the membership instead.`, {
            field: 'clientId',
            details: { clientId: c.clientId },
          }),
        );
      }
      if (!m.dependents.includes(c.clientId)) return left(notAMember(m, c.clientId));
      const removed: MembershipBenefitsEvent = { type: 'HouseholdMemberRemoved', data: { membershipId: m.membershipId, clientId: c.clientId, removedBy: c.by, removedOn: c.on } };
      const live = liveBenefitHoldings(m, c.on, c.clientId);
      if (live.length === 0) return right([removed]);
      return right([{ type: 'MembershipBenefitsVoided', data: { membershipId: m.membershipId, voidedOn: c.on, reason: 'member-removed', voided: live } }, removed]);
    }),
  );

export const setShares = (c: Cmd<'SetHouseholdBillingShares'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain(benefitsNotEnded),
    chain((m) => managedBy(m, c.by, 'set the billing shares')),
    chain((m): Decision => {
      if (m.terms.household.billing !== 'split') {
        return left(
          domainError('HOUSEHOLD_NOT_BILLED_IN_SHARES', `The ${m.terms.household.kind} plan of membership ${m.membershipId} bills the primary member alone.`, {
            details: { membershipId: m.membershipId },
          }),
        );
      }
      const members = householdMembers(m);
      const stranger = c.shares.find((s) => !members.includes(s.clientId));
      if (stranger !== undefined) return left(notAMember(m, stranger.clientId));
      const ids = c.shares.map((s) => s.clientId);
      if (new Set(ids).size !== ids.length || !c.shares.some((s) => s.weight > 0)) {
        return left(
          domainError('INVALID_SHARES', 'Billing shares name each member at most once, with whole-number weights, at least one of them above zero.', {
            field: 'shares',
          }),
        );
      }
      return right([{ type: 'HouseholdBillingSharesSet', data: { membershipId: m.membershipId, shares: c.shares, setBy: c.by, setOn: c.on } }]);
    }),
  );

/** Each member's weight: the shares the primary set (0 for members left out), else 1 each. */
export const householdChargeShares = (m: MembershipBenefits): readonly { readonly clientId: string; readonly weight: number }[] =>
  householdMembers(m).map((clientId) => ({ clientId, weight: m.shares === null ? 1 : (m.shares.find((s) => s.clientId === clientId)?.weight ?? 0) }));

export const splitCharge = (c: Cmd<'SplitMembershipCharge'>, state: MembershipBenefitsState): Decision =>
  pipe(
    existingBenefits(state, c.membershipId),
    chain((m): Decision => {
      if (m.terms.household?.billing !== 'split' || c.total.amount === 0) return right([]);
      return right([
        {
          type: 'HouseholdChargeSplit',
          data: { membershipId: m.membershipId, chargeId: c.chargeId, requestedOn: c.on, total: c.total, shares: splitHouseholdCharge(c.total, householdChargeShares(m)) },
        },
      ]);
    }),
  );
