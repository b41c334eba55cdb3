import { describe, expect, it } from 'vitest';
import { membershipBenefitsDecider, currentBenefitsPeriod } from '../../../core/membership-benefits/index.js';
import { percent } from '../../../core/values/percent.js';
import { deciderSpec } from '../../../testing/given-when-then.js';
import { M, PRIMARY, d, history, open, plan, platinum, run, startPeriod, stateOf, vip, vipRollover } from './fixtures.js';

const spec = deciderSpec(membershipBenefitsDecider);
const tier = (p: typeof vip) => ({ planId: p.planId, version: p.version, name: p.name });

describe('membership benefits: per-period credits', () => {
  it('at each period start a membership grants its included services as credits, expiring at the period’s end', () => {
    spec
      .given(history(open(vip)))
      .when(startPeriod(1, '2025-01-01', '2025-02-01'))
      .then([
        {
          type: 'MembershipBenefitsPeriodOpened',
          data: {
            membershipId: M,
            primaryClientId: PRIMARY,
            memberSince: d('2025-01-01'),
            periodNumber: 1,
            reference: 'm1/period-1',
            period: { start: d('2025-01-01'), end: d('2025-02-01') },
            expiresOn: d('2025-02-01'),
            tier: tier(vip),
            grants: [{ clientId: PRIMARY, serviceId: 'treatment', quantity: 2 }],
            withheld: null,
          },
        },
      ]);
  });

  it('a trial grants the included services too, as period 0', () => {
    spec
      .given(history(open(vip)))
      .when(startPeriod(0, '2025-01-01', '2025-01-31'))
      .thenEvents(([opened]) => {
        expect(opened?.type === 'MembershipBenefitsPeriodOpened' && [opened.data.reference, opened.data.expiresOn]).toEqual(['m1/trial', '2025-01-31']);
      });
  });

  it('a period already opened is not granted again, whatever the command id', () => {
    const once = history(open(vip), startPeriod(1, '2025-01-01', '2025-02-01'));
    spec.given(once).when(startPeriod(1, '2025-01-01', '2025-02-01')).then([]);
    spec.given(once).when(open(vip)).then([]);
  });

  it('benefits of a membership whose sign-up is unknown are refused', () => {
    spec.given([]).when(startPeriod(1, '2025-01-01', '2025-02-01')).thenError('MEMBERSHIP_BENEFITS_NOT_FOUND');
  });
});

describe('membership benefits: rollover at the period’s end', () => {
  it('unused benefits expire at the period’s end when the plan has no rollover', () => {
    spec
      .given(history(open(vip), startPeriod(1, '2025-01-01', '2025-02-01')))
      .when(startPeriod(2, '2025-02-01', '2025-03-01'))
      .thenEvents(([closed]) => {
        expect(closed).toEqual({
          type: 'MembershipBenefitsPeriodClosed',
          data: { membershipId: M, periodNumber: 1, reference: 'm1/period-1', closedOn: d('2025-02-01'), holders: [PRIMARY], rollover: null, rolledExpireOn: null },
        });
      });
  });

  it('partial rollover: only X% carries to the next period, capped, and rolled credits expire after X months', () => {
    spec
      .given(history(open(vipRollover), startPeriod(1, '2025-01-31', '2025-02-28')))
      .when(startPeriod(2, '2025-02-28', '2025-03-31'))
      .thenEvents(([closed, opened]) => {
        expect(closed).toEqual({
          type: 'MembershipBenefitsPeriodClosed',
          data: {
            membershipId: M,
            periodNumber: 1,
            reference: 'm1/period-1',
            closedOn: d('2025-02-28'),
            holders: [PRIMARY],
            rollover: { percent: percent(50), cap: 1, expiresAfterMonths: 2 },
            // Two months after Feb 28, clamped to the month's end as the billing calendar does.
            rolledExpireOn: d('2025-04-28'),
          },
        });
        expect(opened?.type).toBe('MembershipBenefitsPeriodOpened');
      });
  });

  it('a plan with 0 % or a cap of 0 rolls nothing over', () => {
    const none = plan('none', 9900, { includedServices: [{ serviceId: 'treatment', quantity: 1 }], rollover: { percent: percent(0) } });
    const capped = plan('capped', 9900, { includedServices: [{ serviceId: 'treatment', quantity: 1 }], rollover: { cap: 0 } });
    for (const terms of [none, capped]) {
      spec
        .given(history(open(terms), startPeriod(1, '2025-01-01', '2025-02-01')))
        .when(startPeriod(2, '2025-02-01', '2025-03-01'))
        .thenEvents(([closed]) => expect(closed?.type === 'MembershipBenefitsPeriodClosed' && closed.data.rolledExpireOn).toBeNull());
    }
  });

  it('the closing period rolls over by its own tier’s rule, even when the next period is on another tier', () => {
    const started = history(open(vipRollover), startPeriod(1, '2025-01-01', '2025-02-01'));
    const changed = [...started, ...run(started, { type: 'ChangeMembershipBenefitsTier', membershipId: M, on: d('2025-02-01'), terms: vip, timing: 'at-period-start' })];
    spec
      .given(changed)
      .when(startPeriod(2, '2025-02-01', '2025-03-01'))
      .thenEvents(([closed]) => expect(closed?.type === 'MembershipBenefitsPeriodClosed' && closed.data.rollover?.percent).toBe(50));
  });
});

