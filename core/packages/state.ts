/**
 * The state of one sold package: its terms, its owner, and each unit with its status. A
 * unit is unused, used, expired or refunded — exactly one — so the values of the units
 * always add up to the price paid.
 */
import { deriveId } from '../values/ids.js';
import type { LocalDate } from '../values/local-date.js';
import { sum, type Money } from '../values/money.js';
import type { PackageEvent, PackageSaleChannel, PackageServiceUnits } from './events.js';
import type { PackagePromotion, PackageTerms } from './terms.js';

/**
 * `void`: its credit came back after the package was refunded, expired or given away, so it
 * can no longer be used; its value was neither used nor paid out (it counts like an expired unit's).
 */
export type PackageUnitStatus = 'unused' | 'used' | 'expired' | 'refunded' | 'void';

export interface PackageUnit {
  readonly item: number;
  readonly serviceId: string;
  /** Its share of the price paid. */
  readonly value: Money;
  readonly free: boolean;
  readonly status: PackageUnitStatus;
  /** For a used unit: who was served, for which appointment and service, on which day. */
  readonly usedBy?: string;
  readonly usedFor?: string;
  readonly appointmentId?: string;
  readonly usedOn?: LocalDate;
  /** The booking in the holder's credits ledger that took its credit. */
  readonly bookingId?: string;
  /** The holding it was used in (its credit came from that holding's lots). */
  readonly holding?: string;
}

export interface PackageTransferOffer {
  readonly accessCode: string;
  readonly recipient: string;
  readonly offeredOn: LocalDate;
}

export interface SoldPackage {
  readonly status: 'active' | 'expired' | 'refunded';
  readonly packageId: string;
  /** Who holds the package now (the buyer, or the recipient of a transfer). */
  readonly ownerId: string;
  readonly buyerId: string;
  readonly terms: PackageTerms;
  readonly soldOn: LocalDate;
  readonly expiresOn?: LocalDate;
  readonly channel: PackageSaleChannel;
  readonly promotions: readonly PackagePromotion[];
  readonly listValue: Money;
  readonly pricePaid: Money;
  readonly savings: Money;
  readonly units: readonly PackageUnit[];
  readonly sharedWith: readonly string[];
  readonly transferOffers: readonly PackageTransferOffer[];
  /** Access codes already redeemed: a code redeems once. */
  readonly redeemedCodes: readonly string[];
  /** Expiry dates a notice has been issued for. */
  readonly noticesIssuedFor: readonly LocalDate[];
  /** Appointments ever applied to it (an appointment is applied once, as a booking is recorded once). */
  readonly appointmentsApplied: readonly string[];
  /**
   * The current holding: whose credits ledger holds its units as credits, and which lots.
   * A new holding starts at the sale, at each transfer and when an extension reinstates
   * units; an expiry ends one. The lots of the earlier holdings are void.
   */
  readonly holding: string;
}

export type PackageState = { readonly status: 'unsold' } | SoldPackage;

export const packageInitialState: PackageState = { status: 'unsold' };

const setStatus = (units: readonly PackageUnit[], indexes: readonly number[], status: PackageUnitStatus): readonly PackageUnit[] => {
  const chosen = new Set(indexes);
  return units.map((u, i) => (chosen.has(i) ? { item: u.item, serviceId: u.serviceId, value: u.value, free: u.free, status } : u));
};

