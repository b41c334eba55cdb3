/**
 * A few months of a small practice through the facade: plans, sign-ups with a trial, a
 * failed payment, wallet credit, credits that expire, a program with a group. Each day the
 * clock moves to 9 am and the schedule runs; the platform's card processor answers every
 * charge (one member's card fails once).
 */
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import type { PracticeEvent } from '../../../core/events.js';
import type { PracticeLedger } from '../../../core/service/index.js';
import { addDays, localDate } from '../../../core/values/local-date.js';
import { owner } from './fixtures.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

/** Answers the charges among `events` (a charge the wallet covered has nothing to pay): success, except the first attempt of `m-bad`'s renewals. */
export const pay = async (ledger: PracticeLedger, events: readonly RecordedEvent<PracticeEvent>[]): Promise<void> => {
  for (const e of events) {
    if (e.type !== 'MembershipChargeRequested' && e.type !== 'MembershipPaymentRetryRequested') continue;
    const { membershipId, chargeId } = e.data;
    if ((e.type === 'MembershipChargeRequested' ? e.data.total : e.data.amount).amount === 0) continue; // nothing to pay
    if (membershipId === 'm-bad' && e.type === 'MembershipChargeRequested' && e.data.reason === 'period') {
      await ledger.recordMembershipPaymentFailed({ membershipId, chargeId, reason: 'card declined' });
    } else {
      await ledger.recordMembershipPaymentSucceeded({ membershipId, chargeId });
    }
  }
};

export const setUp = async (ledger: PracticeLedger): Promise<void> => {
  await ledger.defineMembershipPlan({
    planId: 'gold',
    name: 'Gold',
    price: usd(9900),
    frequency: 'monthly',
    includedServices: [{ serviceId: 'treatment', quantity: 2 }],
    rollover: { percent: 50, cap: 1 },
  });
  await ledger.defineMembershipPlan({ planId: 'vip', name: 'VIP', price: usd(29900), frequency: 'monthly', trial: { days: 14, price: usd(0) } });
  await ledger.createProgram({
    programId: 'p-skin',
    by: owner,
    definition: {
      name: 'Clear Skin',
      kind: 'educational',
      modules: [
        { moduleId: 'intro', title: 'Intro', kind: 'video', releaseDay: 0 },
        { moduleId: 'handout', title: 'Routine', kind: 'handout', releaseDay: 10 },
      ],
    },
  });
  await ledger.giveGroupAccessToProgram({ programId: 'p-skin', groupId: 'g-spring', by: owner });
  await pay(ledger, (await ledger.signUpForMembership({ membershipId: 'm-ok', clientId: 'ann', planId: 'gold' })).events);
  await pay(ledger, (await ledger.signUpForMembership({ membershipId: 'm-bad', clientId: 'bob', planId: 'gold' })).events);
  await pay(ledger, (await ledger.signUpForMembership({ membershipId: 'm-vip', clientId: 'cat', planId: 'vip' })).events);
  await ledger.creditWallet({ clientId: 'ann', amount: usd(1500), reason: 'courtesy' });
  await ledger.grantCredits({ clientId: 'ann', appointmentType: 'facial', quantity: 3, source: 'promotional', expiresOn: '2025-02-01' });
  await ledger.bookSession({ clientId: 'ann', bookingId: 'b1', appointmentType: 'facial', channel: 'client_portal' });
  await ledger.transferCredits({ fromClientId: 'ann', toClientId: 'cat', appointmentType: 'facial', quantity: 1 });
  await ledger.placeClientInGroup({ clientId: 'bob', groupId: 'g-spring', by: owner });
  await ledger.definePackage({
    definitionId: 'facials',
    name: '3 Facials',
    items: [{ serviceId: 'facial', quantity: 3, unitValue: usd(10000) }],
    price: usd(25000),
    validity: { months: 1 },
    restrictions: { transferable: true },
    programId: 'p-skin',
  });
  await ledger.sellPackage({ packageId: 'pk-bob', clientId: 'bob', definitionId: 'facials', channel: 'check-out' });
  await ledger.offerPackageTransfer({ packageId: 'pk-bob', recipient: 'dan@example.com', accessCode: 'X1' });
  await ledger.claimPackageTransfer({ packageId: 'pk-bob', accessCode: 'X1', clientId: 'dan' });
  await ledger.orderBulkPackages({ orderId: 'o1', businessId: 'acme', definitionId: 'facials', quantity: 2, codes: ['A', 'B'] });
  await ledger.redeemBulkPackageCode({ orderId: 'o1', code: 'A', clientId: 'eve' });
  await ledger.recordReferral({ clientId: 'eve', referrerId: 'ann', reward: usd(9900) });
  await ledger.recordLoyaltyPurchase({ clientId: 'eve', kind: 'package', reference: 'o1/A', amount: usd(12500) });
  await ledger.startCheckInSchedule({ enrollmentId: 'p-skin-bob', clientId: 'bob', programId: 'p-skin', clientName: 'Bob', coach: 'Ann', firstDueOn: '2025-01-15' });
};

/** Runs the practice day by day from `from` to `to` (excluded), moving the clock with `goTo`. */
export const runDays = async (ledger: PracticeLedger, goTo: (date: string) => void, from: string, to: string): Promise<void> => {
  for (let day = localDate(from); day < localDate(to); day = addDays(day, 1)) {
    goTo(day);
    const run = await ledger.tick();
    for (const s of run.sent) await pay(ledger, s.events);
    if (day === '2025-02-20') await ledger.pauseMembership({ membershipId: 'm-ok', months: 1 });
  }
};
