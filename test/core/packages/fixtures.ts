/** Packages from the seeds' examples, and the events of selling them. */
import { addMonthsClamped, localDate, type LocalDate } from '../../../core/values/local-date.js';
import { money, type Money } from '../../../core/values/money.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import { packageBookingId, type PackageEvent, type PackageTerms } from '../../../core/packages/index.js';

export const d = localDate;
export const usd = (cents: number): Money => money(cents, 'USD');

/** "6-Pack Facials": 6 facials for $450 ($600 individually), valid 12 months. */
export const sixPackFacials: PackageTerms = {
  definitionId: 'six-pack-facials',
  version: 1,
  name: '6-Pack Facials',
  items: [{ serviceId: 'facial', name: 'Facial', quantity: 6, unitValue: usd(100_00) }],
  price: usd(450_00),
  validity: { months: 12 },
  restrictions: { transferable: true, shareable: true, blackoutDates: [d('2025-12-25')] },
};

/** "Physical Therapy Pack": 8 sessions for a discounted rate, neither transferable nor shareable. */
export const physicalTherapyPack: PackageTerms = {
  definitionId: 'pt-pack',
  version: 3,
  name: 'Physical Therapy Pack',
  items: [
    { serviceId: 'pt-session', quantity: 8, unitValue: usd(90_00) },
    { serviceId: 'assessment', quantity: 1, unitValue: usd(150_00), allowedServices: ['assessment', 'reassessment'] },
  ],
  price: usd(700_00),
  validity: { days: 90 },
  restrictions: { transferable: false, shareable: false, blackoutDates: [] },
};

type SaleData = Extract<PackageEvent, { type: 'PackageSold' }>['data'];

/** The PackageSold of 6-Pack Facials to client c1 on 2025-01-15 at check-out. */
export const facialsSold = (packageId = 'p1', clientId = 'c1', soldOn: LocalDate = d('2025-01-15')): PackageEvent => ({
  type: 'PackageSold',
  data: facialsSaleData(packageId, clientId, soldOn),
});

/** The data of that sale. */
export const facialsSaleData = (packageId = 'p1', clientId = 'c1', soldOn: LocalDate = d('2025-01-15')): SaleData => ({
  packageId,
  clientId,
  terms: sixPackFacials,
  soldOn,
  channel: 'check-out',
  promotions: [],
  units: Array.from({ length: 6 }, () => ({ item: 0, serviceId: 'facial', value: usd(75_00), free: false })),
  listValue: usd(600_00),
  pricePaid: usd(450_00),
  savings: usd(150_00),
  expiresOn: addMonthsClamped(soldOn, 12),
});

/** A facial applied to package p1 (owned by c1) for appointment `appointmentId`, booked in c1's credits ledger. */
export const facialApplied = (unit: number, appointmentId: string, on: LocalDate = d('2025-02-01'), clientId = 'c1'): PackageEvent => ({
  type: 'PackageServiceApplied',
  data: {
    packageId: 'p1',
    clientId,
    serviceId: 'facial',
    unitServiceId: 'facial',
    unit,
    value: usd(75_00),
    appointmentId,
    on,
    bookingId: packageBookingId('p1', appointmentId),
    ledgerClientId: 'c1',
    ledgerHolding: 'sale',
  },
});

/** Events as a store would return them, in one log. */
export const recorded = (events: readonly PackageEvent[]): RecordedEvent<PackageEvent>[] =>
  events.map((e, i) => ({
    ...e,
    streamName: `package-${e.data.packageId}`,
    revision: BigInt(i),
    position: BigInt(i),
    eventId: `e${i}`,
    schemaVersion: 1,
    metadata: { at: '2025-01-15T10:00:00.000Z' },
  }));
