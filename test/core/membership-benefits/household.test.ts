import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { householdPoolClientId, membershipBenefitBooking, membershipBenefitsDecider, membershipBenefitsLedger } from '../../../core/membership-benefits/index.js';
import { sum } from '../../../core/values/money.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { M, PRIMARY, d, familyPerPerson, familyPooled, history, open, plan, run, startPeriod, stateOf, usd, vip } from './fixtures.js';

const spec = deciderSpec(membershipBenefitsDecider);
const add = (clientId: string, by = PRIMARY, on = '2025-01-10') => ({ type: 'AddHouseholdMember' as const, membershipId: M, on: d(on), clientId, by });
const remove = (clientId: string, by = PRIMARY, on = '2025-01-20') => ({ type: 'RemoveHouseholdMember' as const, membershipId: M, on: d(on), clientId, by });

describe('family & group plans: the primary member manages the family', () => {
  const family = history(open(familyPerPerson), add('sam', PRIMARY, '2025-01-01'));

  it('only the primary member adds dependents; anyone else is refused with a clear error', () => {
    spec.given(history(open(familyPerPerson))).when(add('sam')).then([{ type: 'HouseholdMemberAdded', data: { membershipId: M, clientId: 'sam', addedBy: PRIMARY, addedOn: d('2025-01-10') } }]);
    const error = spec.given(family).when(add('jordan', 'sam')).thenError('ONLY_PRIMARY_MANAGES_HOUSEHOLD');
    expect(error.message).toBe('Only the primary member (alex) manages the family plan of membership m1; sam cannot add jordan.');
  });

  it('only the primary member removes dependents; the primary cannot be removed', () => {
    spec.given(family).when(remove('sam', 'sam')).thenError('ONLY_PRIMARY_MANAGES_HOUSEHOLD', 'sam cannot remove sam');
    spec.given(family).when(remove(PRIMARY)).thenError('PRIMARY_CANNOT_BE_REMOVED');
    spec.given(family).when(remove('jordan')).thenError('NOT_A_HOUSEHOLD_MEMBER');
    spec.given(family).when(remove('sam')).then([{ type: 'HouseholdMemberRemoved', data: { membershipId: M, clientId: 'sam', removedBy: PRIMARY, removedOn: d('2025-01-20') } }]);
  });

  it('a group plan is managed the same way, and says so', () => {
    const group = plan('team', 49900, { includedServices: [{ serviceId: 'treatment', quantity: 1 }], household: { kind: 'group' } });
    spec.given(history(open(group), add('sam', PRIMARY, '2025-01-01'))).when(add('jordan', 'sam')).thenError('ONLY_PRIMARY_MANAGES_HOUSEHOLD', 'manages the group plan');
  });

  it('a member is added once, the plan’s size is kept, and a plan that is not a family plan has no dependents', () => {
    spec.given(family).when(add('sam')).thenError('ALREADY_A_HOUSEHOLD_MEMBER');
    const full = history(open(familyPerPerson), add('sam'), add('jordan'), add('riley'));
    spec.given(full).when(add('casey')).thenError('HOUSEHOLD_FULL', 'room for 4 members');
    spec.given(history(open(vip))).when(add('sam')).thenError('NOT_A_HOUSEHOLD_PLAN');
  });
});

