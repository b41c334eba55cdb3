/** What the credit rules share: the expiry catch-up, debt repayment and the checks with their sentences. */
import type { Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { isCreditLotExpired } from '../rules/credit-use.js';
import type { LocalDate } from '../values/local-date.js';
import type { CreditsEvent, CreditsEventData } from './events.js';
import { packageOfCreditLot, type CreditLot, type CreditLotPackage } from './lots.js';
import { debtKey, openCreditLots, creditTypeStateOf, type CreditsState } from './state.js';

export type Decision = Either<DomainError, readonly CreditsEvent[]>;
type Expired = Extract<CreditsEvent, { type: 'CreditsExpired' }>;

/** The type's lots usable on `on`, and the expiries of the others that are due but not recorded yet. */
export interface CaughtUp {
  readonly expiries: readonly Expired[];
  /** Open lots still usable, in the order of use. */
  readonly live: readonly CreditLot[];
  /** Credits left in the live lots. */
  readonly available: number;
  readonly debt: number;
  /** `available − debt`: the balance once the due expiries are recorded. */
  readonly balance: number;
}

export const expiryOf = (lot: CreditLot, on: LocalDate): Expired => ({
  type: 'CreditsExpired',
  data: {
    lot: lot.lot,
    appointmentType: lot.appointmentType,
    quantity: lot.remaining,
    expiresOn: lot.expiresOn ?? on,
    reference: lot.reference,
    on,
  },
});

/**
 * Lots past their date are expired before credits are used, so a balance never counts them.
 * A package's lot past its date is left to the package (its expiry voids it), just not used.
 */
export const catchUp = (state: CreditsState, appointmentType: string, on: LocalDate): CaughtUp => {
  const ts = creditTypeStateOf(state, appointmentType);
  const expiries: Expired[] = [];
  const live: CreditLot[] = [];
  let available = 0;
  for (const lot of openCreditLots(state, appointmentType)) {
    if (isCreditLotExpired(lot, on)) {
      if (packageOfCreditLot(lot) === undefined) expiries.push(expiryOf(lot, on));
    } else {
      live.push(lot);
      available += lot.remaining;
    }
  }
  return { expiries, live, available, debt: ts.debt, balance: available - ts.debt };
};

/**
 * The oldest bookings made without credit that are still owed, at most `max` of them,
 * leaving out those in `skip` and, for a package's credits, those that package declined.
 */
const owedBookings = (state: CreditsState, appointmentType: string, max: number, skip: ReadonlySet<string>, packageId: string | undefined): string[] => {
  const ts = creditTypeStateOf(state, appointmentType);
  const ids: string[] = [];
  for (let i = ts.debtFrom; i < ts.debtTo && ids.length < max; i++) {
    const id = state.debtQueue.get(debtKey(appointmentType, i));
    const booking = id === undefined ? undefined : state.bookings.get(id);
    if (id === undefined || booking?.owed !== true || booking.debtIndex !== i || skip.has(id)) continue;
    if (packageId !== undefined && booking.declinedPackages.includes(packageId)) continue;
    ids.push(id);
  }
  return ids;
};

/** Credits newly put in a lot; `package` when the lot holds a package's units. */
export interface FundedCredits {
  readonly lot: number;
  readonly quantity: number;
  readonly package?: CreditLotPackage | undefined;
}

/** Credits newly put in lots repay the debt first: one `CreditDebtRepaid` per lot that settles bookings. */
export const repayDebt = (state: CreditsState, appointmentType: string, funded: readonly FundedCredits[], on: LocalDate): CreditsEvent[] => {
  if (creditTypeStateOf(state, appointmentType).debt <= 0) return [];
  const repaid = new Set<string>();
  const events: CreditsEvent[] = [];
  for (const part of funded) {
    const bookingIds = owedBookings(state, appointmentType, part.quantity, repaid, part.package?.packageId);
    if (bookingIds.length === 0) continue;
    for (const id of bookingIds) repaid.add(id);
    const data: CreditsEventData<'CreditDebtRepaid'> = {
      appointmentType,
      lot: part.lot,
      bookingIds,
      on,
      ...part.package,
    };
    events.push({ type: 'CreditDebtRepaid', data });
  }
  return events;
};

/** An appointment type the practice does not offer (when it says which it offers) is refused. */
export const checkAppointmentType = (appointmentType: string, known: readonly string[] | undefined): DomainError | undefined =>
  known === undefined || known.includes(appointmentType)
    ? undefined
    : domainError('UNKNOWN_APPOINTMENT_TYPE', `"${appointmentType}" is not one of the practice's appointment types (${known.join(', ') || 'none'}).`, {
      field: 'appointmentType',
      details: { appointmentType },
      });

/** A quantity that is not a whole number above zero is refused. */
export const checkQuantity = (quantity: number, what: string, field = 'quantity'): DomainError | undefined =>
  Number.isSafeInteger(quantity) && quantity > 0
    ? undefined
    : domainError('INVALID_QUANTITY', `${what} must be a whole number of credits above zero; got ${quantity}.`, {
      field,
      details: { quantity },
      });

/** An expiry on or before the date the credits are given is refused. */
export const checkExpiry = (expiresOn: LocalDate | null | undefined, on: LocalDate): DomainError | undefined =>
  expiresOn === undefined || expiresOn === null || expiresOn > on
    ? undefined
    : domainError('INVALID_EXPIRY', `Credits given on ${on} cannot expire on ${expiresOn}: an expiry must come after the date they are given.`, {
      field: 'expiresOn',
      details: { expiresOn, on },
      });

/** The seed's message: not enough credit, and how to get some. */
export const insufficientCredits = (appointmentType: string, balance: number, wanted = 1): DomainError =>
  domainError(
    'INSUFFICIENT_CREDITS',
    wanted === 1
      ? `Not enough credits to book a ${appointmentType} session: the balance is ${balance}. Buy a package that includes ${appointmentType} sessions, or ask the practice to add credits.`
      : `Not enough ${appointmentType} credits: the balance is ${balance} and ${wanted} are needed.`,
    { details: { appointmentType, balance, needed: wanted } },
  );

export const unknownReference = (reference: string): DomainError =>
  domainError('UNKNOWN_REFERENCE', `No credits in this ledger were granted by "${reference}".`, {
    field: 'reference',
    details: { reference },
  });
