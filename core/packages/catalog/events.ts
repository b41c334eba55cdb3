/** The facts of the package catalog: a definition, each edit as a new version, its retirement. */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type EventOf } from '../../kernel/codecs.js';
import { LocalDateC } from '../../values/local-date.js';
import { PackageCountC, PackageIdC, PackageTermsC } from '../terms.js';

/** A package was created in the catalog: version 1 of its terms. */
export const PackageDefined = defineEvent('PackageDefined', t.type({ terms: PackageTermsC, on: LocalDateC }));
/** A definition was edited: the terms of its next version. Packages sold before keep theirs. */
export const PackageDefinitionRevised = defineEvent('PackageDefinitionRevised', t.type({ terms: PackageTermsC, on: LocalDateC }));
/** A definition is no longer sold; packages already sold are unaffected. */
export const PackageDefinitionRetired = defineEvent(
  'PackageDefinitionRetired',
  t.type({ definitionId: PackageIdC, version: PackageCountC, on: LocalDateC }),
);

export const packageCatalogEvents = createEventRegistry([PackageDefined, PackageDefinitionRevised, PackageDefinitionRetired]);
export type PackageCatalogEvent =
  | EventOf<typeof PackageDefined>
  | EventOf<typeof PackageDefinitionRevised>
  | EventOf<typeof PackageDefinitionRetired>;
