import { describe, expect, it } from 'vitest';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { fold } from '../../../core/kernel/decider.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import { creditBalance, creditsDecider, creditsEvents, creditsStream, type CreditsEvent } from '../../../core/credits/index.js';
import {
  householdPoolClientId,
  membershipBenefitBooking,
  membershipBenefitsDecider,
  membershipBenefitsEvents,
  membershipBenefitsStream,
  type MembershipBenefitsEvent,
} from '../../../core/membership-benefits/index.js';
import { deriveId } from '../../../core/values/ids.js';
import { percent } from '../../../core/values/percent.js';
import { createBenefitsWorld, type BenefitsWorld } from '../../../testing/index.js';
import { membershipUsage, membershipUsageProjection, memberUsageProfile } from '../../../projections/membership-usage.js';
import { membershipRosterProjection } from '../../../projections/memberships.js';
import { project } from '../../../projections/projection.js';
import { d, plan } from './fixtures.js';

const ok = <T>(result: Either<DomainError, T>): T => {
  if (isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
};

const ledger = async (w: BenefitsWorld, clientId: string) => {
  const events: CreditsEvent[] = [];
  for (const e of await w.stream(creditsStream(clientId))) if (creditsEvents.is(e)) events.push(e);
  return { events, state: fold(creditsDecider, events) };
};

const benefitsOf = async (w: BenefitsWorld, membershipId: string) => {
  const events: MembershipBenefitsEvent[] = [];
  for (const e of await w.stream(membershipBenefitsStream(membershipId))) if (membershipBenefitsEvents.is(e)) events.push(e);
  return fold(membershipBenefitsDecider, events);
};

const family = plan('family', 24900, {
  includedServices: [{ serviceId: 'treatment', quantity: 2 }],
  household: { kind: 'family', benefits: 'per-person', billing: 'split' },
  rollover: { percent: percent(50), cap: 1, expiresAfterMonths: 2 },
});

const book = (w: BenefitsWorld, clientId: string, bookingId: string, on: string) =>
  w.command({ to: 'credits', command: { type: 'BookSession', clientId, bookingId, appointmentType: 'treatment', channel: 'client_portal', on: d(on) } }, clientId);

describe('membership benefits end to end (command handlers, in-memory store, flows)', () => {
  it('a family plan: each member gets the month’s treatments, unused ones roll over, a pause freezes them, cancellation voids them', async () => {
    const w = createBenefitsWorld();
    ok(await w.command({ to: 'membership', command: { type: 'SignUpForMembership', membershipId: 'fam', clientId: 'alex', on: d('2025-01-01'), terms: family } }));
    await w.pump();
    ok(await w.command({ to: 'benefits', command: { type: 'AddHouseholdMember', membershipId: 'fam', clientId: 'sam', by: 'alex', on: d('2025-01-02') } }, 'alex'));
    const refused = await w.command({ to: 'benefits', command: { type: 'AddHouseholdMember', membershipId: 'fam', clientId: 'jordan', by: 'sam', on: d('2025-01-02') } }, 'sam');
    expect(isLeft(refused) && refused.left.code).toBe('ONLY_PRIMARY_MANAGES_HOUSEHOLD');
    await w.pump();
    expect(creditBalance((await ledger(w, 'alex')).state, 'treatment')).toBe(2);
    expect(creditBalance((await ledger(w, 'sam')).state, 'treatment')).toBe(2);

    ok(await book(w, 'alex', 'a1', '2025-01-10'));
    ok(await book(w, 'alex', 'a2', '2025-01-11'));
    ok(await book(w, 'sam', 's1', '2025-01-12'));
    let usage = await project(membershipUsageProjection, w.store.readAll());
    expect(membershipUsage(usage, 'fam', d('2025-01-12'), 'sam')?.services[0]?.summary).toBe('1 of 2 treatments used');
    expect(membershipUsage(usage, 'fam', d('2025-01-12'))?.services[0]?.summary).toBe('2 of 2 treatments used');

    ok(await w.command({ to: 'membership', command: { type: 'RecordMembershipPaymentSucceeded', membershipId: 'fam', chargeId: deriveId('fam', 'charge/1'), on: d('2025-01-01') } }));
    ok(await w.command({ to: 'membership', command: { type: 'RenewMembership', membershipId: 'fam', on: d('2025-02-01') } }));
    await w.pump();
    // Sam had 1 unused: 50 % floored rolls 0; Alex had none. Each gets February's 2.
    const sam = await ledger(w, 'sam');
    const rolled = sam.events.filter((e) => e.type === 'CreditsRolledOver');
    expect(rolled.map((e) => e.type === 'CreditsRolledOver' && [e.data.unused, e.data.rolled, e.data.lapsed])).toEqual([[1, 0, 1]]);
    expect(creditBalance(sam.state, 'treatment')).toBe(2);

    ok(await w.command({ to: 'membership', command: { type: 'RecordMembershipPaymentSucceeded', membershipId: 'fam', chargeId: deriveId('fam', 'charge/2'), on: d('2025-02-01') } }));
    ok(await w.command({ to: 'membership', command: { type: 'RenewMembership', membershipId: 'fam', on: d('2025-03-01') } }));
    await w.pump();
    // Both had 2 unused in February: 1 rolls over for each (capped), expiring May 1.
    for (const who of ['alex', 'sam']) {
      const l = await ledger(w, who);
      const last = l.events.filter((e) => e.type === 'CreditsRolledOver').at(-1);
      expect(last?.type === 'CreditsRolledOver' && [last.data.rolled, last.data.lapsed, last.data.expiresOn]).toEqual([1, 1, '2025-05-01']);
      expect(creditBalance(l.state, 'treatment')).toBe(3);
    }
    usage = await project(membershipUsageProjection, w.store.readAll());
    expect(membershipUsage(usage, 'fam', d('2025-03-02'), 'sam')?.services).toEqual([
      { serviceId: 'treatment', included: 2, used: 0, remaining: 2, expiresOn: '2025-04-01', carriedOver: 1, summary: '0 of 2 treatments used' },
    ]);

    // Each charge is split between Alex and Sam, summing to the price.
    const splits = (await w.stream(membershipBenefitsStream('fam'))).filter((e) => e.type === 'HouseholdChargeSplit');
    expect(splits).toHaveLength(3);

    // A two-month pause from March 10 freezes March's credits: pushed by 61 days (the rolled-over one keeps May 1).
    ok(await w.command({ to: 'membership', command: { type: 'RecordMembershipPaymentSucceeded', membershipId: 'fam', chargeId: deriveId('fam', 'charge/3'), on: d('2025-03-01') } }));
    ok(await w.command({ to: 'membership', command: { type: 'PauseMembership', membershipId: 'fam', on: d('2025-03-10'), months: 2 } }));
    await w.pump();
    const frozen = (await ledger(w, 'alex')).events.filter((e) => e.type === 'CreditExpiryExtended');
    expect(frozen.map((e) => e.type === 'CreditExpiryExtended' && [e.data.reference, e.data.from, e.data.to])).toEqual([['fam/period-3', '2025-04-01', '2025-06-01']]);

    // Cancelled after the pause: benefits void at the effective date (the period's end).
    ok(await w.command({ to: 'membership', command: { type: 'ResumeMembership', membershipId: 'fam', on: d('2025-05-10') } }));
    ok(await w.command({ to: 'membership', command: { type: 'CancelMembership', membershipId: 'fam', on: d('2025-05-12') } }));
    ok(await w.command({ to: 'membership', command: { type: 'EndMembership', membershipId: 'fam', on: d('2025-06-01') } }));
    await w.pump();
    // The rolled-over credits expired on May 1 (the expiry tick records it); March's were voided on June 1.
    for (const who of ['alex', 'sam']) {
      ok(await w.command({ to: 'credits', command: { type: 'ExpireCredits', clientId: who, on: d('2025-06-01') } }, 'system'));
      const l = await ledger(w, who);
      expect(creditBalance(l.state, 'treatment')).toBe(0);
      expect(l.events.filter((e) => e.type === 'CreditsVoided').map((e) => e.type === 'CreditsVoided' && [e.data.reference, e.data.quantity, e.data.reason])).toEqual([
        ['fam/period-3', 2, 'Membership ended'],
      ]);
    }
    expect((await benefitsOf(w, 'fam')).phase).toBe('ended');
    expect(w.refusals()).toEqual([]);

    // Replay is deterministic: the same log folds and projects to the same models.
    const roster = await project(membershipRosterProjection, w.store.readAll());
    expect(await project(membershipUsageProjection, w.store.readAll())).toEqual(await project(membershipUsageProjection, w.store.readAll()));
    const final = await project(membershipUsageProjection, w.store.readAll());
    expect(memberUsageProfile(roster, final, 'fam', d('2025-06-01'))).toBeUndefined();
    expect(memberUsageProfile(roster, usage, 'fam', d('2025-03-02'))).toMatchObject({ tier: 'Family', status: 'ended', services: [{ summary: '0 of 2 treatments used' }] });
  });

  it('a pooled family draws on one pool; a non-member is refused and the pool is never overdrawn', async () => {
    const pooled = plan('pool', 19900, { includedServices: [{ serviceId: 'treatment', quantity: 3 }], household: { benefits: 'pooled' } });
    const w = createBenefitsWorld();
    ok(await w.command({ to: 'membership', command: { type: 'SignUpForMembership', membershipId: 'p1', clientId: 'alex', on: d('2025-01-01'), terms: pooled } }));
    ok(await w.command({ to: 'benefits', command: { type: 'OpenMembershipBenefits', membershipId: 'p1', on: d('2025-01-01'), primaryClientId: 'alex', startsOn: d('2025-01-01'), terms: pooled } }));
    await w.pump();
    ok(await w.command({ to: 'benefits', command: { type: 'AddHouseholdMember', membershipId: 'p1', clientId: 'sam', by: 'alex', on: d('2025-01-02') } }, 'alex'));
    const draw = async (clientId: string, bookingId: string) => {
      const booking = membershipBenefitBooking(await benefitsOf(w, 'p1'), { membershipId: 'p1', clientId, bookingId, appointmentType: 'treatment', channel: 'client_portal', on: d('2025-01-15') });
      return isLeft(booking) ? booking : w.command({ to: 'credits', command: booking.right }, clientId);
    };
    const results = [await draw('alex', 'b1'), await draw('sam', 'b2'), await draw('neighbour', 'b3'), await draw('sam', 'b4'), await draw('alex', 'b5')];
    expect(results.map((r) => (isRight(r) ? 'booked' : r.left.code))).toEqual(['booked', 'booked', 'NOT_A_HOUSEHOLD_MEMBER', 'booked', 'INSUFFICIENT_CREDITS']);
    const pool = await ledger(w, householdPoolClientId('p1'));
    expect(creditBalance(pool.state, 'treatment')).toBe(0);
    const usage = await project(membershipUsageProjection, w.store.readAll());
    const roster = await project(membershipRosterProjection, w.store.readAll());
    expect(memberUsageProfile(roster, usage, 'p1', d('2025-01-15'), 'sam')).toMatchObject({
      ledger: 'pool-p1',
      pooled: true,
      tier: 'Pool',
      renewalOn: '2025-02-01',
      services: [{ serviceId: 'treatment', summary: '3 of 3 treatments used', remaining: 0 }],
    });
    // The sign-up's benefits were opened twice (by the flow and by hand): still one grant.
    expect(pool.events.filter((e) => e.type === 'CreditsGranted')).toHaveLength(1);
  });
});
