/** The checks a package's content must pass, in the catalog and again at a sale. */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { PackageContent } from './terms.js';

/** Items present, one currency throughout, no negative amounts, each service once. */
export const checkPackageContent = <T extends PackageContent>(content: T): Either<DomainError, T> => {
  if (content.items.length === 0) {
    return left(domainError('PACKAGE_HAS_NO_ITEMS', `"${content.name}" must include at least one service.`, { field: 'items' }));
  }
  if (content.price.amount < 0) {
    return left(domainError('NEGATIVE_PRICE', `The price of "${content.name}" cannot be negative.`, { field: 'price' }));
  }
  const seen = new Set<string>();
  for (const [i, item] of content.items.entries()) {
    if (item.unitValue.currency !== content.price.currency) {
      return left(
        domainError(
          'CURRENCY_MISMATCH',
          `The unit value of ${item.serviceId} is in ${item.unitValue.currency} but the package is priced in ${content.price.currency}.`,
          { field: `items.${i}.unitValue` },
        ),
      );
    }
    if (item.unitValue.amount < 0) {
      return left(domainError('NEGATIVE_PRICE', `The unit value of ${item.serviceId} cannot be negative.`, { field: `items.${i}.unitValue` }));
    }
    if (seen.has(item.serviceId)) {
      return left(
        domainError('DUPLICATE_SERVICE', `${item.serviceId} appears twice in "${content.name}"; give it one item with the total quantity.`, {
          field: `items.${i}.serviceId`,
        }),
      );
    }
    seen.add(item.serviceId);
  }
  return right(content);
};
