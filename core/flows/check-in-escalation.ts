/**
 * Between the check-in escalation, programs and memberships: when a ladder ends — the
 * deadline of the final notice passed without a check-in, after a manager approved — the
 * client's program enrollment ends ("End the client program … ONLY END A CLIENT PROGRAM
 * ONCE A MANAGER HAS APPROVED IT") and the coaching membership is cancelled ("Stop the
 * Monthly Coaching Fee subscription"), both on the practice day the deadline falls on.
 *
 * It reacts to `EscalationEnded` only, and that event exists only after a
 * `ProgramEndApproved`, so nothing here ends a program without an approval. The removal
 * carries the approval (`check-in-non-compliance`), which is what lets the system remove a
 * client. Command ids are derived from the causing event, so replays and retries apply once.
 */
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import { deriveId } from '../values/ids.js';
import type { CheckInEvent } from '../check-ins/events.js';
import type { EnrollmentCommand } from '../programs/enrollment/commands.js';
import type { MembershipCommand } from '../memberships/commands.js';

/** The commands the flow sends: one to the enrollment stream, one to the membership stream. */
export type CheckInEscalationFlowCommand = EnrollmentCommand | MembershipCommand;

export interface CheckInEscalationFlowOptions {
  /** Whether the platform tells the client their program was ended. @defaultValue true */
  readonly tellClient?: boolean;
}

export const checkInEscalationFlow = (
  options: CheckInEscalationFlowOptions = {},
): ProcessManager<CheckInEvent, CheckInEscalationFlowCommand> => ({
  name: 'check-in-escalation',
  handles: ['EscalationEnded'],
  react: (event): readonly Dispatch<CheckInEscalationFlowCommand>[] => {
    if (event.type !== 'EscalationEnded') return [];
    const d = event.data;
    const dispatch = (purpose: string, command: CheckInEscalationFlowCommand): Dispatch<CheckInEscalationFlowCommand> => ({
      command,
      commandId: deriveId(event.eventId, purpose),
      actor: 'system',
    });
    const endEnrollment = dispatch('check-in-escalation/end-enrollment', {
      type: 'RemoveClientFromProgram',
      programId: d.programId,
      clientId: d.clientId,
      on: d.programEndsOn,
      by: { kind: 'system' },
      reason: {
        kind: 'check-in-non-compliance',
        approvedBy: d.approvedBy,
        approvedOn: d.approvedOn,
        escalationId: `${d.enrollmentId}/${d.issue}/${d.dueOn}`,
      },
      tellClient: options.tellClient ?? true,
    });
    if (d.coachingMembershipId === undefined) return [endEnrollment];
    return [
      endEnrollment,
      dispatch('check-in-escalation/cancel-coaching-membership', {
        type: 'CancelMembership',
        membershipId: d.coachingMembershipId,
        on: d.programEndsOn,
        reason: `Program ended for non-compliance (${d.issue}, due ${d.dueOn}), approved by ${d.approvedBy} on ${d.approvedOn}`,
      }),
    ];
  },
});
