/**
 * The golden scenario the report specs compute by hand: five months (January to May
 * 2025) of a small practice, played through the deciders in date order.
 *
 * Memberships (Gold $99 and Platinum $199 a month):
 * - m-ann: Gold from Jan 1, pays every month.
 * - m-bob: Platinum from Jan 15; cancels on Mar 20, effective at the end of that period, Apr 15.
 * - m-cara: Gold with a free 30-day trial from Feb 1; converts on Mar 3.
 * - m-dan: Gold from Feb 10; pauses on Mar 20 for one month (resumes Apr 20; the period
 *   [Mar 10, Apr 10) is extended by the 31 paused days to May 11, when it renews).
 * - m-eve: Gold (cancelled after the last failure) from Mar 1; every attempt fails (Mar 1,
 *   retries Mar 4, 7, 10), so it ends for non-payment on Mar 10.
 *
 * Packages: "10-Class Package" ($200 for 10 classes of $25: $20 a class) valid 3 months,
 * and "6-Pack Facials" ($450 for 6 facials of $100: $75 a facial) valid 12 months.
 * - C1 (quinn) classes sold Jan 20, all 10 used by Mar 15 (54 days); it expires Apr 20 with nothing left.
 * - P1 (paula) facials sold Jan 10, used Feb 1 and Mar 1, refunded to the card Apr 1 (4 × $75 = $300).
 * - C2 (rita) classes sold Feb 5, 4 used in February, expired May 5 with 6 left ($120).
 * - P2 (sam) facials sold Feb 14 with the first facial applied at once, all 6 used by Apr 14 (59 days).
 * - Bulk order O1 (acme) Feb 20: 4 facials packages at 10% off, $1,620 ($405 each); code
 *   ACME-1 redeemed by emp1 on Mar 1 (package B1), one facial used Mar 10.
 *
 * Program "Clear Skin in 4 Weeks" (modules on days 0, 7, 14, 21): ann enrolled Jan 10,
 * completed Jan 31; bob enrolled Jan 20, removed Feb 1; cara enrolled May 20 (in progress).
 */
import { bulkPackageId, type PackageTerms } from '../../../core/packages/index.js';
import { localDate as d } from '../../../core/values/local-date.js';
import { percent } from '../../../core/values/percent.js';
import { acne, owner } from '../../core/programs/fixtures.js';
import { gold, platinum, tier, usd } from '../../core/memberships/fixtures.js';
import { createPractice, type Practice } from './practice.js';

export const classes: PackageTerms = {
  definitionId: 'ten-classes',
  version: 1,
  name: '10-Class Package',
  items: [{ serviceId: 'class', name: 'Class', quantity: 10, unitValue: usd(25_00) }],
  price: usd(200_00),
  validity: { months: 3 },
  restrictions: { transferable: false, shareable: false, blackoutDates: [] },
};

export const facials: PackageTerms = {
  definitionId: 'six-pack-facials',
  version: 1,
  name: '6-Pack Facials',
  items: [{ serviceId: 'facial', name: 'Facial', quantity: 6, unitValue: usd(100_00) }],
  price: usd(450_00),
  validity: { months: 12 },
  restrictions: { transferable: false, shareable: false, blackoutDates: [] },
};

export const goldTrial = tier('gold', 9900, { trial: { days: 30, price: usd(0) } });
export const goldCancelOnFailure = tier('gold', 9900, { dunning: { afterLastFailure: 'cancel' } });
export const B1 = bulkPackageId('O1', 'ACME-1');

type Step = readonly [string, (p: Practice, on: ReturnType<typeof d>) => Promise<unknown>];

const use = (packageId: string, clientId: string, serviceId: string) => (p: Practice, on: ReturnType<typeof d>) =>
  p.pkg({ type: 'ApplyServiceToPackage', packageId, clientId, serviceId, appointmentId: `${packageId}-${on}`, on });
const sell = (packageId: string, clientId: string, terms: PackageTerms, first = false) => (p: Practice, on: ReturnType<typeof d>) =>
  p.pkg({
    type: 'SellPackage',
    packageId,
    clientId,
    terms,
    channel: 'check-out',
    on,
    ...(first ? { applyFirstService: { serviceId: 'facial', appointmentId: `${packageId}-${on}` } } : {}),
  });
const signUp = (membershipId: string, clientId: string, terms = gold) => (p: Practice, on: ReturnType<typeof d>) =>
  p.membership({ type: 'SignUpForMembership', membershipId, clientId, terms, on });
