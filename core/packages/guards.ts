/** Refusals shared by the rules of a sold package. */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { LocalDate } from '../values/local-date.js';
import { packageHasExpiredOn, type PackageState, type SoldPackage } from './state.js';

export const packageNotFound = (packageId: string): DomainError =>
  domainError('PACKAGE_NOT_FOUND', `There is no sold package ${packageId}.`, { details: { packageId } });

export const packageRefunded = (p: SoldPackage): DomainError =>
  domainError('PACKAGE_REFUNDED', `"${p.terms.name}" was refunded; its unused services are void.`, { details: { packageId: p.packageId } });

export const packageExpired = (p: SoldPackage, reason = 'it cannot be used after that date'): DomainError =>
  domainError('PACKAGE_EXPIRED', `"${p.terms.name}" expired on ${p.expiresOn ?? 'its expiry date'}; ${reason}.`, {
    details: { packageId: p.packageId, expiresOn: p.expiresOn ?? null },
  });

/** The package when it has been sold. */
export const soldPackage = (state: PackageState, packageId: string): Either<DomainError, SoldPackage> =>
  state.status === 'unsold' ? left(packageNotFound(packageId)) : right(state);

/** The package when it has been sold, is not refunded and has not expired on `on`. */
export const openPackage = (state: PackageState, packageId: string, on: LocalDate): Either<DomainError, SoldPackage> => {
  if (state.status === 'unsold') return left(packageNotFound(packageId));
  if (state.status === 'refunded') return left(packageRefunded(state));
  if (packageHasExpiredOn(state, on)) return left(packageExpired(state));
  return right(state);
};
