/**
 * The requests to a client's credits ledger. Each command carries the practice-local date
 * it concerns (`on`) and, where the credit policy matters, the practice's settings
 * (`policy`, filled from the platform's configuration; missing settings take the defaults)
 * and optionally the practice's appointment types (`appointmentTypes`: when given, a type
 * not in the list is refused). Quantities are decoded as integers and checked by the rules,
 * so a negative quantity is refused with a sentence, not a schema error.
 */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../kernel/commands.js';
import { LocalDateC } from '../values/local-date.js';
import { PercentC } from '../values/percent.js';
import { CreditBookingChannelC, CreditPolicySettingsC } from './policy.js';

const IntC = t.refinement(t.number, (n) => Number.isSafeInteger(n), 'Integer');
const NonEmptyC = t.refinement(t.string, (s) => s.trim().length > 0, 'NonEmptyString');

/** The sources a grant may name (transfers and rollovers have their own commands). */
export const CreditGrantSourceC = t.keyof(
  { package: null, membership: null, manual: null, promotional: null, courtesy: null, renewal: null },
  'CreditGrantSource',
);
export type CreditGrantSource = t.TypeOf<typeof CreditGrantSourceC>;

const client = { clientId: NonEmptyC, on: LocalDateC };

/** The options shared by the commands that use the practice's settings. */
const practice = {
  /** The practice's credit settings. @defaultValue `{}`: every setting takes its default (`defaultCreditPolicy`) */
  policy: CreditPolicySettingsC,
  /** The practice's appointment types; a type not in the list is refused. @defaultValue any type is accepted */
  appointmentTypes: t.readonlyArray(t.string),
};

