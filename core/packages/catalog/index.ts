/**
 * The package catalog: one stream per package definition, `packagedefinition-<id>`, holding
 * every version of its terms.
 */
import type { Decider } from '../../kernel/decider.js';
import type { PackageCatalogCommand } from './commands.js';
import { decidePackageCatalog } from './decide.js';
import type { PackageCatalogEvent } from './events.js';
import { evolvePackageCatalog, packageCatalogInitialState, type PackageCatalogState } from './state.js';

export * from './events.js';
export * from './commands.js';
export * from './state.js';
export { decidePackageCatalog, packageTermsForSale } from './decide.js';

export const packageCatalogDecider: Decider<PackageCatalogCommand, PackageCatalogEvent, PackageCatalogState> = {
  initialState: packageCatalogInitialState,
  evolve: evolvePackageCatalog,
  decide: decidePackageCatalog,
};

/** The stream of a package definition. */
export const packageDefinitionStream = (definitionId: string): string => `packagedefinition-${definitionId}`;
/** The stream a catalog command addresses. */
export const packageCatalogStreamOf = (command: PackageCatalogCommand): string => packageDefinitionStream(command.definitionId);
