/**
 * The facade's package methods: the catalog, sold packages and bulk orders. A sale or a
 * bulk order records the definition's terms, which the facade reads from
 * `packagedefinition-<definitionId>`; the practice's package policies fill refunds,
 * extensions and expiry notices. The flows then grant the package's credits, enroll its
 * program, and credit a refund to the wallet.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  packageCatalogDecider,
  packageCatalogEvents,
  packageDefinitionStream,
  packageTermsForSale,
  type BulkOrderCommand,
  type BulkOrderEvent,
  type PackageCatalogCommand,
  type PackageCatalogEvent,
  type PackageCommand,
  type PackageEvent,
  type PackageTerms,
} from '../packages/index.js';
import { domainError } from '../kernel/errors.js';
import { deriveId } from '../values/ids.js';
import { loyaltyDecider, loyaltyDiscount, loyaltyEvents, loyaltyStream } from '../loyalty/index.js';
import type { LedgerInput } from './inputs.js';
import { commandMethod, optionalId, reject, requireId, stateReader, without, type Fields, type Kit, type LedgerEnvelope, type Recorded, type Untyped } from './kit.js';

type Pk<T extends PackageCommand['type'], F extends PropertyKey = never> = LedgerInput<Extract<PackageCommand, { type: T }>, F>;
type Ca<T extends PackageCatalogCommand['type']> = LedgerInput<Extract<PackageCatalogCommand, { type: T }>>;
type Bu<T extends BulkOrderCommand['type'], F extends PropertyKey = never> = LedgerInput<Extract<BulkOrderCommand, { type: T }>, F>;
type PackageResult = Promise<Recorded<PackageEvent>>;

/** The definition a sale or a bulk order is for. */
export interface PackageDefinitionChoice {
  /** The package definition; the terms of its latest version (or `definitionVersion`) are recorded. A retired one is refused. */
  readonly definitionId: string;
  /** @defaultValue the definition's latest version */
  readonly definitionVersion?: number;
}

export type SellPackageInput = Pk<'SellPackage', 'terms' | 'packageId'> &
  PackageDefinitionChoice & {
    /** The new package's id. @defaultValue derived from `commandId` when given, else a fresh id */
    readonly packageId?: string;
  };

export type OrderBulkPackagesInput = Bu<'OrderBulkPackages', 'terms' | 'orderId'> &
  PackageDefinitionChoice & {
    /** The new order's id. @defaultValue derived from `commandId` when given, else a fresh id */
    readonly orderId?: string;
  };

export interface PackageMethods {
  /** Defines a package (a bundle of services at a price), version 1. */
  readonly definePackage: (input: Ca<'DefinePackage'>) => Promise<Recorded<PackageCatalogEvent>>;
  /** Revises a definition into a new version; packages already sold keep theirs. */
  readonly revisePackageDefinition: (input: Ca<'RevisePackageDefinition'>) => Promise<Recorded<PackageCatalogEvent>>;
  /** Stops selling a definition. */
  readonly retirePackageDefinition: (input: Ca<'RetirePackageDefinition'>) => Promise<Recorded<PackageCatalogEvent>>;
  /** Sells a package on its definition's terms; the flows grant its credits and enroll its program. */
  readonly sellPackage: (input: SellPackageInput) => PackageResult;
  /** Uses one unit of a package for a service at an appointment. */
  readonly applyServiceToPackage: (input: Pk<'ApplyServiceToPackage'>) => PackageResult;
  /** Voids the unused units once the expiry date has come (the schedule sends it). */
  readonly expirePackage: (input: Pk<'ExpirePackage'>) => PackageResult;
  /** Moves a package's expiry date (after the expiry only where the practice allows it). */
  readonly extendPackage: (input: Pk<'ExtendPackage', 'policy'>) => PackageResult;
  /** Records that the expiry notice is due (the schedule sends it). */
  readonly issuePackageExpiryNotice: (input: Pk<'IssuePackageExpiryNotice', 'policy'>) => PackageResult;
  /** Pays out the value remaining (to the wallet, the card or store credit) and voids the unused units. */
  readonly refundPackage: (input: Pk<'RefundPackage', 'policy'>) => PackageResult;
  /** Offers the package to a recipient, with an access code. */
  readonly offerPackageTransfer: (input: Pk<'OfferPackageTransfer'>) => PackageResult;
  /** Withdraws a transfer offer. */
  readonly cancelPackageTransfer: (input: Pk<'CancelPackageTransfer'>) => PackageResult;
  /** The recipient redeems the access code and owns the package; the flows move its credits. */
  readonly claimPackageTransfer: (input: Pk<'ClaimPackageTransfer'>) => PackageResult;
  /** Lets a named person use the package's units. */
  readonly sharePackage: (input: Pk<'SharePackage'>) => PackageResult;
  /** Stops sharing the package with someone. */
  readonly stopSharingPackage: (input: Pk<'StopSharingPackage'>) => PackageResult;
  /** A business buys packages in bulk, one unique code each; employees redeem the codes. */
  readonly orderBulkPackages: (input: OrderBulkPackagesInput) => Promise<Recorded<BulkOrderEvent>>;
  /** An employee redeems a bulk code; the flows issue the package to them. */
  readonly redeemBulkPackageCode: (input: Bu<'RedeemBulkPackageCode'>) => Promise<Recorded<BulkOrderEvent>>;
}

