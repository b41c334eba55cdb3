/**
 * The facts of a client's credits ledger (stream `credits-<clientId>`). A lot is numbered
 * in grant order within the ledger (1, 2, …); every event that moves credits names the
 * lots it moved, so each credit is traceable from its grant to its use, and a read model
 * can follow every lot without the decider.
 */
import * as t from 'io-ts';
import { createEventRegistry, defineEvent, type EventOf } from '../kernel/codecs.js';
import { LocalDateC } from '../values/local-date.js';
import { PercentC } from '../values/percent.js';
import { CreditBookingChannelC, CreditPolicyC, CreditPolicySettingsC } from './policy.js';
import { PackageCreditDeclined, PackageCreditKept, PackageCreditUnavailable } from './package-events.js';

export * from './package-events.js';

const WholeC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'WholeNumber');
const CountC = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveInteger');
const IntC = t.refinement(t.number, (n) => Number.isSafeInteger(n), 'Integer');
const LotC = CountC;
const NullableDateC = t.union([LocalDateC, t.null]);
const NullableStringC = t.union([t.string, t.null]);

/** Where a lot's credits came from. */
export const CreditSourceC = t.keyof(
  {
    package: null,
    membership: null,
    manual: null,
    promotional: null,
    courtesy: null,
    renewal: null,
    transfer: null,
    rollover: null,
  },
  'CreditSource',
);
export type CreditSource = t.TypeOf<typeof CreditSourceC>;

/** Credits taken from (or given back to) one lot. */
export const CreditLotPartC = t.type({ lot: LotC, quantity: CountC }, 'CreditLotPart');
/** A lot part with the lot's expiry, as a transfer carries it. */
export const DatedCreditLotPartC = t.type({ lot: LotC, quantity: CountC, expiresOn: NullableDateC }, 'DatedCreditLotPart');

/** A lot of `quantity` credits of one appointment type. */
export const CreditsGranted = defineEvent(
  'CreditsGranted',
  t.intersection([
    t.type({
      lot: LotC,
      appointmentType: t.string,
      quantity: CountC,
      source: CreditSourceC,
      /** What granted it: a package id, a membership period, a promotion. */
      reference: NullableStringC,
      expiresOn: NullableDateC,
      on: LocalDateC,
      by: NullableStringC,
      note: NullableStringC,
    }),
    t.partial({
      /** For a package's lot: the holding of the package it belongs to (sale, a transfer, a reinstatement). */
      packageHolding: t.string,
    }),
  ]),
);

/** The package whose units a lot holds, named on the events that use or restore its credits. */
const fromPackage = {
  /** The lot's credits are this package's units (a lot of source `package`): the package flows mirror the change onto it. */
  packageId: t.string,
  /** The holding of the package the lot was granted for. */
  packageHolding: t.string,
};

/** Credits of a newly funded lot settled bookings made without credit (oldest first). */
export const CreditDebtRepaid = defineEvent(
  'CreditDebtRepaid',
  t.intersection([
    t.type({ appointmentType: t.string, lot: LotC, bookingIds: t.readonlyArray(t.string), on: LocalDateC }),
    t.partial(fromPackage),
  ]),
);

/** A session was booked; `lot` is `null` when it was booked without credit (the balance went negative). */
export const SessionBooked = defineEvent(
  'SessionBooked',
  t.intersection([
    t.type({
      bookingId: t.string,
      appointmentType: t.string,
      channel: CreditBookingChannelC,
      lot: t.union([LotC, t.null]),
      on: LocalDateC,
      policy: CreditPolicyC,
    }),
    t.partial({
      ...fromPackage,
      /** The package applied its unit itself ("Apply to patient's package?"); the ledger only followed. */
      appliedToPackage: t.boolean,
    }),
  ]),
);

/** What a cancellation did with the credit. */
export const CreditRestoreOutcomeC = t.keyof({ restored: null, expired: null, voided: null, not_restored: null }, 'CreditRestoreOutcome');
export type CreditRestoreOutcome = t.TypeOf<typeof CreditRestoreOutcomeC>;

/**
 * A booked session was cancelled. `restored`: the credit went back to its lot (or, for a
 * booking without credit, the debt was forgiven); `expired`/`voided`: its lot had expired or
 * been voided by then, so nothing came back; `not_restored`: the policy keeps the credit.
 */
export const SessionCancelled = defineEvent(
  'SessionCancelled',
  t.intersection([
    t.type({
      bookingId: t.string,
      appointmentType: t.string,
      lot: t.union([LotC, t.null]),
      restore: CreditRestoreOutcomeC,
      on: LocalDateC,
      policy: CreditPolicyC,
    }),
    t.partial(fromPackage),
  ]),
);

/** A provider changed a balance by hand: set it to a number or adjusted it by a delta. */
export const CreditsAdjusted = defineEvent(
  'CreditsAdjusted',
  t.type({
    appointmentType: t.string,
    mode: t.keyof({ set: null, adjust: null }),
    delta: IntC,
    balanceBefore: IntC,
    balanceAfter: IntC,
    /** The new lot of an increase; `null` for a decrease. */
    lot: t.union([LotC, t.null]),
    expiresOn: NullableDateC,
    /** The lots a decrease took from. */
    taken: t.readonlyArray(CreditLotPartC),
    by: t.string,
    reason: t.string,
    on: LocalDateC,
  }),
);

