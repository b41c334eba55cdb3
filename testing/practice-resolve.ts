/**
 * Turns a step of a practice scenario into a command that makes sense in the state the
 * practice is in, read from the world's tracker: a booking for a service the client holds
 * (mostly), the cancel of one of the client's real bookings, a pause within the plan's
 * bounds, the answer to a charge that awaits one, a claim with a code really offered. A
 * step that has nothing to act on (no booking to cancel) resolves to nothing.
 */
import { creditBalance, openCreditLots, type CreditsState } from '../core/credits/index.js';
import type { Membership } from '../core/memberships/index.js';
import type { SoldPackage } from '../core/packages/index.js';
import { escalationAwaitsApproval, type CheckInSchedule } from '../core/check-ins/index.js';
import type { Enrollment } from '../core/programs/index.js';
import { money } from '../core/values/money.js';
import { addDays } from '../core/values/local-date.js';
import type { PracticeWorld } from './practice-world.js';
import { PRACTICE_GROUP, PRACTICE_OWNER, PRACTICE_PROGRAM, practiceClient, type PracticeCatalog, type PracticeInput, type PracticeStep } from './practice-steps.js';

/** What a step resolved to: a command, time passing, or nothing to do. */
export type ResolvedStep = { readonly kind: 'command'; readonly input: PracticeInput } | { readonly kind: 'time'; readonly hours: number } | { readonly kind: 'nothing' };

const at = <T>(items: readonly T[], pick: number): T | undefined => (items.length === 0 ? undefined : items[pick % items.length]);

const live = <S extends { readonly phase?: string; readonly status?: string }>(entries: IterableIterator<[string, S]>): S[] => [...entries].map(([, s]) => s);

const memberships = (world: PracticeWorld): Membership[] => live(world.states.memberships.entries()).flatMap((m) => (m.phase === 'none' ? [] : [m]));
const soldPackages = (world: PracticeWorld): SoldPackage[] => live(world.states.packages.entries()).flatMap((p) => (p.status === 'unsold' ? [] : [p]));
const enrollments = (world: PracticeWorld): Enrollment[] => live(world.states.enrollments.entries()).flatMap((e) => (e.status === 'enrolled' ? [e.enrollment] : []));
const schedules = (world: PracticeWorld): CheckInSchedule[] => live(world.states.checkIns.entries()).flatMap((c) => (c.status === 'active' ? [c] : []));
const credits = (world: PracticeWorld, clientId: string): CreditsState => world.states.credits.get(`credits-${clientId}`);

/** The clients whose credits ledger has events. */
const clientsOf = (world: PracticeWorld): string[] => [...world.states.credits.entries()].map(([stream]) => stream.slice('credits-'.length));

const heldServices = (state: CreditsState): string[] => [...state.types.keys()].filter((t) => creditBalance(state, t) > 0);
const references = (state: CreditsState): string[] => [
  ...new Set([...state.types.keys()].flatMap((t) => openCreditLots(state, t).flatMap((l) => (l.reference === null ? [] : [l.reference])))),
];