describe('membership benefits: pause, extension, change of tier', () => {
  const started = history(open(vipRollover), startPeriod(1, '2025-01-01', '2025-02-01'), startPeriod(2, '2025-02-01', '2025-03-01'));

  it('benefit freeze: a pause pushes the expiry of the interrupted period’s credits by the pause’s days; rolled-over credits keep theirs', () => {
    spec
      .given(started)
      .when({ type: 'FreezeMembershipBenefits', membershipId: M, on: d('2025-02-10'), resumesOn: d('2025-04-10'), days: 59, periodEndsOn: d('2025-04-29') })
      .then([
        {
          type: 'MembershipBenefitsFrozen',
          data: {
            membershipId: M,
            pausedOn: d('2025-02-10'),
            resumesOn: d('2025-04-10'),
            days: 59,
            periodEndsOn: d('2025-04-29'),
            pushed: [{ clientId: PRIMARY, reference: 'm1/period-2' }],
          },
        },
      ]);
    const frozen = [...started, ...run(started, { type: 'FreezeMembershipBenefits', membershipId: M, on: d('2025-02-10'), resumesOn: d('2025-04-10'), days: 59, periodEndsOn: d('2025-04-29') })];
    const state = stateOf(frozen);
    if (state.phase === 'none') throw new Error('no benefits');
    expect(state.periods.map((p) => [p.reference, p.expiresOn, p.rolledExpireOn, p.period.end])).toEqual([
      ['m1/period-1', '2025-02-01', '2025-04-01', '2025-02-01'],
      ['m1/period-2', '2025-04-29', null, '2025-04-29'],
    ]);
    // A pause is frozen once.
    spec.given(frozen).when({ type: 'FreezeMembershipBenefits', membershipId: M, on: d('2025-02-10'), resumesOn: d('2025-04-10'), days: 59, periodEndsOn: d('2025-04-29') }).then([]);
    // An early resume records the period's real end; its rollover happens then.
    const thawed = [...frozen, ...run(frozen, { type: 'ThawMembershipBenefits', membershipId: M, on: d('2025-02-20'), pausedDays: 10, periodEndsOn: d('2025-03-11') })];
    const after = stateOf(thawed);
    expect(after.phase !== 'none' && currentBenefitsPeriod(after)?.period.end).toBe('2025-03-11');
    spec
      .given(thawed)
      .when(startPeriod(3, '2025-03-11', '2025-04-11'))
      .thenEvents(([closed]) => expect(closed?.type === 'MembershipBenefitsPeriodClosed' && closed.data.closedOn).toBe('2025-03-11'));
  });

  it('one-time extensions: manually extending the period moves its credits’ expiry once', () => {
    const extend = { type: 'ExtendMembershipBenefits' as const, membershipId: M, on: d('2025-02-20'), days: 7, periodEndsOn: d('2025-03-08') };
    spec
      .given(started)
      .when(extend)
      .then([
        {
          type: 'MembershipBenefitsExtended',
          data: { membershipId: M, extendedOn: d('2025-02-20'), days: 7, periodEndsOn: d('2025-03-08'), pushed: [{ clientId: PRIMARY, reference: 'm1/period-2' }] },
        },
      ]);
    spec.given([...started, ...run(started, extend)]).when(extend).then([]);
  });

  it('moving up to a tier that includes more tops up the current period; a change at the period start does not', () => {
    const vipPeriod = history(open(vip), startPeriod(1, '2025-01-01', '2025-02-01'));
    spec
      .given(vipPeriod)
      .when({ type: 'ChangeMembershipBenefitsTier', membershipId: M, on: d('2025-01-16'), terms: platinum, timing: 'immediately' })
      .thenEvents(([changed, granted]) => {
        expect(changed?.type).toBe('MembershipBenefitsTierChanged');
        expect(granted).toEqual({
          type: 'MembershipBenefitsGranted',
          data: {
            membershipId: M,
            periodNumber: 1,
            reference: 'm1/period-1',
            grantedOn: d('2025-01-16'),
            expiresOn: d('2025-02-01'),
            reason: 'tier-change',
            grants: [
              { clientId: PRIMARY, serviceId: 'treatment', quantity: 1 },
              { clientId: PRIMARY, serviceId: 'facial', quantity: 1 },
            ],
          },
        });
      });
    spec
      .given(vipPeriod)
      .when({ type: 'ChangeMembershipBenefitsTier', membershipId: M, on: d('2025-02-01'), terms: platinum, timing: 'at-period-start' })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['MembershipBenefitsTierChanged']));
  });
});

