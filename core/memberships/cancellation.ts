/**
 * Cancellation. A request on day d with the plan's notice of n days takes effect at the
 * end of the period containing d + n (or on d + n, by policy); nothing is charged from
 * then on, and benefits end then (or at once, by policy). A cancellation before a trial
 * converts takes effect at the trial's end and charges nothing more; one before the
 * start date takes effect at once.
 */
import { chain, left, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { LocalDate } from '../values/local-date.js';
import { cancellationEffectiveDate } from '../rules/cancellation.js';
import type { MembershipCommandOf } from './commands.js';
import type { MembershipEvent } from './events.js';
import { existing, notEnded } from './guards.js';
import { upToDate } from './schedule.js';
import type { Membership, MembershipState } from './state.js';

type Decision = Either<DomainError, readonly MembershipEvent[]>;

/** The date a cancellation requested on `on` takes effect for this membership. */
export const membershipCancellationDate = (m: Membership, on: LocalDate): LocalDate => {
  const renewal = m.terms.renewal;
  if (m.phase === 'pending') return on;
  if (m.phase === 'trialing' && m.trial !== null) return m.trial.endsOn;
  if (m.period === null || m.anchor === null) return on;
  return cancellationEffectiveDate({
    requestedOn: on,
    noticeDays: renewal.noticeDays,
    timing: renewal.cancellationTakesEffect,
    currentPeriod: m.period,
    anchor: m.anchor,
    frequency: m.terms.frequency,
  });
};

export const cancel = (c: MembershipCommandOf<'CancelMembership'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain(notEnded),
    chain((m) => upToDate(m, c.on)),
    chain((m): Decision => {
      if (m.cancellation !== null) {
        return left(
          domainError('CANCELLATION_ALREADY_REQUESTED', `Membership ${m.membershipId} is already cancelled as of ${m.cancellation.effectiveOn}.`, {
            details: { effectiveOn: m.cancellation.effectiveOn },
          }),
        );
      }
      const renewal = m.terms.renewal;
      const effectiveOn = membershipCancellationDate(m, c.on);
      const benefitsEndOn = renewal.benefitsEnd === 'immediately' ? c.on : effectiveOn;
      const events: MembershipEvent[] = [
        {
          type: 'MembershipCancellationRequested',
          data: {
            membershipId: m.membershipId,
            requestedOn: c.on,
            noticeDays: m.phase === 'active' || m.phase === 'paused' ? renewal.noticeDays : 0,
            takesEffect: renewal.cancellationTakesEffect,
            benefitsEnd: renewal.benefitsEnd,
            effectiveOn,
            benefitsEndOn,
            reason: c.reason ?? null,
          },
        },
      ];
      if (effectiveOn <= c.on) events.push({ type: 'MembershipEnded', data: { membershipId: m.membershipId, endedOn: c.on, reason: 'cancelled' } });
      return right(events);
    }),
  );
