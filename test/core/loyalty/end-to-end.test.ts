import { describe, expect, it } from 'vitest';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import { fold } from '../../../core/kernel/decider.js';
import { loyaltyDecider, loyaltyEvents, loyaltyStream, type LoyaltyEvent, type LoyaltyProgram } from '../../../core/loyalty/index.js';
import { membershipTerms } from '../../../core/memberships/index.js';
import { walletBalance, walletDecider, walletEvents, walletStream, type WalletEvent } from '../../../core/wallet/index.js';
import { freeMonthValue } from '../../../core/rules/loyalty-tiers.js';
import { creditsEvents } from '../../../core/credits/index.js';
import { deriveId } from '../../../core/values/ids.js';
import { money } from '../../../core/values/money.js';
import { percent } from '../../../core/values/percent.js';
import { createBenefitsWorld, type BenefitsWorld } from '../../../testing/index.js';
import { localDate as d } from '../../../core/values/local-date.js';

const usd = (n: number) => money(n, 'USD');
const ok = <T>(result: Either<DomainError, T>): T => {
  if (isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
};
const gold = membershipTerms('gold', 1, { name: 'Gold', price: usd(9900), frequency: 'monthly', includedServices: [{ serviceId: 'treatment', quantity: 1 }] });
const platinum = membershipTerms('platinum', 1, { name: 'Platinum', price: usd(19900), frequency: 'monthly', includedServices: [{ serviceId: 'treatment', quantity: 2 }] });

const walletOf = async (w: BenefitsWorld, clientId: string) => {
  const events: WalletEvent[] = [];
  for (const e of await w.stream(walletStream(clientId))) if (walletEvents.is(e)) events.push(e);
  return fold(walletDecider, events);
};
const loyaltyOf = async (w: BenefitsWorld, clientId: string) => {
  const events: LoyaltyEvent[] = [];
  for (const e of await w.stream(loyaltyStream(clientId))) if (loyaltyEvents.is(e)) events.push(e);
  return { events, state: fold(loyaltyDecider, events) };
};
const pay = (w: BenefitsWorld, n: number, on: string) =>
  w.command({ to: 'membership', command: { type: 'RecordMembershipPaymentSucceeded', membershipId: 'm1', chargeId: deriveId('m1', `charge/${n}`), on: d(on) } });

describe('loyalty end to end (handlers, store, flows)', () => {
  it('refer a friend, get a free month: the friend’s first purchase credits the referrer’s wallet once', async () => {
    const w = createBenefitsWorld();
    const reward = freeMonthValue(gold.price, gold.frequency);
    ok(await w.command({ to: 'loyalty', command: { type: 'RecordReferral', clientId: 'casey', on: d('2025-03-01'), referrerId: 'alex', reward } }));
    ok(await w.command({ to: 'loyalty', command: { type: 'RecordLoyaltyPurchase', clientId: 'casey', on: d('2025-03-04'), kind: 'package', reference: 'pkg-6-facials', amount: usd(45000) } }));
    ok(await w.command({ to: 'loyalty', command: { type: 'RecordLoyaltyPurchase', clientId: 'casey', on: d('2025-03-09'), kind: 'package', reference: 'pkg-2', amount: usd(45000) } }));
    await w.pump({ duplicate: () => true });
    w.rewind();
    await w.pump();
    expect(walletBalance(await walletOf(w, 'alex'), 'USD')).toEqual(usd(9900));
    expect((await loyaltyOf(w, 'casey')).state.tier?.name).toBe('Silver');
    expect(w.refusals()).toEqual([]);
  });

  it('automatic tier upgrade: after 2 months a Gold member reaches Loyal, moved to Platinum at the next renewal with its treatments', async () => {
    const program: LoyaltyProgram = { tiers: [{ name: 'Loyal', conditions: [{ kind: 'tenure-months', atLeast: 2 }], discount: percent(5), membershipTerms: platinum }] };
    const w = createBenefitsWorld({ loyaltyProgram: program });
    ok(await w.command({ to: 'membership', command: { type: 'SignUpForMembership', membershipId: 'm1', clientId: 'alex', on: d('2025-01-01'), terms: gold } }));
    await w.pump();
    for (const [n, on] of [[1, '2025-02-01'], [2, '2025-03-01'], [3, '2025-04-01']] as const) {
      ok(await pay(w, n, on === '2025-02-01' ? '2025-01-01' : on));
      ok(await w.command({ to: 'membership', command: { type: 'RenewMembership', membershipId: 'm1', on: d(on) } }));
      await w.pump();
    }
    const loyalty = await loyaltyOf(w, 'alex');
    const reached = loyalty.events.find((e) => e.type === 'LoyaltyTierReached');
    expect(reached?.type === 'LoyaltyTierReached' && [reached.data.on, reached.data.rule, reached.data.measured]).toEqual(['2025-03-01', { kind: 'tenure-months', atLeast: 2 }, 2]);
    const grants = (await w.stream('credits-alex')).flatMap((e) => (creditsEvents.is(e) && e.type === 'CreditsGranted' ? [[e.data.reference, e.data.quantity]] : []));
    expect(grants).toEqual([
      ['m1/period-1', 1],
      ['m1/period-2', 1],
      ['m1/period-3', 1],
      ['m1/period-4', 2],
    ]);
    expect(w.refusals()).toEqual([]);
  });
});
