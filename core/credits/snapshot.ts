/**
 * Snapshots of a client's credits ledger: the folded state as JSON-ready data and back, so
 * a long ledger loads from its latest snapshot and the events after it
 * (`createCommandHandler({ snapshots: { codec: creditsStateCodec, deciderVersion:
 * creditsDeciderVersion, store } })`).
 *
 * A long ledger's state is mostly its bookings and closed lots, so the snapshot writes
 * them as flat lists of values (a booking is six values in a row, not an object with six
 * named fields): the text is about half as long and reads back in one pass. Decoding
 * checks every value; a snapshot that does not decode is ignored (the handler folds the
 * events instead).
 */
import { left, right } from 'fp-ts/lib/Either.js';
import type { StateCodec } from '../kernel/snapshots.js';
import { isLocalDate, type LocalDate } from '../values/local-date.js';
import { PersistentMap } from '../values/persistent.js';
import { CreditSourceC, type CreditSource } from './events.js';
import { creditLotOf, type CreditLot, type CreditLotStatus, type CreditTypeState, type OpenCreditLot } from './lots.js';
import { CreditPolicySettingsC } from './policy.js';
import type { CreditBooking, CreditLotRef, CreditsState, CreditTransfer, PackageWaits } from './state.js';

/**
 * The version of the credits fold: the `deciderVersion` of credits snapshots. It changes
 * whenever `evolveCredits`, the state's shape or the snapshot's layout changes, so older
 * snapshots are ignored.
 */
export const creditsDeciderVersion = 'credits-2';

/** The layout of a credits snapshot (see `encode` for the order of the values). */
interface CreditsSnapshot {
  readonly overrides: unknown;
  readonly lastLot: number;
  /** Per type: type, debt, debtFrom, debtTo, then seven values per open lot. */
  readonly types: readonly unknown[][];
  /** Lot, credits left; … */
  readonly remaining: readonly number[];
  /** Seven values of the lot, then credits left and status; … */
  readonly closedLots: readonly unknown[];
  /** Per reference: reference, then lot and type of each of its lots. */
  readonly lotsByReference: readonly unknown[][];
  /** Booking id, type, lot, owed (0/1), debt index, cancelled (0/1), restored (0/1), the packages that declined it; … */
  readonly bookings: readonly unknown[];
  /** Key, unavailable, kept; … (what the ledger waits for from packages) */
  readonly packageWaits: readonly unknown[];
  /** Key, booking id; … */
  readonly debtQueue: readonly unknown[];
  /** Per transfer: id, 'out', to, type, reversed (0/1), then lot, quantity, expiry of each part taken; or id, 'in', from, type, declined (0/1). */
  readonly transfers: readonly unknown[][];
}

class NotASnapshot extends Error {}

const fail = (what: string): never => {
  throw new NotASnapshot(what);
};
const text = (u: unknown): string => (typeof u === 'string' ? u : fail('a text'));
const count = (u: unknown): number => (typeof u === 'number' && Number.isSafeInteger(u) ? u : fail('a whole number'));
const flag = (u: unknown): boolean => (u === 1 ? true : u === 0 ? false : fail('a flag'));
const nullable = <T>(u: unknown, read: (u: unknown) => T): T | null => (u === null ? null : read(u));
const date = (u: unknown): LocalDate => (isLocalDate(u) ? u : fail('a date'));
const list = (u: unknown): readonly unknown[] => (Array.isArray(u) ? u : fail('a list'));
const sourceOf = (u: unknown): CreditSource => (CreditSourceC.is(u) ? u : fail('a source'));
const STATUSES: readonly CreditLotStatus[] = ['open', 'exhausted', 'expired', 'voided'];
const statusOf = (u: unknown): CreditLotStatus => STATUSES.find((s) => s === u) ?? fail('a lot status');
const flagOf = (b: boolean): number => (b ? 1 : 0);

const pushLot = (out: unknown[], l: OpenCreditLot): void => {
  out.push(l.lot, l.appointmentType, l.source, l.reference, l.quantity, l.expiresOn, l.packageHolding ?? null);
};
const LOT_WIDTH = 7;
const lotAt = (values: readonly unknown[], i: number): OpenCreditLot => {
  const lot = {
    lot: count(values[i]),
    appointmentType: text(values[i + 1]),
    source: sourceOf(values[i + 2]),
    reference: nullable(values[i + 3], text),
    quantity: count(values[i + 4]),
    expiresOn: nullable(values[i + 5], date),
  };
  const holding = nullable(values[i + 6], text);
  return holding === null ? lot : { ...lot, packageHolding: holding };
};

/** Reads `values` `width` at a time. */
const rows = <T>(values: readonly unknown[], width: number, read: (i: number) => T): T[] => {
  if (values.length % width !== 0) fail(`values in groups of ${width}`);
  const out: T[] = [];
  for (let i = 0; i < values.length; i += width) out.push(read(i));
  return out;
};

