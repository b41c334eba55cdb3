/**
 * Questions a membership's folded benefits answer: which ledger a member's benefits are in
 * (their own, or the household's pool), and the booking that draws on them — refused for
 * anyone who is not a member, so only the household uses its pool.
 */
import { chain, left, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { LocalDate } from '../values/local-date.js';
import type { CreditsCommandOf } from '../credits/commands.js';
import type { CreditBookingChannel, CreditPolicySettings } from '../credits/policy.js';
import { householdPoolClientId } from './events.js';
import { householdMembers, type MembershipBenefitsState } from './state.js';
import { benefitsNotEnded, existingBenefits } from './support.js';

/** The ledger that holds a member's benefits: the household's pool when pooled, else their own; `undefined` for a non-member. */
export const membershipBenefitsLedger = (state: MembershipBenefitsState, clientId: string): string | undefined => {
  if (state.phase === 'none') return undefined;
  const members = state.terms.household === null ? [state.primaryClientId] : householdMembers(state);
  if (!members.includes(clientId)) return undefined;
  return state.terms.household?.benefits === 'pooled' ? householdPoolClientId(state.membershipId) : clientId;
};

export interface MembershipBenefitBookingRequest {
  readonly membershipId: string;
  /** The member the session is for. */
  readonly clientId: string;
  readonly bookingId: string;
  readonly appointmentType: string;
  readonly channel: CreditBookingChannel;
  readonly on: LocalDate;
  /** The practice's credit settings. A pool is never overdrawn: booking without credit is off for it. @defaultValue `{}` */
  readonly policy?: CreditPolicySettings;
}

/**
 * The `BookSession` that uses a member's membership benefits: on the household's pool
 * (without overdraft) or on the member's own ledger. Refused with `NOT_A_HOUSEHOLD_MEMBER`
 * for anyone else, with `MEMBERSHIP_BENEFITS_SUSPENDED` while suspended for an unpaid
 * charge, and with `MEMBERSHIP_BENEFITS_ENDED` once the benefits have ended.
 */
export const membershipBenefitBooking = (
  state: MembershipBenefitsState,
  request: MembershipBenefitBookingRequest,
): Either<DomainError, CreditsCommandOf<'BookSession'>> =>
  pipe(
    existingBenefits(state, request.membershipId),
    chain(benefitsNotEnded),
    chain((m): Either<DomainError, CreditsCommandOf<'BookSession'>> => {
      if (m.benefitsEndedOn !== null && m.benefitsEndedOn <= request.on) {
        return left(domainError('MEMBERSHIP_BENEFITS_ENDED', `The benefits of membership ${m.membershipId} ended on ${m.benefitsEndedOn}.`, { details: { membershipId: m.membershipId } }));
      }
      if (m.suspendedOn !== null) {
        return left(
          domainError('MEMBERSHIP_BENEFITS_SUSPENDED', `The benefits of membership ${m.membershipId} are suspended since ${m.suspendedOn} until the unpaid charge is paid.`, {
            details: { membershipId: m.membershipId, suspendedOn: m.suspendedOn },
          }),
        );
      }
      const ledger = membershipBenefitsLedger(m, request.clientId);
      if (ledger === undefined) {
        return left(
          domainError('NOT_A_HOUSEHOLD_MEMBER', `${request.clientId} is not a member of membership ${m.membershipId}, so cannot use its benefits.`, {
            field: 'clientId',
            details: { membershipId: m.membershipId, clientId: request.clientId },
          }),
        );
      }
      const pooled = ledger !== request.clientId;
      const policy: CreditPolicySettings = pooled ? { ...request.policy, allowBookingWithoutCredits: false } : (request.policy ?? {});
      return right({
        type: 'BookSession',
        clientId: ledger,
        bookingId: request.bookingId,
        appointmentType: request.appointmentType,
        channel: request.channel,
        on: request.on,
        policy,
      });
    }),
  );
