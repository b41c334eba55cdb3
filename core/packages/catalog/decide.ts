/**
 * The rules of the catalog. Creating a package gives it version 1; every edit records a
 * new version (packages already sold keep the version they were sold with); a retired
 * definition is no longer sold or edited.
 */
import { left, map, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../../kernel/errors.js';
import { packageRestrictions, type PackageContent, type PackageTerms } from '../terms.js';
import { checkPackageContent } from '../validate.js';
import type { PackageCatalogCommand } from './commands.js';
import type { PackageCatalogEvent } from './events.js';
import type { PackageCatalogState } from './state.js';

type DefinitionCommand = Extract<PackageCatalogCommand, { type: 'DefinePackage' | 'RevisePackageDefinition' }>;

/** The content of a definition command, with defaults filled in and nothing undefined. */
const contentOf = (command: DefinitionCommand): PackageContent => ({
  name: command.name,
  items: command.items,
  price: command.price,
  restrictions: packageRestrictions(command.restrictions),
  ...(command.description !== undefined ? { description: command.description } : {}),
  ...(command.validity !== undefined ? { validity: command.validity } : {}),
  ...(command.programId !== undefined ? { programId: command.programId } : {}),
});

const termsOf = (command: DefinitionCommand, version: number): Either<DomainError, PackageTerms> =>
  checkPackageContent({ definitionId: command.definitionId, version, ...contentOf(command) });

const notFound = (definitionId: string): DomainError =>
  domainError('PACKAGE_DEFINITION_NOT_FOUND', `There is no package definition ${definitionId}.`, { details: { definitionId } });

export const decidePackageCatalog = (
  command: PackageCatalogCommand,
  state: PackageCatalogState,
): Either<DomainError, readonly PackageCatalogEvent[]> => {
  switch (command.type) {
    case 'DefinePackage':
      if (state.status !== 'undefined') {
        return left(
          domainError('PACKAGE_DEFINITION_EXISTS', `Package definition ${command.definitionId} already exists; revise it instead.`, {
            details: { definitionId: command.definitionId },
          }),
        );
      }
      return pipe(
        termsOf(command, 1),
        map((terms): readonly PackageCatalogEvent[] => [{ type: 'PackageDefined', data: { terms, on: command.on } }]),
      );
    case 'RevisePackageDefinition': {
      if (state.status === 'undefined') return left(notFound(command.definitionId));
      if (state.status === 'retired') {
        return left(
          domainError('PACKAGE_DEFINITION_RETIRED', `Package definition ${command.definitionId} is retired and can no longer be edited.`, {
            details: { definitionId: command.definitionId },
          }),
        );
      }
      return pipe(
        termsOf(command, state.versions.length + 1),
        map((terms): readonly PackageCatalogEvent[] => [{ type: 'PackageDefinitionRevised', data: { terms, on: command.on } }]),
      );
    }
    case 'RetirePackageDefinition':
      if (state.status === 'undefined') return left(notFound(command.definitionId));
      if (state.status === 'retired') return right([]);
      return right([
        { type: 'PackageDefinitionRetired', data: { definitionId: state.definitionId, version: state.versions.length, on: command.on } },
      ]);
  }
};

/**
 * The terms to sell: the current version of an active definition, or a given version
 * (to honour a quote made before an edit).
 */
export const packageTermsForSale = (state: PackageCatalogState, version?: number): Either<DomainError, PackageTerms> => {
  if (state.status === 'undefined') {
    return left(domainError('PACKAGE_DEFINITION_NOT_FOUND', 'There is no such package definition.'));
  }
  if (state.status === 'retired') {
    return left(
      domainError('PACKAGE_DEFINITION_RETIRED', `Package definition ${state.definitionId} is retired and is no longer sold.`, {
        details: { definitionId: state.definitionId },
      }),
    );
  }
  const terms = state.versions[(version ?? state.versions.length) - 1];
  if (terms === undefined) {
    return left(
      domainError('PACKAGE_VERSION_NOT_FOUND', `Package definition ${state.definitionId} has no version ${String(version)}.`, {
        details: { definitionId: state.definitionId, versions: state.versions.length },
      }),
    );
  }
  return right(terms);
};
