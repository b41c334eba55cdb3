/**
 * One clinic's session credits, day after day: a deterministic stream of what its clients
 * and front desk do — packages bought, sessions booked and cancelled (some booked without
 * credit by the front desk, repaid by the next grant), memberships granting monthly
 * credits and rolling the unused ones over, families transferring credits, promotions and
 * courtesy credits, manual adjustments, refunds, extensions, and the daily expiry tick.
 *
 * The same options always give the same actions (a seeded generator, no clock): the demo
 * and the benchmark replay it to get the same log. The clinic keeps a rough model of each
 * client's credits to choose sensible actions; the ledger decides, so an action the model
 * got wrong is refused like any other (and the next actions do not depend on it).
 */
import type { CommandContext } from '../../core/kernel/command-handler.js';
import type { CreditsCommand, CreditTransferRequest } from '../../core/credits/index.js';
import { addDays, addMonthsClamped, localDate, type LocalDate } from '../../core/values/local-date.js';
import { percent } from '../../core/values/percent.js';

export interface CreditsClinicOptions {
  /** Clients of the clinic. @defaultValue 5000 */
  readonly clients?: number;
  /** The first practice day simulated. @defaultValue 2024-01-01 */
  readonly start?: LocalDate;
  /** Seed of the clinic's choices: the same seed gives the same actions. @defaultValue 42 */
  readonly seed?: number;
  /** Share of the clients who do something on a given day. @defaultValue 0.4 */
  readonly activity?: number;
}

/** One thing the clinic does: a command, or a transfer between two clients (two or three commands). */
export type CreditsClinicAction =
  | { readonly kind: 'command'; readonly command: CreditsCommand; readonly context: CommandContext }
  | { readonly kind: 'transfer'; readonly request: CreditTransferRequest; readonly context: Omit<CommandContext, 'commandId'> };

export const CLINIC_APPOINTMENT_TYPES = ['Massage', 'Physio', 'Follow-up', 'Yoga class'] as const;
const MEMBERSHIP_TYPE = 'Yoga class';

/** A deterministic source of choices (mulberry32). */
const random = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

interface ModelLot {
  readonly type: string;
  remaining: number;
  expiresOn: LocalDate | null;
  readonly reference: string;
}

/** What the clinic remembers of a client, to choose sensible actions. */
interface ModelClient {
  readonly id: string;
  readonly family: readonly number[];
  lots: ModelLot[];
  readonly debt: Map<string, number>;
  bookings: { readonly id: string; readonly type: string }[];
  /** Day of the month the membership renews, or `undefined` for a client without one. */
  readonly memberDay: number | undefined;
  period: string | undefined;
}

const balance = (c: ModelClient, type: string, on: LocalDate): number =>
  c.lots.reduce((n, l) => n + (l.type === type && (l.expiresOn === null || l.expiresOn > on) ? l.remaining : 0), 0) - (c.debt.get(type) ?? 0);

/** Takes one credit the way the ledger does: the lot that expires first, lots without expiry last. */
const use = (c: ModelClient, type: string, on: LocalDate): void => {
  const usable = c.lots.filter((l) => l.type === type && l.remaining > 0 && (l.expiresOn === null || l.expiresOn > on));
  usable.sort((a, b) => (a.expiresOn ?? '9999') < (b.expiresOn ?? '9999') ? -1 : (a.expiresOn ?? '9999') > (b.expiresOn ?? '9999') ? 1 : 0);
  const lot = usable[0];
  if (lot !== undefined) lot.remaining -= 1;
  else c.debt.set(type, (c.debt.get(type) ?? 0) + 1);
};

const grant = (c: ModelClient, lot: ModelLot): void => {
  const owed = Math.min(c.debt.get(lot.type) ?? 0, lot.remaining);
  c.debt.set(lot.type, (c.debt.get(lot.type) ?? 0) - owed);
  c.lots.push({ ...lot, remaining: lot.remaining - owed });
};