/** The unused credits of a lot expired on its date. */
export const CreditsExpired = defineEvent(
  'CreditsExpired',
  t.type({ lot: LotC, appointmentType: t.string, quantity: CountC, expiresOn: LocalDateC, reference: NullableStringC, on: LocalDateC }),
);

/** The unused credits of a lot were voided (a package refunded or expired, a membership ended). */
export const CreditsVoided = defineEvent(
  'CreditsVoided',
  t.type({ lot: LotC, appointmentType: t.string, quantity: CountC, reference: t.string, reason: t.string, by: NullableStringC, on: LocalDateC }),
);

/** A lot's expiry moved later (a package extension, a membership pause, a one-time extension). */
export const CreditExpiryExtended = defineEvent(
  'CreditExpiryExtended',
  t.type({ lot: LotC, appointmentType: t.string, reference: t.string, from: LocalDateC, to: LocalDateC, reason: t.string, by: NullableStringC, on: LocalDateC }),
);

/** At a period's end, `rolled` of the `unused` credits of a reference moved into a new lot; `lapsed` expired. */
export const CreditsRolledOver = defineEvent(
  'CreditsRolledOver',
  t.type({
    appointmentType: t.string,
    fromReference: t.string,
    toReference: t.string,
    unused: CountC,
    rolled: WholeC,
    lapsed: WholeC,
    taken: t.readonlyArray(CreditLotPartC),
    lot: t.union([LotC, t.null]),
    expiresOn: NullableDateC,
    percent: PercentC,
    cap: t.union([WholeC, t.null]),
    on: LocalDateC,
  }),
);

/** The giving side of a transfer between clients. */
export const CreditsTransferredOut = defineEvent(
  'CreditsTransferredOut',
  t.type({
    transferId: t.string,
    toClientId: t.string,
    appointmentType: t.string,
    quantity: CountC,
    taken: t.readonlyArray(DatedCreditLotPartC),
    by: NullableStringC,
    on: LocalDateC,
  }),
);

/** The receiving side of a transfer: one new lot per lot given, keeping its expiry, granted by `reference`. */
export const CreditsTransferredIn = defineEvent(
  'CreditsTransferredIn',
  t.type({
    transferId: t.string,
    fromClientId: t.string,
    appointmentType: t.string,
    /** What the new lots are granted by: the transfer id, or a package moved with them. */
    reference: t.string,
    lots: t.readonlyArray(DatedCreditLotPartC),
    on: LocalDateC,
  }),
);

/** The receiving ledger refused a transfer (recorded, so a retry meets the same answer). */
export const CreditTransferDeclined = defineEvent(
  'CreditTransferDeclined',
  t.type({ transferId: t.string, fromClientId: t.string, appointmentType: t.string, quantity: CountC, code: t.string, reason: t.string, on: LocalDateC }),
);

/** A transfer the receiver declined was undone: the credits went back to the lots they came from. */
export const CreditTransferReversed = defineEvent(
  'CreditTransferReversed',
  t.type({
    transferId: t.string,
    toClientId: t.string,
    appointmentType: t.string,
    restored: t.readonlyArray(CreditLotPartC),
    /** Parts whose lot had expired by then: nothing came back for them. */
    expired: t.readonlyArray(CreditLotPartC),
    reason: t.string,
    on: LocalDateC,
  }),
);

/** The client's own credit settings, overriding the practice's (the full set now in force). */
export const CreditSettingsAdjusted = defineEvent(
  'CreditSettingsAdjusted',
  t.type({ overrides: CreditPolicySettingsC, by: t.string, on: LocalDateC }),
);

export const creditsEvents = createEventRegistry([
  CreditsGranted,
  CreditDebtRepaid,
  SessionBooked,
  SessionCancelled,
  CreditsAdjusted,
  CreditsExpired,
  CreditsVoided,
  CreditExpiryExtended,
  CreditsRolledOver,
  CreditsTransferredOut,
  CreditsTransferredIn,
  CreditTransferDeclined,
  CreditTransferReversed,
  CreditSettingsAdjusted,
  PackageCreditDeclined,
  PackageCreditKept,
  PackageCreditUnavailable,
]);

export type CreditsEvent =
  | EventOf<typeof CreditsGranted>
  | EventOf<typeof CreditDebtRepaid>
  | EventOf<typeof SessionBooked>
  | EventOf<typeof SessionCancelled>
  | EventOf<typeof CreditsAdjusted>
  | EventOf<typeof CreditsExpired>
  | EventOf<typeof CreditsVoided>
  | EventOf<typeof CreditExpiryExtended>
  | EventOf<typeof CreditsRolledOver>
  | EventOf<typeof CreditsTransferredOut>
  | EventOf<typeof CreditsTransferredIn>
  | EventOf<typeof CreditTransferDeclined>
  | EventOf<typeof CreditTransferReversed>
  | EventOf<typeof CreditSettingsAdjusted>
  | EventOf<typeof PackageCreditDeclined>
  | EventOf<typeof PackageCreditKept>
  | EventOf<typeof PackageCreditUnavailable>;

/** The data of the event of type `T`. */
export type CreditsEventData<T extends CreditsEvent['type']> = Extract<CreditsEvent, { type: T }>['data'];

/** The stream of a client's credits ledger. */
export const creditsStream = (clientId: string): string => `credits-${clientId}`;

/** The client of a `credits-<clientId>` stream, or `undefined` for another stream. */
export const creditsClientOf = (streamName: string): string | undefined =>
  streamName.startsWith('credits-') ? streamName.slice('credits-'.length) : undefined;
