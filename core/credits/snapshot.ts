/**
 * Snapshots of a client's credits ledger: the folded state as JSON-ready data and back, so
 * a long ledger loads from its latest snapshot and the events after it
 * (`createCommandHandler({ snapshots: { codec: creditsStateCodec, deciderVersion:
 * creditsDeciderVersion, store } })`). The persistent maps are written as lists of
 * entries; decoding checks every field, and a snapshot that does not decode is ignored
 * (the handler folds the events instead).
 */
import * as t from 'io-ts';
import type { StateCodec } from '../kernel/snapshots.js';
import { LocalDateC } from '../values/local-date.js';
import { PersistentMap } from '../values/persistent.js';
import { CreditSourceC, DatedCreditLotPartC } from './events.js';
import type { CreditLot, CreditLotStatus, CreditTypeState, OpenCreditLot } from './lots.js';
import { CreditPolicySettingsC } from './policy.js';
import type { CreditBooking, CreditLotRef, CreditsState, CreditTransfer } from './state.js';

/**
 * The version of the credits fold: the `deciderVersion` of credits snapshots. It changes
 * whenever `evolveCredits` or the state's shape changes, so older snapshots are ignored.
 */
export const creditsDeciderVersion = 'credits-1';

/** A persistent map written as the list of its entries. */
const persistentMapC = <K, V, KO, VO>(
  key: t.Type<K, KO, unknown>,
  value: t.Type<V, VO, unknown>,
  name: string,
): t.Type<PersistentMap<K, V>, [KO, VO][], unknown> => {
  const entries = t.array(t.tuple([key, value]));
  return new t.Type<PersistentMap<K, V>, [KO, VO][], unknown>(
    name,
    (u): u is PersistentMap<K, V> => u instanceof PersistentMap,
    (u, c) => {
      const decoded = entries.validate(u, c);
      return decoded._tag === 'Left' ? decoded : t.success(PersistentMap.of(decoded.right));
    },
    (map) => {
      const out: [KO, VO][] = [];
      for (const [k, v] of map.entries()) out.push([key.encode(k), value.encode(v)]);
      return out;
    },
  );
};

const NullableDateC = t.union([LocalDateC, t.null]);

const OpenCreditLotC: t.Type<OpenCreditLot, unknown> = t.type({
  lot: t.number,
  appointmentType: t.string,
  source: CreditSourceC,
  reference: t.union([t.string, t.null]),
  quantity: t.number,
  expiresOn: NullableDateC,
});

const CreditLotStatusC: t.Type<CreditLotStatus, unknown> = t.keyof({ open: null, exhausted: null, expired: null, voided: null });

const CreditLotC: t.Type<CreditLot, unknown> = t.intersection([OpenCreditLotC, t.type({ remaining: t.number, status: CreditLotStatusC })]);

const CreditTypeStateC: t.Type<CreditTypeState, unknown> = t.type({
  open: t.readonlyArray(OpenCreditLotC),
  debt: t.number,
  debtFrom: t.number,
  debtTo: t.number,
});

const CreditLotRefC: t.Type<CreditLotRef, unknown> = t.type({ lot: t.number, appointmentType: t.string });

const CreditBookingC: t.Type<CreditBooking, unknown> = t.type({
  appointmentType: t.string,
  lot: t.union([t.number, t.null]),
  owed: t.boolean,
  debtIndex: t.union([t.number, t.null]),
  cancelled: t.boolean,
});

const CreditTransferC: t.Type<CreditTransfer, unknown> = t.union([
  t.type({ direction: t.literal('out'), toClientId: t.string, appointmentType: t.string, taken: t.readonlyArray(DatedCreditLotPartC), reversed: t.boolean }),
  t.type({ direction: t.literal('in'), fromClientId: t.string, appointmentType: t.string, declined: t.boolean }),
]);

const CreditsStateC = t.type({
  overrides: CreditPolicySettingsC,
  types: persistentMapC(t.string, CreditTypeStateC, 'CreditTypes'),
  remaining: persistentMapC(t.number, t.number, 'CreditsRemaining'),
  lastLot: t.number,
  closedLots: persistentMapC(t.number, CreditLotC, 'ClosedCreditLots'),
  lotsByReference: persistentMapC(t.string, t.readonlyArray(CreditLotRefC), 'CreditLotsByReference'),
  bookings: persistentMapC(t.string, CreditBookingC, 'CreditBookings'),
  debtQueue: persistentMapC(t.string, t.string, 'CreditDebtQueue'),
  transfers: persistentMapC(t.string, CreditTransferC, 'CreditTransfers'),
});

/** Encodes a credits state for a snapshot and decodes it back (checking every field). */
export const creditsStateCodec: StateCodec<CreditsState> = {
  encode: (state) => CreditsStateC.encode(state),
  decode: (data) => CreditsStateC.decode(data),
};