/** The clinic's actions, day after day, for as long as they are asked for. */
export function* creditsClinicActions(options: CreditsClinicOptions = {}): Generator<CreditsClinicAction> {
  const count = options.clients ?? 5000;
  const next = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const clients: ModelClient[] = Array.from({ length: count }, (_, i) => {
    const head = i - (i % 4);
    return {
      id: `client-${i}`,
      family: [head, head + 1, head + 2, head + 3].filter((f) => f !== i && f < count),
      lots: [],
      debt: new Map(),
      bookings: [],
      memberDay: next() < 0.3 ? 1 + Math.floor(next() * 28) : undefined,
      period: undefined,
    };
  });
  let n = 0;
  let on = options.start ?? localDate('2024-01-01');
  let minute = 0;
  const context = (actor: string): CommandContext => {
    n += 1;
    minute += 1;
    const at = `${on}T${String(8 + Math.floor(minute / 60) % 12).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`;
    return { commandId: `clinic-${options.seed ?? 42}-${n}`, at, actor };
  };
  const command = (cmd: CreditsCommand, actor = 'front-desk'): CreditsClinicAction => ({ kind: 'command', command: cmd, context: context(actor) });

  for (;;) {
    minute = 0;
    const day = Number(on.slice(8, 10));
    for (const c of clients) {
      // A membership period ends: half its unused credits (at most 2) roll over, the new period's 4 are granted.
      if (c.memberDay === day) {
        const ends = addMonthsClamped(on, 1);
        const period = `membership/${c.id}/${on}`;
        if (c.period !== undefined) {
          yield command({ type: 'RollOverCredits', clientId: c.id, fromReference: c.period, toReference: `${c.period}/rollover`, percent: percent(50), cap: 2, expiresOn: ends, on }, 'system');
          const from = c.lots.filter((l) => l.reference === c.period);
          const unused = from.reduce((s, l) => s + l.remaining, 0);
          for (const l of from) l.remaining = 0;
          const rolled = Math.min(2, Math.floor(unused / 2));
          if (rolled > 0) grant(c, { type: MEMBERSHIP_TYPE, remaining: rolled, expiresOn: ends, reference: `${c.period}/rollover` });
        }
        yield command({ type: 'GrantCredits', clientId: c.id, appointmentType: MEMBERSHIP_TYPE, quantity: 4, source: 'membership', reference: period, expiresOn: ends, on }, 'system');
        grant(c, { type: MEMBERSHIP_TYPE, remaining: 4, expiresOn: ends, reference: period });
        c.period = period;
      }
      // The expiry tick, for the clients whose lots expire today.
      if (c.lots.some((l) => l.expiresOn === on && l.remaining > 0)) {
        yield command({ type: 'ExpireCredits', clientId: c.id, on }, 'system');
      }
      c.lots = c.lots.filter((l) => l.remaining > 0 && (l.expiresOn === null || l.expiresOn > on));
    }
    const active = Math.round(count * (options.activity ?? 0.4));
    for (let k = 0; k < active; k++) {
      const c = pick(clients);
      const roll = next();
      const type = pick(CLINIC_APPOINTMENT_TYPES);
      const packages = c.lots.filter((l) => l.reference.startsWith('pkg-') && l.remaining > 0);
      if (roll < 0.1 && c.bookings.length > 0) {
        const [booking] = c.bookings.splice(Math.floor(next() * c.bookings.length), 1);
        if (booking === undefined) continue;
        yield command({ type: 'CancelBooking', clientId: c.id, bookingId: booking.id, on, policy: { restoreOnCancel: true } }, c.id);
        const lot = c.lots.find((l) => l.type === booking.type && (l.expiresOn === null || l.expiresOn > on));
        if (lot !== undefined) lot.remaining += 1;
      } else if (roll < 0.22 || (roll < 0.7 && balance(c, type, on) <= 0 && next() < 0.8)) {
        const quantity = next() < 0.5 ? 5 : 10;
        const reference = `pkg-${c.id}-${n}`;
        const expiresOn = addDays(on, next() < 0.5 ? 90 : 180);
        yield command({ type: 'GrantCredits', clientId: c.id, appointmentType: type, quantity, source: 'package', reference, expiresOn, on });
        grant(c, { type, remaining: quantity, expiresOn, reference });
      } else if (roll < 0.7) {
        const front = balance(c, type, on) <= 0;
        const bookingId = `appt-${n}`;
        yield command(
          { type: 'BookSession', clientId: c.id, bookingId, appointmentType: type, channel: front ? 'provider' : pick(['client_portal', 'shared_link'] as const), on, policy: { allowBookingWithoutCredits: front } },
          front ? 'front-desk' : c.id,
        );
        use(c, type, on);
        c.bookings.push({ id: bookingId, type });
        if (c.bookings.length > 6) c.bookings.shift();
      } else if (roll < 0.76) {
        const to = clients[pick(c.family)];
        const quantity = 1 + Math.floor(next() * 2);
        if (to === undefined || balance(c, type, on) < quantity) continue;
        const ctx = context(c.id);
        yield { kind: 'transfer', request: { transferId: `transfer-${n}`, fromClientId: c.id, toClientId: to.id, appointmentType: type, quantity, on, by: 'front-desk' }, context: { at: ctx.at, actor: 'front-desk' } };
        for (let q = 0; q < quantity; q++) use(c, type, on);
        grant(to, { type, remaining: quantity, expiresOn: null, reference: `transfer-${n}` });
      } else if (roll < 0.82) {
        const source = next() < 0.5 ? 'promotional' : 'courtesy';
        yield command({ type: 'GrantCredits', clientId: c.id, appointmentType: type, quantity: 1, source, reference: `${source}-${on}`, on });
        grant(c, { type, remaining: 1, expiresOn: null, reference: `${source}-${on}` });
      } else if (roll < 0.88) {
        const delta = balance(c, type, on) > 0 && next() < 0.5 ? -1 : 1;
        yield command({ type: 'AdjustCredits', clientId: c.id, appointmentType: type, delta, by: 'front-desk', reason: delta > 0 ? 'Goodwill' : 'Correction', on });
        if (delta > 0) grant(c, { type, remaining: 1, expiresOn: null, reference: `manual-${n}` });
        else use(c, type, on);
      } else if (roll < 0.93 && packages.length > 0) {
        const lot = pick(packages);
        yield command({ type: 'ExtendCreditExpiry', clientId: c.id, reference: lot.reference, byDays: 30, reason: 'Injury pause', on });
        for (const l of c.lots) if (l.reference === lot.reference && l.expiresOn !== null) l.expiresOn = addDays(l.expiresOn, 30);
      } else if (roll < 0.96 && packages.length > 0) {
        const lot = pick(packages);
        yield command({ type: 'VoidCredits', clientId: c.id, reference: lot.reference, reason: 'Refunded', by: 'front-desk', on });
        for (const l of c.lots) if (l.reference === lot.reference) l.remaining = 0;
      }
    }
    on = addDays(on, 1);
  }
}
