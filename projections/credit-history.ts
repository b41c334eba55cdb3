/**
 * Credit history: per client and appointment type, every change in order with its date,
 * its reason (purchased a package, scheduled an appointment, manual adjustment by whom,
 * settings change, cancellation restore, expiry, transfer in/out, debt repaid, …), its
 * delta and the running balance — the seed's "detailed history of how the client
 * earned/used credits for a specific appointment type". The deltas of a ledger always sum
 * to its balance.
 */
import { creditsClientOf, creditsEvents, type CreditBookingChannel, type CreditsEvent, type CreditSource } from '../core/credits/index.js';
import type { DomainEvent, RecordedEvent } from '../core/kernel/envelope.js';
import type { LocalDate } from '../core/values/local-date.js';
import { PersistentList, PersistentMap } from '../core/values/persistent.js';
import type { Projection } from './projection.js';

export type CreditHistoryReason =
  | 'package_purchased'
  | 'membership_period'
  | 'renewal_cycle'
  | 'promotional_grant'
  | 'courtesy_grant'
  | 'manual_grant'
  | 'appointment_scheduled'
  | 'cancellation_restore'
  | 'cancellation_restore_expired'
  | 'cancellation_restore_voided'
  | 'cancellation_not_restored'
  | 'manual_adjustment'
  | 'settings_change'
  | 'expiry'
  | 'voided'
  | 'expiry_extended'
  | 'rollover'
  | 'transfer_in'
  | 'transfer_out'
  | 'transfer_reversed'
  | 'debt_repaid'
  | 'package_credit_declined';

export interface CreditHistoryEntry {
  /** The practice date the change concerns. */
  readonly on: LocalDate;
  /** The instant it was recorded. */
  readonly at: string;
  readonly reason: CreditHistoryReason;
  /** A sentence for the client's profile. */
  readonly description: string;
  readonly delta: number;
  /** The balance after the change. */
  readonly balance: number;
  /** Who acted: the provider of a manual adjustment or settings change, else the event's actor. */
  readonly by: string | null;
  /** The booking, lot, package or transfer the change is about, when there is one. */
  readonly bookingId: string | null;
  readonly lot: number | null;
  readonly reference: string | null;
  readonly transferId: string | null;
}

export interface CreditHistoryModel {
  /** Keyed `clientId` NUL `appointmentType`. */
  readonly ledgers: PersistentMap<string, PersistentList<CreditHistoryEntry>>;
  /** The appointment types each client has a history for, in order of appearance. */
  readonly typesByClient: PersistentMap<string, readonly string[]>;
}

const key = (clientId: string, appointmentType: string): string => `${clientId}\u0000${appointmentType}`;

type Change = Omit<CreditHistoryEntry, 'balance' | 'on' | 'at' | 'by' | 'bookingId' | 'lot' | 'reference' | 'transferId'> &
  Partial<Pick<CreditHistoryEntry, 'by' | 'bookingId' | 'lot' | 'reference' | 'transferId'>> & { readonly appointmentType: string };

const GRANT_REASONS: Readonly<Record<CreditSource, CreditHistoryReason>> = {
  package: 'package_purchased',
  membership: 'membership_period',
  renewal: 'renewal_cycle',
  promotional: 'promotional_grant',
  courtesy: 'courtesy_grant',
  manual: 'manual_grant',
  transfer: 'transfer_in',
  rollover: 'rollover',
};

const CHANNELS: Readonly<Record<CreditBookingChannel, string>> = {
  client_portal: 'in the client portal',
  provider: 'by the provider',
  shared_link: 'through a shared booking link',
};

/**
 * The string itself, in one piece. A sentence built by concatenation is a tree of its
 * parts in V8 until a character is read; kept in a history of a million entries, the trees
 * cost more memory than the sentences. Reading the first character joins it once.
 */
const flat = (s: string): string => {
  s.charCodeAt(0);
  return s;
};

