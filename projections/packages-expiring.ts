/**
 * Packages expiring soon, and the schedule of what falls due: the expiry notice n days
 * before the date (default 14) and the expiry itself. The shell reads the commands due on
 * a day and sends them; the core never waits.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import { addDays, type LocalDate } from '../core/values/local-date.js';
import type { Money } from '../core/values/money.js';
import { DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS, packageExpiryNoticeOn } from '../core/rules/package-expiry.js';
import { packageEvents, packageUnitsIn, packageValueIn, type PackageCommand, type SoldPackage } from '../core/packages/index.js';
import { foldPackageEvent, type SoldPackages } from './package-usage.js';
import type { Projection } from './projection.js';

export interface PackagesExpiringModel {
  /** Packages that have an expiry date and have not been refunded (an expired one may still be extended). */
  readonly packages: SoldPackages;
}

export const packagesExpiringProjection: Projection<DomainEvent, PackagesExpiringModel> = {
  name: 'packages-expiring',
  initial: { packages: {} },
  apply: (model, event) => {
    if (!packageEvents.is(event)) return model;
    const packages = foldPackageEvent(model.packages, event);
    const p = packages[event.data.packageId];
    if (p === undefined || (p.expiresOn !== undefined && p.status !== 'refunded')) return packages === model.packages ? model : { packages };
    const { [p.packageId]: _gone, ...rest } = packages;
    return { packages: rest };
  },
};

export interface PackageScheduleOptions {
  /** Days before the expiry at which the notice falls due. @defaultValue 14 */
  readonly noticeDaysBefore?: number;
}

export interface ExpiringPackage {
  readonly packageId: string;
  readonly clientId: string;
  readonly name: string;
  readonly expiresOn: LocalDate;
  readonly noticeOn: LocalDate;
  readonly noticeIssued: boolean;
  readonly unitsRemaining: number;
  readonly valueRemaining: Money;
}

const expiringOf = (p: SoldPackage, expiresOn: LocalDate, noticeDaysBefore: number): ExpiringPackage => ({
  packageId: p.packageId,
  clientId: p.ownerId,
  name: p.terms.name,
  expiresOn,
  noticeOn: packageExpiryNoticeOn(expiresOn, noticeDaysBefore),
  noticeIssued: p.noticesIssuedFor.includes(expiresOn),
  unitsRemaining: packageUnitsIn(p, 'unused').length,
  valueRemaining: packageValueIn(p, 'unused'),
});

const active = (model: PackagesExpiringModel, noticeDaysBefore: number): readonly ExpiringPackage[] =>
  Object.values(model.packages)
    .flatMap((p) => (p.status === 'active' && p.expiresOn !== undefined ? [expiringOf(p, p.expiresOn, noticeDaysBefore)] : []))
    .sort((a, b) => (a.expiresOn === b.expiresOn ? (a.packageId < b.packageId ? -1 : 1) : a.expiresOn < b.expiresOn ? -1 : 1));

export interface ExpiringSoonOptions extends PackageScheduleOptions {
  /** How far ahead to look, in days. @defaultValue 14 */
  readonly withinDays?: number;
}

/**
 * Packages with unused services that expire after `on` and at most `withinDays` days
 * later, soonest first.
 */
export const packagesExpiringSoon = (model: PackagesExpiringModel, on: LocalDate, options: ExpiringSoonOptions = {}): readonly ExpiringPackage[] => {
  const horizon = addDays(on, options.withinDays ?? DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS);
  return active(model, options.noticeDaysBefore ?? DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS).filter(
    (p) => p.unitsRemaining > 0 && p.expiresOn > on && p.expiresOn <= horizon,
  );
};

/** The commands due on `on`: expiry notices whose day has come, and expiries whose date has. */
export const packageCommandsDue = (model: PackagesExpiringModel, on: LocalDate, options: PackageScheduleOptions = {}): readonly PackageCommand[] => {
  const daysBefore = options.noticeDaysBefore ?? DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS;
  return active(model, daysBefore).flatMap((p): PackageCommand[] => {
    if (p.expiresOn <= on) return [{ type: 'ExpirePackage', packageId: p.packageId, on }];
    if (p.noticeOn <= on && !p.noticeIssued && p.unitsRemaining > 0) {
      return [{ type: 'IssuePackageExpiryNotice', packageId: p.packageId, on, policy: { daysBefore } }];
    }
    return [];
  });
};

/** What falls due when, for every active package: its notice day and its expiry day. */
export const packageSchedule = (
  model: PackagesExpiringModel,
  options: PackageScheduleOptions = {},
): readonly { readonly packageId: string; readonly noticeOn: LocalDate; readonly expiresOn: LocalDate }[] =>
  active(model, options.noticeDaysBefore ?? DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS).map(({ packageId, noticeOn, expiresOn }) => ({ packageId, noticeOn, expiresOn }));
