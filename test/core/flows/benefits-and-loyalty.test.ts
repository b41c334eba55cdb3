import { describe, expect, it } from 'vitest';
import { membershipBenefitsFlow } from '../../../core/flows/membership-benefits.js';
import { benefitsCreditsFlow } from '../../../core/flows/benefits-credits.js';
import { createMembershipLoyaltyFlow, loyaltyMembershipFlow, loyaltyWalletFlow } from '../../../core/flows/loyalty.js';
import type { DomainEvent, RecordedEvent } from '../../../core/kernel/envelope.js';
import type { MembershipEvent } from '../../../core/memberships/index.js';
import type { MembershipBenefitsEvent } from '../../../core/membership-benefits/index.js';
import type { LoyaltyEvent } from '../../../core/loyalty/index.js';
import { deriveId } from '../../../core/values/ids.js';
import { percent } from '../../../core/values/percent.js';
import { d, usd, vip, vipRollover } from '../membership-benefits/fixtures.js';

const recorded = <E extends DomainEvent>(event: E, eventId: string, streamName = 'x-1'): RecordedEvent<E> => ({
  ...event,
  streamName,
  revision: 0n,
  position: 0n,
  eventId,
  schemaVersion: 1,
  metadata: { at: '2025-01-01T10:00:00.000Z' },
});
const tier = { planId: 'vip', version: 1, name: 'VIP' };

describe('membership → benefits flow', () => {
  it('a period start asks the benefits to open the period, with an id derived from the event', () => {
    const started: MembershipEvent = {
      type: 'MembershipPeriodStarted',
      data: { membershipId: 'm1', periodNumber: 2, period: { start: d('2025-02-01'), end: d('2025-03-01') }, pricingPeriod: { start: d('2025-02-01'), end: d('2025-03-01') }, anchor: d('2025-01-01'), tier, discountPercent: null },
    };
    expect(membershipBenefitsFlow.react(recorded(started, 'evt-1'))).toEqual([
      {
        command: { type: 'StartMembershipBenefitsPeriod', membershipId: 'm1', on: '2025-02-01', periodNumber: 2, period: { start: '2025-02-01', end: '2025-03-01' } },
        commandId: deriveId('evt-1', 'benefits/StartMembershipBenefitsPeriod'),
        actor: 'system',
      },
    ]);
    // The same event always gives the same command id: a replay is applied once.
    expect(membershipBenefitsFlow.react(recorded(started, 'evt-1'))[0]?.commandId).toBe(deriveId('evt-1', 'benefits/StartMembershipBenefitsPeriod'));
  });

  it('a trial is period 0; the sign-up opens the benefits with the plan’s terms; other facts send nothing', () => {
    const trial: MembershipEvent = { type: 'MembershipTrialStarted', data: { membershipId: 'm1', startedOn: d('2025-01-01'), endsOn: d('2025-01-31'), days: 30, price: usd(0) } };
    expect(membershipBenefitsFlow.react(recorded(trial, 'e')).map((x) => x.command)).toEqual([
      { type: 'StartMembershipBenefitsPeriod', membershipId: 'm1', on: '2025-01-01', periodNumber: 0, period: { start: '2025-01-01', end: '2025-01-31' } },
    ]);
    const signed: MembershipEvent = {
      type: 'MembershipSignedUp',
      data: { membershipId: 'm1', clientId: 'alex', signedUpOn: d('2024-12-20'), startsOn: d('2025-01-01'), terms: vip, alignment: { kind: 'anniversary' }, discount: null },
    };
    expect(membershipBenefitsFlow.react(recorded(signed, 'e')).map((x) => x.command)).toEqual([
      { type: 'OpenMembershipBenefits', membershipId: 'm1', on: '2024-12-20', primaryClientId: 'alex', startsOn: '2025-01-01', terms: vip },
    ]);
    expect(membershipBenefitsFlow.react(recorded({ type: 'MembershipWentPastDue', data: { membershipId: 'm1', since: d('2025-01-05'), chargeId: 'c' } }, 'e'))).toEqual([]);
  });
});

