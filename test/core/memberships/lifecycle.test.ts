import { describe, expect, it } from 'vitest';
import { deriveId } from '../../../core/values/ids.js';
import { percent } from '../../../core/values/percent.js';
import { membershipDecider, membershipNextStep, type MembershipEvent } from '../../../core/memberships/index.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { CLIENT, M, charges, d, gold, history, lastCharge, run, signUp, stateOf, tier, usd } from './fixtures.js';

const spec = deciderSpec(membershipDecider);

describe('selling a membership', () => {
  it('a membership sold today activates immediately and the first payment is charged', () => {
    spec
      .given([])
      .when(signUp('2025-03-10'))
      .then([
        {
          type: 'MembershipSignedUp',
          data: { membershipId: M, clientId: CLIENT, signedUpOn: d('2025-03-10'), startsOn: d('2025-03-10'), terms: gold, alignment: { kind: 'anniversary' }, discount: null },
        },
        {
          type: 'MembershipPeriodStarted',
          data: {
            membershipId: M,
            periodNumber: 1,
            period: { start: d('2025-03-10'), end: d('2025-04-10') },
            pricingPeriod: { start: d('2025-03-10'), end: d('2025-04-10') },
            anchor: d('2025-03-10'),
            tier: { planId: 'gold', version: 1, name: 'Gold' },
            discountPercent: null,
          },
        },
        {
          type: 'MembershipChargeRequested',
          data: {
            membershipId: M,
            clientId: CLIENT,
            chargeId: deriveId(M, 'charge/1'),
            requestedOn: d('2025-03-10'),
            reason: 'period',
            lines: [{ kind: 'base-price', description: 'Gold, 2025-03-10 to 2025-04-09', amount: usd(9900), span: { start: d('2025-03-10'), end: d('2025-04-10') }, planId: 'gold' }],
            total: usd(9900),
          },
        },
      ]);
  });

  it('a membership can start on a future date: nothing is charged before it', () => {
    const events = run([], signUp('2025-03-10', gold, { startsOn: d('2025-04-01') }));
    expect(events.map((e) => e.type)).toEqual(['MembershipSignedUp']);
    expect(membershipNextStep(stateOf(events))).toEqual({ on: '2025-04-01', command: 'StartMembership' });
    spec.given(events).when({ type: 'StartMembership', membershipId: M, on: d('2025-03-31') }).thenError('STEP_NOT_DUE');
    spec
      .given(events)
      .when({ type: 'StartMembership', membershipId: M, on: d('2025-04-01') })
      .thenEvents((produced) => {
        expect(produced.map((e) => e.type)).toEqual(['MembershipPeriodStarted', 'MembershipChargeRequested']);
        expect(lastCharge(produced).total).toEqual(usd(9900));
      });
  });

  it('a start date in the past is refused', () => {
    spec.given([]).when(signUp('2025-03-10', gold, { startsOn: d('2025-03-09') })).thenError('START_DATE_IN_PAST');
  });

  it('a membership id is used once', () => {
    spec.given(run([], signUp('2025-03-10'))).when(signUp('2025-03-11')).thenError('MEMBERSHIP_ALREADY_EXISTS');
  });

  it('terms whose trial is in another currency are refused', () => {
    spec
      .given([])
      .when(signUp('2025-03-10', { ...gold, trial: { days: 30, price: { amount: 0, currency: 'EUR' } } }))
      .thenError('INVALID_TERMS');
  });

  it('a command for a membership that does not exist is refused', () => {
    spec.given([]).when({ type: 'RenewMembership', membershipId: M, on: d('2025-03-10') }).thenError('MEMBERSHIP_NOT_FOUND');
  });
});

describe('trial periods', () => {
  const freeTrial = tier('gold', 9900, { trial: { days: 30, price: usd(0) } });
  const paidTrial = tier('gold', 9900, { trial: { days: 14, price: usd(2500) } });

  it('a free trial starts without a charge and converts by itself at its end, anchored on the conversion date', () => {
    const signed = run([], signUp('2025-01-10', freeTrial));
    expect(signed.map((e) => e.type)).toEqual(['MembershipSignedUp', 'MembershipTrialStarted']);
    expect(membershipNextStep(stateOf(signed))).toEqual({ on: '2025-02-09', command: 'ConvertMembershipTrial' });
    spec
      .given(signed)
      .when({ type: 'ConvertMembershipTrial', membershipId: M, on: d('2025-02-09') })
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['MembershipTrialConverted', 'MembershipPeriodStarted', 'MembershipChargeRequested']);
        expect(lastCharge(events).total).toEqual(usd(9900));
        expect(state.phase === 'active' && state.period).toEqual({ start: '2025-02-09', end: '2025-03-09' });
      });
  });

  it('a discounted trial charges the trial price for the trial days', () => {
    const events = run([], signUp('2025-01-10', paidTrial));
    expect(lastCharge(events)).toMatchObject({ reason: 'trial', total: usd(2500) });
    expect(lastCharge(events).lines[0]).toMatchObject({ kind: 'trial-price', span: { start: '2025-01-10', end: '2025-01-24' } });
  });

  it('they can cancel before conversion: nothing more is charged', () => {
    const events = history(signUp('2025-01-10', freeTrial), { type: 'CancelMembership', membershipId: M, on: d('2025-01-20') });
    expect(membershipNextStep(stateOf(events))).toEqual({ on: '2025-02-09', command: 'EndMembership' });
    spec.given(events).when({ type: 'ConvertMembershipTrial', membershipId: M, on: d('2025-02-09') }).thenError('STEP_NOT_PENDING');
    spec
      .given(events)
      .when({ type: 'EndMembership', membershipId: M, on: d('2025-02-09') })
      .then([{ type: 'MembershipEnded', data: { membershipId: M, endedOn: d('2025-02-09'), reason: 'cancelled' } }]);
    expect(charges(events)).toEqual([]);
  });
});