const plural = (n: number, what = 'credit'): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The history entries an event makes, before running balances. */
const changesOf = (event: CreditsEvent, typesOfClient: () => readonly string[]): readonly Change[] => {
  switch (event.type) {
    case 'CreditsGranted': {
      const d = event.data;
      const from = d.reference === null ? '' : ` (${d.reference})`;
      const until = d.expiresOn === null ? '' : `, expiring on ${d.expiresOn}`;
      const note = d.note === null ? '' : `: ${d.note}`;
      return [{ appointmentType: d.appointmentType, reason: GRANT_REASONS[d.source], delta: d.quantity, description: `${plural(d.quantity)} granted as lot ${d.lot}${from}${until}${note}`, lot: d.lot, reference: d.reference, by: d.by }];
    }
    case 'CreditDebtRepaid': {
      const d = event.data;
      return [{ appointmentType: d.appointmentType, reason: 'debt_repaid', delta: 0, description: `${plural(d.bookingIds.length)} of lot ${d.lot} repaid sessions booked without credit (${d.bookingIds.join(', ')})`, lot: d.lot }];
    }
    case 'SessionBooked': {
      const d = event.data;
      const how = d.lot === null ? 'without credit' : `from lot ${d.lot}`;
      return [{ appointmentType: d.appointmentType, reason: 'appointment_scheduled', delta: -1, description: `Appointment ${d.bookingId} booked ${CHANNELS[d.channel]}, ${how}`, bookingId: d.bookingId, lot: d.lot }];
    }
    case 'SessionCancelled': {
      const d = event.data;
      const [reason, delta, description] =
        d.restore === 'restored'
          ? (['cancellation_restore', 1, d.lot === null ? 'the session owed was forgiven' : `the credit went back to lot ${d.lot}`] as const)
          : d.restore === 'expired'
            ? (['cancellation_restore_expired', 0, `lot ${d.lot ?? '-'} had expired, so nothing came back`] as const)
            : d.restore === 'voided'
              ? (['cancellation_restore_voided', 0, `lot ${d.lot ?? '-'} had been voided, so nothing came back`] as const)
              : (['cancellation_not_restored', 0, 'credits are not restored on cancellation'] as const);
      return [{ appointmentType: d.appointmentType, reason, delta, description: `Appointment ${d.bookingId} cancelled: ${description}`, bookingId: d.bookingId, lot: d.lot }];
    }
    case 'CreditsAdjusted': {
      const d = event.data;
      const what = d.mode === 'set' ? `Balance set from ${d.balanceBefore} to ${d.balanceAfter}` : `Balance adjusted by ${d.delta > 0 ? '+' : ''}${d.delta}`;
      return [{ appointmentType: d.appointmentType, reason: 'manual_adjustment', delta: d.delta, description: `${what} by ${d.by}: ${d.reason}`, by: d.by, lot: d.lot }];
    }
    case 'CreditsExpired': {
      const d = event.data;
      return [{ appointmentType: d.appointmentType, reason: 'expiry', delta: -d.quantity, description: `${plural(d.quantity)} of lot ${d.lot} expired on ${d.expiresOn}`, lot: d.lot, reference: d.reference }];
    }
    case 'CreditsVoided': {
      const d = event.data;
      return [{ appointmentType: d.appointmentType, reason: 'voided', delta: -d.quantity, description: `${plural(d.quantity)} of lot ${d.lot} voided: ${d.reason}`, lot: d.lot, reference: d.reference, by: d.by }];
    }
    case 'CreditExpiryExtended': {
      const d = event.data;
      return [{ appointmentType: d.appointmentType, reason: 'expiry_extended', delta: 0, description: `Lot ${d.lot} now expires on ${d.to} instead of ${d.from}: ${d.reason}`, lot: d.lot, reference: d.reference, by: d.by }];
    }
    case 'CreditsRolledOver': {
      const d = event.data;
      return [{ appointmentType: d.appointmentType, reason: 'rollover', delta: -d.lapsed, description: `Of ${plural(d.unused, 'unused credit')} from ${d.fromReference}, ${d.rolled} rolled over${d.lot === null ? '' : ` into lot ${d.lot}`} and ${d.lapsed} expired`, lot: d.lot, reference: d.fromReference }];
    }
    case 'CreditsTransferredOut': {
      const d = event.data;
      return [{ appointmentType: d.appointmentType, reason: 'transfer_out', delta: -d.quantity, description: `${plural(d.quantity)} transferred to ${d.toClientId}`, transferId: d.transferId, by: d.by }];
    }
    case 'CreditsTransferredIn': {
      const d = event.data;
      const quantity = d.lots.reduce((n, l) => n + l.quantity, 0);
      return [{ appointmentType: d.appointmentType, reason: 'transfer_in', delta: quantity, description: `${plural(quantity)} transferred from ${d.fromClientId}`, transferId: d.transferId }];
    }
    case 'CreditTransferDeclined':
    case 'PackageCreditUnavailable':
    case 'PackageCreditKept':
      return [];
    case 'PackageCreditDeclined': {
      const d = event.data;
      const back = d.returned === 'restored' ? `the credit went back to lot ${d.fromLot}` : `lot ${d.fromLot} had ${d.returned === 'expired' ? 'expired' : 'been voided'}, so the credit was lost`;
      const now = d.lot !== null ? `; it now uses lot ${d.lot}` : d.owed ? '; it is now booked without credit' : '';
      const delta = (d.returned === 'restored' ? 1 : 0) - (d.lot !== null || d.owed ? 1 : 0);
      return [{ appointmentType: d.appointmentType, reason: 'package_credit_declined', delta, description: `Package ${d.packageId} declined the credit of appointment ${d.bookingId} (${d.reason}): ${back}${now}`, bookingId: d.bookingId, lot: d.lot ?? d.fromLot, reference: d.packageId }];
    }
    case 'CreditTransferReversed': {
      const d = event.data;
      const back = d.restored.reduce((n, p) => n + p.quantity, 0);
      const lost = d.expired.reduce((n, p) => n + p.quantity, 0);
      const note = lost === 0 ? '' : ` (${plural(lost)} had expired meanwhile)`;
      return [{ appointmentType: d.appointmentType, reason: 'transfer_reversed', delta: back, description: `Transfer to ${d.toClientId} undone: ${d.reason}${note}`, transferId: d.transferId }];
    }
    case 'CreditSettingsAdjusted': {
      const d = event.data;
      const settings = Object.entries(d.overrides).map(([k, v]) => `${k} ${v ? 'on' : 'off'}`).join(', ') || 'follow the practice';
      return typesOfClient().map((appointmentType) => ({ appointmentType, reason: 'settings_change', delta: 0, description: `Settings adjusted for this client by ${d.by}: ${settings}`, by: d.by }));
    }
  }
};

