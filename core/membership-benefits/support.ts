/** What the benefit rules share: the refusals with their sentences, who receives benefits, which credits are live. */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { LocalDate } from '../values/local-date.js';
import { tierRef, type MembershipTerms } from '../memberships/terms.js';
import { mergeIncludedServices } from '../rules/household.js';
import { householdPoolClientId, type BenefitHolding, type MembershipBenefitsEvent, type MembershipBenefitTerms } from './events.js';
import { householdMembers, type MembershipBenefits, type MembershipBenefitsState } from './state.js';

export type Decision = Either<DomainError, readonly MembershipBenefitsEvent[]>;

/** The benefit part of a plan's terms, as the benefits record it. */
export const benefitTermsOf = (terms: MembershipTerms): MembershipBenefitTerms => ({
  tier: tierRef(terms),
  services: mergeIncludedServices(terms.includedServices),
  rollover: terms.rollover ?? null,
  household: terms.household ?? null,
});

/** The membership's benefits, or `MEMBERSHIP_BENEFITS_NOT_FOUND`. */
export const existingBenefits = (state: MembershipBenefitsState, membershipId: string): Either<DomainError, MembershipBenefits> =>
  state.phase === 'none'
    ? left(
        domainError('MEMBERSHIP_BENEFITS_NOT_FOUND', `There are no benefits for membership ${membershipId}: its sign-up has not been recorded here.`, {
          details: { membershipId },
        }),
      )
    : right(state);

/** The benefits if they have not ended, or `MEMBERSHIP_BENEFITS_ENDED`. */
export const benefitsNotEnded = (m: MembershipBenefits): Either<DomainError, MembershipBenefits> =>
  m.phase === 'ended'
    ? left(domainError('MEMBERSHIP_BENEFITS_ENDED', `Membership ${m.membershipId} has ended; its benefits can no longer change.`, { details: { membershipId: m.membershipId } }))
    : right(m);

/** The ledgers that receive a period's benefits: the member; a household's pool, or each of its members. */
export const benefitRecipients = (m: Pick<MembershipBenefits, 'membershipId' | 'primaryClientId' | 'dependents' | 'terms'>): readonly string[] => {
  const household = m.terms.household;
  if (household === null) return [m.primaryClientId];
  if (household.benefits === 'pooled') return [householdPoolClientId(m.membershipId)];
  return householdMembers(m);
};

/**
 * The credits of the membership that may still be used on `on`: the current period's, and
 * those rolled over from earlier periods that have not expired. `clientId` narrows to one ledger.
 */
export const liveBenefitHoldings = (m: MembershipBenefits, on: LocalDate, clientId?: string): readonly BenefitHolding[] =>
  m.periods.flatMap((p) => {
    const live = !p.closed || (p.rolledExpireOn !== null && p.rolledExpireOn > on);
    if (!live) return [];
    return p.holders.filter((c) => clientId === undefined || c === clientId).map((c) => ({ clientId: c, reference: p.reference }));
  });

/** Refusal for a household command from anyone but the primary member. */
export const onlyThePrimary = (m: MembershipBenefits, by: string, what: string): DomainError =>
  domainError(
    'ONLY_PRIMARY_MANAGES_HOUSEHOLD',
    `Only the primary member (${m.primaryClientId}) manages the ${m.terms.household?.kind ?? 'family'} plan of membership ${m.membershipId}; ${by} cannot ${what}.`,
    { field: 'by', details: { primaryClientId: m.primaryClientId, by } },
  );

/** Refusal for a household command on a plan that is not a family or group plan. */
export const notAHousehold = (m: MembershipBenefits): DomainError =>
  domainError('NOT_A_HOUSEHOLD_PLAN', `Membership ${m.membershipId} is on ${m.terms.tier.name}, which is not a family or group plan.`, {
    details: { membershipId: m.membershipId, planId: m.terms.tier.planId },
  });
