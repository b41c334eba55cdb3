/** The seed's tiers (Aesthetic Clinic: Gold, Platinum, VIP) and helpers for membership specs. */
import { isLeft } from 'fp-ts/lib/Either.js';
import { membershipDecider, membershipTerms, type MembershipCommand, type MembershipEvent, type MembershipPlanInput, type MembershipState, type MembershipTerms } from '../../../core/memberships/index.js';
import { localDate, type LocalDate } from '../../../core/values/local-date.js';
import { money, type Money } from '../../../core/values/money.js';
import { percent } from '../../../core/values/percent.js';

export const d = localDate;
export const usd = (amount: number): Money => money(amount, 'USD');

export const tier = (planId: string, price: number, extra: Partial<MembershipPlanInput> = {}, version = 1): MembershipTerms =>
  membershipTerms(planId, version, { name: planId[0]?.toUpperCase() + planId.slice(1), price: usd(price), frequency: 'monthly', ...extra });

export const gold = tier('gold', 9900, { includedServices: [{ serviceId: 'treatment', quantity: 1 }], addOnDiscount: percent(10) });
export const platinum = tier('platinum', 19900, { includedServices: [{ serviceId: 'treatment', quantity: 2 }], addOnDiscount: percent(20) });
export const vip = tier('vip', 29900, { includedServices: [{ serviceId: 'treatment', quantity: 3 }], addOnDiscount: percent(30) });

export const M = 'm1';
export const CLIENT = 'c1';

export const signUp = (on: string, terms: MembershipTerms = gold, extra: Partial<Extract<MembershipCommand, { type: 'SignUpForMembership' }>> = {}): MembershipCommand => ({
  type: 'SignUpForMembership',
  membershipId: M,
  clientId: CLIENT,
  on: d(on),
  terms,
  ...extra,
});

/** Decides `command` against the state after `history`, throwing on a refusal; returns the new events. */
export const run = (history: readonly MembershipEvent[], command: MembershipCommand): MembershipEvent[] => {
  const state = history.reduce(membershipDecider.evolve, membershipDecider.initialState);
  const decision = membershipDecider.decide(command, state);
  if (isLeft(decision)) throw new Error(`${command.type} refused: ${decision.left.code} ${decision.left.message}`);
  return [...decision.right];
};

/** The history after each command in turn. */
export const history = (...commands: MembershipCommand[]): MembershipEvent[] =>
  commands.reduce<MembershipEvent[]>((events, c) => [...events, ...run(events, c)], []);

export const stateOf = (events: readonly MembershipEvent[]): MembershipState => events.reduce(membershipDecider.evolve, membershipDecider.initialState);

export const charges = (events: readonly MembershipEvent[]) =>
  events.flatMap((e) => (e.type === 'MembershipChargeRequested' ? [e.data] : []));

export const lastCharge = (events: readonly MembershipEvent[]) => {
  const all = charges(events);
  const last = all[all.length - 1];
  if (last === undefined) throw new Error('no charge');
  return last;
};

export const on = (date: string): LocalDate => d(date);
