/**
 * A plan revised with `existingMembers: 'move-at-renewal'` moves each member on an older
 * version to the new one at their first renewal after the notice. Which members are on
 * the plan is a read model (`membershipsOnPlan` in projections/memberships), so this is a
 * process manager with one more input: the revision event and the members it concerns.
 * Each command id is derived from the revision event and the membership, so sending the
 * moves again applies each once; a grandfathered revision sends nothing.
 */
import type { Dispatch } from '../kernel/process-manager.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import { deriveId } from '../values/ids.js';
import type { MembershipCommand } from '../memberships/commands.js';
import type { MembershipPlanEvent } from '../membership-plans/events.js';

/** A membership and the plan version it is on. */
export interface MemberOnPlan {
  readonly membershipId: string;
  readonly planId: string;
  readonly version: number;
}

export const planRevisionDispatches = (
  event: RecordedEvent<MembershipPlanEvent>,
  members: readonly MemberOnPlan[],
): readonly Dispatch<MembershipCommand>[] => {
  if (event.type !== 'MembershipPlanRevised' || event.data.existingMembers !== 'move-at-renewal') return [];
  const { terms, revisedOn, noticeDays } = event.data;
  return members
    .filter((m) => m.planId === terms.planId && m.version < terms.version)
    .map((m) => ({
      command: { type: 'MoveMembershipToPlanVersion', membershipId: m.membershipId, on: revisedOn, terms, noticeDays },
      commandId: deriveId(event.eventId, `plan-revision/${m.membershipId}`),
      actor: event.metadata.actor ?? 'system',
    }));
};
