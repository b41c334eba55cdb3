/**
 * Random practice logs for the report laws, every event decided by the deciders: a
 * membership played by the memberships' random-walk driver (trials, renewals, failed
 * payments, pauses, tier changes settled by charge, wallet or refund, wallet credit
 * applied to charges, cancellations), packages sold, used, refunded and expired, and a
 * bulk order whose codes are redeemed (through the bulk-order flow). The streams are
 * merged in date order (each stream's own order kept) and recorded at increasing
 * instants at various hours of the day, so some fall on the day before in New York.
 */
import fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { DomainEvent, RecordedEvent } from '../../../core/kernel/envelope.js';
import { bulkPackageIssuedFlow } from '../../../core/flows/bulk-package-issued.js';
import {
  bulkOrderDecider,
  packageDecider,
  type BulkOrderCommand,
  type BulkOrderEvent,
  type BulkOrderState,
  type PackageCommand,
  type PackageEvent,
  type PackageRefundMethod,
  type PackageState,
} from '../../../core/packages/index.js';
import { addDays, type LocalDate } from '../../../core/values/local-date.js';
import { percent } from '../../../core/values/percent.js';
import { arbScenario, play, type Scenario } from '../../core/memberships/driver.js';
import { classes, facials } from './scenario.js';

interface Decision {
  readonly on: LocalDate;
  readonly streamName: string;
  readonly events: readonly DomainEvent[];
}

export interface PackagePlan {
  readonly soldAfter: number;
  readonly facials: boolean;
  readonly firstService: boolean;
  readonly useGaps: readonly number[];
  readonly end: { readonly kind: 'keep' } | { readonly kind: 'refund'; readonly after: number; readonly method: PackageRefundMethod } | { readonly kind: 'expire' };
}

export interface BulkPlan {
  readonly after: number;
  readonly quantity: number;
  readonly discount: number;
  readonly redeemGaps: readonly number[];
}

export interface LogPlan {
  readonly membership: Scenario;
  readonly packages: readonly PackagePlan[];
  readonly bulk: BulkPlan | null;
  /** Hours (UTC) at which the merged decisions are recorded, in turn. */
  readonly hours: readonly string[];
}

const arbPackage: fc.Arbitrary<PackagePlan> = fc.record({
  soldAfter: fc.integer({ min: 0, max: 90 }),
  facials: fc.boolean(),
  firstService: fc.boolean(),
  useGaps: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 }),
  end: fc.oneof(
    fc.constant({ kind: 'keep' as const }),
    fc.record({ kind: fc.constant('refund' as const), after: fc.integer({ min: 0, max: 60 }), method: fc.constantFrom<PackageRefundMethod>('wallet', 'card', 'store-credit') }),
    fc.constant({ kind: 'expire' as const }),
  ),
});

export const arbLogPlan: fc.Arbitrary<LogPlan> = fc.record({
  membership: arbScenario(14),
  packages: fc.array(arbPackage, { maxLength: 4 }),
  bulk: fc.option(
    fc.record({
      after: fc.integer({ min: 0, max: 60 }),
      quantity: fc.integer({ min: 1, max: 4 }),
      discount: fc.constantFrom(0, 10, 15),
      redeemGaps: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
    }),
    { nil: null },
  ),
  hours: fc.array(fc.constantFrom('02:30', '09:00', '15:00', '23:45'), { minLength: 1, maxLength: 5 }),
});

const packageDecisions = (plan: PackagePlan, index: number, start: LocalDate): Decision[] => {
  const packageId = `pk${index}`;
  const terms = plan.facials ? facials : classes;
  const serviceId = plan.facials ? 'facial' : 'class';
  const streamName = `package-${packageId}`;
  const decisions: Decision[] = [];
  let state: PackageState = packageDecider.initialState;
  const send = (command: PackageCommand): void => {
    const decision = packageDecider.decide(command, state);
    if (isLeft(decision) || decision.right.length === 0) return;
    decisions.push({ on: command.on, streamName, events: decision.right });
    state = decision.right.reduce(packageDecider.evolve, state);
  };
  let on = addDays(start, plan.soldAfter);
  send({
    type: 'SellPackage',
    packageId,
    clientId: `client-${index}`,
    terms,
    channel: 'check-out',
    on,
    ...(plan.firstService ? { applyFirstService: { serviceId, appointmentId: `${packageId}-first` } } : {}),
  });
  plan.useGaps.forEach((gap, i) => {
    on = addDays(on, gap);
    send({ type: 'ApplyServiceToPackage', packageId, clientId: `client-${index}`, serviceId, appointmentId: `${packageId}-${i}`, on });
  });
  if (plan.end.kind === 'refund') send({ type: 'RefundPackage', packageId, method: plan.end.method, on: addDays(on, plan.end.after) });
  if (plan.end.kind === 'expire' && state.status !== 'unsold' && state.expiresOn !== undefined) {
    send({ type: 'ExpirePackage', packageId, on: state.expiresOn > on ? state.expiresOn : on });
  }
  return decisions;
};

