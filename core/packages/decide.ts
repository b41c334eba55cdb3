/** The rules of a sold package, one function per command (see the decide-*.ts files). */
import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from '../kernel/errors.js';
import type { PackageCommand } from './commands.js';
import type { PackageEvent } from './events.js';
import { decideExpirePackage, decideExtendPackage, decideIssueExpiryNotice, decideRefundPackage } from './decide-lifecycle.js';
import { decideApplyService, decideIssueBulkPackage, decideSellPackage } from './decide-sale.js';
import { decideRecordCreditRestore, decideRecordCreditUnavailable, decideRecordCreditUse } from './decide-credit-use.js';
import {
  decideCancelTransfer,
  decideClaimTransfer,
  decideOfferTransfer,
  decideSharePackage,
  decideStopSharing,
} from './decide-transfer.js';
import type { PackageState } from './state.js';

export const decidePackage = (command: PackageCommand, state: PackageState): Either<DomainError, readonly PackageEvent[]> => {
  switch (command.type) {
    case 'SellPackage':
      return decideSellPackage(command, state);
    case 'IssueBulkPackage':
      return decideIssueBulkPackage(command, state);
    case 'ApplyServiceToPackage':
      return decideApplyService(command, state);
    case 'ExpirePackage':
      return decideExpirePackage(command, state);
    case 'ExtendPackage':
      return decideExtendPackage(command, state);
    case 'IssuePackageExpiryNotice':
      return decideIssueExpiryNotice(command, state);
    case 'RefundPackage':
      return decideRefundPackage(command, state);
    case 'OfferPackageTransfer':
      return decideOfferTransfer(command, state);
    case 'CancelPackageTransfer':
      return decideCancelTransfer(command, state);
    case 'ClaimPackageTransfer':
      return decideClaimTransfer(command, state);
    case 'SharePackage':
      return decideSharePackage(command, state);
    case 'StopSharingPackage':
      return decideStopSharing(command, state);
    case 'RecordPackageCreditUse':
      return decideRecordCreditUse(command, state);
    case 'RecordPackageCreditRestore':
      return decideRecordCreditRestore(command, state);
    case 'RecordPackageCreditUnavailable':
      return decideRecordCreditUnavailable(command, state);
  }
};
