/** What a practice can do with a membership plan (a tier): define it, revise it (a new version), retire it. */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../kernel/commands.js';
import { LocalDateC } from '../values/local-date.js';
import { MembershipPlanInputC, NonNegativeIntegerC } from '../memberships/terms.js';
import { PlanExistingMembersC } from './events.js';

const id = t.type({ planId: t.string, on: LocalDateC });

/** What a revision does to members on older versions. */
export interface MembershipPlanRevisionPolicy {
  /** Members keep their version (grandfathered), or move at their first renewal after the notice. @defaultValue `'grandfathered'` */
  readonly existingMembers?: t.TypeOf<typeof PlanExistingMembersC>;
  /** Days of notice before a moved member pays the new terms. @defaultValue 30 */
  readonly noticeDays?: number;
}
export const defaultMembershipPlanRevisionPolicy: Required<MembershipPlanRevisionPolicy> = { existingMembers: 'grandfathered', noticeDays: 30 };

const membershipPlanCommandCodecs = {
  DefineMembershipPlan: t.intersection([id, MembershipPlanInputC]),
  /** A new version with the given terms; `existingMembers` and `noticeDays` as in {@link MembershipPlanRevisionPolicy}. */
  ReviseMembershipPlan: t.intersection([id, MembershipPlanInputC, t.partial({ existingMembers: PlanExistingMembersC, noticeDays: NonNegativeIntegerC })]),
  RetireMembershipPlan: id,
};

export const membershipPlanCommands = commandDecoder(membershipPlanCommandCodecs);
export type MembershipPlanCommand = CommandOf<typeof membershipPlanCommandCodecs>;

export const membershipPlanStream = (planId: string): string => `plan-${planId}`;
export const membershipPlanCommandStream = (command: MembershipPlanCommand): string => membershipPlanStream(command.planId);
