/**
 * A package's units and its credits in the holder's ledger are one thing seen twice; these
 * two flows keep them equal. The rule: the package is the gatekeeper of its units, and
 * every change to one side that the other did not cause is mirrored onto it.
 *
 * Package → credits (in `packageCreditsFlow`, after the grants; see `packageCreditUseDispatches`):
 * - service applied ("Apply to patient's package?") → `BookSessionFromPackage` in the
 *   holder's ledger, from the package's lots, booking id `packageBookingId(package, appointment)`;
 * - a ledger use the package declined → `DeclinePackageCredit`: the booking gives the credit
 *   back to the package's lot (void, if the package can no longer be used from that ledger)
 *   and takes one elsewhere (never from that package), or is owed;
 * - a credit that came back to a package that can no longer be used from that ledger
 *   (refunded, expired, given away: the unit is void, or the use was declined as void) →
 *   `VoidCredits` for that holding of the package there, which voids the credit that came back.
 *
 * Credits → package (`creditPackageUseFlow`), for the credits of lots a package granted:
 * - a session booked here from the package's lot, not by the package (`appliedToPackage`),
 *   a debt repaid from it, a booking moved onto it, or a booking kept on it while the
 *   package takes back the unit of an application that found no credit → `RecordPackageCreditUse`;
 * - a cancellation that restored the credit to the package's lot (a package-applied
 *   appointment included) → `RecordPackageCreditRestore`;
 * - no credit of the package left for an applied service → `RecordPackageCreditUnavailable`.
 *
 * Holdings: a package's lots are granted for a holding (the sale, a transfer, a reinstatement;
 * an expiry ends one), so a credit that comes back to the lots of an earlier holding is known
 * to be void on both sides, and a void names the holding it ends.
 *
 * No cycle: a booking the package caused is marked `appliedToPackage` and not mirrored back;
 * the package's answers to the ledger (used, restored, reversed) cause nothing but voids; a
 * decline moves the booking to a package that has not declined it yet, and a booking is kept
 * on a package's credit at most once per application that found none, so it ends. Every
 * command id is derived from the causing event (and the booking), so replays and retries
 * apply once; each side's checks make the outcome equal whatever the order the flows run in.
 */
import type { RecordedEvent } from '../kernel/envelope.js';
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import { deriveId } from '../values/ids.js';
import type { LocalDate } from '../values/local-date.js';
import { creditsClientOf, type CreditsEvent } from '../credits/events.js';
import type { CreditsCommand } from '../credits/commands.js';
import type { PackageEvent } from '../packages/events.js';
import type { PackageCommand } from '../packages/commands.js';
import { packageBookingId } from '../packages/state.js';

/** The package events whose credits side `packageCreditsFlow` books, moves or voids in the ledger. */
export const PACKAGE_CREDIT_USE_EVENTS = ['PackageServiceApplied', 'PackageCreditUseDeclined', 'PackageUnitRestored'] as const;

/** Voids what is left of a holding's lots in a ledger from which the package can no longer be used. */
const voidHolding = (
  d: { readonly clientId: string; readonly packageId: string; readonly holding: string; readonly on: LocalDate },
  dispatch: (purpose: string, command: CreditsCommand) => Dispatch<CreditsCommand>,
): Dispatch<CreditsCommand> =>
  dispatch('credits/void-package-credits', {
    type: 'VoidCredits',
    clientId: d.clientId,
    on: d.on,
    reference: d.packageId,
    packageHolding: d.holding,
    reason: 'package no longer usable from this ledger',
    by: 'system',
  });

/**
 * The package → credits side of the rule (hosted by `packageCreditsFlow`, so that a package's
 * events reach the ledger in order: its credits are granted before a service applied to it
 * is booked from them).
 */
