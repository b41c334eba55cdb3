/**
 * The demo's cast: the clients whose year tells the seeds' situations one by one, on fixed
 * days (the crowd around them is drawn from the seed).
 *
 * - Alex Rivera, the featured client: the Family Wellness plan (split with Morgan, Sam
 *   added), a follow-up package extended then refunded, bookings and cancellations under
 *   every outcome, a booking without credit through a shared link repaid by a courtesy
 *   credit, promotional, manual and renewal grants, manual edits, a settings change,
 *   transfers (one to Jordan, whose credits are off, declined and undone): every reason a
 *   credit history knows.
 * - Bob's renewal fails twice and goes through on the second retry; Quinn's retries run out,
 *   benefits are suspended until Quinn pays at the front desk.
 * - Cat's VIP trial converts, Dan cancels his before conversion; Finn upgrades mid-cycle,
 *   Gia downgrades at the period's end; Eve pauses and resumes by herself, Hal early; Ivy
 *   cancels with the plan's timing.
 * - Hana transfers her facials to Ivan; Jules refunds a pack to his card; Kai's classes
 *   expire unused; Lena extends hers; Tess books massages on a blackout date of her pack,
 *   which declines the credits; Acme Corp buys Wellness Checks in bulk and employees
 *   redeem the codes.
 * - Oli buys the Clear Skin Starter and is enrolled in its program; Pia, Rex and Sol get it
 *   through the spring group; Rex cannot be removed alone, so he leaves the group.
 * - Maya walks the whole missed check-in ladder until her program ends and her coaching fee
 *   stops; Priya checks in late once and then on time; Noor goes quiet in December and
 *   waits on the program manager at the year's end.
 */
import { bulkPackageId, localDate } from '../../../core/index.js';
import { book, cancel, sellPackage, unpaidCharge, usePackage } from './actions.js';
import type { Agenda } from './agenda.js';
import { checkInParticipant, NEVER } from './check-ins.js';
import { coach, owner, SPRING_GROUP, usd } from './practice.js';
import type { World } from './world.js';

/** The client whose credit history the demo prints. */
export const FEATURED_CLIENT = 'alex';

