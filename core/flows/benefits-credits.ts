/**
 * Between a membership's benefits and the credits ledgers: the benefits decide, this flow
 * records the same decisions in each ledger concerned —
 *
 * - a period opened, a top-up or a member who joined → `GrantCredits` (source `membership`,
 *   the period's reference, expiring at the period's end);
 * - a period closed → `RollOverCredits` of the period's reference in each ledger holding
 *   it, at the plan's percent and cap (0 % when the plan rolls nothing over: every unused
 *   credit expires); rolled credits keep the period's reference, so a later pause, void or
 *   end finds them;
 * - credits frozen by a pause or moved by the extension → `ExtendCreditExpiry` by the days;
 * - credits voided → `VoidCredits` of the reference.
 *
 * Each command id is derived from the causing event and the ledger, so a period's
 * benefits are granted once whatever the replays or retries.
 *
 * Ordering: a period's credits expire on the day after its last day, the day the next
 * period starts and the rollover is decided. Send the membership's steps of a date (and
 * run the flows) before the credits expiry tick (`ExpireCredits`) of that date, or the tick
 * expires what would have rolled over.
 */
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import { deriveId } from '../values/ids.js';
import type { LocalDate } from '../values/local-date.js';
import { percent } from '../values/percent.js';
import type { CreditsCommand } from '../credits/commands.js';
import type { BenefitGrant, BenefitHolding, MembershipBenefitsEvent } from '../membership-benefits/events.js';

export const benefitsCreditsFlow: ProcessManager<MembershipBenefitsEvent, CreditsCommand> = {
  name: 'benefits-credits',
  handles: ['MembershipBenefitsPeriodOpened', 'MembershipBenefitsGranted', 'MembershipBenefitsPeriodClosed', 'MembershipBenefitsFrozen', 'MembershipBenefitsExtended', 'MembershipBenefitsVoided'],
  react: (event): readonly Dispatch<CreditsCommand>[] => {
    const dispatch = (purpose: string, command: CreditsCommand): Dispatch<CreditsCommand> => ({ command, commandId: deriveId(event.eventId, purpose), actor: 'system' });
    const grants = (list: readonly BenefitGrant[], reference: string, expiresOn: LocalDate, on: LocalDate, note: string) =>
      list.map((g, i) =>
        dispatch(`credits/grant/${i}`, { type: 'GrantCredits', clientId: g.clientId, appointmentType: g.serviceId, quantity: g.quantity, source: 'membership', reference, expiresOn, on, note }),
      );
    const pushes = (held: readonly BenefitHolding[], days: number, on: LocalDate, reason: string) =>
      held.map((h, i) => dispatch(`credits/extend/${i}`, { type: 'ExtendCreditExpiry', clientId: h.clientId, reference: h.reference, byDays: days, reason, on }));
    switch (event.type) {
      case 'MembershipBenefitsPeriodOpened': {
        const d = event.data;
        const what = d.periodNumber === 0 ? 'trial' : `period ${d.periodNumber}`;
        return grants(d.grants, d.reference, d.expiresOn, d.period.start, `${d.tier.name} membership, ${what}`);
      }
      case 'MembershipBenefitsGranted': {
        const d = event.data;
        const note = d.reason === 'tier-change' ? 'Change of membership tier' : d.reason === 'member-joined' ? 'Joined the household' : 'Benefits restored after payment';
        return grants(d.grants, d.reference, d.expiresOn, d.grantedOn, note);
      }
      case 'MembershipBenefitsPeriodClosed': {
        const d = event.data;
        return d.holders.map((clientId, i) =>
          dispatch(`credits/close/${i}`, {
            type: 'RollOverCredits',
            clientId,
            fromReference: d.reference,
            toReference: d.reference,
            percent: d.rollover?.percent ?? percent(0),
            cap: d.rollover?.cap ?? null,
            expiresOn: d.rolledExpireOn,
            on: d.closedOn,
          }),
        );
      }
      case 'MembershipBenefitsFrozen': {
        const d = event.data;
        return pushes(d.pushed, d.days, d.pausedOn, `Membership paused from ${d.pausedOn} to ${d.resumesOn}`);
      }
      case 'MembershipBenefitsExtended': {
        const d = event.data;
        return pushes(d.pushed, d.days, d.extendedOn, 'One-time extension of the membership period');
      }
      case 'MembershipBenefitsVoided': {
        const d = event.data;
        const reason = d.reason === 'member-removed' ? 'Removed from the household' : d.reason === 'cancelled-immediately' ? 'Membership cancelled' : 'Membership ended';
        return d.voided.map((h, i) => dispatch(`credits/void/${i}`, { type: 'VoidCredits', clientId: h.clientId, reference: h.reference, reason, on: d.voidedOn }));
      }
      default:
        return [];
    }
  },
};
