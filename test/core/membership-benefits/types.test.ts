/**
 * Type-level tests: a wrong benefits, household or loyalty shape must not compile (`npm run
 * typecheck` fails if an `@ts-expect-error` below stops being an error).
 */
import { describe, expect, it } from 'vitest';
import type { MembershipBenefitsCommand, MembershipBenefitsEvent } from '../../../core/membership-benefits/index.js';
import type { LoyaltyCommand, LoyaltyTier } from '../../../core/loyalty/index.js';
import type { MembershipHouseholdTerms, MembershipRolloverTerms } from '../../../core/memberships/benefit-terms.js';
import { percent } from '../../../core/values/percent.js';
import { d, usd } from './fixtures.js';

describe('membership benefits types', () => {
  it('reject wrong shapes at compile time', () => {
    const ok: MembershipBenefitsCommand = { type: 'AddHouseholdMember', membershipId: 'm1', on: d('2025-01-01'), clientId: 'sam', by: 'alex' };
    // @ts-expect-error a household command names who asks
    const anonymous: MembershipBenefitsCommand = { type: 'AddHouseholdMember', membershipId: 'm1', on: d('2025-01-01'), clientId: 'sam' };
    // @ts-expect-error a period closed records the rollover that applied
    const unrecorded: MembershipBenefitsEvent = { type: 'MembershipBenefitsPeriodClosed', data: { membershipId: 'm1', periodNumber: 1, reference: 'r', closedOn: d('2025-02-01'), holders: [] } };
    // @ts-expect-error benefits are pooled or per person
    const shared: MembershipHouseholdTerms = { kind: 'family', benefits: 'shared', billing: 'primary', maxMembers: null };
    // @ts-expect-error rollover terms say when rolled credits expire
    const forever: MembershipRolloverTerms = { percent: percent(50), cap: null };
    // @ts-expect-error a loyalty condition is tenure, spend or packages bought
    const visits: LoyaltyTier = { name: 'Regular', conditions: [{ kind: 'visits', atLeast: 10 }], discount: percent(5) };
    // @ts-expect-error a referral's reward is money
    const points: LoyaltyCommand = { type: 'RecordReferral', clientId: 'c', on: d('2025-01-01'), referrerId: 'r', reward: 100 };
    expect([ok, anonymous, unrecorded, shared, forever, visits, points, usd(1)]).toHaveLength(8);
  });
});
