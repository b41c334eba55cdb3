/** The facts of a membership plan (stream `plan-<planId>`): its versions and its retirement. */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type RegistryEvent } from '../kernel/codecs.js';
import { LocalDateC } from '../values/local-date.js';
import { MembershipTermsC, NonNegativeIntegerC } from '../memberships/terms.js';

export const PlanExistingMembersC = t.keyof({ grandfathered: null, 'move-at-renewal': null }, 'ExistingMembers');

export const MembershipPlanDefined = defineEvent('MembershipPlanDefined', t.type({ planId: t.string, definedOn: LocalDateC, terms: MembershipTermsC }));
export const MembershipPlanRevised = defineEvent(
  'MembershipPlanRevised',
  t.type({
    planId: t.string,
    revisedOn: LocalDateC,
    /** The new version's terms. */
    terms: MembershipTermsC,
    /** Whether members on older versions keep them, or move at their first renewal after the notice. */
    existingMembers: PlanExistingMembersC,
    noticeDays: NonNegativeIntegerC,
  }),
);
export const MembershipPlanRetired = defineEvent('MembershipPlanRetired', t.type({ planId: t.string, retiredOn: LocalDateC }));

export const membershipPlanEvents = createEventRegistry([MembershipPlanDefined, MembershipPlanRevised, MembershipPlanRetired]);
export type MembershipPlanEvent = RegistryEvent<typeof membershipPlanEvents>;
