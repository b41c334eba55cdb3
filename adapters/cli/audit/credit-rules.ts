/**
 * What a credits event must be, given the ledger folded from the events before it: the
 * checks of the auditor (`credits.ts`) for one event at a time, each answering with what is
 * wrong, as a sentence without its subject ("books "b7" with 1 from lot 3, which is
 * exhausted"), or `undefined`.
 *
 * A lot a package granted holds the package's units: the ledger only books from it (a
 * booking names the package), never ends it itself (no expiry, no rollover), and manual
 * decreases and transfers leave it alone; the package declines a credit or finds none left
 * through events of its own (`PackageCreditDeclined`, `PackageCreditKept`, `PackageCreditUnavailable`).
 */
import {
  availableCredits,
  creditTypeStateOf,
  findCreditLot,
  isCreditLotExpired,
  openCreditLots,
  preventsBookingWithoutCredits,
  rolloverQuantity,
  takeCredits,
  type CreditLot,
  type CreditsEvent,
  type CreditsEventData,
  type CreditsState,
  type LocalDate,
} from '../../../core/index.js';
import { creditLotPackage, packageOfCreditLot } from '../../../core/credits/lots.js';
import { debtKey } from '../../../core/credits/state.js';

type Data<T extends CreditsEvent['type']> = CreditsEventData<T>;

/** Credits taken from (or given back to) one lot. */
export interface Part {
  readonly lot: number;
  readonly quantity: number;
}

export const parts = (ps: readonly Part[]): string => (ps.length === 0 ? 'none' : ps.map((p) => `${p.quantity} from lot ${p.lot}`).join(', '));
export const sameParts = (a: readonly Part[], b: readonly Part[]): boolean => a.length === b.length && a.every((p, i) => p.lot === b[i]?.lot && p.quantity === b[i]?.quantity);
export const sum = (ps: readonly { readonly quantity: number }[]): number => ps.reduce((n, p) => n + p.quantity, 0);

/** The balance of a type by its lots: credits left in the open lots minus sessions owed. */
export const lotBalance = (s: CreditsState, type: string): number => availableCredits(s, type) - creditTypeStateOf(s, type).debt;

/** The lot if it is an open lot of the type. */
export const openLot = (s: CreditsState, type: string, lot: number): CreditLot | undefined => {
  const found = findCreditLot(s, type, lot);
  return found?.status === 'open' && found.appointmentType === type ? found : undefined;
};

export const describeLot = (s: CreditsState, type: string, lot: number): string => {
  const found = findCreditLot(s, type, lot);
  if (found === undefined) return `lot ${lot}, which the ledger never granted`;
  if (found.appointmentType !== type) return `lot ${lot}, which holds ${found.appointmentType} credits`;
  return found.status === 'open' ? `lot ${lot}, which has ${found.remaining} left` : `lot ${lot}, which is ${found.status}`;
};

/** Parts taken from open lots of a type, each usable on `on` and holding what is taken (and, unless `packages`, none a package's). */
export const checkTaken = (s: CreditsState, type: string, taken: readonly Part[], on: LocalDate, what: string, packages = true): string | undefined => {
  const left = new Map<number, number>();
  for (const p of taken) {
    const lot = openLot(s, type, p.lot);
    if (lot === undefined) return `${what} ${p.quantity} from ${describeLot(s, type, p.lot)}`;
    if (isCreditLotExpired(lot, on)) return `${what} ${p.quantity} from lot ${p.lot}, which expired on ${lot.expiresOn ?? ''}`;
    if (!packages && packageOfCreditLot(lot) !== undefined) return `${what} ${p.quantity} from lot ${p.lot}, which holds the units of package ${lot.reference ?? ''}`;
    const remaining = (left.get(p.lot) ?? lot.remaining) - p.quantity;
    if (remaining < 0) return `${what} ${p.quantity} from lot ${p.lot}, which has only ${left.get(p.lot) ?? lot.remaining} left`;
    left.set(p.lot, remaining);
  }
  return undefined;
};

