import { describe, expect, it } from 'vitest';
import { membershipWalletFlow } from '../../../core/flows/membership-wallet.js';
import type { RecordedEvent } from '../../../core/kernel/envelope.js';
import type { MembershipEvent } from '../../../core/memberships/index.js';
import { deriveId } from '../../../core/values/ids.js';
import { M, d, gold, lastCharge, platinum, run, signUp, usd } from '../memberships/fixtures.js';

const recorded = (event: MembershipEvent, eventId: string): RecordedEvent<MembershipEvent> => ({
  ...event,
  streamName: `membership-${M}`,
  revision: 0n,
  position: 0n,
  eventId,
  schemaVersion: 1,
  metadata: { at: '2025-01-01T10:00:00.000Z' },
});

describe('membership → wallet flow', () => {
  it('wallet credit applied to a charge is debited from the wallet, with an id derived from the charge event', () => {
    const charge = lastCharge(run([], signUp('2025-01-01', gold, { walletAvailable: usd(3000) })));
    const [dispatch, ...rest] = membershipWalletFlow.react(recorded({ type: 'MembershipChargeRequested', data: charge }, 'evt-1'));
    expect(rest).toEqual([]);
    expect(dispatch).toEqual({
      command: { type: 'ApplyWalletToMembershipCharge', clientId: 'c1', on: '2025-01-01', amount: usd(3000), membershipId: M, chargeId: charge.chargeId },
      commandId: deriveId('evt-1', 'wallet/apply'),
      actor: 'system',
    });
  });

  it('a charge without wallet credit sends nothing', () => {
    const charge = lastCharge(run([], signUp('2025-01-01')));
    expect(membershipWalletFlow.react(recorded({ type: 'MembershipChargeRequested', data: charge }, 'evt-1'))).toEqual([]);
  });

  it('an immediate downgrade credits its negative net to the wallet', () => {
    const signed = run([], signUp('2025-04-01', platinum));
    const [changed] = run(signed, { type: 'ChangeMembershipTier', membershipId: M, on: d('2025-04-16'), terms: gold, policy: { downgrade: 'immediately' } });
    if (changed === undefined) throw new Error('no change');
    expect(membershipWalletFlow.react(recorded(changed, 'evt-2')).map((x) => x.command)).toEqual([
      { type: 'CreditWallet', clientId: 'c1', on: '2025-04-16', amount: usd(5000), reason: 'downgrade', reference: `${M}: Platinum → Gold` },
    ]);
  });

  it('an overpayment is credited and an unpaid charge is debited', () => {
    const overpaid: MembershipEvent = {
      type: 'MembershipPaymentSucceeded',
      data: { membershipId: M, clientId: 'c1', chargeId: 'ch1', paidOn: d('2025-01-02'), amount: usd(9900), amountPaid: usd(10000), overpayment: usd(100) },
    };
    expect(membershipWalletFlow.react(recorded(overpaid, 'evt-3')).map((x) => x.command)).toEqual([
      { type: 'CreditWallet', clientId: 'c1', on: '2025-01-02', amount: usd(100), reason: 'overpayment', reference: 'ch1' },
    ]);
    const unpaid: MembershipEvent = { type: 'MembershipChargeUnpaid', data: { membershipId: M, clientId: 'c1', chargeId: 'ch1', on: d('2025-03-10'), amount: usd(9900) } };
    expect(membershipWalletFlow.react(recorded(unpaid, 'evt-4')).map((x) => x.command)).toEqual([
      { type: 'RecordUnpaidMembershipCharge', clientId: 'c1', on: '2025-03-10', amount: usd(9900), membershipId: M, chargeId: 'ch1' },
    ]);
  });
});
