/** Requests to the package catalog. */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../../kernel/commands.js';
import { LocalDateC } from '../../values/local-date.js';
import { MoneyC } from '../../values/money.js';
import { PackageIdC, PackageItemC, PackageRestrictionsInputC, PackageValidityC } from '../terms.js';

/** The content of a definition as a caller gives it; restrictions left out take their defaults. */
const definitionFields = t.intersection([
  t.type({
    definitionId: PackageIdC,
    name: PackageIdC,
    items: t.readonlyArray(PackageItemC),
    price: MoneyC,
    on: LocalDateC,
  }),
  t.partial({
    description: t.string,
    validity: PackageValidityC,
    restrictions: PackageRestrictionsInputC,
    programId: PackageIdC,
  }),
]);

const packageCatalogCommandCodecs = {
  /** Creates a package definition (version 1). */
  DefinePackage: definitionFields,
  /** Replaces a definition's content with a new version; packages already sold keep theirs. */
  RevisePackageDefinition: definitionFields,
  /** Stops selling a definition. */
  RetirePackageDefinition: t.type({ definitionId: PackageIdC, on: LocalDateC }),
};

export const packageCatalogCommands = commandDecoder(packageCatalogCommandCodecs);
export type PackageCatalogCommand = CommandOf<typeof packageCatalogCommandCodecs>;
