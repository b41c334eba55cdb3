import { describe, expect, it } from 'vitest';
import { creditBalance, creditsDecider, creditsEvents, type CreditsState } from '../../../core/credits/index.js';
import type { EventStore } from '../../../core/kernel/event-store.js';
import type { PracticeEvent } from '../../../core/events.js';
import { walletStream } from '../../../core/wallet/index.js';
import { percent } from '../../../core/values/percent.js';
import { practice } from './fixtures.js';
import { pay } from './scenario.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

const creditsOf = async (store: EventStore<PracticeEvent>, clientId: string): Promise<CreditsState> => {
  let state = creditsDecider.initialState;
  for await (const e of store.readStream(`credits-${clientId}`)) if (creditsEvents.is(e)) state = creditsDecider.evolve(state, e);
  return state;
};

describe('the Promise facade: membership benefits and loyalty', () => {
  it('each period grants the included services (flows), and at renewal half the unused roll over before the rest expire', async () => {
    const { ledger, goTo, store } = practice({ start: '2025-01-06', policies: { memberships: { rollover: { percent: percent(50), cap: 1 } } } });
    await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(9900), frequency: 'monthly', includedServices: [{ serviceId: 'treatment', quantity: 2 }] });
    const signed = await ledger.signUpForMembership({ membershipId: 'm1', clientId: 'c1', planId: 'gold' });
    expect(signed.flows.dispatched.filter((d) => d.command.type === 'GrantCredits').map((d) => d.command)).toEqual([
      expect.objectContaining({ clientId: 'c1', appointmentType: 'treatment', quantity: 2, source: 'membership', expiresOn: '2025-02-06' }),
    ]);
    await pay(ledger, signed.events);
    expect(creditBalance(await creditsOf(store, 'c1'), 'treatment')).toBe(2);

    goTo('2025-02-06');
    const renewal = await ledger.tick();
    await pay(ledger, renewal.sent.flatMap((s) => s.events));
    expect(renewal.flowFailures).toEqual([]);
    expect(renewal.flows.filter((d) => d.flow === 'benefits-credits').map((d) => d.command.type)).toEqual(['RollOverCredits', 'GrantCredits']);
    // One of two unused credits rolled over (50 %, cap 1), the other expired; the new period's two are granted.
    expect(creditBalance(await creditsOf(store, 'c1'), 'treatment')).toBe(3);
  });

  it('a family plan: the primary member adds a dependent, who gets the period’s services at once', async () => {
    const { ledger, store } = practice({ start: '2025-01-06' });
    await ledger.defineMembershipPlan({
      planId: 'family',
      name: 'Family',
      price: usd(19900),
      frequency: 'monthly',
      includedServices: [{ serviceId: 'massage', quantity: 1 }],
      household: { kind: 'family', benefits: 'per-person' },
    });
    await ledger.signUpForMembership({ membershipId: 'fam', clientId: 'mum', planId: 'family' });
    await expect(ledger.addHouseholdMember({ membershipId: 'fam', clientId: 'kid', by: 'kid' })).rejects.toMatchObject({ code: 'ONLY_PRIMARY_MANAGES_HOUSEHOLD', field: 'by' });
    const added = await ledger.addHouseholdMember({ membershipId: 'fam', clientId: 'kid', by: 'mum' });
    expect(added.events.map((e) => e.type)).toEqual(['HouseholdMemberAdded', 'MembershipBenefitsGranted']);
    expect(creditBalance(await creditsOf(store, 'kid'), 'massage')).toBe(1);
  });

  it('a referral qualifies at the referred client’s first purchase: the referrer’s free month goes to their wallet (flow)', async () => {
    const { ledger, store } = practice({ start: '2025-01-06' });
    await ledger.recordReferral({ clientId: 'new', referrerId: 'old', reward: usd(9900) });
    const bought = await ledger.recordLoyaltyPurchase({ clientId: 'new', kind: 'package', reference: 'pk-1', amount: usd(45000) });
    expect(bought.flows.dispatched.map((d) => [d.flow, d.command.type, d.outcome])).toEqual([['loyalty-wallet', 'CreditWallet', 'applied']]);
    const wallet = [];
    for await (const e of store.readStream(walletStream('old'))) wallet.push(e);
    expect(wallet.map((e) => (e.type === 'WalletCredited' ? [e.data.reason, e.data.amount] : null))).toEqual([['promotional', usd(9900)]]);
  });
});
