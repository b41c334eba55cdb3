/**
 * Package expiry. A package valid for m months (or d days) from its purchase on date s
 * expires on `s + m months` (month ends clamped) or `s + d days`: it can be used on the
 * days `[s, expiry)`, and on the expiry date its unused units are void. A notice to the
 * client falls due `n` days before the expiry (default 14).
 */
import { addDays, addMonthsClamped, type LocalDate } from '../values/local-date.js';
import type { PackageValidity } from '../packages/terms.js';

/** Days before the expiry at which the notice falls due. */
export const DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS = 14;

/** The first day a package bought on `soldOn` can no longer be used; `undefined` for one that never expires. */
export const packageExpiresOn = (soldOn: LocalDate, validity: PackageValidity | undefined): LocalDate | undefined => {
  if (validity === undefined) return undefined;
  return 'months' in validity ? addMonthsClamped(soldOn, validity.months) : addDays(soldOn, validity.days);
};

/** The date the expiry notice falls due: `daysBefore` days before `expiresOn`. */
export const packageExpiryNoticeOn = (expiresOn: LocalDate, daysBefore: number = DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS): LocalDate => {
  if (!Number.isSafeInteger(daysBefore) || daysBefore < 0) throw new RangeError(`Notice days are a whole number ≥ 0, got ${daysBefore}`);
  return addDays(expiresOn, -daysBefore);
};
