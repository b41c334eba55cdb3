/**
 * Bulk code redeemed → package issued. When an employee redeems a bulk order code, the
 * package the code stands for is issued to them on its own stream, at the price the order
 * allocated to it and with the order's dates. The command id derives from the redemption
 * event, and the package id from the order and the code, so a retry issues it once.
 */
import type { ProcessManager } from '../kernel/process-manager.js';
import { deriveId } from '../values/ids.js';
import type { BulkOrderEvent, PackageCommand } from '../packages/index.js';

export const bulkPackageIssuedFlow: ProcessManager<BulkOrderEvent, PackageCommand> = {
  name: 'bulk-package-issued',
  handles: ['BulkPackageCodeRedeemed'],
  react: (event) => {
    if (event.type !== 'BulkPackageCodeRedeemed') return [];
    const d = event.data;
    return [
      {
        command: {
          type: 'IssueBulkPackage',
          packageId: d.packageId,
          clientId: d.clientId,
          terms: d.terms,
          orderId: d.orderId,
          businessId: d.businessId,
          code: d.code,
          orderedOn: d.orderedOn,
          discountPercent: d.discountPercent,
          pricePaid: d.pricePaid,
          on: d.on,
        },
        commandId: deriveId(event.eventId, 'issue-bulk-package'),
        actor: event.metadata.actor ?? 'system',
      },
    ];
  },
};
