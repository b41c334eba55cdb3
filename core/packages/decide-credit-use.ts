/**
 * The package as the gatekeeper of its units when its credits move in the holder's ledger
 * (the credits → package flow sends these, one per ledger fact):
 *
 * - a booking used one of its credits → the unit is used (`PackageCreditUsed`), or, when the
 *   package cannot give one — refunded, expired, no longer the client's, a blackout date, no
 *   unit of that service left — the use is declined (`PackageCreditUseDeclined`) and the
 *   flow moves the booking off the package's credit in the ledger;
 * - a cancelled booking's credit came back → its unit is unused again, or void when the
 *   package can no longer be used from that ledger (the flow voids its credits there too);
 * - the ledger had no credit left for an applied service → the application is reversed.
 *
 * None of these is refused for a sold package, so the two sides cannot be left disagreeing;
 * each is idempotent (a booking's unit is found by its booking id). For a reference that is
 * not a sold package there is nothing to mirror.
 */
import { right, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from '../kernel/errors.js';
import type { LocalDate } from '../values/local-date.js';
import type { PackageCommand } from './commands.js';
import type { PackageUnitReturn } from './credit-events.js';
import type { PackageEvent } from './events.js';
import { packageHasExpiredOn, packageUnitOfBooking, type PackageState, type PackageUnit, type SoldPackage } from './state.js';

type Command<T extends PackageCommand['type']> = Extract<PackageCommand, { type: T }>;
type Decision = Either<DomainError, readonly PackageEvent[]>;

/** Why the package cannot give a unit of `serviceId` to the ledger of `clientId` on `on`, if it cannot. */
interface CannotGive {
  readonly code: string;
  readonly reason: string;
  /** Its credits in that ledger are void: nothing of the package can be used from there again. */
  readonly creditVoid: boolean;
}

const cannotGive = (p: SoldPackage, clientId: string, holding: string, serviceId: string, on: LocalDate): CannotGive | undefined => {
  const name = `"${p.terms.name}"`;
  if (p.status === 'refunded') return { code: 'PACKAGE_REFUNDED', reason: `${name} was refunded; its unused services are void.`, creditVoid: true };
  if (packageHasExpiredOn(p, on)) return { code: 'PACKAGE_EXPIRED', reason: `${name} expired on ${p.expiresOn ?? on}.`, creditVoid: true };
  if (clientId !== p.ownerId) return { code: 'CLIENT_CANNOT_USE_PACKAGE', reason: `${name} is ${p.ownerId}'s now, not ${clientId}'s.`, creditVoid: true };
  if (holding !== p.holding) {
    return { code: 'PACKAGE_HOLDING_ENDED', reason: `The credit came from lots of ${name} voided when it changed hands or expired.`, creditVoid: true };
  }
  if (p.terms.restrictions.blackoutDates.includes(on)) {
    return { code: 'BLACKOUT_DATE', reason: `${name} cannot be used on ${on}, a blackout date.`, creditVoid: false };
  }
  if (!p.units.some((u) => u.serviceId === serviceId)) return { code: 'SERVICE_NOT_COVERED', reason: `${name} does not cover ${serviceId}.`, creditVoid: false };
  if (!p.units.some((u) => u.status === 'unused' && u.serviceId === serviceId)) {
    return { code: 'NO_UNITS_LEFT', reason: `${name} has no ${serviceId} left.`, creditVoid: false };
  }
  return undefined;
};

/** A unit whose credit came back is usable again only while the package is, and to a lot of the current holding. */
const returnOf = (p: SoldPackage, unit: PackageUnit, clientId: string, on: LocalDate): PackageUnitReturn =>
  p.status === 'active' && !packageHasExpiredOn(p, on) && clientId === p.ownerId && (unit.holding ?? p.holding) === p.holding ? 'unused' : 'void';

export const decideRecordCreditUse = (c: Command<'RecordPackageCreditUse'>, state: PackageState): Decision => {
  if (state.status === 'unsold' || packageUnitOfBooking(state, c.bookingId) >= 0) return right([]);
  const p = state;
  const holding = c.holding ?? p.holding;
  const refusal = cannotGive(p, c.clientId, holding, c.serviceId, c.on);
  if (refusal !== undefined) {
    return right([
      {
        type: 'PackageCreditUseDeclined',
        data: { packageId: p.packageId, clientId: c.clientId, bookingId: c.bookingId, serviceId: c.serviceId, ...refusal, on: c.on, holding },
      },
    ]);
  }
  const unit = p.units.findIndex((u) => u.status === 'unused' && u.serviceId === c.serviceId);
  const chosen = p.units[unit];
  if (chosen === undefined) return right([]);
  return right([
    {
      type: 'PackageCreditUsed',
      data: { packageId: p.packageId, clientId: c.clientId, bookingId: c.bookingId, serviceId: c.serviceId, unit, value: chosen.value, on: c.on, holding },
    },
  ]);
};

export const decideRecordCreditRestore = (c: Command<'RecordPackageCreditRestore'>, state: PackageState): Decision => {
  if (state.status === 'unsold') return right([]);
  const unit = packageUnitOfBooking(state, c.bookingId);
  const used = state.units[unit];
  if (used === undefined) return right([]);
  return right([
    {
      type: 'PackageUnitRestored',
      data: {
        packageId: state.packageId,
        clientId: c.clientId,
        bookingId: c.bookingId,
        unit,
        outcome: returnOf(state, used, c.clientId, c.on),
        value: used.value,
        on: c.on,
        holding: used.holding ?? state.holding,
      },
    },
  ]);
};

export const decideRecordCreditUnavailable = (c: Command<'RecordPackageCreditUnavailable'>, state: PackageState): Decision => {
  if (state.status === 'unsold') return right([]);
  const unit = packageUnitOfBooking(state, c.bookingId);
  const used = state.units[unit];
  if (used === undefined) return right([]);
  return right([
    {
      type: 'PackageServiceApplicationReversed',
      data: {
        packageId: state.packageId,
        clientId: c.clientId,
        bookingId: c.bookingId,
        unit,
        outcome: c.creditVoid === true ? 'void' : returnOf(state, used, c.clientId, c.on),
        value: used.value,
        code: c.code,
        reason: c.reason,
        on: c.on,
        holding: used.holding ?? state.holding,
        ...(used.appointmentId !== undefined ? { appointmentId: used.appointmentId } : {}),
      },
    },
  ]);
};