/** The open lots of a type usable on `on` (what the decider draws from). */
export const liveLots = (s: CreditsState, type: string, on: LocalDate): readonly CreditLot[] => openCreditLots(s, type).filter((l) => !isCreditLotExpired(l, on));

/** The live lots whose credits are not a package's (what a manual decrease or a transfer may take). */
export const ownLots = (lots: readonly CreditLot[]): readonly CreditLot[] => lots.filter((l) => packageOfCreditLot(l) === undefined);

/** The oldest `n` sessions of a type booked without credit and still owed (for a package's credits, not those it declined). */
export const oldestOwed = (s: CreditsState, type: string, n: number, packageId?: string): string[] => {
  const ts = creditTypeStateOf(s, type);
  const ids: string[] = [];
  for (let i = ts.debtFrom; i < ts.debtTo && ids.length < n; i++) {
    const id = s.debtQueue.get(debtKey(type, i));
    const booking = id === undefined ? undefined : s.bookings.get(id);
    if (id === undefined || booking?.owed !== true || booking.debtIndex !== i) continue;
    if (packageId !== undefined && booking.declinedPackages.includes(packageId)) continue;
    ids.push(id);
  }
  return ids;
};

/** What an event says of a lot's package (`packageId`, `packageHolding`) must be what the lot holds. */
export const checkPackageNamed = (
  s: CreditsState,
  type: string,
  lot: number,
  named: { readonly packageId?: string; readonly packageHolding?: string },
  what: string,
): string | undefined => {
  const held = creditLotPackage(findCreditLot(s, type, lot));
  if (held?.packageId === named.packageId && held?.packageHolding === named.packageHolding) return undefined;
  const says = named.packageId === undefined ? 'no package' : `package ${named.packageId}${named.packageHolding === undefined ? '' : ` (holding ${named.packageHolding})`}`;
  return `${what} names ${says}, but lot ${lot} holds ${held === undefined ? 'no package’s units' : `the units of package ${held.packageId}${held.packageHolding === undefined ? '' : ` (holding ${held.packageHolding})`}`}`;
};

export const checkBooking = (s: CreditsState, d: Data<'SessionBooked'>): string | undefined => {
  if (s.bookings.has(d.bookingId)) return `books "${d.bookingId}", a booking already in the ledger`;
  if (!d.policy.enabled) return `records booking "${d.bookingId}" although the policy it records has the credit system off`;
  if (d.appliedToPackage === true && (d.packageId === undefined || d.lot === null)) return `books "${d.bookingId}" for a service applied to a package without a credit of that package`;
  if (d.lot !== null) {
    return (
      checkTaken(s, d.appointmentType, [{ lot: d.lot, quantity: 1 }], d.on, `books "${d.bookingId}" with`) ??
      checkPackageNamed(s, d.appointmentType, d.lot, d, `books "${d.bookingId}" and`)
    );
  }
  if (d.packageId !== undefined) return `books "${d.bookingId}" without credit yet names package ${d.packageId}`;
  const usable = liveLots(s, d.appointmentType, d.on);
  if (usable.length > 0) return `books "${d.bookingId}" without credit although lot ${usable[0]?.lot ?? ''} still had ${usable[0]?.remaining ?? 0}`;
  if (preventsBookingWithoutCredits(d.policy, d.channel)) return `books "${d.bookingId}" without credit through ${d.channel}, which the policy it records prevents`;
  return undefined;
};

