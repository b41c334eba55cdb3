/**
 * The crowd: the practice's other clients, each drawn from the seed with a generator of its
 * own (so adding clients never changes the earlier ones). Each is a member of a tier, a
 * package buyer or a drop-in, and lives the seeds' situations at random: trials kept or
 * cancelled, bookings and cancellations, pauses, upgrades and downgrades, cancellations,
 * declined cards; packages used, transferred, refunded, extended or left to expire, bought
 * again; sessions booked through a shared link without credit and repaid by a package;
 * the spring group; the check-in program.
 */
import { addDays, addMonthsClamped, localDate, minDate, type CreditBookingChannel, type LocalDate } from '../../../core/index.js';
import { book, cancel, sellPackage, usePackage } from './actions.js';
import type { Agenda } from './agenda.js';
import { checkInParticipant, NEVER } from './check-ins.js';
import { owner, PACKAGE_UNITS, SPRING_GROUP, TIERS, TRANSFERABLE, type PackageKind, type Tier } from './practice.js';
import type { Random } from './random.js';
import { flakyCard, type World } from './world.js';

/** The simulated year: its first and last practice days. */
export const YEAR_START: LocalDate = localDate('2025-01-01');
export const YEAR_END: LocalDate = localDate('2025-12-31');

const INCLUDED: Readonly<Record<Tier, number>> = { gold: 1, platinum: 2, vip: 3 };
const VALIDITY_MONTHS: Readonly<Record<PackageKind, number>> = {
  'six-facials': 12,
  'ten-classes': 3,
  'pt-pack': 6,
  'follow-up-six': 6,
  'massage-five': 6,
  'clear-skin-starter': 3,
};

const later = (day: LocalDate, days: number): LocalDate => addDays(day, days);
const inYear = (day: LocalDate): boolean => day <= YEAR_END;

interface Client {
  readonly w: World;
  readonly agenda: Agenda;
  readonly r: Random;
  readonly id: string;
  /** Appointments booked so far (the next booking's number). */
  readonly bookings: { n: number };
}

const bookingId = (c: Client): string => `${c.id}-b${++c.bookings.n}`;

const member = (c: Client, joinOn: LocalDate): void => {
  const { w, agenda, r, id } = c;
  const tier = r.weighted([['gold', 5], ['platinum', 3], ['vip', 2]] as const);
  const membershipId = `m-${id}`;
  if (r.chance(0.15)) w.card.assign(membershipId, flakyCard);
  agenda.at(joinOn, () => w.attempt(() => w.ledger.signUpForMembership({ membershipId, clientId: id, planId: tier })).then(() => undefined));
  let leavesOn = YEAR_END;
  const cancelOn = (day: LocalDate, reason: string): void => {
    leavesOn = minDate(leavesOn, day);
    agenda.at(day, () => w.attempt(() => w.ledger.cancelMembership({ membershipId, reason })).then(() => undefined));
  };
  if (tier !== 'gold' && r.chance(0.15)) cancelOn(later(joinOn, r.between(2, 9)), 'cancelled during the trial');
  else {
    if (r.chance(0.18)) cancelOn(later(joinOn, r.between(45, 300)), r.pick(['too expensive', 'moving away', 'not using it enough']));
    if (r.chance(0.1)) {
      const pauseOn = later(joinOn, r.between(30, 200));
      agenda.at(pauseOn, () => w.attempt(() => w.ledger.pauseMembership({ membershipId, months: r.between(1, 2) })).then(() => undefined));
      if (r.chance(0.3)) agenda.after(pauseOn, r.between(10, 25), () => w.attempt(() => w.ledger.resumeMembership({ membershipId })).then(() => undefined));
    }
    const step = TIERS.indexOf(tier);
    const up = TIERS[step + 1];
    const down = TIERS[step - 1];
    if (up !== undefined && r.chance(0.1)) {
      agenda.at(later(joinOn, r.between(20, 160)), () => w.attempt(() => w.ledger.changeMembershipTier({ membershipId, planId: up })).then(() => undefined));
    } else if (down !== undefined && r.chance(0.05)) {
      agenda.at(later(joinOn, r.between(40, 160)), () => w.attempt(() => w.ledger.changeMembershipTier({ membershipId, planId: down })).then(() => undefined));
    }
  }
  for (let start = joinOn; start < leavesOn; start = later(start, 30)) {
    const sessions = r.between(0, INCLUDED[tier]);
    for (let i = 0; i < sessions; i++) {
      const day = later(start, r.between(1, 29));
      if (day >= leavesOn) continue;
      const booking = bookingId(c);
      const channel = r.weighted<CreditBookingChannel>([['client_portal', 6], ['provider', 3]]);
      let booked = false;
      agenda.at(day, async () => {
        booked = (await book(w, id, booking, 'treatment', channel)) !== undefined;
      });
      if (r.chance(0.12)) agenda.after(day, r.between(1, 2), async () => void (booked ? await cancel(w, id, booking) : undefined));
    }
  }
  if (r.chance(0.2)) packageBuyer(c, later(joinOn, r.between(10, 120)), 1);
};

