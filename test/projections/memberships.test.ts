import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RecordedEvent } from '../../core/kernel/envelope.js';
import type { MembershipEvent } from '../../core/memberships/index.js';
import { activeMembers, membershipRosterProjection, membershipsOnPlan, pastDueMembers, upcomingRenewals } from '../../projections/memberships.js';
import { projectAll } from '../../projections/projection.js';
import { d, gold, lastCharge, platinum, run, tier, usd } from '../core/memberships/fixtures.js';
import { arbScenario, play } from '../core/memberships/driver.js';

let position = 0n;
const recorded = (events: readonly MembershipEvent[]): RecordedEvent<MembershipEvent>[] =>
  events.map((e, i) => ({ ...e, streamName: `membership-${e.data.membershipId}`, revision: BigInt(i), position: position++, eventId: `e${position}`, schemaVersion: 1, metadata: { at: '2025-01-01T00:00:00.000Z' } }));
const member = (membershipId: string, clientId: string, on: string, terms = gold, extra = {}): MembershipEvent[] =>
  run([], { type: 'SignUpForMembership', membershipId, clientId, on: d(on), terms, ...extra });

describe('membership read models', () => {
  const ann = member('m-ann', 'ann', '2025-03-05');
  const bob = member('m-bob', 'bob', '2025-03-20', platinum);
  const bobFailed = [...bob, ...run(bob, { type: 'RecordMembershipPaymentFailed', membershipId: 'm-bob', chargeId: lastCharge(bob).chargeId, on: d('2025-03-20') })];
  const cara = member('m-cara', 'cara', '2025-03-01', tier('gold', 9900, { trial: { days: 30, price: usd(0) } }));
  const dan = member('m-dan', 'dan', '2025-03-01');
  const danEnded = [...dan, ...run(dan, { type: 'CancelMembership', membershipId: 'm-dan', on: d('2025-03-02') })];
  const roster = projectAll(membershipRosterProjection, [...recorded(ann), ...recorded(bobFailed), ...recorded(cara), ...recorded(danEnded)]);

  it('active members: member, tier, start date, renewal date, next payment amount, status', () => {
    expect(
      activeMembers(roster).map((m) => [m.clientId, m.tier.name, m.startsOn, m.renewalOn, m.nextPayment?.total.amount ?? null, m.status]),
    ).toEqual([
      ['ann', 'Gold', '2025-03-05', '2025-04-05', 9900, 'active'],
      ['bob', 'Platinum', '2025-03-20', '2025-04-20', 19900, 'past-due'],
      ['cara', 'Gold', '2025-03-01', '2025-03-31', 9900, 'trialing'],
      ['dan', 'Gold', '2025-03-01', null, null, 'cancelling'],
    ]);
  });

  it('upcoming renewals in the next 30 days, with the amount to be charged', () => {
    expect(upcomingRenewals(roster, d('2025-03-25')).map((r) => [r.clientId, r.kind, r.on, r.amount.amount])).toEqual([
      ['cara', 'trial-conversion', '2025-03-31', 9900],
      ['ann', 'renewal', '2025-04-05', 9900],
      ['bob', 'renewal', '2025-04-20', 19900],
    ]);
    expect(upcomingRenewals(roster, d('2025-03-25'), 7).map((r) => r.clientId)).toEqual(['cara']);
  });

  it('past-due members with their next retry date', () => {
    expect(pastDueMembers(roster)).toEqual([
      {
        membershipId: 'm-bob',
        clientId: 'bob',
        tier: { planId: 'platinum', version: 1, name: 'Platinum' },
        chargeId: lastCharge(bob).chargeId,
        amount: usd(19900),
        requestedOn: '2025-03-20',
        failures: 1,
        nextRetryOn: '2025-03-23',
        exhausted: false,
      },
    ]);
  });

  it('the members on a plan, for a price change', () => {
    expect(membershipsOnPlan(roster, 'gold')).toEqual([
      { membershipId: 'm-ann', planId: 'gold', version: 1 },
      { membershipId: 'm-cara', planId: 'gold', version: 1 },
      { membershipId: 'm-dan', planId: 'gold', version: 1 },
    ]);
  });

  it('law: rebuilding from position zero gives the same model, and the fold leaves earlier models untouched', () => {
    fc.assert(
      fc.property(arbScenario(15), (scenario) => {
        const events = recorded(play(scenario).events);
        const half = projectAll(membershipRosterProjection, events.slice(0, events.length >> 1));
        const snapshot = JSON.stringify([...half.memberships]);
        const full = projectAll(membershipRosterProjection, events);
        expect(JSON.stringify([...half.memberships])).toBe(snapshot);
        expect(projectAll(membershipRosterProjection, events)).toEqual(full);
      }),
      { numRuns: 100 },
    );
  });
});