export const checkCancellation = (s: CreditsState, d: Data<'SessionCancelled'>): string | undefined => {
  const booking = s.bookings.get(d.bookingId);
  if (booking === undefined) return `cancels "${d.bookingId}", which the ledger never booked`;
  if (booking.cancelled) return `cancels "${d.bookingId}" a second time`;
  if (booking.appointmentType !== d.appointmentType || booking.lot !== d.lot) {
    return `cancels "${d.bookingId}" as a ${d.appointmentType} session from lot ${d.lot ?? 'none'}, but it was a ${booking.appointmentType} session from lot ${booking.lot ?? 'none'}`;
  }
  if (!d.policy.enabled) return `records cancellation "${d.bookingId}" although the policy it records has the credit system off`;
  if (booking.lot !== null) {
    const named = checkPackageNamed(s, d.appointmentType, booking.lot, d, `cancels "${d.bookingId}" and`);
    if (named !== undefined) return named;
  }
  const lot = booking.lot === null ? undefined : findCreditLot(s, booking.appointmentType, booking.lot);
  const expected = !d.policy.restoreOnCancel
    ? 'not_restored'
    : lot === undefined
      ? 'restored'
      : lot.status === 'voided'
        ? 'voided'
        : lot.status === 'expired' || isCreditLotExpired(lot, d.on)
          ? 'expired'
          : 'restored';
  if (expected !== d.restore) return `records the credit of "${d.bookingId}" as ${d.restore} where the policy and lot ${d.lot ?? 'none'} make it ${expected}`;
  return undefined;
};

export const checkAdjustment = (s: CreditsState, d: Data<'CreditsAdjusted'>): string | undefined => {
  // The balance the adjustment starts from counts the lots usable that day.
  const balance = liveLots(s, d.appointmentType, d.on).reduce((n, l) => n + l.remaining, 0) - creditTypeStateOf(s, d.appointmentType).debt;
  if (d.balanceBefore !== balance) return `says the ${d.appointmentType} balance was ${d.balanceBefore}, but its lots give ${balance}`;
  if (d.balanceAfter !== d.balanceBefore + d.delta || d.delta === 0) return `says ${d.balanceBefore} ${d.delta >= 0 ? '+' : '−'} ${Math.abs(d.delta)} made ${d.balanceAfter}`;
  const stale = ownLots(openCreditLots(s, d.appointmentType)).find((l) => isCreditLotExpired(l, d.on));
  if (stale !== undefined) return `adjusts the balance while lot ${stale.lot} had expired on ${stale.expiresOn ?? ''} without its expiry recorded`;
  if (d.delta > 0) {
    if (d.lot !== s.lastLot + 1 || d.taken.length > 0) return `adds ${d.delta} credits as lot ${d.lot ?? 'none'} where the ledger's next lot is ${s.lastLot + 1}`;
    return undefined;
  }
  if (d.lot !== null) return `removes ${-d.delta} credits but opens lot ${d.lot}`;
  const expected = takeCredits(ownLots(liveLots(s, d.appointmentType, d.on)), -d.delta);
  if (expected.shortfall > 0) return `removes ${-d.delta} credits where only ${-d.delta - expected.shortfall} could be taken`;
  if (!sameParts(d.taken, expected.taken)) return `takes ${parts(d.taken)} where the order of use takes ${parts(expected.taken)}`;
  return undefined;
};

export const checkRollover = (s: CreditsState, d: Data<'CreditsRolledOver'>): string | undefined => {
  const lots = (s.lotsByReference.get(d.fromReference) ?? [])
    .filter((ref) => ref.appointmentType === d.appointmentType)
    .map((ref) => findCreditLot(s, ref.appointmentType, ref.lot))
    .filter((l): l is CreditLot => l !== undefined && l.status === 'open' && l.remaining > 0 && packageOfCreditLot(l) === undefined);
  const unused = lots.map((l) => ({ lot: l.lot, quantity: l.remaining }));
  if (!sameParts(d.taken, unused)) return `rolls over ${parts(d.taken)} from "${d.fromReference}", whose unused credits are ${parts(unused)}`;
  if (d.unused !== sum(unused)) return `counts ${d.unused} unused credits where "${d.fromReference}" has ${sum(unused)}`;
  const rolled = rolloverQuantity(d.unused, { percent: d.percent, cap: d.cap });
  if (d.rolled !== rolled || d.lapsed !== d.unused - rolled) {
    return `rolls ${d.rolled} and lapses ${d.lapsed} of ${d.unused} where ${d.percent}% capped at ${d.cap ?? 'nothing'} rolls ${rolled} and lapses ${d.unused - rolled}`;
  }
  if ((rolled > 0 ? s.lastLot + 1 : null) !== d.lot) return `puts the rolled credits in lot ${d.lot ?? 'none'} where the ledger's next lot is ${s.lastLot + 1}`;
  if (d.expiresOn !== null && d.expiresOn <= d.on) return `rolls credits over on ${d.on} into a lot that expires on ${d.expiresOn}`;
  return undefined;
};