describe('family & group plans: shared benefits or individual allocations', () => {
  it('individual allocations: each person gets X services each period', () => {
    spec
      .given(history(open(familyPerPerson), add('sam', PRIMARY, '2025-01-01')))
      .when(startPeriod(1, '2025-01-01', '2025-02-01'))
      .thenEvents(([opened]) => {
        expect(opened?.type === 'MembershipBenefitsPeriodOpened' && opened.data.grants).toEqual([
          { clientId: PRIMARY, serviceId: 'treatment', quantity: 1 },
          { clientId: 'sam', serviceId: 'treatment', quantity: 1 },
        ]);
      });
  });

  it('shared benefits: one pool of services across members, granted to the household’s pool', () => {
    spec
      .given(history(open(familyPooled), add('sam', PRIMARY, '2025-01-01'), add('jordan', PRIMARY, '2025-01-01')))
      .when(startPeriod(1, '2025-01-01', '2025-02-01'))
      .thenEvents(([opened]) => {
        expect(opened?.type === 'MembershipBenefitsPeriodOpened' && opened.data.grants).toEqual([{ clientId: 'pool-m1', serviceId: 'treatment', quantity: 4 }]);
      });
  });

  it('a dependent who joins mid-period gets the period’s services at once; one who leaves loses their live credits', () => {
    const started = history(open(familyPerPerson), startPeriod(1, '2025-01-01', '2025-02-01'));
    spec
      .given(started)
      .when(add('sam'))
      .thenEvents(([, granted]) => {
        expect(granted).toEqual({
          type: 'MembershipBenefitsGranted',
          data: { membershipId: M, periodNumber: 1, reference: 'm1/period-1', grantedOn: d('2025-01-10'), expiresOn: d('2025-02-01'), reason: 'member-joined', grants: [{ clientId: 'sam', serviceId: 'treatment', quantity: 1 }] },
        });
      });
    const joined = [...started, ...run(started, add('sam'))];
    spec
      .given(joined)
      .when(remove('sam'))
      .thenEvents(([voided, removed]) => {
        expect(voided).toEqual({
          type: 'MembershipBenefitsVoided',
          data: { membershipId: M, voidedOn: d('2025-01-20'), reason: 'member-removed', voided: [{ clientId: 'sam', reference: 'm1/period-1' }] },
        });
        expect(removed?.type).toBe('HouseholdMemberRemoved');
      });
  });

  it('only members draw on the benefits: a pooled booking goes to the pool without overdraft, a per-person one to the member', () => {
    const pooled = stateOf(history(open(familyPooled), add('sam')));
    const request = { membershipId: M, bookingId: 'b1', appointmentType: 'treatment', channel: 'client_portal' as const, on: d('2025-01-12'), policy: { allowBookingWithoutCredits: true } };
    expect(membershipBenefitBooking(pooled, { ...request, clientId: 'sam' })).toEqual({
      _tag: 'Right',
      right: { type: 'BookSession', clientId: householdPoolClientId(M), bookingId: 'b1', appointmentType: 'treatment', channel: 'client_portal', on: '2025-01-12', policy: { allowBookingWithoutCredits: false } },
    });
    const stranger = membershipBenefitBooking(pooled, { ...request, clientId: 'neighbour' });
    expect(isLeft(stranger) && stranger.left.code).toBe('NOT_A_HOUSEHOLD_MEMBER');
    const perPerson = stateOf(history(open(familyPerPerson), add('sam')));
    const own = membershipBenefitBooking(perPerson, { ...request, clientId: 'sam' });
    expect(isRight(own) && [own.right.clientId, own.right.policy]).toEqual(['sam', { allowBookingWithoutCredits: true }]);
    expect(membershipBenefitsLedger(perPerson, PRIMARY)).toBe(PRIMARY);
    expect(membershipBenefitsLedger(perPerson, 'neighbour')).toBeUndefined();
  });
});

describe('family & group plans: separate billing', () => {
  const family = history(open(familyPerPerson), add('sam', PRIMARY, '2025-01-01'), add('jordan', PRIMARY, '2025-01-01'));
  const split = { type: 'SplitMembershipCharge' as const, membershipId: M, on: d('2025-01-01'), chargeId: 'ch1', total: usd(24900) };

  it('split payments: each charge is split between the members in equal shares by default, summing to the charge', () => {
    spec
      .given(family)
      .when(split)
      .then([
        {
          type: 'HouseholdChargeSplit',
          data: {
            membershipId: M,
            chargeId: 'ch1',
            requestedOn: d('2025-01-01'),
            total: usd(24900),
            shares: [
              { clientId: PRIMARY, weight: 1, amount: usd(8300) },
              { clientId: 'sam', weight: 1, amount: usd(8300) },
              { clientId: 'jordan', weight: 1, amount: usd(8300) },
            ],
          },
        },
      ]);
  });

  it('the primary sets the shares; members left out pay nothing, and the shares still sum to the charge', () => {
    const shares = { type: 'SetHouseholdBillingShares' as const, membershipId: M, on: d('2025-01-02'), by: PRIMARY, shares: [{ clientId: PRIMARY, weight: 2 }, { clientId: 'sam', weight: 1 }] };
    spec.given(family).when({ ...shares, by: 'sam' }).thenError('ONLY_PRIMARY_MANAGES_HOUSEHOLD');
    spec.given(family).when({ ...shares, shares: [{ clientId: 'neighbour', weight: 1 }] }).thenError('NOT_A_HOUSEHOLD_MEMBER');
    spec.given(family).when({ ...shares, shares: [{ clientId: 'sam', weight: 0 }] }).thenError('INVALID_SHARES');
    const set = [...family, ...run(family, shares)];
    spec
      .given(set)
      .when({ ...split, total: usd(10000) })
      .thenEvents(([event]) => {
        if (event?.type !== 'HouseholdChargeSplit') throw new Error('no split');
        expect(event.data.shares.map((s) => [s.clientId, s.amount.amount])).toEqual([
          [PRIMARY, 6667],
          ['sam', 3333],
          ['jordan', 0],
        ]);
        expect(sum('USD', event.data.shares.map((s) => s.amount))).toEqual(usd(10000));
      });
  });

  it('pay once for the group: a plan billed to the primary splits nothing', () => {
    spec.given(history(open(familyPooled), add('sam'))).when(split).then([]);
    spec
      .given(history(open(familyPooled)))
      .when({ type: 'SetHouseholdBillingShares', membershipId: M, on: d('2025-01-02'), by: PRIMARY, shares: [{ clientId: PRIMARY, weight: 1 }] })
      .thenError('HOUSEHOLD_NOT_BILLED_IN_SHARES');
  });
});
