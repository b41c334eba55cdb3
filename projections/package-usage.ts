/**
 * Package usage per client, as the client's Packages tab shows it: name, purchase date,
 * expiry date, services included, "2 of 6 used", remaining units and value remaining.
 * The fold reuses the package aggregate's own `evolve`, so the read model and the rules
 * never disagree about a package.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import type { LocalDate } from '../core/values/local-date.js';
import type { Money } from '../core/values/money.js';
import {
  evolvePackage,
  packageEvents,
  packageInitialState,
  packageUnitsIn,
  packageValueIn,
  type SoldPackage,
} from '../core/packages/index.js';
import type { Projection } from './projection.js';

/** Sold packages by id, folded with the aggregate's `evolve`. */
export type SoldPackages = Readonly<Record<string, SoldPackage>>;

/** Folds a package event into the packages it concerns; other events change nothing. */
export const foldPackageEvent = (packages: SoldPackages, event: DomainEvent): SoldPackages => {
  if (!packageEvents.is(event)) return packages;
  const id = event.data.packageId;
  const next = evolvePackage(packages[id] ?? packageInitialState, event);
  return next.status === 'unsold' ? packages : { ...packages, [id]: next };
};

export interface PackageUsageModel {
  readonly packages: SoldPackages;
  /** Package ids by their current owner, in order of purchase or transfer. */
  readonly byClient: Readonly<Record<string, readonly string[]>>;
}

const reindex = (byClient: PackageUsageModel['byClient'], before: SoldPackage | undefined, after: SoldPackage | undefined): PackageUsageModel['byClient'] => {
  if (after === undefined || before?.ownerId === after.ownerId) return byClient;
  const result = { ...byClient };
  if (before !== undefined) result[before.ownerId] = (result[before.ownerId] ?? []).filter((id) => id !== before.packageId);
  result[after.ownerId] = [...(result[after.ownerId] ?? []), after.packageId];
  return result;
};

export const packageUsageProjection: Projection<DomainEvent, PackageUsageModel> = {
  name: 'package-usage',
  initial: { packages: {}, byClient: {} },
  apply: (model, event) => {
    if (!packageEvents.is(event)) return model;
    const id = event.data.packageId;
    const before = model.packages[id];
    const after = evolvePackage(before ?? packageInitialState, event);
    if (after.status === 'unsold') return model;
    return { packages: { ...model.packages, [id]: after }, byClient: reindex(model.byClient, before, after) };
  },
};

export interface PackageServiceUsage {
  readonly serviceId: string;
  readonly name?: string;
  /** Units of this service the package includes (free ones too). */
  readonly included: number;
  readonly used: number;
  readonly remaining: number;
}

export interface PackageUsage {
  readonly packageId: string;
  readonly name: string;
  readonly status: SoldPackage['status'];
  readonly purchasedOn: LocalDate;
  readonly expiresOn?: LocalDate;
  readonly services: readonly PackageServiceUsage[];
  readonly used: number;
  readonly total: number;
  /** "2 of 6 used". */
  readonly usedLabel: string;
  readonly remainingUnits: number;
  /** The allocated value of the unused units. */
  readonly valueRemaining: Money;
  readonly pricePaid: Money;
  readonly savings: Money;
  readonly sharedWith: readonly string[];
}

/** The usage view of one sold package. */
export const packageUsageOf = (p: SoldPackage): PackageUsage => {
  const services = p.terms.items.map((item, index): PackageServiceUsage => {
    const units = p.units.filter((u) => u.item === index);
    return {
      serviceId: item.serviceId,
      ...(item.name !== undefined ? { name: item.name } : {}),
      included: units.length,
      used: units.filter((u) => u.status === 'used').length,
      remaining: units.filter((u) => u.status === 'unused').length,
    };
  });
  const used = packageUnitsIn(p, 'used').length;
  const total = p.units.length;
  return {
    packageId: p.packageId,
    name: p.terms.name,
    status: p.status,
    purchasedOn: p.soldOn,
    ...(p.expiresOn !== undefined ? { expiresOn: p.expiresOn } : {}),
    services,
    used,
    total,
    usedLabel: `${used} of ${total} used`,
    remainingUnits: packageUnitsIn(p, 'unused').length,
    valueRemaining: packageValueIn(p, 'unused'),
    pricePaid: p.pricePaid,
    savings: p.savings,
    sharedWith: p.sharedWith,
  };
};

/** The packages a client owns now, in order of purchase (or transfer to them). */
export const clientPackageUsage = (model: PackageUsageModel, clientId: string): readonly PackageUsage[] =>
  (model.byClient[clientId] ?? []).flatMap((id) => {
    const p = model.packages[id];
    return p === undefined ? [] : [packageUsageOf(p)];
  });