const bulkDecisions = (plan: BulkPlan, start: LocalDate): Decision[] => {
  const orderId = 'o1';
  const decisions: Decision[] = [];
  let state: BulkOrderState = bulkOrderDecider.initialState;
  const packageStates = new Map<string, PackageState>();
  const send = (command: BulkOrderCommand): readonly BulkOrderEvent[] => {
    const decision = bulkOrderDecider.decide(command, state);
    if (isLeft(decision)) return [];
    decisions.push({ on: command.on, streamName: `bulkorder-${orderId}`, events: decision.right });
    state = decision.right.reduce(bulkOrderDecider.evolve, state);
    return decision.right;
  };
  let on = addDays(start, plan.after);
  const codes = Array.from({ length: plan.quantity }, (_, i) => `CODE-${i}`);
  send({ type: 'OrderBulkPackages', orderId, businessId: 'acme', terms: facials, quantity: plan.quantity, codes, discountPercent: percent(plan.discount), on });
  plan.redeemGaps.forEach((gap, i) => {
    on = addDays(on, gap);
    for (const event of send({ type: 'RedeemBulkPackageCode', orderId, code: codes[i % codes.length] ?? 'none', clientId: `employee-${i}`, on })) {
      const recorded: RecordedEvent<BulkOrderEvent> = { ...event, streamName: `bulkorder-${orderId}`, revision: 0n, position: 0n, eventId: `redeem-${i}`, schemaVersion: 1, metadata: { at: `${on}T12:00:00.000Z` } };
      for (const dispatch of bulkPackageIssuedFlow.react(recorded)) {
        const packageId = dispatch.command.packageId;
        const before = packageStates.get(packageId) ?? packageDecider.initialState;
        const issued = packageDecider.decide(dispatch.command, before);
        if (isLeft(issued)) continue;
        decisions.push({ on, streamName: `package-${packageId}`, events: issued.right });
        packageStates.set(packageId, issued.right.reduce<PackageState>((s, e: PackageEvent) => packageDecider.evolve(s, e), before));
      }
    }
  });
  return decisions;
};

/** Merges streams by date, keeping each stream's own order. */
const merge = (streams: readonly (readonly Decision[])[]): Decision[] => {
  const cursors = streams.map(() => 0);
  const merged: Decision[] = [];
  for (;;) {
    let best = -1;
    streams.forEach((s, i) => {
      const next = s[cursors[i] ?? 0];
      const current = best < 0 ? undefined : streams[best]?.[cursors[best] ?? 0];
      if (next !== undefined && (current === undefined || next.on < current.on)) best = i;
    });
    if (best < 0) return merged;
    const decision = streams[best]?.[cursors[best] ?? 0];
    if (decision !== undefined) merged.push(decision);
    cursors[best] = (cursors[best] ?? 0) + 1;
  }
};

/** The log of a plan: recorded events at increasing instants. */
export const practiceLog = (plan: LogPlan): readonly RecordedEvent[] => {
  const start = plan.membership.start;
  const membership = play(plan.membership).decided.map((x): Decision => ({ on: x.command.on, streamName: `membership-${x.command.membershipId}`, events: x.events }));
  const packages = plan.packages.map((p, i) => packageDecisions(p, i, start));
  const bulk = plan.bulk === null ? [] : bulkDecisions(plan.bulk, start);
  const revisions = new Map<string, bigint>();
  const log: RecordedEvent[] = [];
  let last = 0;
  merge([membership, ...packages, bulk]).forEach((decision, i) => {
    const hour = plan.hours[i % plan.hours.length] ?? '15:00';
    const at = Math.max(last + 1000, Date.parse(`${decision.on}T${hour}:00.000Z`));
    last = at;
    for (const event of decision.events) {
      const revision = revisions.get(decision.streamName) ?? 0n;
      revisions.set(decision.streamName, revision + 1n);
      log.push({
        ...event,
        streamName: decision.streamName,
        revision,
        position: BigInt(log.length),
        eventId: `e-${log.length}`,
        schemaVersion: 1,
        metadata: { at: new Date(at).toISOString() },
      });
    }
  });
  return log;
};