export const packageMethods = (kit: Kit): Untyped<PackageMethods> => {
  const { packages, packageCatalog, bulkOrders } = kit.aggregates;
  const policy = kit.policies.packages;
  const catalogState = stateReader(kit, packageCatalogDecider, packageCatalogEvents);
  const loyaltyState = stateReader(kit, loyaltyDecider, loyaltyEvents);

  const termsFor = async (fields: Fields): Promise<PackageTerms> => {
    const definitionId = requireId(fields, 'definitionId');
    if (isLeft(definitionId)) return reject(definitionId.left);
    const version = fields.definitionVersion;
    if (version !== undefined && (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)) {
      return reject(domainError('INVALID_COMMAND', '"definitionVersion" must be a positive integer.', { field: 'definitionVersion' }));
    }
    const state = await catalogState(packageDefinitionStream(definitionId.right));
    const terms = packageTermsForSale(state, version);
    return isLeft(terms) ? reject({ ...terms.left, field: 'definitionId' }) : terms.right;
  };

  const newId = (fields: Fields, field: string, envelope: LedgerEnvelope): string => {
    const given = optionalId(fields, field);
    if (isLeft(given)) return reject(given.left);
    return given.right ?? (envelope.commandId !== undefined ? deriveId(envelope.commandId, field) : kit.ids.next());
  };

  /** The client's loyalty discount as one more percent-off promotion, when the practice gives it. */
  const withLoyaltyDiscount = async (fields: Fields): Promise<Fields> => {
    const clientId = fields.clientId;
    if (!policy.loyaltyDiscount || typeof clientId !== 'string' || clientId === '') return fields;
    const state = await loyaltyState(loyaltyStream(clientId));
    const discount = loyaltyDiscount(state);
    if (discount === null || discount === 0 || state.tier === null) return fields;
    const given = Array.isArray(fields.promotions) ? fields.promotions : [];
    const promotion = { kind: 'percent-off', name: `${state.tier.name} loyalty discount`, percent: discount };
    return { ...fields, promotions: [...given, promotion] };
  };

  const sell = async (fields: Fields, envelope: LedgerEnvelope): Promise<Fields> => {
    const terms = await termsFor(fields);
    const priced = await withLoyaltyDiscount(fields);
    return { ...without(priced, 'definitionId', 'definitionVersion'), terms, packageId: newId(fields, 'packageId', envelope) };
  };

  const order = async (fields: Fields, envelope: LedgerEnvelope): Promise<Fields> => {
    const terms = await termsFor(fields);
    return { ...without(fields, 'definitionId', 'definitionVersion'), terms, orderId: newId(fields, 'orderId', envelope) };
  };

  return {
    definePackage: commandMethod(kit, packageCatalog, 'DefinePackage'),
    revisePackageDefinition: commandMethod(kit, packageCatalog, 'RevisePackageDefinition'),
    retirePackageDefinition: commandMethod(kit, packageCatalog, 'RetirePackageDefinition'),
    sellPackage: commandMethod(kit, packages, 'SellPackage', sell),
    applyServiceToPackage: commandMethod(kit, packages, 'ApplyServiceToPackage'),
    expirePackage: commandMethod(kit, packages, 'ExpirePackage'),
    extendPackage: commandMethod(kit, packages, 'ExtendPackage', (fields) => ({ ...fields, policy: policy.extension })),
    issuePackageExpiryNotice: commandMethod(kit, packages, 'IssuePackageExpiryNotice', (fields) => ({ ...fields, policy: policy.expiryNotice })),
    refundPackage: commandMethod(kit, packages, 'RefundPackage', (fields) => ({ ...fields, policy: policy.refund })),
    offerPackageTransfer: commandMethod(kit, packages, 'OfferPackageTransfer'),
    cancelPackageTransfer: commandMethod(kit, packages, 'CancelPackageTransfer'),
    claimPackageTransfer: commandMethod(kit, packages, 'ClaimPackageTransfer'),
    sharePackage: commandMethod(kit, packages, 'SharePackage'),
    stopSharingPackage: commandMethod(kit, packages, 'StopSharingPackage'),
    orderBulkPackages: commandMethod(kit, bulkOrders, 'OrderBulkPackages', order),
    redeemBulkPackageCode: commandMethod(kit, bulkOrders, 'RedeemBulkPackageCode'),
  };
};
