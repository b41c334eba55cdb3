/**
 * Between memberships and wallets. The membership decides every amount (the wallet
 * credit it applied is a line of its charge, from the balance given to it with the
 * command); this process manager only records the same amounts in the client's wallet:
 *
 * - a charge that applied wallet credit → `ApplyWalletToMembershipCharge`;
 * - a tier change whose negative net goes to the wallet → `CreditWallet` (reason `downgrade`);
 * - a payment above the charge → `CreditWallet` (reason `overpayment`);
 * - an unpaid charge written off to the client → `RecordUnpaidMembershipCharge` (the wallet goes negative).
 *
 * Each command's id is derived from the causing event, so replays and retries apply once.
 */
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import { deriveId } from '../values/ids.js';
import { negate } from '../values/money.js';
import type { MembershipEvent } from '../memberships/events.js';
import type { WalletCommand } from '../wallet/commands.js';

export const membershipWalletFlow: ProcessManager<MembershipEvent, WalletCommand> = {
  name: 'membership-wallet',
  handles: ['MembershipChargeRequested', 'MembershipTierChanged', 'MembershipPaymentSucceeded', 'MembershipChargeUnpaid'],
  react: (event): readonly Dispatch<WalletCommand>[] => {
    const dispatch = (purpose: string, command: WalletCommand): Dispatch<WalletCommand> => ({
      command,
      commandId: deriveId(event.eventId, purpose),
      actor: 'system',
    });
    switch (event.type) {
      case 'MembershipChargeRequested': {
        const d = event.data;
        return d.lines
          .filter((l) => l.kind === 'wallet-credit' && l.amount.amount < 0)
          .map((l) =>
            dispatch('wallet/apply', {
              type: 'ApplyWalletToMembershipCharge',
              clientId: d.clientId,
              on: d.requestedOn,
              amount: negate(l.amount),
              membershipId: d.membershipId,
              chargeId: d.chargeId,
            }),
          );
      }
      case 'MembershipTierChanged': {
        const d = event.data;
        if (d.settlement !== 'wallet' || d.net.amount >= 0) return [];
        return [
          dispatch('wallet/downgrade-credit', {
            type: 'CreditWallet',
            clientId: d.clientId,
            on: d.changedOn,
            amount: negate(d.net),
            reason: 'downgrade',
            reference: `${d.membershipId}: ${d.from.name} → ${d.to.name}`,
          }),
        ];
      }
      case 'MembershipPaymentSucceeded': {
        const d = event.data;
        if (d.overpayment.amount <= 0) return [];
        return [
          dispatch('wallet/overpayment', {
            type: 'CreditWallet',
            clientId: d.clientId,
            on: d.paidOn,
            amount: d.overpayment,
            reason: 'overpayment',
            reference: d.chargeId,
          }),
        ];
      }
      case 'MembershipChargeUnpaid': {
        const d = event.data;
        return [
          dispatch('wallet/unpaid', {
            type: 'RecordUnpaidMembershipCharge',
            clientId: d.clientId,
            on: d.on,
            amount: d.amount,
            membershipId: d.membershipId,
            chargeId: d.chargeId,
          }),
        ];
      }
      default:
        return [];
    }
  },
};
