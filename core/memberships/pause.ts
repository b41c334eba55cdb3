/**
 * Pause and resume, and the one-time manual extension. A pause of 1 to 6 months (the
 * plan's bounds) stops charges and freezes benefits: the interrupted period is extended
 * by the pause's days and later periods are anchored on the new end. It resumes by itself
 * at its end; an early resume shortens it to the days actually paused.
 */
import { chain, left, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { addDays, addMonthsClamped, daysBetween, type LocalDate } from '../values/local-date.js';
import type { MembershipCommandOf } from './commands.js';
import type { MembershipEvent } from './events.js';
import { changeable, existing, notEnded } from './guards.js';
import { dueStep, upToDate } from './schedule.js';
import type { Membership, MembershipState } from './state.js';

type Decision = Either<DomainError, readonly MembershipEvent[]>;

export const pause = (c: MembershipCommandOf<'PauseMembership'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain(notEnded),
    chain((m) => upToDate(m, c.on)),
    chain((m) => changeable(m, 'paused')),
    chain((m): Decision => {
      const bounds = m.terms.pause;
      if (c.months > bounds.maxMonths) {
        return left(
          domainError('PAUSE_TOO_LONG', `A pause can last at most ${bounds.maxMonths} months; ${c.months} were asked.`, {
            details: { months: c.months, maxMonths: bounds.maxMonths },
          }),
        );
      }
      if (c.months < bounds.minMonths) {
        return left(
          domainError('PAUSE_TOO_SHORT', `A pause lasts at least ${bounds.minMonths} months; ${c.months} were asked.`, {
            details: { months: c.months, minMonths: bounds.minMonths },
          }),
        );
      }
      const resumesOn = addMonthsClamped(c.on, c.months);
      const pausedDays = daysBetween(c.on, resumesOn);
      return right([
        {
          type: 'MembershipPaused',
          data: { membershipId: m.membershipId, pausedOn: c.on, resumesOn, months: c.months, pausedDays, periodEndsOn: addDays(m.period.end, pausedDays), bounds },
        },
      ]);
    }),
  );

const resumed = (m: Membership, resumedOn: LocalDate, early: boolean): Decision => {
  if (m.pause === null) return right([]);
  const pausedDays = daysBetween(m.pause.pausedOn, resumedOn);
  return right([
    {
      type: 'MembershipResumed',
      data: { membershipId: m.membershipId, resumedOn, early, pausedDays, periodEndsOn: addDays(m.pause.endBeforePause, pausedDays) },
    },
  ]);
};

export const resume = (c: MembershipCommandOf<'ResumeMembership'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain(notEnded),
    chain((m): Decision => {
      if (m.phase !== 'paused' || m.pause === null) {
        return left(domainError('MEMBERSHIP_NOT_PAUSED', `Membership ${m.membershipId} is not paused.`, { details: { phase: m.phase } }));
      }
      if (c.on >= m.pause.resumesOn) {
        return pipe(
          dueStep(m, 'ResumeMembership', c.on),
          chain((step) => resumed(m, step.on, false)),
        );
      }
      return pipe(
        upToDate(m, c.on),
        chain((member) => resumed(member, c.on, true)),
      );
    }),
  );

export const extendPeriod = (c: MembershipCommandOf<'ExtendMembershipPeriod'>, state: MembershipState): Decision =>
  pipe(
    existing(state, c.membershipId),
    chain(notEnded),
    chain((m) => upToDate(m, c.on)),
    chain((m) => changeable(m, 'extended')),
    chain((m): Decision => {
      if (m.extensionUsed) {
        return left(domainError('EXTENSION_ALREADY_USED', `Membership ${m.membershipId} has had its one manual extension.`, { details: { membershipId: m.membershipId } }));
      }
      return right([
        { type: 'MembershipPeriodExtended', data: { membershipId: m.membershipId, extendedOn: c.on, days: c.days, periodEndsOn: addDays(m.period.end, c.days) } },
      ]);
    }),
  );