/** Resolves step number `n` (ids are made from it) against the world. */
export const resolvePracticeStep = (step: PracticeStep, n: number, world: PracticeWorld, catalog: PracticeCatalog): ResolvedStep => {
  const command = (input: PracticeInput): ResolvedStep => ({ kind: 'command', input });
  const nothing: ResolvedStep = { kind: 'nothing' };
  const service = (i: number): string => catalog.services[i % catalog.services.length] ?? 'service';
  const usd = (amount: number) => money(amount, catalog.currency);
  switch (step.kind) {
    case 'time-passes':
      return { kind: 'time', hours: step.hours };
    case 'grant': {
      const clientId = practiceClient(step.client);
      const expiresOn = step.expiresInDays === null ? {} : { expiresOn: addDays(world.ledger.today(), step.expiresInDays) };
      return command({ type: 'GrantCredits', clientId, appointmentType: service(step.service), quantity: step.quantity, source: step.source, reference: `ref-${step.client + 1}-${step.service + 1}`, ...expiresOn });
    }
    case 'book': {
      // Mostly a service the client holds credits for; when they hold none, another client who does.
      const own = practiceClient(step.client);
      const holders = [own, ...clientsOf(world).filter((c) => c !== own)].flatMap((clientId) => heldServices(credits(world, clientId)).map((type) => ({ clientId, type })));
      const mine = holders.filter((h) => h.clientId === holders[0]?.clientId);
      const held = step.held ? at(mine, step.service) : undefined;
      const clientId = held?.clientId ?? own;
      return command({ type: 'BookSession', clientId, bookingId: `b${n}`, appointmentType: held?.type ?? service(step.service), channel: step.channel });
    }
    case 'cancel-booking': {
      const clientId = practiceClient(step.client);
      const open = [...credits(world, clientId).bookings.entries()].filter(([, b]) => !b.cancelled).map(([id]) => id);
      const bookingId = at(open, step.pick);
      return bookingId === undefined ? nothing : command({ type: 'CancelBooking', clientId, bookingId });
    }
    case 'set-balance':
      return command({ type: 'SetCreditBalance', clientId: practiceClient(step.client), appointmentType: service(step.service), balance: step.balance, by: 'front-desk', reason: 'count' });
    case 'adjust-credits': {
      const clientId = practiceClient(step.client);
      const appointmentType = service(step.service);
      const balance = Math.max(0, creditBalance(credits(world, clientId), appointmentType));
      const delta = step.delta > 0 ? step.delta : balance === 0 ? -step.delta : -Math.min(balance, -step.delta);
      return command({ type: 'AdjustCredits', clientId, appointmentType, delta, by: 'front-desk', reason: 'correction' });
    }
    case 'void-credits':
    case 'extend-credits': {
      const clientId = practiceClient(step.client);
      const reference = at(references(credits(world, clientId)), step.pick);
      if (reference === undefined) return nothing;
      return step.kind === 'void-credits'
        ? command({ type: 'VoidCredits', clientId, reference, reason: 'refund' })
        : command({ type: 'ExtendCreditExpiry', clientId, reference, byDays: step.days, reason: 'goodwill' });
    }
    case 'transfer-credits': {
      if (step.to === step.client) return nothing;
      const fromClientId = practiceClient(step.client);
      const state = credits(world, fromClientId);
      const held = heldServices(state);
      const appointmentType = at(held, step.service) ?? service(step.service);
      const quantity = Math.max(1, Math.min(step.quantity, creditBalance(state, appointmentType)));
      return command({ type: 'TransferCredits', transferId: `t${n}`, fromClientId, toClientId: practiceClient(step.to), appointmentType, quantity });
    }
    case 'credit-settings': {
      const overrides = {
        ...(step.allowBookingWithoutCredits !== null ? { allowBookingWithoutCredits: step.allowBookingWithoutCredits } : {}),
        ...(step.restoreOnCancel !== null ? { restoreOnCancel: step.restoreOnCancel } : {}),
      };
      return command({ type: 'AdjustCreditSettings', clientId: practiceClient(step.client), overrides, by: 'owner' });
    }
    case 'sign-up': {
      const plan = at(catalog.plans, step.plan);
      return plan === undefined ? nothing : command({ type: 'SignUpForMembership', membershipId: `m${n}`, clientId: practiceClient(step.client), planId: plan.planId });
    }
    case 'answer-charge': {
      const awaiting = memberships(world).flatMap((m) => m.outstanding.filter((c) => c.attemptInFlight).map((c) => ({ membershipId: m.membershipId, chargeId: c.chargeId })));
      const charge = at(awaiting, step.pick);
      if (charge === undefined) return nothing;
      return command({ type: step.paid ? 'RecordMembershipPaymentSucceeded' : 'RecordMembershipPaymentFailed', ...charge, ...(step.paid ? {} : { reason: 'card declined' }) });
    }
    case 'pause': {
      const m = at(memberships(world).filter((x) => x.phase === 'active'), step.pick);
      if (m === undefined) return nothing;
      const { minMonths, maxMonths } = m.terms.pause;
      return command({ type: 'PauseMembership', membershipId: m.membershipId, months: minMonths + (step.months % (maxMonths - minMonths + 1)) });
    }
    case 'resume': {
      const m = at(memberships(world).filter((x) => x.phase === 'paused'), step.pick);
      return m === undefined ? nothing : command({ type: 'ResumeMembership', membershipId: m.membershipId });
    }
    case 'extend-membership':
    case 'cancel-membership': {
      const m = at(memberships(world).filter((x) => x.phase !== 'ended'), step.pick);
      if (m === undefined) return nothing;
      return step.kind === 'cancel-membership'
        ? command({ type: 'CancelMembership', membershipId: m.membershipId, reason: 'moving away' })
        : command({ type: 'ExtendMembershipPeriod', membershipId: m.membershipId, days: step.days });
    }
    case 'change-tier': {
      const m = at(memberships(world).filter((x) => x.phase === 'active' || x.phase === 'trialing'), step.pick);
      const plan = at(catalog.plans.filter((p) => p.planId !== m?.terms.planId), step.plan);
      return m === undefined || plan === undefined ? nothing : command({ type: 'ChangeMembershipTier', membershipId: m.membershipId, planId: plan.planId });
    }
    case 'household': {
      const m = at(memberships(world).filter((x) => x.phase !== 'ended' && x.terms.household !== undefined && x.terms.household !== null), step.pick);
      const clientId = practiceClient(step.client);
      if (m === undefined || clientId === m.clientId) return nothing;
      return command({ type: step.add ? 'AddHouseholdMember' : 'RemoveHouseholdMember', membershipId: m.membershipId, clientId, by: m.clientId });
    }
    case 'credit-wallet':
      return command({ type: 'CreditWallet', clientId: practiceClient(step.client), amount: usd(step.amount), reason: 'courtesy' });
    case 'forgive-debt':
      return command({ type: 'ForgiveWalletDebt', clientId: practiceClient(step.client) });
    case 'sell-package': {
      const definition = at(catalog.packages, step.definition);
      return definition === undefined ? nothing : command({ type: 'SellPackage', packageId: `pk${n}`, clientId: practiceClient(step.client), definitionId: definition.definitionId, channel: 'check-out' });
    }
    case 'apply-service': {
      const p = at(soldPackages(world).filter((x) => x.status === 'active'), step.pick);
      if (p === undefined) return nothing;
      const unused = [...new Set(p.units.filter((u) => u.status === 'unused').map((u) => u.serviceId))];
      const serviceId = at(unused, step.service) ?? service(step.service);
      const clientId = step.byOwner || p.sharedWith.length === 0 ? p.ownerId : (at(p.sharedWith, step.pick) ?? p.ownerId);
      return command({ type: 'ApplyServiceToPackage', packageId: p.packageId, clientId, serviceId, appointmentId: `appt-${n}` });
    }
    case 'refund-package':
    case 'extend-package':
    case 'offer-package': {
      const p = at(soldPackages(world).filter((x) => x.status !== 'refunded' && (step.kind !== 'offer-package' || x.terms.restrictions.transferable)), step.pick);
      if (p === undefined) return nothing;
      if (step.kind === 'refund-package') return command({ type: 'RefundPackage', packageId: p.packageId, method: step.method });
      if (step.kind === 'offer-package') {
        const offered = p.transferOffers[0];
        return step.withdraw && offered !== undefined
          ? command({ type: 'CancelPackageTransfer', packageId: p.packageId, accessCode: offered.accessCode })
          : command({ type: 'OfferPackageTransfer', packageId: p.packageId, recipient: 'friend@example.com', accessCode: `code-${n}` });
      }
      return command({ type: 'ExtendPackage', packageId: p.packageId, to: addDays(p.expiresOn ?? world.ledger.today(), step.days) });
    }
    case 'claim-package': {
      const offers = soldPackages(world).flatMap((p) => p.transferOffers.map((o) => ({ packageId: p.packageId, ownerId: p.ownerId, accessCode: o.accessCode })));
      const offer = at(offers, step.pick);
      const clientId = practiceClient(step.client);
      return offer === undefined || offer.ownerId === clientId ? nothing : command({ type: 'ClaimPackageTransfer', packageId: offer.packageId, accessCode: offer.accessCode, clientId });
    }
    case 'share-package': {
      const p = at(soldPackages(world).filter((x) => x.status === 'active' && x.terms.restrictions.shareable), step.pick);
      const clientId = practiceClient(step.client);
      if (p === undefined || clientId === p.ownerId) return nothing;
      return command({ type: step.stop ? 'StopSharingPackage' : 'SharePackage', packageId: p.packageId, clientId });
    }
    case 'order-bulk': {
      const definition = at(catalog.packages, step.definition);
      if (definition === undefined) return nothing;
      const codes = Array.from({ length: step.quantity }, (_, i) => `o${n}-${i + 1}`);
      return command({ type: 'OrderBulkPackages', orderId: `o${n}`, businessId: 'acme', definitionId: definition.definitionId, quantity: step.quantity, codes });
    }
    case 'redeem-code': {
      const free = live(world.states.bulkOrders.entries()).flatMap((o) =>
        o.status === 'none' ? [] : o.codes.filter((c) => !o.redemptions.some((r) => r.code === c)).map((code) => ({ orderId: o.orderId, code })),
      );
      const code = at(free, step.pick);
      return code === undefined ? nothing : command({ type: 'RedeemBulkPackageCode', ...code, clientId: practiceClient(step.client) });
    }
    case 'enroll':
      return command({ type: 'EnrollClientInProgram', programId: PRACTICE_PROGRAM, clientId: practiceClient(step.client), by: PRACTICE_OWNER });
    case 'remove-from-program': {
      const e = at(enrollments(world), step.pick);
      return e === undefined ? nothing : command({ type: 'RemoveClientFromProgram', programId: e.programId, clientId: e.clientId, by: PRACTICE_OWNER, reason: { kind: 'finished-program' } });
    }
    case 'group':
      return step.join
        ? command({ type: 'PlaceClientInGroup', clientId: practiceClient(step.client), groupId: PRACTICE_GROUP, by: PRACTICE_OWNER })
        : command({ type: 'RemoveClientFromGroup', clientId: practiceClient(step.client), by: PRACTICE_OWNER });
    case 'start-check-ins': {
      const started = new Set(live(world.states.checkIns.entries()).flatMap((c) => (c.status === 'not-started' ? [] : [c.enrollmentId])));
      const e = at(enrollments(world).filter((x) => !started.has(`${x.programId}-${x.clientId}`)), step.pick);
      if (e === undefined) return nothing;
      const coaching = memberships(world).find((m) => m.clientId === e.clientId && m.phase !== 'ended');
      return command({
        type: 'StartCheckInSchedule',
        enrollmentId: `${e.programId}-${e.clientId}`,
        clientId: e.clientId,
        programId: e.programId,
        clientName: e.clientId,
        coach: 'coach',
        firstDueOn: addDays(world.ledger.today(), 1 + (step.pick % 7)),
        ...(coaching !== undefined ? { coachingMembershipId: coaching.membershipId } : {}),
      });
    }
    case 'check-in': {
      const s = at(schedules(world), step.pick);
      if (s === undefined) return nothing;
      const base = { enrollmentId: s.enrollmentId };
      switch (step.what) {
        case 'submit':
          return command({ type: 'SubmitCheckIn', ...base, checkInId: `ci-${n}` });
        case 'open-email':
          return command({ type: 'RecordEmailOpened', ...base });
        case 'regimen':
          return command({ type: 'RecordRegimenChange', ...base });
        case 'raise':
          return command({ type: 'RaiseComplianceIssue', ...base, issue: 'low-consistency', by: 'coach' });
        case 'resolve':
          return command({ type: 'ResolveComplianceIssue', ...base, issue: 'low-consistency', by: 'coach' });
        case 'reschedule':
          return command({ type: 'RescheduleCheckIn', ...base, dueOn: addDays(world.ledger.today(), 1 + (step.pick % 5)), by: 'coach' });
      }
      return nothing;
    }
    case 'manager-decides': {
      const waiting = schedules(world).flatMap((s) => s.escalations.filter(escalationAwaitsApproval).map((e) => ({ enrollmentId: s.enrollmentId, issue: e.issue })));
      const which = at(waiting, step.pick);
      if (which === undefined) return nothing;
      return command({ type: step.approve ? 'ApproveProgramEnd' : 'DeclineProgramEnd', ...which, managerId: 'manager' });
    }
    case 'loyalty-purchase':
      return command({ type: 'RecordLoyaltyPurchase', clientId: practiceClient(step.client), kind: 'service', reference: `sale-${n}`, amount: usd(step.amount) });
    case 'billing-shares': {
      const m = at(memberships(world).filter((x) => x.phase !== 'ended' && x.terms.household?.billing === 'split'), step.pick);
      const b = m === undefined ? undefined : world.states.benefits.get(`benefits-${m.membershipId}`);
      if (m === undefined || b === undefined || b.phase === 'none') return nothing;
      const shares = [b.primaryClientId, ...b.dependents].map((clientId, i) => ({ clientId, weight: step.weights[i % step.weights.length] ?? 1 }));
      return command({ type: 'SetHouseholdBillingShares', membershipId: m.membershipId, shares, by: m.clientId });
    }
    case 'package-unpaid': {
      const through = enrollments(world).flatMap((e) => e.sources.flatMap((s) => (s.kind === 'package' ? [{ programId: e.programId, clientId: e.clientId, packageId: s.packageId }] : [])));
      const which = at(through, step.pick);
      if (which === undefined) return nothing;
      return command({ type: step.paid ? 'MarkProgramPackagePaid' : 'MarkProgramPackageUnpaid', ...which, by: { kind: 'system' } });
    }
    case 'revise-plan': {
      const plan = at(catalog.plans, step.plan);
      if (plan === undefined) return nothing;
      const { planId, ...input } = plan;
      return command({ type: 'ReviseMembershipPlan', planId, ...input, price: usd(step.price), existingMembers: step.moveMembers ? 'move-at-renewal' : 'grandfathered' });
    }
    case 'revise-package': {
      const definition = at(catalog.packages, step.definition);
      if (definition === undefined) return nothing;
      const { withProgram, validity, ...p } = definition;
      return command({ type: 'RevisePackageDefinition', ...p, price: usd(step.price), ...(validity !== null ? { validity } : {}), ...(withProgram ? { programId: PRACTICE_PROGRAM } : {}) });
    }
    case 'edit-program':
      return command({
        type: 'EditProgram',
        programId: PRACTICE_PROGRAM,
        by: PRACTICE_OWNER,
        definition: { name: 'Program', kind: 'standard', modules: [...catalog.programModules, step.releaseDay].map((releaseDay, i) => ({ moduleId: `module-${i + 1}`, title: `Module ${i + 1}`, kind: 'video', releaseDay })) },
      });
    case 'referral':
      return step.referrer === step.client
        ? nothing
        : command({ type: 'RecordReferral', clientId: practiceClient(step.client), referrerId: practiceClient(step.referrer), reward: usd(50_00) });
  }
};
