/**
 * Expiry, extension, the expiry notice and refunds. On its expiry date a package's unused
 * units are void and their value is recorded; an extension moves the date; a notice falls
 * due n days before (default 14). A refund pays out the value remaining — the allocated
 * value of the unused units — and voids them; after the expiry only where policy allows.
 */
import { chain, left, map, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { sum } from '../values/money.js';
import { DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS, packageExpiryNoticeOn } from '../rules/package-expiry.js';
import type { PackageCommand } from './commands.js';
import type { PackageEvent } from './events.js';
import { packageExpired, packageRefunded, soldPackage } from './guards.js';
import { evolvePackage, packageHasExpiredOn, packageHoldingField, packageUnitsByService, packageUnitsIn, packageValueIn, type PackageState, type SoldPackage } from './state.js';

type Command<T extends PackageCommand['type']> = Extract<PackageCommand, { type: T }>;
type Decision = Either<DomainError, readonly PackageEvent[]>;

const doesNotExpire = (p: SoldPackage): DomainError =>
  domainError('PACKAGE_DOES_NOT_EXPIRE', `"${p.terms.name}" has no expiry date.`, { details: { packageId: p.packageId } });

export const decideExpirePackage = (command: Command<'ExpirePackage'>, state: PackageState): Decision =>
  pipe(
    soldPackage(state, command.packageId),
    chain((p): Decision => {
      if (p.expiresOn === undefined) return left(doesNotExpire(p));
      if (p.status !== 'active') return right([]);
      if (command.on < p.expiresOn) {
        return left(
          domainError('PACKAGE_NOT_YET_EXPIRED', `"${p.terms.name}" is valid until ${p.expiresOn}; it cannot expire on ${command.on}.`, {
            details: { packageId: p.packageId, expiresOn: p.expiresOn },
          }),
        );
      }
      const units = packageUnitsIn(p, 'unused');
      return right([
        {
          type: 'PackageExpired',
          data: {
            packageId: p.packageId,
            clientId: p.ownerId,
            expiresOn: p.expiresOn,
            on: command.on,
            units,
            byService: packageUnitsByService(p, units),
            valueExpired: packageValueIn(p, 'unused'),
            ...packageHoldingField('holding', p.holding),
          },
        },
      ]);
    }),
  );

export const decideExtendPackage = (command: Command<'ExtendPackage'>, state: PackageState): Decision =>
  pipe(
    soldPackage(state, command.packageId),
    chain((p): Decision => {
      if (p.status === 'refunded') return left(packageRefunded(p));
      if (p.expiresOn === undefined) return left(doesNotExpire(p));
      const allowAfterExpiry = command.policy?.allowAfterExpiry ?? false;
      if (packageHasExpiredOn(p, command.on) && !allowAfterExpiry) {
        return left(packageExpired(p, 'the practice does not extend a package after it expired'));
      }
      if (command.to <= p.expiresOn || command.to <= command.on) {
        return left(
          domainError(
            'EXTENSION_NOT_LATER',
            `An extension of "${p.terms.name}" must move its expiry past ${p.expiresOn > command.on ? p.expiresOn : command.on}; ${command.to} does not.`,
            { details: { packageId: p.packageId, expiresOn: p.expiresOn, to: command.to } },
          ),
        );
      }
      // Past its date but not yet expired: record the expiry first, so the extension reinstates
      // the units (their credits in the ledger may have expired on that date already).
      if (p.status === 'active' && packageHasExpiredOn(p, command.on)) {
        return pipe(
          decideExpirePackage({ type: 'ExpirePackage', packageId: p.packageId, on: command.on }, state),
          chain((expiry) =>
            pipe(
              decideExtendPackage(command, expiry.reduce(evolvePackage, state)),
              map((extension): readonly PackageEvent[] => [...expiry, ...extension]),
            ),
          ),
        );
      }
      const reinstated = p.status === 'expired' ? packageUnitsIn(p, 'expired') : [];
      return right([
        {
          type: 'PackageExtended',
          data: {
            packageId: p.packageId,
            clientId: p.ownerId,
            from: p.expiresOn,
            to: command.to,
            on: command.on,
            allowAfterExpiry,
            reinstated,
            reinstatedByService: packageUnitsByService(p, reinstated),
          },
        },
      ]);
    }),
  );

export const decideIssueExpiryNotice = (command: Command<'IssuePackageExpiryNotice'>, state: PackageState): Decision =>
  pipe(
    soldPackage(state, command.packageId),
    chain((p): Decision => {
      if (p.expiresOn === undefined) return left(doesNotExpire(p));
      const daysBefore = command.policy?.daysBefore ?? DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS;
      const noticeOn = packageExpiryNoticeOn(p.expiresOn, daysBefore);
      if (command.on < noticeOn) {
        return left(
          domainError('NOTICE_NOT_DUE', `The expiry notice of "${p.terms.name}" falls due on ${noticeOn}, not ${command.on}.`, {
            details: { packageId: p.packageId, noticeOn },
          }),
        );
      }
      const unused = packageUnitsIn(p, 'unused');
      const nothingToSay =
        p.status !== 'active' || command.on >= p.expiresOn || unused.length === 0 || p.noticesIssuedFor.includes(p.expiresOn);
      if (nothingToSay) return right([]);
      return right([
        {
          type: 'PackageExpiryNoticeIssued',
          data: {
            packageId: p.packageId,
            clientId: p.ownerId,
            expiresOn: p.expiresOn,
            noticeOn,
            daysBefore,
            on: command.on,
            unitsRemaining: unused.length,
            valueRemaining: packageValueIn(p, 'unused'),
          },
        },
      ]);
    }),
  );

export const decideRefundPackage = (command: Command<'RefundPackage'>, state: PackageState): Decision =>
  pipe(
    soldPackage(state, command.packageId),
    chain((p): Decision => {
      if (p.status === 'refunded') return left(packageRefunded(p));
      const afterExpiry = packageHasExpiredOn(p, command.on);
      if (afterExpiry && !(command.policy?.allowAfterExpiry ?? false)) {
        return left(packageExpired(p, 'the practice does not refund a package after it expired'));
      }
      const units = [...packageUnitsIn(p, 'unused'), ...(afterExpiry ? packageUnitsIn(p, 'expired') : [])].sort((a, b) => a - b);
      if (units.length === 0) {
        return left(
          domainError('NOTHING_TO_REFUND', `Every service of "${p.terms.name}" has been used; there is nothing to refund.`, {
            details: { packageId: p.packageId },
          }),
        );
      }
      const amount = sum(
        p.pricePaid.currency,
        units.flatMap((i) => (p.units[i] !== undefined ? [p.units[i].value] : [])),
      );
      return right([
        {
          type: 'PackageRefunded',
          data: {
            packageId: p.packageId,
            clientId: p.ownerId,
            method: command.method,
            amount,
            units,
            byService: packageUnitsByService(p, units),
            on: command.on,
            afterExpiry,
          },
        },
      ]);
    }),
  );
