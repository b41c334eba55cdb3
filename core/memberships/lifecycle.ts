/**
 * Sign-up and the time-driven lifecycle: the start (today or a future date), the trial's
 * conversion at its end, each renewal with its charge, and the end of a membership that
 * was cancelled or does not renew.
 */
import { chain, left, map, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { anniversaryBilling } from '../rules/billing-alignment.js';
import type { LocalDate } from '../values/local-date.js';
import type { MembershipCommandOf, MembershipScheduledCommandType } from './commands.js';
import type { MembershipEvent } from './events.js';
import { existing, sameCurrency } from './guards.js';
import { firstPeriodPlan, periodEvents, renewalPlan, startEvents } from './periods.js';
import { dueStep } from './schedule.js';
import { evolveMembershipState, type Membership, type MembershipState } from './state.js';
import { termsProblemOf } from './terms.js';

type Decision = Either<DomainError, readonly MembershipEvent[]>;

export const signUp = (c: MembershipCommandOf<'SignUpForMembership'>, state: MembershipState): Decision => {
  if (state.phase !== 'none') {
    return left(domainError('MEMBERSHIP_ALREADY_EXISTS', `Membership ${c.membershipId} already exists.`, { details: { membershipId: c.membershipId } }));
  }
  const startsOn = c.startsOn ?? c.on;
  if (startsOn < c.on) {
    return left(domainError('START_DATE_IN_PAST', `A membership signed up on ${c.on} cannot start on ${startsOn}.`, { details: { on: c.on, startsOn } }));
  }
  const problem = termsProblemOf(c.terms);
  if (problem !== undefined) return left(domainError('INVALID_TERMS', problem.message, { field: `terms.${problem.field}` }));
  const signed: MembershipEvent = {
    type: 'MembershipSignedUp',
    data: {
      membershipId: c.membershipId,
      clientId: c.clientId,
      signedUpOn: c.on,
      startsOn,
      terms: c.terms,
      alignment: c.billingAlignment ?? anniversaryBilling,
      discount: c.discount ?? null,
    },
  };
  const m = evolveMembershipState(state, signed);
  if (m.phase === 'none') return right([signed]);
  return pipe(
    sameCurrency(m, c.walletAvailable, 'wallet credit'),
    map((member) => (startsOn === c.on ? [signed, ...startEvents(member, c.on, c.walletAvailable)] : [signed])),
  );
};

/** A time-driven command: the step must be the one due on or before `on`; it is decided as of the step's date. */
const stepped = (
  state: MembershipState,
  c: { readonly membershipId: string; readonly on: LocalDate },
  command: MembershipScheduledCommandType,
  decide: (m: Membership, dueOn: LocalDate) => Decision,
): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain((m) =>
      pipe(
        dueStep(m, command, c.on),
        chain((step) => decide(m, step.on)),
      ),
    ),
  );

export const start = (c: MembershipCommandOf<'StartMembership'>, state: MembershipState): Decision =>
  stepped(state, c, 'StartMembership', (m) =>
    pipe(
      sameCurrency(m, c.walletAvailable, 'wallet credit'),
      map(() => startEvents(m, c.on, c.walletAvailable)),
    ),
  );

export const convertTrial = (c: MembershipCommandOf<'ConvertMembershipTrial'>, state: MembershipState): Decision =>
  stepped(state, c, 'ConvertMembershipTrial', (m, dueOn) =>
    pipe(
      sameCurrency(m, c.walletAvailable, 'wallet credit'),
      map((): readonly MembershipEvent[] => {
        const converted: MembershipEvent = { type: 'MembershipTrialConverted', data: { membershipId: m.membershipId, convertedOn: dueOn } };
        return [converted, ...periodEvents(m, firstPeriodPlan(m, dueOn), c.on, c.walletAvailable)];
      }),
    ),
  );

export const renew = (c: MembershipCommandOf<'RenewMembership'>, state: MembershipState): Decision =>
  stepped(state, c, 'RenewMembership', (m) =>
    pipe(
      sameCurrency(m, c.walletAvailable, 'wallet credit'),
      map(() => {
        const plan = renewalPlan(m);
        return plan === undefined ? [] : periodEvents(m, plan, c.on, c.walletAvailable);
      }),
    ),
  );

export const end = (c: MembershipCommandOf<'EndMembership'>, state: MembershipState): Decision =>
  stepped(state, c, 'EndMembership', (m, dueOn) =>
    right([{ type: 'MembershipEnded', data: { membershipId: m.membershipId, endedOn: dueOn, reason: m.cancellation !== null ? 'cancelled' : 'not-renewed' } }]),
  );