const enroll = (clientId: string) => (p: Practice, on: ReturnType<typeof d>) =>
  p.enrollment({ type: 'EnrollClientInProgram', clientId, on, program: acne, through: { kind: 'manual' }, by: owner });

export const steps: readonly Step[] = [
  ['2025-01-01', signUp('m-ann', 'ann')],
  ['2025-01-10', sell('P1', 'paula', facials)],
  ['2025-01-10', enroll('ann')],
  ['2025-01-15', signUp('m-bob', 'bob', platinum)],
  ['2025-01-20', sell('C1', 'quinn', classes)],
  ['2025-01-20', enroll('bob')],
  ['2025-01-21', use('C1', 'quinn', 'class')],
  ['2025-01-28', use('C1', 'quinn', 'class')],
  ['2025-01-31', (p, on) => p.enrollment({ type: 'TickEnrollment', programId: acne.programId, clientId: 'ann', on })],
  ['2025-02-01', signUp('m-cara', 'cara', goldTrial)],
  ['2025-02-01', use('P1', 'paula', 'facial')],
  ['2025-02-01', (p, on) => p.enrollment({ type: 'RemoveClientFromProgram', programId: acne.programId, clientId: 'bob', on, by: owner, reason: { kind: 'different-stage' } })],
  ['2025-02-04', use('C1', 'quinn', 'class')],
  ['2025-02-05', sell('C2', 'rita', classes)],
  ['2025-02-06', use('C2', 'rita', 'class')],
  ['2025-02-10', signUp('m-dan', 'dan')],
  ['2025-02-11', use('C1', 'quinn', 'class')],
  ['2025-02-13', use('C2', 'rita', 'class')],
  ['2025-02-14', sell('P2', 'sam', facials, true)],
  ['2025-02-18', use('C1', 'quinn', 'class')],
  ['2025-02-20', use('C2', 'rita', 'class')],
  [
    '2025-02-20',
    (p, on) =>
      p.bulk({ type: 'OrderBulkPackages', orderId: 'O1', businessId: 'acme', terms: facials, quantity: 4, codes: ['ACME-1', 'ACME-2', 'ACME-3', 'ACME-4'], discountPercent: percent(10), on }),
  ],
  ['2025-02-25', use('C1', 'quinn', 'class')],
  ['2025-02-27', use('C2', 'rita', 'class')],
  ['2025-02-28', use('P2', 'sam', 'facial')],
  [
    '2025-03-01',
    async (p, on) => {
      p.failPaymentsOf('m-eve');
      await signUp('m-eve', 'eve', goldCancelOnFailure)(p, on);
    },
  ],
  ['2025-03-01', use('C1', 'quinn', 'class')],
  ['2025-03-01', use('P1', 'paula', 'facial')],
  ['2025-03-01', (p, on) => p.bulk({ type: 'RedeemBulkPackageCode', orderId: 'O1', code: 'ACME-1', clientId: 'emp1', on })],
  ['2025-03-08', use('C1', 'quinn', 'class')],
  ['2025-03-10', use(B1, 'emp1', 'facial')],
  ['2025-03-11', use('C1', 'quinn', 'class')],
  ['2025-03-14', use('P2', 'sam', 'facial')],
  ['2025-03-15', use('C1', 'quinn', 'class')],
  ['2025-03-20', (p, on) => p.membership({ type: 'CancelMembership', membershipId: 'm-bob', on })],
  ['2025-03-20', (p, on) => p.membership({ type: 'PauseMembership', membershipId: 'm-dan', on, months: 1 })],
  ['2025-03-28', use('P2', 'sam', 'facial')],
  ['2025-04-01', (p, on) => p.pkg({ type: 'RefundPackage', packageId: 'P1', method: 'card', on })],
  ['2025-04-11', use('P2', 'sam', 'facial')],
  ['2025-04-14', use('P2', 'sam', 'facial')],
  ['2025-04-20', (p, on) => p.pkg({ type: 'ExpirePackage', packageId: 'C1', on })],
  ['2025-05-05', (p, on) => p.pkg({ type: 'ExpirePackage', packageId: 'C2', on })],
  ['2025-05-20', enroll('cara')],
];

/** Plays the scenario up to and including `until` (every membership step due by then too). */
export const playScenario = async (until = '2025-05-31'): Promise<Practice> => {
  const practice = createPractice();
  for (const [on, step] of steps) if (on <= until) await step(practice, d(on));
  await practice.advance(d(until));
  return practice;
};
