/** A plan's state: its versions in order (version n at index n − 1) and whether it is retired. */
import type { MembershipTerms } from '../memberships/terms.js';
import type { MembershipPlanEvent } from './events.js';

export type MembershipPlanState =
  | { readonly defined: false }
  | { readonly defined: true; readonly planId: string; readonly versions: readonly MembershipTerms[]; readonly retired: boolean };

export const initialMembershipPlanState: MembershipPlanState = { defined: false };

export const evolveMembershipPlanState = (state: MembershipPlanState, event: MembershipPlanEvent): MembershipPlanState => {
  switch (event.type) {
    case 'MembershipPlanDefined':
      return { defined: true, planId: event.data.planId, versions: [event.data.terms], retired: false };
    case 'MembershipPlanRevised':
      return state.defined ? { ...state, versions: [...state.versions, event.data.terms] } : state;
    case 'MembershipPlanRetired':
      return state.defined ? { ...state, retired: true } : state;
  }
};

/** The plan's latest terms (what a new member signs up on), or `undefined` if it is not defined. */
export const currentMembershipPlanTerms = (state: MembershipPlanState): MembershipTerms | undefined =>
  state.defined ? state.versions[state.versions.length - 1] : undefined;

/** The terms of one version of the plan. */
export const membershipPlanTermsAt = (state: MembershipPlanState, version: number): MembershipTerms | undefined =>
  state.defined ? state.versions[version - 1] : undefined;
