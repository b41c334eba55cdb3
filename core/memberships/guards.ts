/** Checks shared by several membership commands; each refusal is a value with a stable code. */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { Money } from '../values/money.js';
import { isPastDue, type Membership, type MembershipState } from './state.js';

/** The membership, or `MEMBERSHIP_NOT_FOUND`. */
export const existing = (state: MembershipState, membershipId: string): Either<DomainError, Membership> =>
  state.phase === 'none'
    ? left(domainError('MEMBERSHIP_NOT_FOUND', `There is no membership ${membershipId}.`, { details: { membershipId } }))
    : right(state);

/** The membership if it has not ended, or `MEMBERSHIP_ENDED`. */
export const notEnded = (m: Membership): Either<DomainError, Membership> =>
  m.phase === 'ended'
    ? left(domainError('MEMBERSHIP_ENDED', `Membership ${m.membershipId} ended on ${m.ended?.on ?? m.lastOn}.`, { details: { membershipId: m.membershipId } }))
    : right(m);

/** `CURRENCY_MISMATCH` when an amount is not in the membership's currency. */
export const sameCurrency = (m: Membership, amount: Money | undefined, what: string): Either<DomainError, Membership> =>
  amount !== undefined && amount.currency !== m.terms.price.currency
    ? left(
        domainError('CURRENCY_MISMATCH', `The ${what} is in ${amount.currency} but membership ${m.membershipId} bills in ${m.terms.price.currency}.`, {
          details: { expected: m.terms.price.currency, got: amount.currency },
        }),
      )
    : right(m);

/** The membership if it is active, in good standing and not being cancelled. */
export const changeable = (m: Membership, what: string): Either<DomainError, Membership & { readonly period: NonNullable<Membership['period']> }> => {
  const id = m.membershipId;
  if (m.phase === 'paused') return left(domainError('MEMBERSHIP_PAUSED', `Membership ${id} is paused; it cannot be ${what} until it resumes.`, { details: { membershipId: id } }));
  if (m.phase !== 'active' || m.period === null) {
    return left(domainError('MEMBERSHIP_NOT_ACTIVE', `Membership ${id} is ${m.phase}; only an active membership can be ${what}.`, { details: { phase: m.phase } }));
  }
  if (isPastDue(m)) return left(domainError('MEMBERSHIP_PAST_DUE', `Membership ${id} has an unpaid charge; it cannot be ${what} until it is paid.`));
  if (m.cancellation !== null) {
    return left(
      domainError('CANCELLATION_PENDING', `Membership ${id} is cancelled as of ${m.cancellation.effectiveOn}; it cannot be ${what}.`, {
        details: { effectiveOn: m.cancellation.effectiveOn },
      }),
    );
  }
  return right({ ...m, period: m.period });
};

