/**
 * The credit policy: practice-wide settings (from the platform's configuration, sent with
 * each command) with per-client overrides (facts in the client's ledger). The policy in
 * force is recorded on every booking and cancellation, so replay needs no configuration.
 */
import * as t from 'io-ts';

/** The settings of the credit system. */
export interface CreditPolicy {
  /** The credit system is on: bookings use credits. Off, bookings record nothing in the ledger. @defaultValue true */
  readonly enabled: boolean;
  /** A client may book without credits; the balance goes negative and the next grant repays it. @defaultValue false */
  readonly allowBookingWithoutCredits: boolean;
  /** Cancelling an appointment gives the credit back to the lot it came from. @defaultValue true */
  readonly restoreOnCancel: boolean;
  /**
   * When booking without credits is prevented, the prevention applies to shared booking
   * links (a calendar URL or embed) too. Off, shared links bypass it as in the platforms
   * the seed describes. @defaultValue true
   */
  readonly preventOnSharedLinks: boolean;
}

export const CreditPolicyC: t.Type<CreditPolicy> = t.type(
  {
    enabled: t.boolean,
    allowBookingWithoutCredits: t.boolean,
    restoreOnCancel: t.boolean,
    preventOnSharedLinks: t.boolean,
  },
  'CreditPolicy',
);

/** Some of the settings: the practice's (missing ones take the defaults) or a client's overrides. */
export type CreditPolicySettings = Partial<CreditPolicy>;

export const CreditPolicySettingsC: t.Type<CreditPolicySettings> = t.partial(
  {
    enabled: t.boolean,
    allowBookingWithoutCredits: t.boolean,
    restoreOnCancel: t.boolean,
    preventOnSharedLinks: t.boolean,
  },
  'CreditPolicySettings',
);

/** The defaults of every setting. */
export const defaultCreditPolicy: CreditPolicy = {
  enabled: true,
  allowBookingWithoutCredits: false,
  restoreOnCancel: true,
  preventOnSharedLinks: true,
};

const KEYS = ['enabled', 'allowBookingWithoutCredits', 'restoreOnCancel', 'preventOnSharedLinks'] as const;

/** The policy in force for a client: their overrides, else the practice's setting, else the default. */
export const effectiveCreditPolicy = (practice: CreditPolicySettings | undefined, overrides: CreditPolicySettings): CreditPolicy => {
  const pick = <K extends (typeof KEYS)[number]>(key: K): CreditPolicy[K] =>
    overrides[key] ?? practice?.[key] ?? defaultCreditPolicy[key];
  return {
    enabled: pick('enabled'),
    allowBookingWithoutCredits: pick('allowBookingWithoutCredits'),
    restoreOnCancel: pick('restoreOnCancel'),
    preventOnSharedLinks: pick('preventOnSharedLinks'),
  };
};

/** Where a booking came from. */
export const CreditBookingChannelC = t.keyof({ client_portal: null, provider: null, shared_link: null }, 'CreditBookingChannel');
export type CreditBookingChannel = t.TypeOf<typeof CreditBookingChannelC>;

/** Whether the policy refuses a booking without credits that came through `channel`. */
export const preventsBookingWithoutCredits = (policy: CreditPolicy, channel: CreditBookingChannel): boolean =>
  !policy.allowBookingWithoutCredits && (channel !== 'shared_link' || policy.preventOnSharedLinks);
