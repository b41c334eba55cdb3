/** What clients and the front desk do, in the words of the seeds, as the cast and the crowd share them. */
import { membershipStream, type CreditBookingChannel } from '../../../core/index.js';
import { PACKAGES, type PackageKind } from './practice.js';
import type { World } from './world.js';

/** Books a session with a credit of its type; a refusal (no credit) is counted. */
export const book = (w: World, clientId: string, bookingId: string, appointmentType: string, channel: CreditBookingChannel): Promise<unknown> =>
  w.attempt(() => w.ledger.bookSession({ clientId, bookingId, appointmentType, channel }));

/** Cancels a booked session; the practice's policy decides whether the credit comes back. */
export const cancel = (w: World, clientId: string, bookingId: string): Promise<unknown> => w.attempt(() => w.ledger.cancelBooking({ clientId, bookingId }));

/** Sells a package at check-out and records the purchase toward the client's loyalty. */
export const sellPackage = async (w: World, clientId: string, packageId: string, kind: PackageKind): Promise<void> => {
  const sold = await w.attempt(() => w.ledger.sellPackage({ packageId, clientId, definitionId: kind, channel: 'check-out' }));
  const sale = sold?.events.find((e) => e.type === 'PackageSold');
  if (sale?.type === 'PackageSold') {
    await w.attempt(() => w.ledger.recordLoyaltyPurchase({ clientId, kind: 'package', reference: packageId, amount: sale.data.pricePaid }));
  }
};

/**
 * "Apply to patient's package?": the appointment is booked with one of the package's
 * credits and the service is deducted from the package.
 */
export const usePackage = async (w: World, clientId: string, packageId: string, kind: PackageKind | 'wellness-check', appointmentId: string, service?: string): Promise<void> => {
  const serviceId = service ?? (kind === 'wellness-check' ? 'physical' : PACKAGES[kind]);
  const booked = await w.attempt(() =>
    w.ledger.bookSession({ clientId, bookingId: appointmentId, appointmentType: serviceId, channel: 'provider', fromReference: packageId }),
  );
  if (booked === undefined) return;
  await w.attempt(() => w.ledger.applyServiceToPackage({ packageId, clientId, serviceId, appointmentId }));
};

/** The charge whose retries ran out on a membership, if any is still unpaid. */
export const unpaidCharge = async (w: World, membershipId: string): Promise<string | undefined> => {
  let unpaid: string | undefined;
  for await (const e of w.store.readStream(membershipStream(membershipId))) {
    if (e.type === 'MembershipPaymentRetriesExhausted') unpaid = e.data.chargeId;
    if (e.type === 'MembershipPaymentSucceeded' && e.data.chargeId === unpaid) unpaid = undefined;
  }
  return unpaid;
};