export const evolvePackage = (state: PackageState, event: PackageEvent): PackageState => {
  if (event.type === 'PackageSold') {
    const d = event.data;
    return {
      status: 'active',
      packageId: d.packageId,
      ownerId: d.clientId,
      buyerId: d.clientId,
      terms: d.terms,
      soldOn: d.soldOn,
      ...(d.expiresOn !== undefined ? { expiresOn: d.expiresOn } : {}),
      channel: d.channel,
      promotions: d.promotions,
      listValue: d.listValue,
      pricePaid: d.pricePaid,
      savings: d.savings,
      units: d.units.map((u) => ({ ...u, status: 'unused' })),
      sharedWith: [],
      transferOffers: [],
      redeemedCodes: [],
      noticesIssuedFor: [],
      appointmentsApplied: [],
      holding: PACKAGE_SALE_HOLDING,
    };
  }
  if (state.status === 'unsold') return state;
  switch (event.type) {
    case 'PackageServiceApplied': {
      const d = event.data;
      const bookingId = d.bookingId ?? packageBookingId(d.packageId, d.appointmentId);
      const units = state.units.map((u, i) =>
        i === d.unit
          ? { ...u, status: 'used' as const, usedBy: d.clientId, usedFor: d.serviceId, appointmentId: d.appointmentId, usedOn: d.on, bookingId, holding: d.ledgerHolding ?? state.holding }
          : u,
      );
      return { ...state, units, appointmentsApplied: [...state.appointmentsApplied, d.appointmentId] };
    }
    case 'PackageCreditUsed': {
      const d = event.data;
      const units = state.units.map((u, i) =>
        i === d.unit
          ? { ...u, status: 'used' as const, usedBy: d.clientId, usedFor: d.serviceId, usedOn: d.on, bookingId: d.bookingId, holding: d.holding ?? state.holding }
          : u,
      );
      return { ...state, units };
    }
    case 'PackageCreditUseDeclined':
      return state;
    case 'PackageUnitRestored':
    case 'PackageServiceApplicationReversed':
      return { ...state, units: setStatus(state.units, [event.data.unit], event.data.outcome) };
    case 'PackageExpired':
      return { ...state, status: 'expired', units: setStatus(state.units, event.data.units, 'expired'), holding: packageExpiredHolding(event.data.expiresOn) };
    case 'PackageExtended':
      return {
        ...state,
        status: 'active',
        expiresOn: event.data.to,
        units: setStatus(state.units, event.data.reinstated, 'unused'),
        holding: event.data.reinstated.length > 0 ? packageReinstatedHolding(event.data.to) : state.holding,
      };
    case 'PackageExpiryNoticeIssued':
      return { ...state, noticesIssuedFor: [...state.noticesIssuedFor, event.data.expiresOn] };
    case 'PackageRefunded':
      return { ...state, status: 'refunded', units: setStatus(state.units, event.data.units, 'refunded'), transferOffers: [] };
    case 'PackageTransferOffered':
      return {
        ...state,
        transferOffers: [
          ...state.transferOffers,
          { accessCode: event.data.accessCode, recipient: event.data.recipient, offeredOn: event.data.on },
        ],
      };
    case 'PackageTransferCancelled':
      return { ...state, transferOffers: state.transferOffers.filter((o) => o.accessCode !== event.data.accessCode) };
    case 'PackageTransferred':
      return {
        ...state,
        ownerId: event.data.toClientId,
        sharedWith: [],
        transferOffers: [],
        redeemedCodes: [...state.redeemedCodes, event.data.accessCode],
        holding: packageTransferHolding(event.data.accessCode),
      };
    case 'PackageShared':
      return { ...state, sharedWith: [...state.sharedWith, event.data.clientId] };
    case 'PackageSharingStopped':
      return { ...state, sharedWith: state.sharedWith.filter((c) => c !== event.data.clientId) };
  }
};

/** The holding that starts at the sale. */
export const PACKAGE_SALE_HOLDING = 'sale';
/** A holding as an event field names it: absent for the sale's (so events of a package never transferred read as before). */
export const packageHoldingField = <K extends string>(key: K, holding: string): Partial<Record<K, string>> =>
  holding === PACKAGE_SALE_HOLDING ? {} : ({ [key]: holding } as Partial<Record<K, string>>);
/** The holding that starts when a transfer is claimed with its access code (a code redeems once). */
export const packageTransferHolding = (accessCode: string): string => `transfer/${accessCode}`;
/** After an expiry the package's lots are void: no holding has credits until an extension reinstates units. */
export const packageExpiredHolding = (expiresOn: LocalDate): string => `expired/${expiresOn}`;
/** The holding that starts when an extension to `to` reinstates units (each extension moves the date later). */
export const packageReinstatedHolding = (to: LocalDate): string => `reinstated/${to}`;

/**
 * The booking that takes the credit of a service applied to a package, in the holder's
 * credits ledger: derived from the package and the appointment, so a retry or a replay of
 * the flow books it once, and the platform can cancel it there.
 */
export const packageBookingId = (packageId: string, appointmentId: string): string => deriveId(`package-${packageId}`, `booking/${appointmentId}`);

/** The unit whose credit a booking took, while it is used. */
export const packageUnitOfBooking = (p: SoldPackage, bookingId: string): number =>
  p.units.findIndex((u) => u.status === 'used' && u.bookingId === bookingId);

/** Indexes of the units in a status. */
export const packageUnitsIn = (p: SoldPackage, status: PackageUnitStatus): readonly number[] =>
  p.units.flatMap((u, i) => (u.status === status ? [i] : []));

/** The total value of the units in a status: `unused` gives the value remaining. */
export const packageValueIn = (p: SoldPackage, status: PackageUnitStatus): Money =>
  sum(p.pricePaid.currency, p.units.filter((u) => u.status === status).map((u) => u.value));

/** Units grouped by service, counted and valued, in the order services first appear. */
export const packageUnitsByService = (p: SoldPackage, indexes: readonly number[]): readonly PackageServiceUnits[] => {
  const groups = new Map<string, { quantity: number; values: Money[] }>();
  for (const i of indexes) {
    const unit = p.units[i];
    if (unit === undefined) continue;
    const group = groups.get(unit.serviceId) ?? { quantity: 0, values: [] };
    group.quantity += 1;
    group.values.push(unit.value);
    groups.set(unit.serviceId, group);
  }
  return [...groups].map(([serviceId, g]) => ({ serviceId, quantity: g.quantity, value: sum(p.pricePaid.currency, g.values) }));
};

/** Whether the package can no longer be used on `on`: its expiry has been recorded or its date has come. */
export const packageHasExpiredOn = (p: SoldPackage, on: LocalDate): boolean =>
  p.status === 'expired' || (p.expiresOn !== undefined && on >= p.expiresOn);
