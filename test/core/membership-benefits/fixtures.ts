/** Plans and helpers for the membership-benefits specs. */
import { isLeft } from 'fp-ts/lib/Either.js';
import { membershipTerms, type MembershipPlanInput, type MembershipTerms } from '../../../core/memberships/index.js';
import {
  membershipBenefitsDecider,
  type MembershipBenefitsCommand,
  type MembershipBenefitsEvent,
  type MembershipBenefitsState,
} from '../../../core/membership-benefits/index.js';
import { localDate, type LocalDate } from '../../../core/values/local-date.js';
import { money, type Money } from '../../../core/values/money.js';
import { percent } from '../../../core/values/percent.js';

export const d = localDate;
export const usd = (amount: number): Money => money(amount, 'USD');
export const M = 'm1';
export const PRIMARY = 'alex';

export const plan = (planId: string, price: number, extra: Partial<MembershipPlanInput> = {}): MembershipTerms =>
  membershipTerms(planId, 1, { name: planId[0]?.toUpperCase() + planId.slice(1), price: usd(price), frequency: 'monthly', ...extra });

/** The seed's "VIP Membership" ($99/month for 2 treatments). */
export const vip = plan('vip', 9900, { includedServices: [{ serviceId: 'treatment', quantity: 2 }] });
/** 2 treatments, half the unused roll over (at most 1), rolled credits expire 2 months later. */
export const vipRollover = plan('vip-rollover', 9900, {
  includedServices: [{ serviceId: 'treatment', quantity: 2 }],
  rollover: { percent: percent(50), cap: 1, expiresAfterMonths: 2 },
});
export const platinum = plan('platinum', 19900, { includedServices: [{ serviceId: 'treatment', quantity: 3 }, { serviceId: 'facial', quantity: 1 }] });
export const familyPerPerson = plan('family', 24900, {
  includedServices: [{ serviceId: 'treatment', quantity: 1 }],
  household: { kind: 'family', benefits: 'per-person', billing: 'split', maxMembers: 4 },
});
export const familyPooled = plan('family-pool', 24900, {
  includedServices: [{ serviceId: 'treatment', quantity: 4 }],
  household: { kind: 'family', benefits: 'pooled' },
});

export const open = (terms: MembershipTerms, on = '2025-01-01'): MembershipBenefitsCommand => ({
  type: 'OpenMembershipBenefits',
  membershipId: M,
  on: d(on),
  primaryClientId: PRIMARY,
  startsOn: d(on),
  terms,
});

export const startPeriod = (periodNumber: number, start: string, end: string): MembershipBenefitsCommand => ({
  type: 'StartMembershipBenefitsPeriod',
  membershipId: M,
  on: d(start),
  periodNumber,
  period: { start: d(start), end: d(end) },
});

/** Decides `command` against the state after `history`, throwing on a refusal; returns the new events. */
export const run = (history: readonly MembershipBenefitsEvent[], command: MembershipBenefitsCommand): MembershipBenefitsEvent[] => {
  const state = history.reduce(membershipBenefitsDecider.evolve, membershipBenefitsDecider.initialState);
  const decision = membershipBenefitsDecider.decide(command, state);
  if (isLeft(decision)) throw new Error(`${command.type} refused: ${decision.left.code} ${decision.left.message}`);
  return [...decision.right];
};

/** The history after each command in turn. */
export const history = (...commands: MembershipBenefitsCommand[]): MembershipBenefitsEvent[] =>
  commands.reduce<MembershipBenefitsEvent[]>((events, c) => [...events, ...run(events, c)], []);

export const stateOf = (events: readonly MembershipBenefitsEvent[]): MembershipBenefitsState =>
  events.reduce(membershipBenefitsDecider.evolve, membershipBenefitsDecider.initialState);

export const on = (date: string): LocalDate => d(date);
