/**
 * Payments, reported by the platform. A failure makes the membership past due, schedules
 * the next retry and asks the member to update the payment method; benefits continue
 * during the retries. After the last failure the plan's policy applies: suspend benefits
 * until paid, or cancel (the unpaid amount becomes the client's debt in the wallet).
 */
import { chain, left, map, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { compare, subtract } from '../values/money.js';
import { nextPaymentRetry } from '../rules/dunning.js';
import type { MembershipCommandOf } from './commands.js';
import type { MembershipEvent } from './events.js';
import { existing, sameCurrency } from './guards.js';
import { dueStep } from './schedule.js';
import { isPastDue, type Membership, type MembershipState, type OutstandingCharge } from './state.js';

type Decision = Either<DomainError, readonly MembershipEvent[]>;

const outstandingCharge = (m: Membership, chargeId: string): Either<DomainError, OutstandingCharge> => {
  const charge = m.outstanding.find((c) => c.chargeId === chargeId);
  return charge === undefined
    ? left(
        domainError('CHARGE_NOT_OUTSTANDING', `Charge ${chargeId} of membership ${m.membershipId} is not awaiting payment (paid, written off, or never requested).`, {
          details: { chargeId },
        }),
      )
    : right(charge);
};

export const recordPaymentSucceeded = (c: MembershipCommandOf<'RecordMembershipPaymentSucceeded'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain((m) => sameCurrency(m, c.amountPaid, 'payment')),
    chain((m) =>
      pipe(
        outstandingCharge(m, c.chargeId),
        chain((charge): Decision => {
          const paid = c.amountPaid ?? charge.amount;
          if (compare(paid, charge.amount) < 0) {
            return left(
              domainError('PAYMENT_BELOW_CHARGE', `A payment of ${paid.amount} does not settle charge ${charge.chargeId} of ${charge.amount.amount}.`, {
                details: { chargeId: charge.chargeId, charged: charge.amount.amount, paid: paid.amount },
              }),
            );
          }
          const events: MembershipEvent[] = [
            {
              type: 'MembershipPaymentSucceeded',
              data: {
                membershipId: m.membershipId,
                clientId: m.clientId,
                chargeId: charge.chargeId,
                paidOn: c.on,
                amount: charge.amount,
                amountPaid: paid,
                overpayment: subtract(paid, charge.amount),
              },
            },
          ];
          const stillExhausted = m.outstanding.some((o) => o.exhausted && o.chargeId !== charge.chargeId);
          if (m.benefitsSuspended && !stillExhausted && m.phase !== 'ended') {
            events.push({ type: 'MembershipBenefitsRestored', data: { membershipId: m.membershipId, restoredOn: c.on } });
          }
          return right(events);
        }),
      ),
    ),
  );

const afterLastFailure = (m: Membership, charge: OutstandingCharge, on: MembershipCommandOf<'RecordMembershipPaymentFailed'>['on']): MembershipEvent[] => {
  const action = m.terms.dunning.afterLastFailure;
  const events: MembershipEvent[] = [
    { type: 'MembershipPaymentRetriesExhausted', data: { membershipId: m.membershipId, chargeId: charge.chargeId, on, failures: charge.failures + 1, action } },
  ];
  const unpaid = (o: OutstandingCharge): MembershipEvent => ({
    type: 'MembershipChargeUnpaid',
    data: { membershipId: m.membershipId, clientId: m.clientId, chargeId: o.chargeId, on, amount: o.amount },
  });
  if (m.phase === 'ended') return [...events, unpaid(charge)];
  if (action === 'cancel') {
    return [...events, { type: 'MembershipEnded', data: { membershipId: m.membershipId, endedOn: on, reason: 'non-payment' } }, ...m.outstanding.map(unpaid)];
  }
  if (!m.benefitsSuspended) events.push({ type: 'MembershipBenefitsSuspended', data: { membershipId: m.membershipId, suspendedOn: on, chargeId: charge.chargeId } });
  events.push({ type: 'MembershipPaymentMethodUpdateRequested', data: { membershipId: m.membershipId, clientId: m.clientId, chargeId: charge.chargeId, requestedOn: on } });
  return events;
};

export const recordPaymentFailed = (c: MembershipCommandOf<'RecordMembershipPaymentFailed'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain((m) =>
      pipe(
        outstandingCharge(m, c.chargeId),
        chain((charge): Decision => {
          if (!charge.attemptInFlight) {
            return left(
              domainError('NO_PAYMENT_ATTEMPT_PENDING', `No attempt to collect charge ${charge.chargeId} is awaiting its result.`, {
                details: { chargeId: charge.chargeId, retryOn: charge.retryOn },
              }),
            );
          }
          const failures = charge.failures + 1;
          const events: MembershipEvent[] = [
            { type: 'MembershipPaymentFailed', data: { membershipId: m.membershipId, chargeId: charge.chargeId, failedOn: c.on, failures, reason: c.reason ?? null } },
          ];
          if (!isPastDue(m)) events.push({ type: 'MembershipWentPastDue', data: { membershipId: m.membershipId, since: c.on, chargeId: charge.chargeId } });
          const policy = m.terms.dunning;
          const next = nextPaymentRetry(c.on, failures, policy);
          if (next === undefined) return right([...events, ...afterLastFailure(m, charge, c.on)]);
          events.push(
            {
              type: 'MembershipPaymentRetryScheduled',
              data: {
                membershipId: m.membershipId,
                chargeId: charge.chargeId,
                retryOn: next.retryOn,
                retryNumber: next.retryNumber,
                retries: policy.retries,
                intervalDays: policy.retryIntervalDays,
              },
            },
            { type: 'MembershipPaymentMethodUpdateRequested', data: { membershipId: m.membershipId, clientId: m.clientId, chargeId: charge.chargeId, requestedOn: c.on } },
          );
          return right(events);
        }),
      ),
    ),
  );

export const retryPayment = (c: MembershipCommandOf<'RetryMembershipPayment'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain((m) =>
      pipe(
        dueStep(m, 'RetryMembershipPayment', c.on, c.chargeId),
        chain((step) =>
          pipe(
            outstandingCharge(m, c.chargeId),
            map((charge): readonly MembershipEvent[] => [
              {
                type: 'MembershipPaymentRetryRequested',
                data: { membershipId: m.membershipId, chargeId: charge.chargeId, retryOn: step.on, retryNumber: charge.failures, amount: charge.amount },
              },
            ]),
          ),
        ),
      ),
    ),
  );