const packageBuyer = (c: Client, soldOn: LocalDate, round: number, only?: PackageKind): void => {
  if (!inYear(soldOn)) return;
  const { w, agenda, r, id } = c;
  const kind = only ?? r.weighted<PackageKind>([
    ['six-facials', 5],
    ['ten-classes', 5],
    ['pt-pack', 3],
    ['follow-up-six', 3],
    ['clear-skin-starter', 2],
    ['massage-five', 2],
  ]);
  const packageId = `pk-${id}-${round}`;
  agenda.at(soldOn, () => sellPackage(w, id, packageId, kind));
  const expiresOn = addMonthsClamped(soldOn, VALIDITY_MONTHS[kind]);
  const lastDay = addDays(expiresOn, -1);
  const span = Math.max(1, Math.round((Date.parse(lastDay) - Date.parse(soldOn)) / 86_400_000));
  const intensity = r.weighted([[1, 3], [0.7, 3], [0.4, 2], [0.1, 2]] as const);
  const uses = Math.round(PACKAGE_UNITS[kind] * intensity);
  const useDays = Array.from({ length: uses }, () => later(soldOn, r.between(1, span))).sort();
  const refundOn = r.chance(0.06) ? later(soldOn, r.between(10, Math.max(11, Math.floor(span / 2)))) : undefined;
  const transferOn = refundOn === undefined && TRANSFERABLE.has(kind) && r.chance(0.12) ? later(soldOn, r.between(10, Math.max(11, Math.floor(span / 2)))) : undefined;
  const friend = `${id}-friend`;
  if (refundOn !== undefined) {
    const method = r.pick(['wallet', 'card', 'store-credit'] as const);
    agenda.at(refundOn, () => w.attempt(() => w.ledger.refundPackage({ packageId, method })).then(() => undefined));
  }
  if (transferOn !== undefined) {
    const accessCode = `${packageId}-gift`;
    agenda.at(transferOn, () => w.attempt(() => w.ledger.offerPackageTransfer({ packageId, recipient: `${friend}@example.com`, accessCode })).then(() => undefined));
    agenda.after(transferOn, 1, () => w.attempt(() => w.ledger.claimPackageTransfer({ packageId, accessCode, clientId: friend })).then(() => undefined));
  }
  if (refundOn === undefined && transferOn === undefined && r.chance(0.08)) {
    const extendOn = addDays(expiresOn, -r.between(3, 10));
    agenda.at(extendOn, () => w.attempt(() => w.ledger.extendPackage({ packageId, to: addMonthsClamped(expiresOn, 1) })).then(() => undefined));
  }
  for (const day of useDays) {
    const user = transferOn !== undefined && day > transferOn ? friend : id;
    const appointment = bookingId(c);
    agenda.at(day, () => usePackage(w, user, packageId, kind, appointment));
  }
  if (r.chance(0.3)) packageBuyer(c, later(useDays.at(-1) ?? soldOn, r.between(5, 40)), round + 1, only);
};

const dropIn = (c: Client, firstVisit: LocalDate): void => {
  const { w, agenda, r, id } = c;
  agenda.at(firstVisit, () => book(w, id, bookingId(c), 'massage', 'shared_link').then(() => undefined));
  if (r.chance(0.5)) agenda.after(firstVisit, r.between(2, 6), () => book(w, id, bookingId(c), 'massage', 'client_portal').then(() => undefined));
  if (r.chance(0.7)) packageBuyer(c, later(firstVisit, r.between(7, 20)), 1, 'massage-five');
};

/** Adds `count` clients, drawn from `random`, to the agenda. */
export const crowdAgenda = (w: World, agenda: Agenda, random: Random, count: number): void => {
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const c: Client = { w, agenda, r: random.fork(), id: `client-${String(i + 1).padStart(width, '0')}`, bookings: { n: 0 } };
    const joinOn = later(YEAR_START, c.r.between(1, 300));
    const kind = c.r.weighted([['member', 50], ['package', 35], ['drop-in', 15]] as const);
    if (kind === 'member') member(c, joinOn);
    else if (kind === 'package') {
      if (c.r.chance(0.1)) agenda.at(joinOn, () => w.attempt(() => w.ledger.placeClientInGroup({ clientId: c.id, groupId: SPRING_GROUP, by: owner })).then(() => undefined));
      packageBuyer(c, joinOn, 1);
    } else dropIn(c, joinOn);
    if (c.r.chance(0.06)) {
      const lateness = c.r.fork();
      checkInParticipant(w, agenda, {
        clientId: c.id,
        name: c.id,
        enrolledOn: later(joinOn, 3),
        lateness: () => lateness.weighted([[0, 85], [1, 10], [lateness.between(2, 3), 4], [NEVER, 1]]),
      });
    }
  }
};
