/** The rules of a plan: defined once, revised into new versions, retired (no new sign-ups). */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { membershipTerms, termsProblemOf, type MembershipTerms } from '../memberships/terms.js';
import { defaultMembershipPlanRevisionPolicy, type MembershipPlanCommand } from './commands.js';
import type { MembershipPlanEvent } from './events.js';
import type { MembershipPlanState } from './state.js';

const sameData = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
};

const usable = (terms: MembershipTerms): Either<DomainError, MembershipTerms> => {
  const problem = termsProblemOf(terms);
  return problem === undefined ? right(terms) : left(domainError('INVALID_TERMS', problem.message, { field: problem.field }));
};

export const decideMembershipPlan = (command: MembershipPlanCommand, state: MembershipPlanState): Either<DomainError, readonly MembershipPlanEvent[]> => {
  const planId = command.planId;
  if (command.type === 'DefineMembershipPlan') {
    if (state.defined) return left(domainError('PLAN_ALREADY_DEFINED', `Plan ${planId} is already defined.`, { details: { planId } }));
    const terms = usable(membershipTerms(planId, 1, command));
    return isLeft(terms) ? terms : right([{ type: 'MembershipPlanDefined', data: { planId, definedOn: command.on, terms: terms.right } }]);
  }
  if (!state.defined) return left(domainError('PLAN_NOT_FOUND', `There is no plan ${planId}.`, { details: { planId } }));
  if (state.retired) return left(domainError('PLAN_RETIRED', `Plan ${planId} is retired.`, { details: { planId } }));
  if (command.type === 'RetireMembershipPlan') return right([{ type: 'MembershipPlanRetired', data: { planId, retiredOn: command.on } }]);
  const version = state.versions.length + 1;
  const terms = usable(membershipTerms(planId, version, command));
  if (isLeft(terms)) return terms;
  const current = state.versions[state.versions.length - 1];
  if (current !== undefined && sameData({ ...current, version }, terms.right)) {
    return left(domainError('PLAN_UNCHANGED', `The revision of plan ${planId} changes nothing.`, { details: { planId } }));
  }
  return right([
    {
      type: 'MembershipPlanRevised',
      data: {
        planId,
        revisedOn: command.on,
        terms: terms.right,
        existingMembers: command.existingMembers ?? defaultMembershipPlanRevisionPolicy.existingMembers,
        noticeDays: command.noticeDays ?? defaultMembershipPlanRevisionPolicy.noticeDays,
      },
    },
  ]);
};