export const castAgenda = (w: World, agenda: Agenda): void => {
  const { ledger } = w;
  const on = (day: string, step: () => Promise<unknown>): void => agenda.at(localDate(`2025-${day}`), async () => void (await step()));
  const must = (what: string, run: () => Promise<unknown>) => () => w.must(what, run);

  // The Riveras: Alex, the primary member, with Morgan and Sam; Alex splits the bill with Morgan.
  on('01-06', must('family sign-up', () => ledger.signUpForMembership({ membershipId: 'm-rivera', clientId: 'alex', planId: 'family-wellness' })));
  on('01-06', must('adding Morgan', () => ledger.addHouseholdMember({ membershipId: 'm-rivera', clientId: 'morgan', by: 'alex' })));
  on('01-06', must('adding Sam', () => ledger.addHouseholdMember({ membershipId: 'm-rivera', clientId: 'sam', by: 'alex' })));
  on('01-06', () => w.attempt(() => ledger.addHouseholdMember({ membershipId: 'm-rivera', clientId: 'sams-friend', by: 'sam' }))); // only the primary manages
  on('01-06', must('billing shares', () => ledger.setHouseholdBillingShares({ membershipId: 'm-rivera', by: 'alex', shares: [{ clientId: 'alex', weight: 1 }, { clientId: 'morgan', weight: 1 }] })));
  on('01-06', () => sellPackage(w, 'alex', 'pk-alex-follow-ups', 'follow-up-six'));
  on('01-08', () => book(w, 'alex', 'alex-t1', 'treatment', 'client_portal'));
  on('01-09', () => cancel(w, 'alex', 'alex-t1'));
  on('01-13', () => book(w, 'alex', 'alex-m1', 'massage', 'shared_link')); // no massage credit: the balance goes negative
  on('01-20', must('courtesy credit', () => ledger.grantCredits({ clientId: 'alex', appointmentType: 'massage', quantity: 1, source: 'courtesy', by: 'dr-lee', note: 'The therapist ran late on Jan 13' })));
  on('02-10', must('referral bonus', () => ledger.grantCredits({ clientId: 'alex', appointmentType: 'massage', quantity: 1, source: 'promotional', reference: 'referral-bonus', expiresOn: '2025-03-31' })));
  on('02-11', must('manual grant', () => ledger.grantCredits({ clientId: 'alex', appointmentType: 'follow-up', quantity: 1, source: 'manual', by: 'dr-lee', note: 'Paid at the front desk' })));
  on('02-12', must('manual adjustment', () => ledger.adjustCredits({ clientId: 'alex', appointmentType: 'follow-up', delta: 1, by: 'dr-lee', reason: 'A session owed from last year' })));
  on('02-27', () => book(w, 'alex', 'alex-t2', 'treatment', 'client_portal'));
  on('03-01', must('Jordan’s settings', () => ledger.adjustCreditSettings({ clientId: 'jordan', overrides: { enabled: false }, by: 'dr-lee' })));
  on('03-01', must('a referral', () => ledger.recordReferral({ clientId: 'oli', referrerId: 'alex', reward: usd(5000) })));
  on('03-07', () => cancel(w, 'alex', 'alex-t2')); // its lot expired at the March renewal: nothing comes back
  on('03-10', must('Alex’s settings', () => ledger.adjustCreditSettings({ clientId: 'alex', overrides: { restoreOnCancel: false }, by: 'dr-lee' })));
  on('03-12', () => book(w, 'alex', 'alex-f1', 'follow-up', 'provider'));
  on('03-13', () => cancel(w, 'alex', 'alex-f1'));
  on('03-14', must('Alex’s settings', () => ledger.adjustCreditSettings({ clientId: 'alex', overrides: {}, by: 'dr-lee' })));
  on('04-01', must('package extension', () => ledger.extendPackage({ packageId: 'pk-alex-follow-ups', to: '2025-10-06' })));
  on('04-03', must('gift to Sam', () => ledger.transferCredits({ transferId: 'gift-to-sam', fromClientId: 'alex', toClientId: 'sam', appointmentType: 'follow-up', quantity: 1, by: 'dr-lee' })));
  on('04-03', () => w.attempt(() => ledger.transferCredits({ transferId: 'gift-to-jordan', fromClientId: 'alex', toClientId: 'jordan', appointmentType: 'follow-up', quantity: 1, by: 'dr-lee' })));
  on('04-04', () => book(w, 'alex', 'alex-f2', 'follow-up', 'provider')); // from the package's lot: the flow records the unit used
  on('04-05', must('refund to the wallet', () => ledger.refundPackage({ packageId: 'pk-alex-follow-ups', method: 'wallet' })));
  on('04-06', () => cancel(w, 'alex', 'alex-f2')); // its lot was voided by the refund
  on('05-06', must('renewal grant', () => ledger.grantCredits({ clientId: 'alex', appointmentType: 'follow-up', quantity: 1, source: 'renewal', reference: 'follow-up-plan/2025-05', expiresOn: '2025-06-06', note: 'Session renews each billing cycle' })));
  on('06-02', must('balance set', () => ledger.setCreditBalance({ clientId: 'alex', appointmentType: 'follow-up', balance: 5, by: 'dr-lee', reason: 'Counted at the mid-year audit' })));
  on('07-15', must('Morgan’s gift', () => ledger.transferCredits({ transferId: 'morgan-to-alex', fromClientId: 'morgan', toClientId: 'alex', appointmentType: 'treatment', quantity: 1, by: 'dr-lee' })));
  for (const month of ['04', '05', '06', '07', '08', '09', '10', '11', '12']) {
    on(`${month}-15`, () => book(w, 'alex', `alex-t-${month}`, 'treatment', 'client_portal'));
    on(`${month}-18`, () => book(w, 'morgan', `morgan-t-${month}`, 'treatment', 'provider'));
  }
  on('09-09', () => book(w, 'alex', 'alex-f3', 'follow-up', 'provider'));
  on('12-31', must('holiday gift', () => ledger.grantCredits({ clientId: 'alex', appointmentType: 'massage', quantity: 1, source: 'promotional', reference: 'holiday-gift-2025', expiresOn: '2026-03-31', note: 'Holiday gift' })));

  // Memberships: failed payments and retries, trials, changes of tier, pauses, a cancellation.
  const join = (clientId: string, membershipId: string, planId: string) =>
    must(`${clientId}'s sign-up`, () => ledger.signUpForMembership({ membershipId, clientId, planId }));
  on('01-10', join('bob', 'm-bob', 'gold'));
  w.card.assign('m-bob', (charge, attempt) => charge !== 1 || attempt >= 2);
  on('01-15', join('quinn', 'm-quinn', 'platinum'));
  w.card.assign('m-quinn', (charge) => charge !== 4);
  on('06-02', async () => {
    const chargeId = await unpaidCharge(w, 'm-quinn');
    if (chargeId !== undefined) await w.must('front-desk payment', () => ledger.recordMembershipPaymentSucceeded({ membershipId: 'm-quinn', chargeId, actor: 'front-desk' }));
  });
  on('01-20', join('cat', 'm-cat', 'vip'));
  on('02-01', join('dan', 'm-dan', 'vip'));
  on('02-08', must('Dan’s cancellation', () => ledger.cancelMembership({ membershipId: 'm-dan', reason: 'changed his mind during the trial' })));
  on('01-05', join('finn', 'm-finn', 'gold'));
  on('03-20', must('Finn’s upgrade', () => ledger.changeMembershipTier({ membershipId: 'm-finn', planId: 'platinum' })));
  on('02-03', join('gia', 'm-gia', 'platinum'));
  on('06-10', must('Gia’s downgrade', () => ledger.changeMembershipTier({ membershipId: 'm-gia', planId: 'gold' })));
  on('01-12', join('eve', 'm-eve', 'gold'));
  on('04-20', must('Eve’s pause', () => ledger.pauseMembership({ membershipId: 'm-eve', months: 2 })));
  on('02-14', join('hal', 'm-hal', 'gold'));
  on('05-05', must('Hal’s pause', () => ledger.pauseMembership({ membershipId: 'm-hal', months: 3 })));
  on('06-01', must('Hal’s early resume', () => ledger.resumeMembership({ membershipId: 'm-hal' })));
  on('03-03', join('ivy', 'm-ivy', 'gold'));
  on('08-20', must('Ivy’s cancellation', () => ledger.cancelMembership({ membershipId: 'm-ivy', reason: 'moving away' })));
  for (const [clientId, month] of [['bob', '02'], ['cat', '03'], ['finn', '04'], ['eve', '06'], ['gia', '07'], ['ivy', '05']] as const) {
    on(`${month}-21`, () => book(w, clientId, `${clientId}-t-${month}`, 'treatment', 'client_portal'));
  }

  // Packages: a transfer, a refund, an expiry, an extension, a bulk order.
  on('02-14', () => sellPackage(w, 'hana', 'pk-hana', 'six-facials'));
  on('03-01', () => usePackage(w, 'hana', 'pk-hana', 'six-facials', 'hana-f1'));
  on('03-20', () => usePackage(w, 'hana', 'pk-hana', 'six-facials', 'hana-f2'));
  on('04-10', must('Hana’s transfer offer', () => ledger.offerPackageTransfer({ packageId: 'pk-hana', recipient: 'ivan@example.com', accessCode: 'HANA-IVAN' })));
  on('04-12', must('Ivan’s claim', () => ledger.claimPackageTransfer({ packageId: 'pk-hana', accessCode: 'HANA-IVAN', clientId: 'ivan' })));
  on('05-03', () => usePackage(w, 'ivan', 'pk-hana', 'six-facials', 'ivan-f1'));
  on('06-07', () => usePackage(w, 'ivan', 'pk-hana', 'six-facials', 'ivan-f2'));
  on('03-03', () => sellPackage(w, 'jules', 'pk-jules', 'pt-pack'));
  on('03-10', () => usePackage(w, 'jules', 'pk-jules', 'pt-pack', 'jules-p1'));
  on('04-01', must('Jules’s refund', () => ledger.refundPackage({ packageId: 'pk-jules', method: 'card' })));
  on('05-01', () => sellPackage(w, 'kai', 'pk-kai', 'ten-classes'));
  for (const [i, day] of ['05-08', '05-15', '05-29', '06-12'].entries()) on(day, () => usePackage(w, 'kai', 'pk-kai', 'ten-classes', `kai-y${i + 1}`));
  on('06-02', () => sellPackage(w, 'lena', 'pk-lena', 'ten-classes'));
  for (const [i, day] of ['06-09', '07-07', '08-04', '09-08', '09-29'].entries()) on(day, () => usePackage(w, 'lena', 'pk-lena', 'ten-classes', `lena-y${i + 1}`));
  on('08-25', must('Lena’s extension', () => ledger.extendPackage({ packageId: 'pk-lena', to: '2025-10-02' })));
  // Tess's massage pack cannot be used on July 4th: the package declines the credits her bookings took from it.
  on('06-16', () => sellPackage(w, 'tess', 'pk-tess', 'massage-five'));
  on('06-16', must('a promotional massage', () => ledger.grantCredits({ clientId: 'tess', appointmentType: 'massage', quantity: 1, source: 'promotional', reference: 'summer-promo' })));
  on('07-04', () => book(w, 'tess', 'tess-m1', 'massage', 'client_portal')); // moves to the promotional credit
  on('07-04', () => book(w, 'tess', 'tess-m2', 'massage', 'client_portal')); // no other credit: owed
  on('07-10', must('Tess’s courtesy credit', () => ledger.grantCredits({ clientId: 'tess', appointmentType: 'massage', quantity: 1, source: 'courtesy', by: 'front-desk', note: 'Holiday booking' })));
  const codes = Array.from({ length: 8 }, (_, i) => `ACME-${String(i + 1).padStart(2, '0')}`);
  on('03-15', must('Acme’s bulk order', () => ledger.orderBulkPackages({ orderId: 'acme-2025', businessId: 'acme-corp', definitionId: 'wellness-check', quantity: 8, codes, discountPercent: 10 })));
  for (const [i, day] of ['03-20', '03-22', '04-02', '05-10', '06-15'].entries()) {
    const clientId = `acme-employee-${i + 1}`;
    on(day, must('a code redeemed', () => ledger.redeemBulkPackageCode({ orderId: 'acme-2025', code: codes[i] ?? '', clientId })));
    agenda.after(localDate(`2025-${day}`), 7, () => usePackage(w, clientId, bulkPackageId('acme-2025', codes[i] ?? ''), 'wellness-check', `${clientId}-physical`, 'physical'));
    agenda.after(localDate(`2025-${day}`), 7, () => usePackage(w, clientId, bulkPackageId('acme-2025', codes[i] ?? ''), 'wellness-check', `${clientId}-labs`, 'labs'));
  }

  // Programs: through a package and through a group.
  on('03-03', () => sellPackage(w, 'oli', 'pk-oli', 'clear-skin-starter'));
  on('03-17', () => usePackage(w, 'oli', 'pk-oli', 'clear-skin-starter', 'oli-f1'));
  for (const clientId of ['pia', 'rex', 'sol']) on('04-01', must('placing in the spring group', () => ledger.placeClientInGroup({ clientId, groupId: SPRING_GROUP, by: owner })));
  on('04-20', () => w.attempt(() => ledger.removeClientFromProgram({ programId: 'clear-skin', clientId: 'rex', by: coach, reason: { kind: 'different-stage' } })));
  on('04-20', must('Rex leaves the group', () => ledger.removeClientFromGroup({ clientId: 'rex', by: owner })));

  // Check-ins: Maya down the whole ladder, Priya late once, Noor quiet at the year's end.
  on('02-19', join('maya', 'coaching-maya', 'coaching'));
  checkInParticipant(w, agenda, { clientId: 'maya', name: 'Maya', enrolledOn: localDate('2025-02-19'), lateness: () => NEVER, coachingMembershipId: 'coaching-maya' });
  on('03-13', must('the manager’s approval', () => ledger.approveProgramEnd({ enrollmentId: 'enr-maya', issue: 'missed-check-in', managerId: 'program-manager' })));
  checkInParticipant(w, agenda, { clientId: 'priya', name: 'Priya', enrolledOn: localDate('2025-04-02'), lateness: (n) => (n === 0 ? 2 : 0) });
  checkInParticipant(w, agenda, { clientId: 'noor', name: 'Noor', enrolledOn: localDate('2025-12-01'), lateness: () => NEVER, opensEmails: true });
};
