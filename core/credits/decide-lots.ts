/**
 * The rules on the lots a reference granted — a package, a membership period: void their
 * unused credits (a refund, a package's expiry, a membership ended), move their expiry (a
 * package extension, a membership pause, a one-time extension) and roll the unused credits
 * of a period over into new lots.
 *
 * These act on the lots as recorded: a lot whose date has passed but whose expiry is not
 * recorded yet can still be voided, extended or rolled over (a period's rollover runs on
 * the day its credits would expire).
 */
import { left, right } from 'fp-ts/lib/Either.js';
import { domainError } from '../kernel/errors.js';
import { rolloverQuantity } from '../rules/rollover.js';
import { addDays, type LocalDate } from '../values/local-date.js';
import type { CreditsCommandOf as Cmd } from './commands.js';
import { checkExpiry, unknownReference, type Decision } from './decide-support.js';
import type { CreditsEvent, CreditsEventData } from './events.js';
import { packageOfCreditLot, type CreditLot } from './lots.js';
import { findCreditLot, type CreditsState } from './state.js';

/** The lots a reference granted, open or closed, in grant order. */
const lotsOf = (state: CreditsState, reference: string): readonly CreditLot[] | undefined => {
  const refs = state.lotsByReference.get(reference);
  if (refs === undefined) return undefined;
  const lots: CreditLot[] = [];
  for (const ref of refs) {
    const lot = findCreditLot(state, ref.appointmentType, ref.lot);
    if (lot !== undefined) lots.push(lot);
  }
  return lots;
};

export const decideVoid = (c: Cmd<'VoidCredits'>, state: CreditsState): Decision => {
  const lots = lotsOf(state, c.reference);
  if (lots === undefined) return left(unknownReference(c.reference));
  const events: CreditsEvent[] = [];
  for (const lot of lots) {
    if (lot.status !== 'open' || lot.remaining === 0) continue;
    if (c.appointmentType !== undefined && lot.appointmentType !== c.appointmentType) continue;
    if (c.packageHolding !== undefined && lot.packageHolding !== c.packageHolding) continue;
    events.push({
      type: 'CreditsVoided',
      data: {
        lot: lot.lot,
        appointmentType: lot.appointmentType,
        quantity: lot.remaining,
        reference: c.reference,
        reason: c.reason,
        by: c.by ?? null,
        on: c.on,
      },
    });
  }
  return right(events);
};

export const decideExtendExpiry = (c: Cmd<'ExtendCreditExpiry'>, state: CreditsState): Decision => {
  const byDays = c.byDays;
  if ((c.expiresOn === undefined) === (byDays === undefined) || (byDays !== undefined && byDays <= 0)) {
    return left(
      domainError('INVALID_EXTENSION', 'An extension gives either a new expiry date or a number of days above zero, not both.', {
        field: c.expiresOn === undefined ? 'byDays' : 'expiresOn',
      }),
    );
  }
  const lots = lotsOf(state, c.reference);
  if (lots === undefined) return left(unknownReference(c.reference));
  const events: CreditsEvent[] = [];
  for (const lot of lots) {
    if ((lot.status !== 'open' && lot.status !== 'exhausted') || lot.expiresOn === null) continue;
    const to: LocalDate = byDays !== undefined ? addDays(lot.expiresOn, byDays) : (c.expiresOn ?? lot.expiresOn);
    if (to <= lot.expiresOn) {
      return left(
        domainError('EXPIRY_NOT_LATER', `An extension moves an expiry later, but lot ${lot.lot} already expires on ${lot.expiresOn}, not before ${to}.`, {
          field: 'expiresOn',
          details: { lot: lot.lot, expiresOn: lot.expiresOn, to },
        }),
      );
    }
    events.push({
      type: 'CreditExpiryExtended',
      data: {
        lot: lot.lot,
        appointmentType: lot.appointmentType,
        reference: c.reference,
        from: lot.expiresOn,
        to,
        reason: c.reason,
        by: c.by ?? null,
        on: c.on,
      },
    });
  }
  return right(events);
};

export const decideRollOver = (c: Cmd<'RollOverCredits'>, state: CreditsState): Decision => {
  const cap = c.cap ?? null;
  if (cap !== null && (!Number.isSafeInteger(cap) || cap < 0)) {
    return left(domainError('INVALID_CAP', `A rollover cap is a whole number of credits, zero or more; got ${cap}.`, { field: 'cap' }));
  }
  const expiresOn = c.expiresOn ?? null;
  const expiryError = checkExpiry(expiresOn, c.on);
  if (expiryError !== undefined) return left(expiryError);
  const lots = lotsOf(state, c.fromReference);
  if (lots === undefined) return left(unknownReference(c.fromReference));
  const byType = new Map<string, CreditLot[]>();
  for (const lot of lots) {
    // A package's units do not roll over: they end with the package.
    if (lot.status !== 'open' || lot.remaining === 0 || packageOfCreditLot(lot) !== undefined) continue;
    byType.set(lot.appointmentType, [...(byType.get(lot.appointmentType) ?? []), lot]);
  }
  const events: CreditsEvent[] = [];
  let lastLot = state.lastLot;
  for (const [appointmentType, open] of byType) {
    const unused = open.reduce((n, l) => n + l.remaining, 0);
    const rolled = rolloverQuantity(unused, { percent: c.percent, cap });
    const lot = rolled > 0 ? ++lastLot : null;
    const data: CreditsEventData<'CreditsRolledOver'> = {
      appointmentType,
      fromReference: c.fromReference,
      toReference: c.toReference,
      unused,
      rolled,
      lapsed: unused - rolled,
      taken: open.map((l) => ({ lot: l.lot, quantity: l.remaining })),
      lot,
      expiresOn: rolled > 0 ? expiresOn : null,
      percent: c.percent,
      cap,
      on: c.on,
    };
    events.push({ type: 'CreditsRolledOver', data });
  }
  return right(events);
};