describe('renewals on the billing calendar', () => {
  const renewUntil = (events: MembershipEvent[], count: number): MembershipEvent[] => {
    let all = events;
    for (let i = 0; i < count; i++) {
      const step = membershipNextStep(stateOf(all));
      if (step === undefined) throw new Error('nothing due');
      all = [...all, ...run(all, { type: 'RenewMembership', membershipId: M, on: step.on })];
    }
    return all;
  };
  const periodStarts = (events: readonly MembershipEvent[]) =>
    events.flatMap((e) => (e.type === 'MembershipPeriodStarted' ? [e.data.period.start] : []));

  it('anchored on Jan 31, the membership renews Feb 28, Mar 31, Apr 30', () => {
    const events = renewUntil(run([], signUp('2025-01-31')), 3);
    expect(periodStarts(events)).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
    expect(charges(events).map((c) => c.total.amount)).toEqual([9900, 9900, 9900, 9900]);
  });

  it('anchored on Jan 31 of a leap year, the membership renews Feb 29', () => {
    expect(periodStarts(renewUntil(run([], signUp('2024-01-31')), 2))).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
  });

  it('a renewal is refused before its date, and a late one is for its own date', () => {
    const signed = run([], signUp('2025-01-15'));
    spec.given(signed).when({ type: 'RenewMembership', membershipId: M, on: d('2025-02-14') }).thenError('STEP_NOT_DUE');
    spec
      .given(signed)
      .when({ type: 'RenewMembership', membershipId: M, on: d('2025-02-20') })
      .thenEvents((events) => {
        expect(periodStarts(events)).toEqual(['2025-02-15']);
        expect(lastCharge(events).requestedOn).toBe('2025-02-20');
      });
  });

  it('billing everyone on the 1st prorates the first period', () => {
    const events = run([], signUp('2025-04-16', gold, { billingAlignment: { kind: 'fixed-day', dayOfMonth: 1 } }));
    const first = lastCharge(events);
    // 15 of April's 30 days of $99.00.
    expect(first.total).toEqual(usd(4950));
    expect(first.lines[0]?.description).toBe('Gold, 2025-04-16 to 2025-04-30 (15 of 30 days of USD 99.00)');
    expect(membershipNextStep(stateOf(events))).toEqual({ on: '2025-05-01', command: 'RenewMembership' });
    expect(lastCharge(renewUntil(events, 1)).total).toEqual(usd(9900));
  });

  it('a discount shows as its own line for the periods it covers', () => {
    const events = renewUntil(run([], signUp('2025-01-01', gold, { discount: { percent: percent(20), periods: 2 } })), 2);
    expect(charges(events).map((c) => c.lines.map((l) => [l.kind, l.amount.amount]))).toEqual([
      [['base-price', 9900], ['discount', -1980]],
      [['base-price', 9900], ['discount', -1980]],
      [['base-price', 9900]],
    ]);
    expect(charges(events).map((c) => c.total.amount)).toEqual([7920, 7920, 9900]);
  });

  it('wallet credit is applied to the next charge as a line of its own', () => {
    const events = run([], signUp('2025-01-01', gold, { walletAvailable: usd(3000) }));
    expect(lastCharge(events).lines.map((l) => [l.kind, l.amount.amount])).toEqual([
      ['base-price', 9900],
      ['wallet-credit', -3000],
    ]);
    expect(lastCharge(events).total).toEqual(usd(6900));
  });

  it('wallet credit covering the whole charge leaves nothing to collect', () => {
    const events = run([], signUp('2025-01-01', gold, { walletAvailable: usd(20000) }));
    expect(lastCharge(events).total).toEqual(usd(0));
    const state = stateOf(events);
    expect(state.phase !== 'none' && state.outstanding).toEqual([]);
  });

  it('wallet credit in another currency is refused', () => {
    spec.given([]).when(signUp('2025-01-01', gold, { walletAvailable: { amount: 100, currency: 'EUR' } })).thenError('CURRENCY_MISMATCH');
  });

  it('a membership that does not auto-renew ends at its period end', () => {
    const events = run([], signUp('2025-01-01', tier('gold', 9900, { renewal: { autoRenew: false } })));
    expect(membershipNextStep(stateOf(events))).toEqual({ on: '2025-02-01', command: 'EndMembership' });
    spec
      .given(events)
      .when({ type: 'EndMembership', membershipId: M, on: d('2025-02-01') })
      .then([{ type: 'MembershipEnded', data: { membershipId: M, endedOn: d('2025-02-01'), reason: 'not-renewed' } }]);
  });
});