/** What becomes of a credit given back to a lot on `on`. */
const returnedTo = (lot: CreditLot, on: LocalDate): 'restored' | 'expired' | 'voided' =>
  lot.status === 'voided' ? 'voided' : lot.status === 'expired' || isCreditLotExpired(lot, on) ? 'expired' : 'restored';

export const checkDecline = (s: CreditsState, d: Data<'PackageCreditDeclined'>): string | undefined => {
  const booking = s.bookings.get(d.bookingId);
  if (booking === undefined || booking.appointmentType !== d.appointmentType) return `declines the credit of "${d.bookingId}", which the ledger never booked as a ${d.appointmentType} session`;
  if (booking.lot !== d.fromLot) return `gives the credit of "${d.bookingId}" back to lot ${d.fromLot}, but it was taken from lot ${booking.lot ?? 'none'}`;
  const from = findCreditLot(s, d.appointmentType, d.fromLot);
  if (from === undefined || packageOfCreditLot(from) !== d.packageId) return `says package ${d.packageId} declined a credit of ${describeLot(s, d.appointmentType, d.fromLot)}, which is not that package's`;
  if (booking.declinedPackages.includes(d.packageId)) return `says package ${d.packageId} declined the credit of "${d.bookingId}" a second time`;
  if (booking.cancelled && booking.restored) return `declines the credit of "${d.bookingId}", which its cancellation already gave back`;
  const back = returnedTo(from, d.on);
  if (d.returned !== back && d.returned !== 'voided') return `records the credit given back to lot ${d.fromLot} as ${d.returned} where the lot makes it ${back}`;
  const declined = new Set([...booking.declinedPackages, d.packageId]);
  const next = booking.cancelled
    ? undefined
    : liveLots(s, d.appointmentType, d.on).find((l) => {
        const packageId = packageOfCreditLot(l);
        return packageId === undefined || !declined.has(packageId);
      });
  if ((next?.lot ?? null) !== d.lot) return `moves "${d.bookingId}" to lot ${d.lot ?? 'none'} where the order of use gives ${next === undefined ? 'no lot' : `lot ${next.lot}`}`;
  if (d.owed !== (!booking.cancelled && next === undefined)) return `says "${d.bookingId}" is ${d.owed ? 'now' : 'not'} owed, which its ledger does not imply`;
  const to = creditLotPackage(next);
  if (to?.packageId !== d.toPackageId || to?.packageHolding !== d.toPackageHolding) return `names package ${d.toPackageId ?? 'none'} as the one "${d.bookingId}" uses now, but lot ${d.lot ?? 'none'} is ${to === undefined ? 'no package’s' : `package ${to.packageId}'s`}`;
  return undefined;
};

export const checkKept = (s: CreditsState, d: Data<'PackageCreditKept'>): string | undefined => {
  const booking = s.bookings.get(d.bookingId);
  if (booking === undefined || booking.cancelled || booking.lot === null) return `keeps a credit of package ${d.packageId} for "${d.bookingId}", which holds none`;
  const named = checkPackageNamed(s, d.appointmentType, booking.lot, d, `keeps the credit of "${d.bookingId}" and`);
  if (named !== undefined) return named;
  const waits = s.packageWaits.get(d.packageId);
  if (waits === undefined || waits.kept >= waits.unavailable) return `keeps the credit of "${d.bookingId}" although package ${d.packageId} has no unit coming back for a service that found no credit`;
  return undefined;
};

export const checkUnavailable = (d: Data<'PackageCreditUnavailable'>): string | undefined =>
  d.creditVoid === (d.code === 'PACKAGE_CREDITS_VOID') ? undefined : `says the credits of package ${d.packageId} are ${d.creditVoid ? '' : 'not '}void, but gives the reason ${d.code}`;
