/**
 * Between packages and the credits ledger. A package's units are credits in its owner's
 * ledger, granted by the package (reference: the package id) and expiring with it:
 *
 * - package sold → one lot per service (`GrantCredits`, source `package`), expiring with the package;
 *   each grant names the package's holding its lots belong to (the sale, a transfer, a reinstatement);
 * - package expired or refunded → the package's unused credits voided (`VoidCredits`);
 * - package extended → its credits' expiry moved (`ExtendCreditExpiry`); an extension after
 *   the expiry (where policy allows) grants the reinstated units again, expiring on the new date;
 * - package transferred → the giver's credits from it voided, the recipient granted the
 *   units that moved, with the package's expiry;
 * - a service applied to it, a use it declined, a unit restored void → the ledger follows
 *   (`packageCreditUseDispatches`, see `package-credit-use.ts`).
 *
 * The package's own units stay the record of what was used and what is worth what; the
 * ledger follows them. Each command's id is derived from the causing event, so replays and
 * retries apply once.
 */
import type { Dispatch, ProcessManager } from '../kernel/process-manager.js';
import { deriveId } from '../values/ids.js';
import type { LocalDate } from '../values/local-date.js';
import type { CreditsCommand } from '../credits/commands.js';
import type { PackageEvent, PackageServiceUnits } from '../packages/events.js';
import { PACKAGE_SALE_HOLDING, packageReinstatedHolding, packageTransferHolding } from '../packages/state.js';
import { PACKAGE_CREDIT_USE_EVENTS, packageCreditUseDispatches } from './package-credit-use.js';

type ServiceCount = Pick<PackageServiceUnits, 'serviceId' | 'quantity'>;

const grants = (
  dispatch: (purpose: string, command: CreditsCommand) => Dispatch<CreditsCommand>,
  purpose: string,
  g: { readonly clientId: string; readonly on: LocalDate; readonly packageId: string; readonly holding: string; readonly expiresOn?: LocalDate; readonly note: string },
  services: readonly ServiceCount[],
): readonly Dispatch<CreditsCommand>[] =>
  services.map((s) =>
    dispatch(`${purpose}/${s.serviceId}`, {
      type: 'GrantCredits',
      clientId: g.clientId,
      on: g.on,
      appointmentType: s.serviceId,
      quantity: s.quantity,
      source: 'package',
      reference: g.packageId,
      note: g.note,
      packageHolding: g.holding,
      ...(g.expiresOn !== undefined ? { expiresOn: g.expiresOn } : {}),
    }),
  );

/** Units counted by service, in the order services first appear. */
const countByService = (units: readonly { readonly serviceId: string }[]): readonly ServiceCount[] => {
  const counts = new Map<string, number>();
  for (const u of units) counts.set(u.serviceId, (counts.get(u.serviceId) ?? 0) + 1);
  return [...counts].map(([serviceId, quantity]) => ({ serviceId, quantity }));
};

export const packageCreditsFlow: ProcessManager<PackageEvent, CreditsCommand> = {
  name: 'package-credits',
  handles: ['PackageSold', 'PackageExpired', 'PackageRefunded', 'PackageExtended', 'PackageTransferred', ...PACKAGE_CREDIT_USE_EVENTS],
  react: (event): readonly Dispatch<CreditsCommand>[] => {
    const dispatch = (purpose: string, command: CreditsCommand): Dispatch<CreditsCommand> => ({
      command,
      commandId: deriveId(event.eventId, purpose),
      actor: 'system',
    });
    // Naming the holding, a void sent again later (a replay) cannot touch the lots of a later holding.
    const voids = (clientId: string, on: LocalDate, packageId: string, reason: string, holding?: string): Dispatch<CreditsCommand> =>
      dispatch('credits/void', { type: 'VoidCredits', clientId, on, reference: packageId, reason, by: 'system', ...(holding !== undefined ? { packageHolding: holding } : {}) });
    switch (event.type) {
      case 'PackageSold': {
        const d = event.data;
        const on = d.bulkOrder?.redeemedOn ?? d.soldOn;
        const g = { clientId: d.clientId, on, packageId: d.packageId, holding: PACKAGE_SALE_HOLDING, note: d.terms.name, ...(d.expiresOn !== undefined ? { expiresOn: d.expiresOn } : {}) };
        return grants(dispatch, 'credits/grant', g, countByService(d.units));
      }
      case 'PackageExpired':
        return [voids(event.data.clientId, event.data.on, event.data.packageId, 'package expired', event.data.holding ?? PACKAGE_SALE_HOLDING)];
      case 'PackageRefunded':
        return [voids(event.data.clientId, event.data.on, event.data.packageId, `package refunded (${event.data.method})`)];
      case 'PackageExtended': {
        const d = event.data;
        const extend = dispatch('credits/extend', {
          type: 'ExtendCreditExpiry',
          clientId: d.clientId,
          on: d.on,
          reference: d.packageId,
          reason: 'package extended',
          expiresOn: d.to,
          by: 'system',
        });
        const g = { clientId: d.clientId, on: d.on, packageId: d.packageId, holding: packageReinstatedHolding(d.to), expiresOn: d.to, note: 'package extended after its expiry' };
        return [extend, ...grants(dispatch, 'credits/reinstate', g, d.reinstatedByService)];
      }
      case 'PackageTransferred': {
        const d = event.data;
        const g = {
          clientId: d.toClientId,
          on: d.on,
          packageId: d.packageId,
          holding: packageTransferHolding(d.accessCode),
          note: 'package transferred',
          ...(d.expiresOn !== undefined ? { expiresOn: d.expiresOn } : {}),
        };
        return [
          voids(d.fromClientId, d.on, d.packageId, `package transferred to ${d.toClientId}`, d.fromHolding ?? PACKAGE_SALE_HOLDING),
          ...grants(dispatch, 'credits/receive', g, d.byService),
        ];
      }
      default:
        return packageCreditUseDispatches(event, dispatch);
    }
  },
};
