/**
 * The rules on a package's credits in the ledger. A lot a package granted holds its units;
 * the package decides whether a unit may be used, the ledger follows:
 *
 * - a service applied to the package books its session here from the package's lots
 *   (`BookSessionFromPackage`), or records that none is left (`PackageCreditUnavailable`);
 * - a credit a booking took from the package's lot that the package declines goes back to
 *   the lot, and the booking takes its credit elsewhere or is owed (`PackageCreditDeclined`);
 *   but when the package had no unit free only because a service applied to it found no
 *   credit here (both sides took the last one at once), the booking keeps the credit and
 *   the package, which is giving that service's unit back, is asked again (`PackageCreditKept`);
 * - manual decreases, transfers between clients (even naming the package) and rollovers
 *   leave a package's credits alone, and the ledger's expiry leaves them to the package:
 *   those change through the package (used at an appointment, refunded, expired,
 *   transferred), whose flows send `VoidCredits` and `ExtendCreditExpiry` for its reference.
 */
import { left, right } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { isCreditLotExpired } from '../rules/credit-use.js';
import type { LocalDate } from '../values/local-date.js';
import type { CreditsCommandOf as Cmd } from './commands.js';
import { catchUp, type Decision } from './decide-support.js';
import type { CreditsEvent, CreditsEventData } from './events.js';
import { creditLotPackage, packageOfCreditLot, type CreditLot } from './lots.js';
import type { CreditReturnOutcome } from './package-events.js';
import { effectiveCreditPolicy } from './policy.js';
import { findCreditLot, type CreditsState } from './state.js';

/** The lots whose credits are not a package's, and the credits left in them. */
export const outsidePackages = (lots: readonly CreditLot[]): { readonly lots: readonly CreditLot[]; readonly available: number } => {
  const own = lots.filter((l) => packageOfCreditLot(l) === undefined);
  return { lots: own, available: own.reduce((n, l) => n + l.remaining, 0) };
};

/** Only credits outside packages can be taken by hand or given to another client. */
export const heldByPackages = (appointmentType: string, available: number, own: number, wanted: number): DomainError =>
  domainError(
    'CREDITS_HELD_BY_PACKAGE',
    `Of the ${available} ${appointmentType} credits, ${available - own} are units of a package, so ${wanted} cannot be taken: a package's credits change through the package (applied at an appointment, refunded, transferred).`,
    { details: { appointmentType, available, outsidePackages: own, needed: wanted } },
  );

export const decideBookFromPackage = (c: Cmd<'BookSessionFromPackage'>, state: CreditsState): Decision => {
  const now = catchUp(state, c.appointmentType, c.on);
  const unavailable = (code: string, reason: string, creditVoid = false): Decision =>
    right([
      ...now.expiries,
      {
        type: 'PackageCreditUnavailable',
        data: { bookingId: c.bookingId, packageId: c.packageId, appointmentType: c.appointmentType, code, reason, creditVoid, on: c.on },
      },
    ]);
  if (state.bookings.has(c.bookingId)) {
    return unavailable('BOOKING_ALREADY_RECORDED', `Booking "${c.bookingId}" is already in this client's credits ledger.`);
  }
  const ofPackage = (l: CreditLot): boolean =>
    packageOfCreditLot(l) === c.packageId && (c.packageHolding === undefined || l.packageHolding === c.packageHolding);
  const from = now.live.find(ofPackage);
  if (from === undefined) {
    // Its lot used up by bookings here: the package takes the unit back. Expired or voided: the unit is gone too.
    const lots = (state.lotsByReference.get(c.packageId) ?? []).flatMap((ref) => {
      const lot = ref.appointmentType === c.appointmentType ? findCreditLot(state, ref.appointmentType, ref.lot) : undefined;
      return lot !== undefined && ofPackage(lot) ? [lot] : [];
    });
    const lost = lots.length > 0 && lots.every((l) => l.status === 'expired' || l.status === 'voided' || isCreditLotExpired(l, c.on));
    if (lost) {
      return unavailable('PACKAGE_CREDITS_VOID', `The ${c.appointmentType} credits of package ${c.packageId} in this ledger have expired or been voided.`, true);
    }
    return unavailable('NO_CREDITS_FROM_PACKAGE', `No ${c.appointmentType} credits of package ${c.packageId} are left in this ledger.`);
  }
  const booked: CreditsEvent = {
    type: 'SessionBooked',
    data: {
      bookingId: c.bookingId,
      appointmentType: c.appointmentType,
      channel: 'provider',
      lot: from.lot,
      on: c.on,
      policy: effectiveCreditPolicy(c.policy, state.overrides),
      ...creditLotPackage(from),
      packageId: c.packageId,
      appliedToPackage: true,
    },
  };
  return right([...now.expiries, booked]);
};

/** What becomes of a credit given back to a lot on `on`. */
const returnTo = (lot: CreditLot, on: LocalDate): CreditReturnOutcome =>
  lot.status === 'voided' ? 'voided' : lot.status === 'expired' || isCreditLotExpired(lot, on) ? 'expired' : 'restored';

export const decideDeclinePackageCredit = (c: Cmd<'DeclinePackageCredit'>, state: CreditsState): Decision => {
  const booking = state.bookings.get(c.bookingId);
  if (booking === undefined) {
    return left(
      domainError('UNKNOWN_BOOKING', `There is no booking "${c.bookingId}" in this client's credits ledger.`, {
        field: 'bookingId',
        details: { bookingId: c.bookingId },
      }),
    );
  }
  const type = booking.appointmentType;
  const from = booking.lot === null ? undefined : findCreditLot(state, type, booking.lot);
  // Nothing of the package is held: the booking moved on, or its credit already came back.
  const holds = from !== undefined && packageOfCreditLot(from) === c.packageId && !booking.declinedPackages.includes(c.packageId);
  if (from === undefined || !holds || (booking.cancelled && booking.restored)) return right([]);
  const waits = state.packageWaits.get(c.packageId);
  if (c.code === 'NO_UNITS_LEFT' && !booking.cancelled && waits !== undefined && waits.kept < waits.unavailable) {
    const kept = { bookingId: c.bookingId, packageId: c.packageId, appointmentType: type, on: c.on, ...(from.packageHolding !== undefined ? { packageHolding: from.packageHolding } : {}) };
    return right([{ type: 'PackageCreditKept', data: kept }]);
  }
  const now = catchUp(state, type, c.on);
  const declined = new Set([...booking.declinedPackages, c.packageId]);
  const next = booking.cancelled
    ? undefined
    : now.live.find((l) => {
        const packageId = packageOfCreditLot(l);
        return packageId === undefined || !declined.has(packageId);
      });
  const to = creditLotPackage(next);
  const data: CreditsEventData<'PackageCreditDeclined'> = {
    bookingId: c.bookingId,
    appointmentType: type,
    packageId: c.packageId,
    fromLot: from.lot,
    returned: c.creditVoid === true ? 'voided' : returnTo(from, c.on),
    lot: next?.lot ?? null,
    owed: !booking.cancelled && next === undefined,
    code: c.code,
    reason: c.reason,
    on: c.on,
    ...(to !== undefined ? { toPackageId: to.packageId } : {}),
    ...(to?.packageHolding !== undefined ? { toPackageHolding: to.packageHolding } : {}),
  };
  return right([...now.expiries, { type: 'PackageCreditDeclined', data }]);
};
