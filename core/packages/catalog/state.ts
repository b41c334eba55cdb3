/** The state of one package definition: every version of its terms, and whether it is still sold. */
import type { PackageTerms } from '../terms.js';
import type { PackageCatalogEvent } from './events.js';

export type PackageCatalogState =
  | { readonly status: 'undefined' }
  | {
      readonly status: 'active' | 'retired';
      readonly definitionId: string;
      /** Every version, oldest first; the last is the current one. */
      readonly versions: readonly PackageTerms[];
    };

export const packageCatalogInitialState: PackageCatalogState = { status: 'undefined' };

export const evolvePackageCatalog = (state: PackageCatalogState, event: PackageCatalogEvent): PackageCatalogState => {
  switch (event.type) {
    case 'PackageDefined':
      return { status: 'active', definitionId: event.data.terms.definitionId, versions: [event.data.terms] };
    case 'PackageDefinitionRevised':
      return state.status === 'undefined' ? state : { ...state, versions: [...state.versions, event.data.terms] };
    case 'PackageDefinitionRetired':
      return state.status === 'undefined' ? state : { ...state, status: 'retired' };
  }
};

/** The current version of a definition, if it has been defined. */
export const currentPackageTerms = (state: PackageCatalogState): PackageTerms | undefined =>
  state.status === 'undefined' ? undefined : state.versions[state.versions.length - 1];
