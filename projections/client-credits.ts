/**
 * What a client sees: their remaining credits per appointment type with the nearest expiry
 * date (and how many credits expire then), read from the credits report.
 */
import type { RemainingCredits } from '../core/credits/index.js';
import type { LocalDate } from '../core/values/local-date.js';
import { clientBalances, reportLotsOf, type CreditsReportModel } from './credits-report.js';

export const clientCredits = (model: CreditsReportModel, clientId: string): readonly RemainingCredits[] => {
  const nearest = new Map<string, { date: LocalDate; quantity: number }>();
  for (const lot of reportLotsOf(model, clientId)) {
    if (lot.expiresOn === null) continue;
    const seen = nearest.get(lot.appointmentType);
    if (seen === undefined || lot.expiresOn < seen.date) nearest.set(lot.appointmentType, { date: lot.expiresOn, quantity: lot.remaining });
    else if (lot.expiresOn === seen.date) nearest.set(lot.appointmentType, { date: seen.date, quantity: seen.quantity + lot.remaining });
  }
  return clientBalances(model, clientId).map(({ appointmentType, balance }) => {
    const n = nearest.get(appointmentType);
    return { appointmentType, balance, nearestExpiry: n?.date ?? null, expiringThen: n?.quantity ?? 0 };
  });
};
