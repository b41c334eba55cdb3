/**
 * Transfers and sharing. A transferable package can be given to a recipient: the owner
 * offers it with an access code (supplied by the caller), and the recipient who redeems
 * the code becomes the owner of its unused units. A code redeems once. A shareable
 * package can be used by people its owner names.
 */
import { chain, left, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { PackageCommand } from './commands.js';
import type { PackageEvent } from './events.js';
import { openPackage, soldPackage } from './guards.js';
import { packageHoldingField, packageUnitsByService, packageUnitsIn, packageValueIn, type PackageState, type SoldPackage } from './state.js';

type Command<T extends PackageCommand['type']> = Extract<PackageCommand, { type: T }>;
type Decision = Either<DomainError, readonly PackageEvent[]>;

const refuse = (p: SoldPackage, code: string, message: string): Decision =>
  left(domainError(code, message, { details: { packageId: p.packageId } }));

const codeRedeemed = (p: SoldPackage): Decision =>
  refuse(p, 'ACCESS_CODE_ALREADY_REDEEMED', `The access code for "${p.terms.name}" has already been redeemed; a code redeems once.`);

export const decideOfferTransfer = (command: Command<'OfferPackageTransfer'>, state: PackageState): Decision =>
  pipe(
    openPackage(state, command.packageId, command.on),
    chain((p): Decision => {
      if (!p.terms.restrictions.transferable) {
        return refuse(p, 'PACKAGE_NOT_TRANSFERABLE', `"${p.terms.name}" is not transferable: by the practice's policy it stays with its owner.`);
      }
      if (p.redeemedCodes.includes(command.accessCode) || p.transferOffers.some((o) => o.accessCode === command.accessCode)) {
        return refuse(p, 'ACCESS_CODE_IN_USE', `That access code is already used for "${p.terms.name}"; choose another.`);
      }
      if (packageUnitsIn(p, 'unused').length === 0) {
        return refuse(p, 'NOTHING_TO_TRANSFER', `"${p.terms.name}" has no unused services to transfer.`);
      }
      return right([
        {
          type: 'PackageTransferOffered',
          data: { packageId: p.packageId, fromClientId: p.ownerId, recipient: command.recipient, accessCode: command.accessCode, on: command.on },
        },
      ]);
    }),
  );

export const decideCancelTransfer = (command: Command<'CancelPackageTransfer'>, state: PackageState): Decision =>
  pipe(
    soldPackage(state, command.packageId),
    chain((p): Decision => {
      if (p.redeemedCodes.includes(command.accessCode)) return codeRedeemed(p);
      if (!p.transferOffers.some((o) => o.accessCode === command.accessCode)) {
        return refuse(p, 'ACCESS_CODE_UNKNOWN', `No transfer of "${p.terms.name}" is pending with that access code.`);
      }
      return right([{ type: 'PackageTransferCancelled', data: { packageId: p.packageId, accessCode: command.accessCode, on: command.on } }]);
    }),
  );

/** The recipient takes the unused units over; sharing and other offers end. */
const transferTo = (command: Command<'ClaimPackageTransfer'>, p: SoldPackage): Decision => {
  if (command.clientId === p.ownerId) {
    return refuse(p, 'TRANSFER_TO_OWNER', `${command.clientId} already owns "${p.terms.name}".`);
  }
  const units = packageUnitsIn(p, 'unused');
  if (units.length === 0) return refuse(p, 'NOTHING_TO_TRANSFER', `"${p.terms.name}" has no unused services to transfer.`);
  return right([
    {
      type: 'PackageTransferred',
      data: {
        packageId: p.packageId,
        fromClientId: p.ownerId,
        toClientId: command.clientId,
        accessCode: command.accessCode,
        units,
        byService: packageUnitsByService(p, units),
        value: packageValueIn(p, 'unused'),
        on: command.on,
        sharingEnded: p.sharedWith,
        offersWithdrawn: p.transferOffers.map((o) => o.accessCode).filter((c) => c !== command.accessCode),
        ...(p.expiresOn !== undefined ? { expiresOn: p.expiresOn } : {}),
        ...(p.terms.programId !== undefined ? { programId: p.terms.programId } : {}),
        ...packageHoldingField('fromHolding', p.holding),
      },
    },
  ]);
};

export const decideClaimTransfer = (command: Command<'ClaimPackageTransfer'>, state: PackageState): Decision =>
  pipe(
    soldPackage(state, command.packageId),
    chain((p): Decision => {
      if (p.redeemedCodes.includes(command.accessCode)) return codeRedeemed(p);
      if (!p.transferOffers.some((o) => o.accessCode === command.accessCode)) {
        return refuse(p, 'ACCESS_CODE_UNKNOWN', `No transfer of "${p.terms.name}" is pending with that access code.`);
      }
      return pipe(
        openPackage(state, command.packageId, command.on),
        chain((open) => transferTo(command, open)),
      );
    }),
  );

export const decideSharePackage = (command: Command<'SharePackage'>, state: PackageState): Decision =>
  pipe(
    openPackage(state, command.packageId, command.on),
    chain((p): Decision => {
      if (!p.terms.restrictions.shareable) {
        return refuse(p, 'PACKAGE_NOT_SHAREABLE', `"${p.terms.name}" is not shareable: only its owner may use it.`);
      }
      if (command.clientId === p.ownerId || p.sharedWith.includes(command.clientId)) return right([]);
      return right([{ type: 'PackageShared', data: { packageId: p.packageId, ownerId: p.ownerId, clientId: command.clientId, on: command.on } }]);
    }),
  );

export const decideStopSharing = (command: Command<'StopSharingPackage'>, state: PackageState): Decision =>
  pipe(
    soldPackage(state, command.packageId),
    chain((p): Decision =>
      p.sharedWith.includes(command.clientId)
        ? right([{ type: 'PackageSharingStopped', data: { packageId: p.packageId, ownerId: p.ownerId, clientId: command.clientId, on: command.on } }])
        : right([]),
    ),
  );
