import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import type { PracticeEvent } from '../../../core/events.js';
import { walletStream } from '../../../core/wallet/index.js';
import { practice } from './fixtures.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

const chargeOf = (events: readonly RecordedEvent<PracticeEvent>[]): string => {
  for (const e of events) {
    if (e.type === 'MembershipChargeRequested' || e.type === 'MembershipPaymentRetryRequested') return e.data.chargeId;
  }
  throw new Error(`no charge among ${events.map((e) => e.type).join(', ')}`);
};

describe('the Promise facade: a membership lifecycle', () => {
  it('renews through the schedule, goes past due on a failed payment, retries every 3 days, then suspends benefits', async () => {
    const { ledger, goTo } = practice({ start: '2025-01-06' });
    await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(9900), frequency: 'monthly' });
    const signed = await ledger.signUpForMembership({ membershipId: 'm1', clientId: 'c1', planId: 'gold' });
    expect(signed.events.map((e) => e.type)).toEqual(['MembershipSignedUp', 'MembershipPeriodStarted', 'MembershipChargeRequested']);
    await ledger.recordMembershipPaymentSucceeded({ membershipId: 'm1', chargeId: chargeOf(signed.events) });

    expect((await ledger.due('2025-02-06')).map((i) => [i.on, i.step])).toEqual([
      ['2025-02-06', { kind: 'membership', command: 'RenewMembership', membershipId: 'm1' }],
    ]);
    goTo('2025-02-06');
    const renewal = await ledger.tick();
    expect(renewal.sent.map((s) => [s.item.step.kind, s.outcome])).toEqual([['membership', 'applied']]);
    const failed = await ledger.recordMembershipPaymentFailed({ membershipId: 'm1', chargeId: chargeOf(renewal.sent[0]?.events ?? []), reason: 'card declined' });
    expect(failed.events.map((e) => e.type)).toEqual([
      'MembershipPaymentFailed',
      'MembershipWentPastDue',
      'MembershipPaymentRetryScheduled',
      'MembershipPaymentMethodUpdateRequested',
    ]);

    const retries: string[] = [];
    for (const day of ['2025-02-09', '2025-02-12', '2025-02-15']) {
      expect((await ledger.runDue(day)).sent).toHaveLength(0); // the retry is due on `day`, not before
      goTo(day);
      const run = await ledger.tick();
      expect(run.sent.map((s) => s.item.step)).toEqual([{ kind: 'membership', command: 'RetryMembershipPayment', membershipId: 'm1', chargeId: expect.any(String) }]);
      retries.push(run.sent[0]?.item.on ?? '');
      const result = await ledger.recordMembershipPaymentFailed({ membershipId: 'm1', chargeId: chargeOf(run.sent[0]?.events ?? []) });
      if (day === '2025-02-15') {
        expect(result.events.map((e) => e.type)).toEqual([
          'MembershipPaymentFailed',
          'MembershipPaymentRetriesExhausted',
          'MembershipBenefitsSuspended',
          'MembershipPaymentMethodUpdateRequested',
        ]);
      }
    }
    expect(retries).toEqual(['2025-02-09', '2025-02-12', '2025-02-15']);
    // Nothing more is due until the next renewal.
    expect((await ledger.due('2025-03-05')).length).toBe(0);
  });

  it('with the practice cancelling after the last failure, the unpaid charge becomes wallet debt through the flow', async () => {
    const { ledger, goTo, store } = practice({ start: '2025-01-06', policies: { memberships: { dunning: { retries: 1, afterLastFailure: 'cancel' } } } });
    await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(9900), frequency: 'monthly' });
    const signed = await ledger.signUpForMembership({ membershipId: 'm1', clientId: 'c1', planId: 'gold' });
    await ledger.recordMembershipPaymentFailed({ membershipId: 'm1', chargeId: chargeOf(signed.events) });
    goTo('2025-01-09');
    const run = await ledger.tick();
    const last = await ledger.recordMembershipPaymentFailed({ membershipId: 'm1', chargeId: chargeOf(run.sent[0]?.events ?? []) });
    expect(last.events.map((e) => e.type)).toEqual(['MembershipPaymentFailed', 'MembershipPaymentRetriesExhausted', 'MembershipEnded', 'MembershipChargeUnpaid']);
    expect(last.flows.dispatched.filter((d) => d.flow === 'membership-wallet').map((d) => [d.command.type, d.outcome])).toEqual([
      ['RecordUnpaidMembershipCharge', 'applied'],
    ]);
    expect(last.flows.failures).toEqual([]);
    const wallet = [];
    for await (const e of store.readStream(walletStream('c1'))) wallet.push(e);
    expect(wallet.map((e) => [e.type, e.data])).toEqual([
      [
        'WalletDebitedForUnpaidCharge',
        { clientId: 'c1', debitedOn: '2025-01-09', amount: usd(9900), membershipId: 'm1', chargeId: chargeOf(signed.events), balanceAfter: usd(-9900) },
      ],
    ]);
    expect(wallet[0]?.metadata).toMatchObject({ actor: 'system', causationId: last.events[3]?.eventId });
  });

  it('applies the client’s wallet credit to the renewal, and the flow debits the wallet', async () => {
    const { ledger, goTo } = practice({ start: '2025-01-06' });
    await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(9900), frequency: 'monthly' });
    const signed = await ledger.signUpForMembership({ membershipId: 'm1', clientId: 'c1', planId: 'gold' });
    await ledger.recordMembershipPaymentSucceeded({ membershipId: 'm1', chargeId: chargeOf(signed.events), amountPaid: usd(10400) });
    goTo('2025-02-06');
    const run = await ledger.tick();
    const charge = run.sent[0]?.events.find((e) => e.type === 'MembershipChargeRequested');
    expect(charge?.data).toMatchObject({ total: usd(9400) });
    expect(run.flows.filter((d) => d.flow === 'membership-wallet').map((d) => [d.command.type, d.outcome])).toEqual([['ApplyWalletToMembershipCharge', 'applied']]);
    expect(run.flowFailures).toEqual([]);
  });

  it('a plan revised to move members moves them at renewal after the notice (plan-revision flow)', async () => {
    const { ledger } = practice({ start: '2025-01-06', policies: { planRevision: { existingMembers: 'move-at-renewal', noticeDays: 10 } } });
    await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(9900), frequency: 'monthly' });
    await ledger.signUpForMembership({ membershipId: 'm1', clientId: 'c1', planId: 'gold' });
    await ledger.signUpForMembership({ membershipId: 'm2', clientId: 'c2', planId: 'gold' });
    const revised = await ledger.reviseMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(10900), frequency: 'monthly' });
    expect(revised.events[0]?.data).toMatchObject({ existingMembers: 'move-at-renewal', noticeDays: 10 });
    expect(revised.flows.dispatched.map((d) => [d.flow, d.command.type, d.outcome])).toEqual([
      ['plan-revision', 'MoveMembershipToPlanVersion', 'applied'],
      ['plan-revision', 'MoveMembershipToPlanVersion', 'applied'],
    ]);
  });
});
