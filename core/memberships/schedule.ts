/**
 * What falls due when. Time-driven transitions are commands for a date; a membership
 * knows which ones it needs and when, so a scheduler (or a schedule projection) sends
 * them. A command for a step is refused before its date, and while an earlier step is
 * still due; a late one is processed as of the step's own date.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { LocalDate } from '../values/local-date.js';
import type { MembershipScheduledCommandType } from './commands.js';
import type { Membership, MembershipState } from './state.js';

/** A step a membership needs on a date. */
export interface MembershipDueStep {
  readonly on: LocalDate;
  readonly command: MembershipScheduledCommandType;
  /** For `RetryMembershipPayment`: the charge to retry. */
  readonly chargeId?: string;
}

// On the same date: resume before retries, retries before the end, the end before a renewal.
const ORDER: readonly MembershipScheduledCommandType[] = [
  'ResumeMembership',
  'RetryMembershipPayment',
  'EndMembership',
  'StartMembership',
  'ConvertMembershipTrial',
  'RenewMembership',
];

const lifecycleStep = (m: Membership): MembershipDueStep | undefined => {
  const cancelOn = m.cancellation?.effectiveOn;
  switch (m.phase) {
    case 'ended':
      return undefined;
    case 'pending':
      return { on: m.startsOn, command: 'StartMembership' };
    case 'trialing':
      if (m.trial === null) return undefined;
      return cancelOn !== undefined ? { on: cancelOn, command: 'EndMembership' } : { on: m.trial.endsOn, command: 'ConvertMembershipTrial' };
    case 'paused':
      if (m.pause === null) return undefined;
      return cancelOn !== undefined && cancelOn < m.pause.resumesOn
        ? { on: cancelOn, command: 'EndMembership' }
        : { on: m.pause.resumesOn, command: 'ResumeMembership' };
    case 'active':
      if (m.period === null) return undefined;
      if (cancelOn !== undefined && cancelOn <= m.period.end) return { on: cancelOn, command: 'EndMembership' };
      return { on: m.period.end, command: m.terms.renewal.autoRenew ? 'RenewMembership' : 'EndMembership' };
  }
};

/** Every step the membership needs, earliest first. */
export const membershipDueSteps = (state: MembershipState): readonly MembershipDueStep[] => {
  if (state.phase === 'none') return [];
  const steps: MembershipDueStep[] = [];
  const lifecycle = lifecycleStep(state);
  if (lifecycle !== undefined) steps.push(lifecycle);
  for (const c of state.outstanding) {
    if (c.retryOn !== null) steps.push({ on: c.retryOn, command: 'RetryMembershipPayment', chargeId: c.chargeId });
  }
  return steps.sort((a, b) => (a.on === b.on ? ORDER.indexOf(a.command) - ORDER.indexOf(b.command) : a.on < b.on ? -1 : 1));
};

/** The next step the membership needs, or `undefined` when none is scheduled. */
export const membershipNextStep = (state: MembershipState): MembershipDueStep | undefined => membershipDueSteps(state)[0];

/** The next date the membership needs a command for (trial end, period start, retry, pause end, cancellation). */
export const membershipNextDueDate = (state: MembershipState): LocalDate | undefined => membershipNextStep(state)?.on;

const describe = (step: MembershipDueStep): string => `${step.command} for ${step.on}`;

/** The step a time-driven command performs, if it is the one due on or before `on`. */
export const dueStep = (
  m: Membership,
  command: MembershipScheduledCommandType,
  on: LocalDate,
  chargeId?: string,
): Either<DomainError, MembershipDueStep> => {
  const steps = membershipDueSteps(m);
  const mine = steps.find((s) => s.command === command && (chargeId === undefined || s.chargeId === chargeId));
  if (mine === undefined) {
    const next = steps[0];
    return left(
      domainError('STEP_NOT_PENDING', `Membership ${m.membershipId} does not need ${command}${next ? `; it next needs ${describe(next)}` : ''}.`, {
        details: { command, next: next ? describe(next) : null },
      }),
    );
  }
  if (mine.on > on) {
    return left(domainError('STEP_NOT_DUE', `${describe(mine)} is not due on ${on}.`, { details: { command, dueOn: mine.on, on } }));
  }
  const first = steps[0];
  if (first !== undefined && first !== mine) {
    return left(
      domainError('EARLIER_STEP_DUE', `${describe(first)} must be sent before ${describe(mine)}.`, { details: { command, first: describe(first) } }),
    );
  }
  return right(mine);
};

/**
 * Checks a command that is not itself a step: nothing due is left unsent up to `on`, and
 * `on` does not go back before the last change to the membership's schedule.
 */
export const upToDate = (m: Membership, on: LocalDate): Either<DomainError, Membership> => {
  if (on < m.lastOn) {
    return left(
      domainError('DATE_BEFORE_LAST_CHANGE', `Membership ${m.membershipId} was last changed for ${m.lastOn}; a command cannot be for ${on}.`, {
        details: { lastOn: m.lastOn, on },
      }),
    );
  }
  const first = membershipNextStep(m);
  if (first !== undefined && first.on <= on) {
    return left(domainError('STEP_DUE', `${describe(first)} must be sent before anything else for ${on}.`, { details: { first: describe(first), on } }));
  }
  return right(m);
};
