/** Questions a client's folded ledger answers directly (the read models answer them practice-wide). */
import type { LocalDate } from '../values/local-date.js';
import { availableCredits, openCreditLots, type CreditsState } from './state.js';

/** The balance of one appointment type: credits left minus sessions booked without credit. */
export const creditBalance = (state: CreditsState, appointmentType: string): number => {
  const ts = state.types.get(appointmentType);
  return ts === undefined ? 0 : availableCredits(state, appointmentType) - ts.debt;
};

/** What a client sees of one appointment type. */
export interface RemainingCredits {
  readonly appointmentType: string;
  readonly balance: number;
  /** The nearest expiry of the credits left, `null` when none of them expire. */
  readonly nearestExpiry: LocalDate | null;
  /** How many credits expire on `nearestExpiry`. */
  readonly expiringThen: number;
}

/** Remaining credits per appointment type with their nearest expiry, types in name order. */
export const remainingCredits = (state: CreditsState): readonly RemainingCredits[] =>
  [...state.types.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([appointmentType, ts]) => {
      let nearestExpiry: LocalDate | null = null;
      let expiringThen = 0;
      for (const lot of openCreditLots(state, appointmentType)) {
        if (lot.expiresOn === null) continue;
        if (nearestExpiry === null || lot.expiresOn < nearestExpiry) {
          nearestExpiry = lot.expiresOn;
          expiringThen = lot.remaining;
        } else if (lot.expiresOn === nearestExpiry) expiringThen += lot.remaining;
      }
      return { appointmentType, balance: availableCredits(state, appointmentType) - ts.debt, nearestExpiry, expiringThen };
    });