describe('membership benefits while suspended for an unpaid charge', () => {
  it('after the last failed retry periods grant nothing; once paid, the current period’s services are granted', () => {
    const suspended = history(open(vip), startPeriod(1, '2025-01-01', '2025-02-01'), { type: 'SuspendMembershipBenefitGrants', membershipId: M, on: d('2025-01-10') });
    spec
      .given(suspended)
      .when(startPeriod(2, '2025-02-01', '2025-03-01'))
      .thenEvents(([, opened]) => {
        expect(opened?.type === 'MembershipBenefitsPeriodOpened' && [opened.data.grants, opened.data.withheld]).toEqual([
          [],
          'Benefits are suspended since 2025-01-10 until the unpaid charge is paid.',
        ]);
      });
    const february = [...suspended, ...run(suspended, startPeriod(2, '2025-02-01', '2025-03-01'))];
    spec
      .given(february)
      .when({ type: 'RestoreMembershipBenefitGrants', membershipId: M, on: d('2025-02-12') })
      .then([
        { type: 'MembershipBenefitGrantsRestored', data: { membershipId: M, restoredOn: d('2025-02-12') } },
        {
          type: 'MembershipBenefitsGranted',
          data: { membershipId: M, periodNumber: 2, reference: 'm1/period-2', grantedOn: d('2025-02-12'), expiresOn: d('2025-03-01'), reason: 'restored', grants: [{ clientId: PRIMARY, serviceId: 'treatment', quantity: 2 }] },
        },
      ]);
    // Suspended during a period already granted: nothing more comes back on restoring it.
    spec.given(suspended).when({ type: 'RestoreMembershipBenefitGrants', membershipId: M, on: d('2025-01-20') }).then([{ type: 'MembershipBenefitGrantsRestored', data: { membershipId: M, restoredOn: d('2025-01-20') } }]);
    spec.given(suspended).when({ type: 'SuspendMembershipBenefitGrants', membershipId: M, on: d('2025-01-12') }).then([]);
  });
});

describe('membership benefits on cancellation', () => {
  const started = history(open(vipRollover), startPeriod(1, '2025-01-01', '2025-02-01'), startPeriod(2, '2025-02-01', '2025-03-01'));

  it('existing benefits void at the effective date when the plan keeps them until then', () => {
    spec.given(started).when({ type: 'CancelMembershipBenefits', membershipId: M, on: d('2025-02-10'), benefitsEndOn: d('2025-03-01'), effectiveOn: d('2025-03-01') }).then([]);
    spec
      .given(started)
      .when({ type: 'EndMembershipBenefits', membershipId: M, on: d('2025-03-01'), reason: 'cancelled' })
      .then([
        {
          type: 'MembershipBenefitsVoided',
          data: {
            membershipId: M,
            voidedOn: d('2025-03-01'),
            reason: 'membership-ended',
            voided: [
              { clientId: PRIMARY, reference: 'm1/period-1' },
              { clientId: PRIMARY, reference: 'm1/period-2' },
            ],
          },
        },
        { type: 'MembershipBenefitsEnded', data: { membershipId: M, primaryClientId: PRIMARY, endedOn: d('2025-03-01'), reason: 'cancelled' } },
      ]);
  });

  it('existing benefits void immediately when the plan ends them at the request, and a later period grants nothing', () => {
    const cancel = { type: 'CancelMembershipBenefits' as const, membershipId: M, on: d('2025-02-10'), benefitsEndOn: d('2025-02-10'), effectiveOn: d('2025-04-01') };
    spec
      .given(started)
      .when(cancel)
      .thenEvents(([voided]) => {
        expect(voided?.type === 'MembershipBenefitsVoided' && [voided.data.reason, voided.data.voided.length]).toEqual(['cancelled-immediately', 2]);
      });
    const cancelled = [...started, ...run(started, cancel)];
    spec
      .given(cancelled)
      .when(startPeriod(3, '2025-03-01', '2025-04-01'))
      .thenEvents(([closed, opened]) => {
        expect(closed?.type === 'MembershipBenefitsPeriodClosed' && closed.data.holders).toEqual([]);
        expect(opened?.type === 'MembershipBenefitsPeriodOpened' && [opened.data.grants, opened.data.withheld]).toEqual([
          [],
          'Benefits ended on 2025-02-10 when the membership was cancelled.',
        ]);
      });
    spec
      .given(cancelled)
      .when({ type: 'EndMembershipBenefits', membershipId: M, on: d('2025-04-01'), reason: 'cancelled' })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['MembershipBenefitsEnded']));
  });

  it('ended benefits change no more', () => {
    const ended = [...started, ...run(started, { type: 'EndMembershipBenefits', membershipId: M, on: d('2025-03-01'), reason: 'not-renewed' })];
    spec.given(ended).when(startPeriod(3, '2025-03-01', '2025-04-01')).then([]);
    spec.given(ended).when({ type: 'FreezeMembershipBenefits', membershipId: M, on: d('2025-03-02'), resumesOn: d('2025-04-02'), days: 31, periodEndsOn: d('2025-04-01') }).thenError('MEMBERSHIP_BENEFITS_ENDED');
  });
});
