/**
 * A package's units and its credits in the holders' ledgers are one thing seen twice; once
 * the flows are quiet they agree. For every package and service: the units used on the
 * package equal the credits consumed from its lots (net of restores and of uses the package
 * declined), and the units it can still give equal the usable credits of its lots.
 */
import type { RecordedEvent } from '../core/kernel/envelope.js';
import type { PracticeEvent } from '../core/events.js';
import { creditsClientOf, creditsEvents, openCreditLots, type CreditsState } from '../core/credits/index.js';
import { packageHasExpiredOn, type PackageState } from '../core/packages/index.js';
import type { LocalDate } from '../core/values/local-date.js';
import type { StreamStates } from './practice-world.js';

/** The key of one package's service in the maps below. */
export const packageServiceKey = (packageId: string, serviceId: string): string => `${packageId} / ${serviceId}`;
const key = packageServiceKey;

/**
 * The credits consumed from each package's lots (bookings and debts repaid from them, net of
 * restores and of credits a package declined), by {@link packageServiceKey}, counted from the events.
 */
export const creditsConsumedFromPackages = (log: readonly RecordedEvent[]): Map<string, number> => {
  const lotPackage = new Map<string, string>();
  const consumed = new Map<string, number>();
  const count = (client: string, lot: number | null, type: string, by: number): void => {
    const packageId = lot === null ? undefined : lotPackage.get(`${client}/${lot}`);
    if (packageId !== undefined) consumed.set(key(packageId, type), (consumed.get(key(packageId, type)) ?? 0) + by);
  };
  for (const e of log) {
    const client = creditsClientOf(e.streamName);
    if (client === undefined || !creditsEvents.is(e)) continue;
    switch (e.type) {
      case 'CreditsGranted':
        if (e.data.source === 'package' && e.data.reference !== null && e.data.packageHolding !== undefined) lotPackage.set(`${client}/${e.data.lot}`, e.data.reference);
        break;
      case 'SessionBooked':
        count(client, e.data.lot, e.data.appointmentType, 1);
        break;
      case 'CreditDebtRepaid':
        count(client, e.data.lot, e.data.appointmentType, e.data.bookingIds.length);
        break;
      case 'SessionCancelled':
        if (e.data.restore === 'restored') count(client, e.data.lot, e.data.appointmentType, -1);
        break;
      case 'PackageCreditDeclined':
        count(client, e.data.fromLot, e.data.appointmentType, -1);
        count(client, e.data.lot, e.data.appointmentType, 1);
        break;
      default:
        break;
    }
  }
  return consumed;
};

/** The credits of each package's lots still usable on `today` in the given ledgers, by {@link packageServiceKey}. */
export const creditsRemainingOfPackages = (ledgers: Iterable<CreditsState>, today: LocalDate): Map<string, number> => {
  const remaining = new Map<string, number>();
  for (const state of ledgers) {
    for (const type of state.types.keys()) {
      for (const lot of openCreditLots(state, type)) {
        if (lot.source !== 'package' || lot.reference === null || lot.packageHolding === undefined) continue;
        if (lot.expiresOn !== null && lot.expiresOn <= today) continue;
        remaining.set(key(lot.reference, type), (remaining.get(key(lot.reference, type)) ?? 0) + lot.remaining);
      }
    }
  }
  return remaining;
};

/** Every package's units agree with its credits (after the flows ran), as of the practice date `today`. */
export const checkPackageCreditAgreement = (
  log: readonly RecordedEvent<PracticeEvent>[],
  packages: StreamStates<PackageState>,
  credits: StreamStates<CreditsState>,
  today: LocalDate,
): void => {
  const consumed = creditsConsumedFromPackages(log);
  const remaining = creditsRemainingOfPackages([...credits.entries()].map(([, state]) => state), today);
  for (const [, p] of packages.entries()) {
    if (p.status === 'unsold') continue;
    const usable = p.status === 'active' && !packageHasExpiredOn(p, today);
    for (const serviceId of new Set(p.units.map((u) => u.serviceId))) {
      const units = p.units.filter((u) => u.serviceId === serviceId);
      const k = key(p.packageId, serviceId);
      const used = units.filter((u) => u.status === 'used').length;
      const left = usable ? units.filter((u) => u.status === 'unused').length : 0;
      if (used !== (consumed.get(k) ?? 0) || left !== (remaining.get(k) ?? 0)) {
        throw new Error(
          `Package ${p.packageId} and its credits disagree on ${serviceId}: ${used} units used and ${left} left on the package, ${consumed.get(k) ?? 0} credits consumed and ${remaining.get(k) ?? 0} left in the ledgers.`,
        );
      }
    }
  }
};