export const creditsCommandCodecs = {
  /** Grants a lot of credits (a package purchase, a membership period, a promotion, …). */
  GrantCredits: t.intersection([
    t.type({ ...client, appointmentType: NonEmptyC, quantity: IntC, source: CreditGrantSourceC }),
    t.partial({
      /** What grants it: a package id, a membership period. @defaultValue none */
      reference: NonEmptyC,
      /** First date the credits can no longer be used. @defaultValue they never expire */
      expiresOn: LocalDateC,
      /** Who granted them. @defaultValue none */
      by: t.string,
      note: t.string,
      appointmentTypes: practice.appointmentTypes,
      /**
       * For a package's units (source `package`, reference the package id): the holding of the
       * package they belong to, so a credit that comes back to a lot of an earlier holding (before
       * a transfer or a reinstatement) is known to be void. @defaultValue none
       */
      packageHolding: NonEmptyC,
    }),
  ]),
  /** Books a session: uses one credit of its type. */
  BookSession: t.intersection([
    t.type({ ...client, bookingId: NonEmptyC, appointmentType: NonEmptyC, channel: CreditBookingChannelC }),
    t.partial({
      ...practice,
      /** Use only credits granted by this reference (a package applied at the appointment). @defaultValue any lot, in the order of use */
      fromReference: NonEmptyC,
    }),
  ]),
  /**
   * Books the session a package applied its unit to ("Apply to patient's package?", sent by
   * the package flow): one credit from the package's lots. The package already decided, so
   * this is never refused for the credit settings (it is recorded even with the credit
   * system off); with no credit of the package left, `PackageCreditUnavailable` is recorded.
   */
  BookSessionFromPackage: t.intersection([
    t.type({ ...client, bookingId: NonEmptyC, packageId: NonEmptyC, appointmentType: NonEmptyC }),
    t.partial({
      policy: practice.policy,
      /** Use only the package's lots of this holding (the one the service was applied in). @defaultValue any of its lots */
      packageHolding: NonEmptyC,
    }),
  ]),
  /**
   * The package declined the credit a booking took from its lot (sent by the package flow):
   * the credit goes back to the lot and the booking takes its credit elsewhere, never from
   * that package again, or is owed.
   */
  DeclinePackageCredit: t.intersection([
    t.type({ ...client, bookingId: NonEmptyC, packageId: NonEmptyC, code: NonEmptyC, reason: t.string }),
    t.partial({
      /** The package can no longer be used from this ledger (refunded, expired, given away): the credit given back is void. @defaultValue false */
      creditVoid: t.boolean,
    }),
  ]),
  /** Cancels a booked session; the policy decides whether its credit comes back. */
  CancelBooking: t.intersection([t.type({ ...client, bookingId: NonEmptyC }), t.partial({ policy: practice.policy })]),
  /** Sets the balance of a type to a number; the difference is recorded. */
  SetCreditBalance: t.intersection([
    t.type({ ...client, appointmentType: NonEmptyC, balance: IntC, by: NonEmptyC, reason: t.string }),
    t.partial({
      /** Expiry of the lot an increase adds. @defaultValue it never expires */
      expiresOn: LocalDateC,
      appointmentTypes: practice.appointmentTypes,
    }),
  ]),
  /** Adjusts the balance of a type by a delta (positive adds a lot, negative takes credits). */
  AdjustCredits: t.intersection([
    t.type({ ...client, appointmentType: NonEmptyC, delta: IntC, by: NonEmptyC, reason: t.string }),
    t.partial({
      /** Expiry of the lot an increase adds. @defaultValue it never expires */
      expiresOn: LocalDateC,
      appointmentTypes: practice.appointmentTypes,
    }),
  ]),
  /** The expiry tick: expires every lot whose date is on or before `on`. */
  ExpireCredits: t.type(client),
  /** Voids the unused credits of the lots a reference granted (a package refunded or expired, a membership ended). */
  VoidCredits: t.intersection([
    t.type({ ...client, reference: NonEmptyC, reason: NonEmptyC }),
    t.partial({
      by: t.string,
      /** Void only the lots of this appointment type. @defaultValue every type */
      appointmentType: NonEmptyC,
      /** Void only a package's lots of this holding. @defaultValue every lot of the reference */
      packageHolding: NonEmptyC,
    }),
  ]),
  /** Moves the expiry of the lots a reference granted: to a date (`expiresOn`), or later by `byDays`. Give one of them. */
  ExtendCreditExpiry: t.intersection([
    t.type({ ...client, reference: NonEmptyC, reason: NonEmptyC }),
    t.partial({ expiresOn: LocalDateC, byDays: IntC, by: t.string }),
  ]),
  /** Rolls `min(cap, floor(unused × percent / 100))` of a reference's unused credits into a new lot; the rest expire. */
  RollOverCredits: t.intersection([
    t.type({ ...client, fromReference: NonEmptyC, toReference: NonEmptyC, percent: PercentC }),
    t.partial({
      /** Most credits that roll over, per appointment type. @defaultValue `null`: no cap */
      cap: t.union([IntC, t.null]),
      /** Expiry of the rolled-over lot. @defaultValue `null`: it never expires */
      expiresOn: t.union([LocalDateC, t.null]),
    }),
  ]),
  /** The giving side of a transfer to another client. */
  TransferCreditsOut: t.intersection([
    t.type({ ...client, transferId: NonEmptyC, toClientId: NonEmptyC, appointmentType: NonEmptyC, quantity: IntC }),
    t.partial({
      ...practice,
      by: t.string,
      /** Give only credits granted by this reference (a package being transferred). @defaultValue any lot, in the order of use */
      fromReference: NonEmptyC,
    }),
  ]),
  /** The receiving side of a transfer: the parts given, with their expiry. */
  ReceiveCreditTransfer: t.intersection([
    t.type({
      ...client,
      transferId: NonEmptyC,
      fromClientId: NonEmptyC,
      appointmentType: NonEmptyC,
      parts: t.readonlyArray(t.type({ quantity: IntC, expiresOn: t.union([LocalDateC, t.null]) })),
    }),
    t.partial({
      ...practice,
      /** What the new lots are granted by. @defaultValue the transfer id */
      reference: NonEmptyC,
    }),
  ]),
  /** Undoes the giving side of a transfer the receiver declined. */
  ReverseCreditTransfer: t.type({ ...client, transferId: NonEmptyC, reason: t.string }),
  /** Sets the client's own credit settings (the full set of overrides; `{}` follows the practice). */
  AdjustCreditSettings: t.type({ ...client, overrides: CreditPolicySettingsC, by: NonEmptyC }),
};

export const creditsCommands = commandDecoder(creditsCommandCodecs);
export type CreditsCommand = CommandOf<typeof creditsCommandCodecs>;
/** The command of type `T`. */
export type CreditsCommandOf<T extends CreditsCommand['type']> = Extract<CreditsCommand, { type: T }>;

/** The stream a command addresses: `credits-<clientId>`. */
export const creditsCommandStream = (command: CreditsCommand): string => `credits-${command.clientId}`;
