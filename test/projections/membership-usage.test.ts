import { describe, expect, it } from 'vitest';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from '../../core/kernel/errors.js';
import { deriveId } from '../../core/values/ids.js';
import { percent } from '../../core/values/percent.js';
import { createBenefitsWorld, type BenefitsWorld } from '../../testing/index.js';
import { benefitUsageSummary, membershipUsage, membershipUsageProjection } from '../../projections/membership-usage.js';
import { project } from '../../projections/projection.js';
import { d, plan } from '../core/membership-benefits/fixtures.js';

const ok = <T>(result: Either<DomainError, T>): T => {
  if (isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
};
const book = (w: BenefitsWorld, bookingId: string, on: string, allowBookingWithoutCredits = false) =>
  w.command({ to: 'credits', command: { type: 'BookSession', clientId: 'alex', bookingId, appointmentType: 'treatment', channel: 'provider', on: d(on), policy: { allowBookingWithoutCredits } } });

describe('member usage tracking: remaining benefits ("1 of 2 treatments used") from the ledger', () => {
  const vip = plan('vip', 9900, { includedServices: [{ serviceId: 'treatment', quantity: 2 }, { serviceId: 'facial', quantity: 1 }], rollover: { percent: percent(100), cap: 1 } });

  it('counts the sessions booked from the period’s credits, net of cancellations that gave them back, and the rolled-over credits left', async () => {
    const w = createBenefitsWorld();
    ok(await w.command({ to: 'membership', command: { type: 'SignUpForMembership', membershipId: 'm1', clientId: 'alex', on: d('2025-01-01'), terms: vip } }));
    await w.pump();
    const usage = async (on: string) => membershipUsage(await project(membershipUsageProjection, w.store.readAll()), 'm1', d(on));
    expect((await usage('2025-01-01'))?.services.map((s) => s.summary)).toEqual(['0 of 2 treatments used', '0 of 1 facial used']);

    ok(await book(w, 'b1', '2025-01-05'));
    ok(await book(w, 'b2', '2025-01-06'));
    ok(await w.command({ to: 'credits', command: { type: 'CancelBooking', clientId: 'alex', bookingId: 'b2', on: d('2025-01-07') } }));
    expect((await usage('2025-01-07'))?.services[0]).toEqual({
      serviceId: 'treatment',
      included: 2,
      used: 1,
      remaining: 1,
      expiresOn: '2025-02-01',
      carriedOver: 0,
      summary: '1 of 2 treatments used',
    });

    ok(await w.command({ to: 'membership', command: { type: 'RecordMembershipPaymentSucceeded', membershipId: 'm1', chargeId: deriveId('m1', 'charge/1'), on: d('2025-01-01') } }));
    ok(await w.command({ to: 'membership', command: { type: 'RenewMembership', membershipId: 'm1', on: d('2025-02-01') } }));
    await w.pump();
    const february = await usage('2025-02-02');
    expect(february?.periodNumber).toBe(2);
    expect(february?.services.map((s) => [s.summary, s.carriedOver])).toEqual([
      ['0 of 2 treatments used', 1],
      ['0 of 1 facial used', 1],
    ]);
    // Past its expiry (March 1), the rolled-over credit no longer counts.
    expect((await usage('2025-03-01'))?.services[0]?.carriedOver).toBe(0);
  });

  it('a session booked without credit and repaid by the period’s grant counts as used; strangers and unknown memberships see nothing', async () => {
    const w = createBenefitsWorld();
    ok(await book(w, 'early', '2024-12-30', true));
    ok(await w.command({ to: 'membership', command: { type: 'SignUpForMembership', membershipId: 'm1', clientId: 'alex', on: d('2025-01-01'), terms: vip } }));
    await w.pump();
    const model = await project(membershipUsageProjection, w.store.readAll());
    expect(membershipUsage(model, 'm1', d('2025-01-02'))?.services[0]?.summary).toBe('1 of 2 treatments used');
    expect(membershipUsage(model, 'm1', d('2025-01-02'), 'stranger')).toBeUndefined();
    expect(membershipUsage(model, 'nope', d('2025-01-02'))).toBeUndefined();
    expect(benefitUsageSummary(1, 1, 'treatment')).toBe('1 of 1 treatment used');
  });
});
