/**
 * The rules of a bulk order. The order holds all of its codes, so placing it checks them
 * unique in one decision and writes them in one append, and a redemption is one append to
 * the order's stream at the revision it was decided on: of two redemptions of one code,
 * only one can be written, and the other is decided again and refused. The package a code
 * gives has an id derived from the order and the code, so it is created once.
 */
import { left, map, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../../kernel/errors.js';
import { deriveId } from '../../values/ids.js';
import { percent } from '../../values/percent.js';
import { quoteBulkOrder } from '../../rules/package-pricing.js';
import { packageExpiresOn } from '../../rules/package-expiry.js';
import { checkPackageContent } from '../validate.js';
import type { BulkOrderCommand } from './commands.js';
import type { BulkOrderEvent } from './events.js';
import type { BulkOrderState } from './state.js';

/** The id of the package a bulk order code gives. */
export const bulkPackageId = (orderId: string, code: string): string => deriveId(`bulkorder-${orderId}`, `code/${code}`);

type Decision = Either<DomainError, readonly BulkOrderEvent[]>;

export const decideBulkOrder = (command: BulkOrderCommand, state: BulkOrderState): Decision => {
  switch (command.type) {
    case 'OrderBulkPackages': {
      if (state.status !== 'none') {
        return left(domainError('BULK_ORDER_EXISTS', `Bulk order ${command.orderId} has already been placed.`, { details: { orderId: command.orderId } }));
      }
      if (command.codes.length !== command.quantity) {
        return left(
          domainError('BULK_CODES_MISMATCH', `A bulk order of ${command.quantity} packages needs ${command.quantity} codes, not ${command.codes.length}.`, {
            field: 'codes',
          }),
        );
      }
      const duplicate = command.codes.find((code, i) => command.codes.indexOf(code) !== i);
      if (duplicate !== undefined) {
        return left(domainError('DUPLICATE_BULK_CODE', `The code "${duplicate}" is given twice; each package needs its own code.`, { field: 'codes' }));
      }
      const discountPercent = command.discountPercent ?? percent(0);
      return pipe(
        checkPackageContent(command.terms),
        map((terms): readonly BulkOrderEvent[] => {
          const quote = quoteBulkOrder(terms.price, command.quantity, discountPercent);
          const expiresOn = packageExpiresOn(command.on, terms.validity);
          return [
            {
              type: 'BulkPackagesOrdered',
              data: {
                orderId: command.orderId,
                businessId: command.businessId,
                terms,
                quantity: command.quantity,
                codes: command.codes,
                orderedOn: command.on,
                listTotal: quote.listTotal,
                discountPercent,
                discount: quote.discount,
                total: quote.total,
                packagePrices: quote.packagePrices,
                ...(expiresOn !== undefined ? { expiresOn } : {}),
              },
            },
          ];
        }),
      );
    }
    case 'RedeemBulkPackageCode': {
      if (state.status === 'none') {
        return left(domainError('BULK_ORDER_NOT_FOUND', `There is no bulk order ${command.orderId}.`, { details: { orderId: command.orderId } }));
      }
      const index = state.codes.indexOf(command.code);
      const pricePaid = state.packagePrices[index];
      const details = { orderId: state.orderId };
      if (pricePaid === undefined) {
        return left(domainError('UNKNOWN_BULK_CODE', `"${command.code}" is not a code of bulk order ${state.orderId}.`, { details }));
      }
      const earlier = state.redemptions.find((r) => r.code === command.code);
      if (earlier !== undefined) {
        return left(
          domainError('BULK_CODE_ALREADY_REDEEMED', `The code "${command.code}" was redeemed on ${earlier.on}; a code redeems once.`, { details }),
        );
      }
      if (command.on < state.orderedOn) {
        return left(domainError('DATE_BEFORE_PURCHASE', `Bulk order ${state.orderId} was placed on ${state.orderedOn}, after ${command.on}.`, { details }));
      }
      if (state.expiresOn !== undefined && command.on >= state.expiresOn) {
        return left(
          domainError('BULK_CODE_EXPIRED', `The packages of bulk order ${state.orderId} expired on ${state.expiresOn}; the code can no longer be redeemed.`, {
            details,
          }),
        );
      }
      return right([
        {
          type: 'BulkPackageCodeRedeemed',
          data: {
            orderId: state.orderId,
            businessId: state.businessId,
            code: command.code,
            clientId: command.clientId,
            packageId: bulkPackageId(state.orderId, command.code),
            on: command.on,
            orderedOn: state.orderedOn,
            terms: state.terms,
            discountPercent: state.discountPercent,
            pricePaid,
          },
        },
      ]);
    }
  }
};