describe('benefits → credits flow', () => {
  it('a period’s grants become GrantCredits in each ledger, expiring at the period’s end', () => {
    const opened: MembershipBenefitsEvent = {
      type: 'MembershipBenefitsPeriodOpened',
      data: {
        membershipId: 'm1',
        primaryClientId: 'alex',
        memberSince: d('2025-01-01'),
        periodNumber: 1,
        reference: 'm1/period-1',
        period: { start: d('2025-01-01'), end: d('2025-02-01') },
        expiresOn: d('2025-02-01'),
        tier,
        grants: [
          { clientId: 'alex', serviceId: 'treatment', quantity: 2 },
          { clientId: 'sam', serviceId: 'treatment', quantity: 2 },
        ],
        withheld: null,
      },
    };
    const dispatches = benefitsCreditsFlow.react(recorded(opened, 'b-1'));
    expect(dispatches.map((x) => x.commandId)).toEqual([deriveId('b-1', 'credits/grant/0'), deriveId('b-1', 'credits/grant/1')]);
    expect(dispatches[1]?.command).toEqual({
      type: 'GrantCredits',
      clientId: 'sam',
      appointmentType: 'treatment',
      quantity: 2,
      source: 'membership',
      reference: 'm1/period-1',
      expiresOn: '2025-02-01',
      on: '2025-01-01',
      note: 'VIP membership, period 1',
    });
  });

  it('a period closed rolls over at the plan’s rule into the same reference; without rollover every unused credit expires (0 %)', () => {
    const closed = (rollover: typeof vipRollover.rollover): MembershipBenefitsEvent => ({
      type: 'MembershipBenefitsPeriodClosed',
      data: { membershipId: 'm1', periodNumber: 1, reference: 'm1/period-1', closedOn: d('2025-02-01'), holders: ['alex'], rollover: rollover ?? null, rolledExpireOn: rollover ? d('2025-04-01') : null },
    });
    expect(benefitsCreditsFlow.react(recorded(closed(vipRollover.rollover), 'b-2')).map((x) => x.command)).toEqual([
      { type: 'RollOverCredits', clientId: 'alex', fromReference: 'm1/period-1', toReference: 'm1/period-1', percent: percent(50), cap: 1, expiresOn: '2025-04-01', on: '2025-02-01' },
    ]);
    expect(benefitsCreditsFlow.react(recorded(closed(null), 'b-3')).map((x) => x.command)).toEqual([
      { type: 'RollOverCredits', clientId: 'alex', fromReference: 'm1/period-1', toReference: 'm1/period-1', percent: percent(0), cap: null, expiresOn: null, on: '2025-02-01' },
    ]);
  });

  it('frozen credits are extended by the pause’s days and voided credits are voided', () => {
    const frozen: MembershipBenefitsEvent = {
      type: 'MembershipBenefitsFrozen',
      data: { membershipId: 'm1', pausedOn: d('2025-01-10'), resumesOn: d('2025-02-10'), days: 31, periodEndsOn: d('2025-03-04'), pushed: [{ clientId: 'alex', reference: 'm1/period-1' }] },
    };
    expect(benefitsCreditsFlow.react(recorded(frozen, 'b-4')).map((x) => x.command)).toEqual([
      { type: 'ExtendCreditExpiry', clientId: 'alex', reference: 'm1/period-1', byDays: 31, reason: 'Membership paused from 2025-01-10 to 2025-02-10', on: '2025-01-10' },
    ]);
    const voided: MembershipBenefitsEvent = {
      type: 'MembershipBenefitsVoided',
      data: { membershipId: 'm1', voidedOn: d('2025-01-20'), reason: 'member-removed', voided: [{ clientId: 'sam', reference: 'm1/period-1' }] },
    };
    expect(benefitsCreditsFlow.react(recorded(voided, 'b-5')).map((x) => x.command)).toEqual([
      { type: 'VoidCredits', clientId: 'sam', reference: 'm1/period-1', reason: 'Removed from the household', on: '2025-01-20' },
    ]);
  });
});

describe('loyalty flows', () => {
  it('a membership payment counts toward spend; a benefits period is a renewal for tenure', () => {
    const flow = createMembershipLoyaltyFlow();
    const paid: MembershipEvent = {
      type: 'MembershipPaymentSucceeded',
      data: { membershipId: 'm1', clientId: 'alex', chargeId: 'ch-1', paidOn: d('2025-01-02'), amount: usd(9900), amountPaid: usd(9900), overpayment: usd(0) },
    };
    expect(flow.react(recorded(paid, 'p')).map((x) => x.command)).toMatchObject([{ type: 'RecordLoyaltyPurchase', clientId: 'alex', kind: 'membership', reference: 'ch-1', amount: usd(9900) }]);
  });

  it('a qualified referral credits the referrer’s wallet with the free month as promotional credit', () => {
    const qualified: LoyaltyEvent = { type: 'ReferralQualified', data: { clientId: 'casey', referrerId: 'alex', reward: usd(9900), purchase: 'pkg-1', on: d('2025-03-05') } };
    expect(loyaltyWalletFlow.react(recorded(qualified, 'r-1'))).toEqual([
      {
        command: { type: 'CreditWallet', clientId: 'alex', on: '2025-03-05', amount: usd(9900), reason: 'promotional', reference: 'referral: casey', note: 'A free month for referring casey (first purchase pkg-1)' },
        commandId: deriveId('r-1', 'wallet/referral'),
        actor: 'system',
      },
    ]);
  });

  it('a tier that comes with a better plan schedules the member’s upgrade; one without sends nothing', () => {
    const reached = (membershipTerms: typeof vip | null): LoyaltyEvent => ({
      type: 'LoyaltyTierReached',
      data: { clientId: 'alex', on: d('2025-06-01'), tier: 'VIP', rank: 1, discount: percent(10), rule: { kind: 'tenure-months', atLeast: 6 }, measured: 6, appliesAt: 'next-renewal', membershipId: 'm1', membershipTerms },
    });
    expect(loyaltyMembershipFlow.react(recorded(reached(vip), 't-1')).map((x) => x.command)).toEqual([
      { type: 'ScheduleMembershipUpgrade', membershipId: 'm1', on: '2025-06-01', terms: vip, reason: 'loyalty' },
    ]);
    expect(loyaltyMembershipFlow.react(recorded(reached(null), 't-2'))).toEqual([]);
  });
});
