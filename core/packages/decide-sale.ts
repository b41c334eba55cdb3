/**
 * Selling a package and applying services to it. The price paid is allocated over the
 * units by unit value; the savings against the unit values are recorded; the first
 * service may be applied at once. A service is applied only if the package covers it, on
 * a day that is not blacked out, before the expiry, with a unit left.
 */
import { chain, left, map, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { LocalDate } from '../values/local-date.js';
import type { Money } from '../values/money.js';
import { quotePackageSale } from '../rules/package-pricing.js';
import { packageExpiresOn } from '../rules/package-expiry.js';
import type { PackageCommand } from './commands.js';
import type { PackageEvent, PackageSaleChannel } from './events.js';
import { openPackage } from './guards.js';
import { evolvePackage, packageBookingId, type PackageState, type SoldPackage } from './state.js';
import type { PackagePromotion, PackageTerms } from './terms.js';
import { checkPackageContent } from './validate.js';

type Command<T extends PackageCommand['type']> = Extract<PackageCommand, { type: T }>;
type Decision = Either<DomainError, readonly PackageEvent[]>;

interface Sale {
  readonly packageId: string;
  readonly clientId: string;
  readonly terms: PackageTerms;
  readonly soldOn: LocalDate;
  readonly channel: PackageSaleChannel;
  readonly promotions: readonly PackagePromotion[];
  readonly pricePaid?: Money;
  readonly extra: Partial<Pick<Extract<PackageEvent, { type: 'PackageSold' }>['data'], 'appointmentId' | 'bulkOrder'>>;
}

const soldEvent = (state: PackageState, sale: Sale): Decision => {
  if (state.status !== 'unsold') {
    return left(
      domainError('PACKAGE_ALREADY_SOLD', `Package ${sale.packageId} has already been sold (to ${state.buyerId}).`, {
        details: { packageId: sale.packageId },
      }),
    );
  }
  if (sale.pricePaid !== undefined && sale.pricePaid.currency !== sale.terms.price.currency) {
    return left(
      domainError('CURRENCY_MISMATCH', `The price paid is in ${sale.pricePaid.currency} but the package is priced in ${sale.terms.price.currency}.`, {
        field: 'pricePaid',
      }),
    );
  }
  return pipe(
    checkPackageContent(sale.terms),
    chain((terms) => quotePackageSale(terms.items, terms.price, sale.promotions, sale.pricePaid)),
    map((quote): readonly PackageEvent[] => {
      const expiresOn = packageExpiresOn(sale.soldOn, sale.terms.validity);
      return [
        {
          type: 'PackageSold',
          data: {
            packageId: sale.packageId,
            clientId: sale.clientId,
            terms: sale.terms,
            soldOn: sale.soldOn,
            channel: sale.channel,
            promotions: sale.promotions,
            units: quote.units.map((u) => ({ item: u.item, serviceId: u.serviceId, value: u.value, free: u.free })),
            listValue: quote.listValue,
            pricePaid: quote.pricePaid,
            savings: quote.savings,
            ...(expiresOn !== undefined ? { expiresOn } : {}),
            ...sale.extra,
          },
        },
      ];
    }),
  );
};

export const decideSellPackage = (command: Command<'SellPackage'>, state: PackageState): Decision =>
  pipe(
    soldEvent(state, {
      packageId: command.packageId,
      clientId: command.clientId,
      terms: command.terms,
      soldOn: command.on,
      channel: command.channel,
      promotions: command.promotions ?? [],
      extra: command.appointmentId !== undefined ? { appointmentId: command.appointmentId } : {},
    }),
    chain((sold) => {
      const first = command.applyFirstService;
      if (first === undefined) return right(sold);
      const after = sold.reduce(evolvePackage, state);
      return pipe(
        applyService(after, { ...first, packageId: command.packageId, clientId: command.clientId, on: command.on }),
        map((applied) => [...sold, ...applied]),
      );
    }),
  );

export const decideIssueBulkPackage = (command: Command<'IssueBulkPackage'>, state: PackageState): Decision =>
  soldEvent(state, {
    packageId: command.packageId,
    clientId: command.clientId,
    terms: command.terms,
    soldOn: command.orderedOn,
    channel: 'bulk-order',
    promotions: [],
    pricePaid: command.pricePaid,
    extra: {
      bulkOrder: {
        orderId: command.orderId,
        businessId: command.businessId,
        code: command.code,
        redeemedOn: command.on,
        discountPercent: command.discountPercent,
      },
    },
  });

/** Whether a unit of `p` may serve `serviceId`: its item's service, or one of the item's allowed services. */
const covers = (p: SoldPackage, item: number, serviceId: string): boolean => {
  const it = p.terms.items[item];
  return it !== undefined && (it.allowedServices ?? [it.serviceId]).includes(serviceId);
};

const applyService = (state: PackageState, c: Omit<Command<'ApplyServiceToPackage'>, 'type'>): Decision =>
  pipe(
    openPackage(state, c.packageId, c.on),
    chain((p): Decision => {
      const refuse = (code: string, message: string): Decision =>
        left(domainError(code, message, { details: { packageId: p.packageId, serviceId: c.serviceId, on: c.on } }));
      if (c.on < p.soldOn) return refuse('DATE_BEFORE_PURCHASE', `"${p.terms.name}" was bought on ${p.soldOn}, after ${c.on}.`);
      if (c.clientId !== p.ownerId && !p.sharedWith.includes(c.clientId)) {
        return refuse('CLIENT_CANNOT_USE_PACKAGE', `${c.clientId} neither owns "${p.terms.name}" nor has it shared with them.`);
      }
      if (p.appointmentsApplied.includes(c.appointmentId)) {
        return refuse('APPOINTMENT_ALREADY_APPLIED', `Appointment ${c.appointmentId} has already been applied to "${p.terms.name}".`);
      }
      if (p.units.some((u) => u.status === 'used' && u.bookingId === c.appointmentId)) {
        return refuse('APPOINTMENT_ALREADY_APPLIED', `Appointment ${c.appointmentId} already used a credit of "${p.terms.name}" when it was booked.`);
      }
      if (!p.units.some((u) => covers(p, u.item, c.serviceId))) {
        return refuse('SERVICE_NOT_COVERED', `"${p.terms.name}" does not cover ${c.serviceId}.`);
      }
      if (p.terms.restrictions.blackoutDates.includes(c.on)) {
        return refuse('BLACKOUT_DATE', `"${p.terms.name}" cannot be used on ${c.on}, a blackout date.`);
      }
      const unit = p.units.findIndex((u) => u.status === 'unused' && covers(p, u.item, c.serviceId));
      const chosen = p.units[unit];
      if (chosen === undefined) {
        const used = p.units.filter((u) => covers(p, u.item, c.serviceId)).length;
        return refuse('NO_UNITS_LEFT', `"${p.terms.name}" has no ${c.serviceId} left (${used} of ${used} used or void).`);
      }
      return right([
        {
          type: 'PackageServiceApplied',
          data: {
            packageId: p.packageId,
            clientId: c.clientId,
            serviceId: c.serviceId,
            unitServiceId: chosen.serviceId,
            unit,
            value: chosen.value,
            appointmentId: c.appointmentId,
            on: c.on,
            bookingId: packageBookingId(p.packageId, c.appointmentId),
            ledgerClientId: p.ownerId,
            ledgerHolding: p.holding,
          },
        },
      ]);
    }),
  );

export const decideApplyService = (command: Command<'ApplyServiceToPackage'>, state: PackageState): Decision =>
  applyService(state, command);