const apply = (model: CreditHistoryModel, event: RecordedEvent<DomainEvent>): CreditHistoryModel => {
  const clientId = creditsClientOf(event.streamName);
  if (clientId === undefined || !creditsEvents.is(event)) return model;
  const changes = changesOf(event, () => model.typesByClient.get(clientId) ?? []);
  if (changes.length === 0) return model;
  let { ledgers, typesByClient } = model;
  for (const change of changes) {
    const k = key(clientId, change.appointmentType);
    const ledger = ledgers.get(k) ?? PersistentList.empty<CreditHistoryEntry>();
    if (ledger.length === 0 && !(typesByClient.get(clientId) ?? []).includes(change.appointmentType)) {
      typesByClient = typesByClient.set(clientId, [...(typesByClient.get(clientId) ?? []), change.appointmentType]);
    }
    const entry: CreditHistoryEntry = {
      on: event.data.on,
      at: event.metadata.at,
      reason: change.reason,
      description: flat(change.description),
      delta: change.delta,
      balance: (ledger.last()?.balance ?? 0) + change.delta,
      by: change.by ?? event.metadata.actor ?? null,
      bookingId: change.bookingId ?? null,
      lot: change.lot ?? null,
      reference: change.reference ?? null,
      transferId: change.transferId ?? null,
    };
    ledgers = ledgers.set(k, ledger.append(entry));
  }
  return { ledgers, typesByClient };
};

export const creditHistoryProjection: Projection<DomainEvent, CreditHistoryModel> = {
  name: 'credit-history',
  initial: { ledgers: PersistentMap.empty(), typesByClient: PersistentMap.empty() },
  apply,
};

/** Every change of a client's credits of one appointment type, oldest first. */
export const creditHistory = (model: CreditHistoryModel, clientId: string, appointmentType: string): readonly CreditHistoryEntry[] =>
  model.ledgers.get(key(clientId, appointmentType))?.toArray() ?? [];

/** The appointment types a client has a credit history for. */
export const creditHistoryTypes = (model: CreditHistoryModel, clientId: string): readonly string[] => model.typesByClient.get(clientId) ?? [];