const encode = (state: CreditsState): CreditsSnapshot => {
  const types: unknown[][] = [];
  for (const [type, ts] of state.types) {
    const row: unknown[] = [type, ts.debt, ts.debtFrom, ts.debtTo];
    for (const lot of ts.open) pushLot(row, lot);
    types.push(row);
  }
  const remaining: number[] = [];
  for (const [lot, n] of state.remaining) remaining.push(lot, n);
  const closedLots: unknown[] = [];
  for (const [, lot] of state.closedLots) {
    pushLot(closedLots, lot);
    closedLots.push(lot.remaining, lot.status);
  }
  const lotsByReference: unknown[][] = [];
  for (const [reference, refs] of state.lotsByReference) lotsByReference.push([reference, ...refs.flatMap((r) => [r.lot, r.appointmentType])]);
  const bookings: unknown[] = [];
  for (const [id, b] of state.bookings) {
    bookings.push(id, b.appointmentType, b.lot, flagOf(b.owed), b.debtIndex, flagOf(b.cancelled), flagOf(b.restored), [...b.declinedPackages]);
  }
  const packageWaits: unknown[] = [];
  for (const [key, w] of state.packageWaits) packageWaits.push(key, w.unavailable, w.kept);
  const debtQueue: unknown[] = [];
  for (const [key, id] of state.debtQueue) debtQueue.push(key, id);
  const transfers: unknown[][] = [];
  for (const [id, t] of state.transfers) {
    transfers.push(
      t.direction === 'out'
        ? [id, 'out', t.toClientId, t.appointmentType, flagOf(t.reversed), ...t.taken.flatMap((p) => [p.lot, p.quantity, p.expiresOn])]
        : [id, 'in', t.fromClientId, t.appointmentType, flagOf(t.declined)],
    );
  }
  return { overrides: state.overrides, lastLot: state.lastLot, types, remaining, closedLots, lotsByReference, bookings, packageWaits, debtQueue, transfers };
};

const decodeState = (data: unknown): CreditsState => {
  if (typeof data !== 'object' || data === null) return fail('an object');
  const s = data as Partial<Record<keyof CreditsSnapshot, unknown>>;
  const overrides = CreditPolicySettingsC.decode(s.overrides);
  if (overrides._tag === 'Left') return fail('settings');
  const types = list(s.types).map((u): [string, CreditTypeState] => {
    const row = list(u);
    const open = rows(row.slice(4), LOT_WIDTH, (i) => lotAt(row, i + 4));
    return [text(row[0]), { open, debt: count(row[1]), debtFrom: count(row[2]), debtTo: count(row[3]) }];
  });
  const remainingValues = list(s.remaining);
  const remaining = rows(remainingValues, 2, (i): [number, number] => [count(remainingValues[i]), count(remainingValues[i + 1])]);
  const closedValues = list(s.closedLots);
  const closedLots = rows(closedValues, LOT_WIDTH + 2, (i): [number, CreditLot] => {
    const lot = lotAt(closedValues, i);
    return [lot.lot, creditLotOf(lot, count(closedValues[i + LOT_WIDTH]), statusOf(closedValues[i + LOT_WIDTH + 1]))];
  });
  const lotsByReference = list(s.lotsByReference).map((u): [string, readonly CreditLotRef[]] => {
    const row = list(u);
    return [text(row[0]), rows(row.slice(1), 2, (i) => ({ lot: count(row[i + 1]), appointmentType: text(row[i + 2]) }))];
  });
  const bookingValues = list(s.bookings);
  const bookings = rows(bookingValues, 8, (i): [string, CreditBooking] => [
    text(bookingValues[i]),
    {
      appointmentType: text(bookingValues[i + 1]),
      lot: nullable(bookingValues[i + 2], count),
      owed: flag(bookingValues[i + 3]),
      debtIndex: nullable(bookingValues[i + 4], count),
      cancelled: flag(bookingValues[i + 5]),
      restored: flag(bookingValues[i + 6]),
      declinedPackages: list(bookingValues[i + 7]).map(text),
    },
  ]);
  const waitValues = list(s.packageWaits);
  const packageWaits = rows(waitValues, 3, (i): [string, PackageWaits] => [
    text(waitValues[i]),
    { unavailable: count(waitValues[i + 1]), kept: count(waitValues[i + 2]) },
  ]);
  const debtValues = list(s.debtQueue);
  const debtQueue = rows(debtValues, 2, (i): [string, string] => [text(debtValues[i]), text(debtValues[i + 1])]);
  const transfers = list(s.transfers).map((u): [string, CreditTransfer] => {
    const row = list(u);
    const appointmentType = text(row[3]);
    if (row[1] === 'in') return [text(row[0]), { direction: 'in', fromClientId: text(row[2]), appointmentType, declined: flag(row[4]) }];
    if (row[1] !== 'out') return fail('a transfer direction');
    const taken = rows(row.slice(5), 3, (i) => ({ lot: count(row[i + 5]), quantity: count(row[i + 6]), expiresOn: nullable(row[i + 7], date) }));
    return [text(row[0]), { direction: 'out', toClientId: text(row[2]), appointmentType, taken, reversed: flag(row[4]) }];
  });
  return {
    overrides: overrides.right,
    types: PersistentMap.of(types),
    remaining: PersistentMap.of(remaining),
    lastLot: count(s.lastLot),
    closedLots: PersistentMap.of(closedLots),
    lotsByReference: PersistentMap.of(lotsByReference),
    bookings: PersistentMap.of(bookings),
    packageWaits: PersistentMap.of(packageWaits),
    debtQueue: PersistentMap.of(debtQueue),
    transfers: PersistentMap.of(transfers),
  };
};

/** Encodes a credits state for a snapshot and decodes it back (checking every value). */
export const creditsStateCodec: StateCodec<CreditsState> = {
  encode,
  decode: (data) => {
    try {
      return right(decodeState(data));
    } catch (error) {
      if (error instanceof NotASnapshot) return left(error.message);
      throw error;
    }
  },
};