export const packageCreditUseDispatches = (
  event: RecordedEvent<PackageEvent>,
  dispatch: (purpose: string, command: CreditsCommand) => Dispatch<CreditsCommand>,
): readonly Dispatch<CreditsCommand>[] => {
  switch (event.type) {
    case 'PackageServiceApplied': {
      const d = event.data;
      return [
        dispatch('credits/book-from-package', {
          type: 'BookSessionFromPackage',
          clientId: d.ledgerClientId ?? d.clientId,
          bookingId: d.bookingId ?? packageBookingId(d.packageId, d.appointmentId),
          packageId: d.packageId,
          appointmentType: d.unitServiceId,
          on: d.on,
          ...(d.ledgerHolding !== undefined ? { packageHolding: d.ledgerHolding } : {}),
        }),
      ];
    }
    case 'PackageCreditUseDeclined': {
      const d = event.data;
      const decline = dispatch('credits/decline-package-credit', {
        type: 'DeclinePackageCredit',
        clientId: d.clientId,
        bookingId: d.bookingId,
        packageId: d.packageId,
        code: d.code,
        reason: d.reason,
        on: d.on,
        ...(d.creditVoid ? { creditVoid: true } : {}),
      });
      // A credit that came back to that lot meanwhile (a cancellation) is void with the rest of it.
      return d.creditVoid ? [decline, voidHolding(d, dispatch)] : [decline];
    }
    case 'PackageUnitRestored': {
      const d = event.data;
      return d.outcome === 'void' ? [voidHolding(d, dispatch)] : [];
    }
    default:
      return [];
  }
};

export const creditPackageUseFlow: ProcessManager<CreditsEvent, PackageCommand> = {
  name: 'credit-package-use',
  handles: ['SessionBooked', 'CreditDebtRepaid', 'PackageCreditDeclined', 'PackageCreditKept', 'SessionCancelled', 'PackageCreditUnavailable'],
  react: (event): readonly Dispatch<PackageCommand>[] => {
    const clientId = creditsClientOf(event.streamName);
    if (clientId === undefined) return [];
    const dispatch = (purpose: string, command: PackageCommand): Dispatch<PackageCommand> => ({
      command,
      commandId: deriveId(event.eventId, purpose),
      actor: 'system',
    });
    const use = (packageId: string, holding: string | undefined, bookingId: string, serviceId: string, on: LocalDate): Dispatch<PackageCommand> =>
      dispatch(`package/use/${bookingId}`, {
        type: 'RecordPackageCreditUse',
        packageId,
        clientId,
        bookingId,
        serviceId,
        on,
        ...(holding !== undefined ? { holding } : {}),
      });
    switch (event.type) {
      case 'SessionBooked': {
        const d = event.data;
        if (d.packageId === undefined || d.appliedToPackage === true) return [];
        return [use(d.packageId, d.packageHolding, d.bookingId, d.appointmentType, d.on)];
      }
      case 'CreditDebtRepaid': {
        const d = event.data;
        const packageId = d.packageId;
        if (packageId === undefined) return [];
        return d.bookingIds.map((bookingId) => use(packageId, d.packageHolding, bookingId, d.appointmentType, d.on));
      }
      case 'PackageCreditDeclined': {
        const d = event.data;
        return d.toPackageId === undefined ? [] : [use(d.toPackageId, d.toPackageHolding, d.bookingId, d.appointmentType, d.on)];
      }
      case 'PackageCreditKept': {
        const d = event.data;
        return [use(d.packageId, d.packageHolding, d.bookingId, d.appointmentType, d.on)];
      }
      case 'SessionCancelled': {
        const d = event.data;
        if (d.packageId === undefined || d.restore !== 'restored') return [];
        return [dispatch('package/restore', { type: 'RecordPackageCreditRestore', packageId: d.packageId, clientId, bookingId: d.bookingId, on: d.on })];
      }
      case 'PackageCreditUnavailable': {
        const d = event.data;
        return [
          dispatch('package/unavailable', {
            type: 'RecordPackageCreditUnavailable',
            packageId: d.packageId,
            clientId,
            bookingId: d.bookingId,
            code: d.code,
            reason: d.reason,
            on: d.on,
            ...(d.creditVoid ? { creditVoid: true } : {}),
          }),
        ];
      }
      default:
        return [];
    }
  },
};
