/**
 * Packages: bundles of sessions bought once and used over time. Three aggregates:
 * - the catalog (`packagedefinition-<definitionId>`): definitions and their versions;
 * - a sold package (`package-<packageId>`): its units, their use, expiry, refund, transfer
 *   and sharing;
 * - a bulk order (`bulkorder-<orderId>`): N packages for a business with N unique codes.
 */
import type { Decider } from '../kernel/decider.js';
import type { PackageCommand } from './commands.js';
import { decidePackage } from './decide.js';
import type { PackageEvent } from './events.js';
import { evolvePackage, packageInitialState, type PackageState } from './state.js';

export * from './terms.js';
export * from './events.js';
export * from './commands.js';
export * from './state.js';
export { checkPackageContent } from './validate.js';
export { decidePackage } from './decide.js';
export * from './catalog/index.js';
export * from './bulk-orders/index.js';

export const packageDecider: Decider<PackageCommand, PackageEvent, PackageState> = {
  initialState: packageInitialState,
  evolve: evolvePackage,
  decide: decidePackage,
};

/** The stream of a sold package. */
export const packageStream = (packageId: string): string => `package-${packageId}`;
/** The stream a package command addresses. */
export const packageStreamOf = (command: PackageCommand): string => packageStream(command.packageId);
