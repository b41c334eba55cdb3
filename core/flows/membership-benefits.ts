/**
 * Between a membership and its benefits: each fact of the membership that matters to its
 * benefits becomes a command to `benefits-<membershipId>` carrying the fact's data —
 * sign-up, a trial or a period starting, a change of tier, a pause and its end, the
 * one-time extension, a cancellation, the end, each charge (for households billed in
 * shares), and benefits suspended for an unpaid charge and restored once it is paid. Command ids are derived from the causing event, so a replay or a retry is
 * applied once; the benefits also ignore a period they have already opened.
 */
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import { deriveId } from '../values/ids.js';
import type { MembershipEvent } from '../memberships/events.js';
import type { MembershipBenefitsCommand } from '../membership-benefits/commands.js';

export const membershipBenefitsFlow: ProcessManager<MembershipEvent, MembershipBenefitsCommand> = {
  name: 'membership-benefits',
  handles: [
    'MembershipSignedUp',
    'MembershipTrialStarted',
    'MembershipPeriodStarted',
    'MembershipTierChanged',
    'MembershipPaused',
    'MembershipResumed',
    'MembershipPeriodExtended',
    'MembershipCancellationRequested',
    'MembershipEnded',
    'MembershipChargeRequested',
    'MembershipBenefitsSuspended',
    'MembershipBenefitsRestored',
  ],
  react: (event): readonly Dispatch<MembershipBenefitsCommand>[] => {
    const send = (command: MembershipBenefitsCommand): readonly Dispatch<MembershipBenefitsCommand>[] => [
      { command, commandId: deriveId(event.eventId, `benefits/${command.type}`), actor: 'system' },
    ];
    switch (event.type) {
      case 'MembershipSignedUp': {
        const d = event.data;
        return send({ type: 'OpenMembershipBenefits', membershipId: d.membershipId, on: d.signedUpOn, primaryClientId: d.clientId, startsOn: d.startsOn, terms: d.terms });
      }
      case 'MembershipTrialStarted': {
        const d = event.data;
        return send({ type: 'StartMembershipBenefitsPeriod', membershipId: d.membershipId, on: d.startedOn, periodNumber: 0, period: { start: d.startedOn, end: d.endsOn } });
      }
      case 'MembershipPeriodStarted': {
        const d = event.data;
        return send({ type: 'StartMembershipBenefitsPeriod', membershipId: d.membershipId, on: d.period.start, periodNumber: d.periodNumber, period: d.period });
      }
      case 'MembershipTierChanged': {
        const d = event.data;
        return send({ type: 'ChangeMembershipBenefitsTier', membershipId: d.membershipId, on: d.changedOn, terms: d.to, timing: d.timing });
      }
      case 'MembershipPaused': {
        const d = event.data;
        return send({ type: 'FreezeMembershipBenefits', membershipId: d.membershipId, on: d.pausedOn, resumesOn: d.resumesOn, days: d.pausedDays, periodEndsOn: d.periodEndsOn });
      }
      case 'MembershipResumed': {
        const d = event.data;
        return send({ type: 'ThawMembershipBenefits', membershipId: d.membershipId, on: d.resumedOn, pausedDays: d.pausedDays, periodEndsOn: d.periodEndsOn });
      }
      case 'MembershipPeriodExtended': {
        const d = event.data;
        return send({ type: 'ExtendMembershipBenefits', membershipId: d.membershipId, on: d.extendedOn, days: d.days, periodEndsOn: d.periodEndsOn });
      }
      case 'MembershipCancellationRequested': {
        const d = event.data;
        return send({ type: 'CancelMembershipBenefits', membershipId: d.membershipId, on: d.requestedOn, benefitsEndOn: d.benefitsEndOn, effectiveOn: d.effectiveOn });
      }
      case 'MembershipEnded': {
        const d = event.data;
        return send({ type: 'EndMembershipBenefits', membershipId: d.membershipId, on: d.endedOn, reason: d.reason });
      }
      case 'MembershipChargeRequested': {
        const d = event.data;
        return send({ type: 'SplitMembershipCharge', membershipId: d.membershipId, on: d.requestedOn, chargeId: d.chargeId, total: d.total });
      }
      case 'MembershipBenefitsSuspended':
        return send({ type: 'SuspendMembershipBenefitGrants', membershipId: event.data.membershipId, on: event.data.suspendedOn });
      case 'MembershipBenefitsRestored':
        return send({ type: 'RestoreMembershipBenefitGrants', membershipId: event.data.membershipId, on: event.data.restoredOn });
      default:
        return [];
    }
  },
};
