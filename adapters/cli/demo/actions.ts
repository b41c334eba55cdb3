/** What clients and the front desk do, in the words of the seeds, as the cast and the crowd share them. */
import { membershipStream, type CreditBookingChannel } from '../../../core/index.js';
import { PACKAGES, type PackageKind } from './practice.js';
import type { World } from './world.js';

/** Books a session with a credit of its type; a refusal (no credit) is counted. */
export const book = (w: World, clientId: string, bookingId: string, appointmentType: string, channel: CreditBookingChannel): Promise<unknown> =>
  w.attempt(() => w.ledger.bookSession({ clientId, bookingId, appointmentType, channel }));

/** Cancels a booked session; the practice's policy decides whether the credit comes back. */
export const cancel = (w: World, clientId: string, bookingId: string): Promise<unknown> => w.attempt(() => w.ledger.cancelBooking({ clientId, bookingId }));

/** Sells a package at check-out (the flows grant its credits, count it toward the client's loyalty, enroll its program). */
export const sellPackage = async (w: World, clientId: string, packageId: string, kind: PackageKind): Promise<void> => {
  await w.attempt(() => w.ledger.sellPackage({ packageId, clientId, definitionId: kind, channel: 'check-out' }));
};

/**
 * "Apply to patient's package?": the service is deducted from the package, and the flow
 * books the appointment in the client's ledger with one of the package's credits.
 */
export const usePackage = async (w: World, clientId: string, packageId: string, kind: PackageKind | 'wellness-check', appointmentId: string, service?: string): Promise<void> => {
  const serviceId = service ?? (kind === 'wellness-check' ? 'physical' : PACKAGES[kind]);
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
