/**
 * Between packages and wallets: a package refunded to the wallet ("credit to account,
 * apply to a new purchase") credits the owner's wallet with the refund, reason
 * `refund-to-credit`, reference the package id. Refunds to the card are requests for the
 * platform's payment processor and store credit is the platform's; both are recorded on
 * the package only. The command id is derived from the refund event.
 */
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import { deriveId } from '../values/ids.js';
import type { PackageEvent } from '../packages/events.js';
import type { WalletCommand } from '../wallet/commands.js';

export const packageWalletFlow: ProcessManager<PackageEvent, WalletCommand> = {
  name: 'package-wallet',
  handles: ['PackageRefunded'],
  react: (event): readonly Dispatch<WalletCommand>[] => {
    if (event.type !== 'PackageRefunded') return [];
    const d = event.data;
    if (d.method !== 'wallet' || d.amount.amount <= 0) return [];
    return [
      {
        command: { type: 'CreditWallet', clientId: d.clientId, on: d.on, amount: d.amount, reason: 'refund-to-credit', reference: d.packageId },
        commandId: deriveId(event.eventId, 'wallet/refund'),
        actor: 'system',
      },
    ];
  },
};
