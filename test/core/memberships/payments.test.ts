import { describe, expect, it } from 'vitest';
import { membershipBenefitsActive, membershipDecider, membershipNextStep, membershipStatus, type MembershipEvent } from '../../../core/memberships/index.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { M, CLIENT, d, history, lastCharge, run, signUp, stateOf, tier, usd } from './fixtures.js';

const spec = deciderSpec(membershipDecider);
const signed = run([], signUp('2025-03-01'));
const chargeId = lastCharge(signed).chargeId;
const failed = (events: MembershipEvent[], on: string): MembershipEvent[] => [
  ...events,
  ...run(events, { type: 'RecordMembershipPaymentFailed', membershipId: M, chargeId, on: d(on), reason: 'card declined' }),
];
const retried = (events: MembershipEvent[], on: string): MembershipEvent[] => [
  ...events,
  ...run(events, { type: 'RetryMembershipPayment', membershipId: M, chargeId, on: d(on) }),
];
const membership = (events: readonly MembershipEvent[]) => {
  const s = stateOf(events);
  if (s.phase === 'none') throw new Error('no membership');
  return s;
};

describe('payment processing', () => {
  it('the platform reports the payment as succeeded', () => {
    spec
      .given(signed)
      .when({ type: 'RecordMembershipPaymentSucceeded', membershipId: M, chargeId, on: d('2025-03-01') })
      .then([
        {
          type: 'MembershipPaymentSucceeded',
          data: { membershipId: M, clientId: CLIENT, chargeId, paidOn: d('2025-03-01'), amount: usd(9900), amountPaid: usd(9900), overpayment: usd(0) },
        },
      ]);
  });

  it('if declined, the membership is past due, retries after 3 days and the member is asked to update the payment method', () => {
    spec
      .given(signed)
      .when({ type: 'RecordMembershipPaymentFailed', membershipId: M, chargeId, on: d('2025-03-01'), reason: 'card declined' })
      .then([
        { type: 'MembershipPaymentFailed', data: { membershipId: M, chargeId, failedOn: d('2025-03-01'), failures: 1, reason: 'card declined' } },
        { type: 'MembershipWentPastDue', data: { membershipId: M, since: d('2025-03-01'), chargeId } },
        { type: 'MembershipPaymentRetryScheduled', data: { membershipId: M, chargeId, retryOn: d('2025-03-04'), retryNumber: 1, retries: 3, intervalDays: 3 } },
        { type: 'MembershipPaymentMethodUpdateRequested', data: { membershipId: M, clientId: CLIENT, chargeId, requestedOn: d('2025-03-01') } },
      ]);
  });

  it('benefits continue during the retries', () => {
    const events = failed(signed, '2025-03-01');
    expect(membershipStatus(membership(events))).toBe('past-due');
    expect(membershipBenefitsActive(membership(events), d('2025-03-02'))).toBe(true);
    expect(membershipNextStep(stateOf(events))).toEqual({ on: '2025-03-04', command: 'RetryMembershipPayment', chargeId });
  });

  it('the retry is requested on its date, and a success brings the membership back to good standing', () => {
    const events = failed(signed, '2025-03-01');
    spec.given(events).when({ type: 'RetryMembershipPayment', membershipId: M, chargeId, on: d('2025-03-03') }).thenError('STEP_NOT_DUE');
    spec
      .given(events)
      .when({ type: 'RetryMembershipPayment', membershipId: M, chargeId, on: d('2025-03-04') })
      .then([{ type: 'MembershipPaymentRetryRequested', data: { membershipId: M, chargeId, retryOn: d('2025-03-04'), retryNumber: 1, amount: usd(9900) } }]);
    const paid = history(signUp('2025-03-01'));
    const after = [...retried(failed(paid, '2025-03-01'), '2025-03-04')];
    const done = [...after, ...run(after, { type: 'RecordMembershipPaymentSucceeded', membershipId: M, chargeId, on: d('2025-03-04') })];
    expect(membershipStatus(membership(done))).toBe('active');
  });

  it('a failure is only accepted for an attempt awaiting its result', () => {
    spec.given(failed(signed, '2025-03-01')).when({ type: 'RecordMembershipPaymentFailed', membershipId: M, chargeId, on: d('2025-03-02') }).thenError('NO_PAYMENT_ATTEMPT_PENDING');
  });

  it('an unknown or settled charge is refused', () => {
    spec.given(signed).when({ type: 'RecordMembershipPaymentSucceeded', membershipId: M, chargeId: 'nope', on: d('2025-03-01') }).thenError('CHARGE_NOT_OUTSTANDING');
  });

  it('a payment below the charge is refused; one above it records the overpayment', () => {
    spec.given(signed).when({ type: 'RecordMembershipPaymentSucceeded', membershipId: M, chargeId, on: d('2025-03-01'), amountPaid: usd(9000) }).thenError('PAYMENT_BELOW_CHARGE');
    spec
      .given(signed)
      .when({ type: 'RecordMembershipPaymentSucceeded', membershipId: M, chargeId, on: d('2025-03-01'), amountPaid: usd(10000) })
      .thenEvents(([e]) => expect(e?.type === 'MembershipPaymentSucceeded' && e.data.overpayment).toEqual(usd(100)));
  });

  const exhaust = (events: MembershipEvent[]): MembershipEvent[] => {
    let all = failed(events, '2025-03-01');
    for (const [retryOn, failOn] of [
      ['2025-03-04', '2025-03-04'],
      ['2025-03-07', '2025-03-07'],
    ] as const) all = failed(retried(all, retryOn), failOn);
    return retried(all, '2025-03-10');
  };

  it('after the last failure benefits are suspended until paid (default)', () => {
    const events = exhaust(signed);
    spec
      .given(events)
      .when({ type: 'RecordMembershipPaymentFailed', membershipId: M, chargeId, on: d('2025-03-10') })
      .thenEvents((produced, state) => {
        expect(produced.map((e) => e.type)).toEqual([
          'MembershipPaymentFailed',
          'MembershipPaymentRetriesExhausted',
          'MembershipBenefitsSuspended',
          'MembershipPaymentMethodUpdateRequested',
        ]);
        if (state.phase === 'none') throw new Error('no membership');
        expect(membershipStatus(state)).toBe('suspended');
        expect(membershipBenefitsActive(state, d('2025-03-11'))).toBe(false);
      });
    const suspended = [...events, ...run(events, { type: 'RecordMembershipPaymentFailed', membershipId: M, chargeId, on: d('2025-03-10') })];
    spec
      .given(suspended)
      .when({ type: 'RecordMembershipPaymentSucceeded', membershipId: M, chargeId, on: d('2025-03-12') })
      .thenEvents((produced) => expect(produced.map((e) => e.type)).toEqual(['MembershipPaymentSucceeded', 'MembershipBenefitsRestored']));
  });

  it('after the last failure the membership is cancelled when the plan says so, and the charge becomes the client’s debt', () => {
    const cancelling = run([], signUp('2025-03-01', tier('gold', 9900, { dunning: { afterLastFailure: 'cancel' } })));
    spec
      .given(exhaust(cancelling))
      .when({ type: 'RecordMembershipPaymentFailed', membershipId: M, chargeId, on: d('2025-03-10') })
      .thenEvents((produced, state) => {
        expect(produced.map((e) => e.type)).toEqual(['MembershipPaymentFailed', 'MembershipPaymentRetriesExhausted', 'MembershipEnded', 'MembershipChargeUnpaid']);
        expect(produced[2]).toEqual({ type: 'MembershipEnded', data: { membershipId: M, endedOn: d('2025-03-10'), reason: 'non-payment' } });
        expect(produced[3]).toEqual({ type: 'MembershipChargeUnpaid', data: { membershipId: M, clientId: CLIENT, chargeId, on: d('2025-03-10'), amount: usd(9900) } });
        expect(membershipNextStep(state)).toBeUndefined();
      });
  });

  it('a retry due on the renewal date must be sent first', () => {
    const late = run([], signUp('2025-03-01'));
    const events = [...late, ...run(late, { type: 'RecordMembershipPaymentFailed', membershipId: M, chargeId, on: d('2025-03-29') })];
    spec.given(events).when({ type: 'RenewMembership', membershipId: M, on: d('2025-04-02') }).thenError('EARLIER_STEP_DUE');
  });
});
