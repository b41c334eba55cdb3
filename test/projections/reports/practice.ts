/**
 * A practice in miniature for the report specs: memberships, packages, bulk orders and
 * program enrollments in one in-memory store, every command through its command handler.
 * Each command is recorded at 15:00 UTC on its practice date (10:00 or 11:00 in New York),
 * time-driven membership steps are sent on their own dates, each charge is answered at
 * once (paid, or failed for the memberships told to fail), and the package flows run to
 * quiescence (bulk codes issue packages, packages grant and void credits).
 */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { practiceEvents } from '../../../core/events.js';
import { creditsCommandStream, creditsDecider, creditsEvents } from '../../../core/credits/index.js';
import { bulkPackageIssuedFlow } from '../../../core/flows/bulk-package-issued.js';
import { packageCreditsFlow } from '../../../core/flows/package-credits.js';
import { createCommandHandler, type CommandContext } from '../../../core/kernel/command-handler.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import {
  membershipCommandStream,
  membershipDecider,
  membershipEvents,
  membershipNextStep,
  type MembershipCommand,
} from '../../../core/memberships/index.js';
import {
  bulkOrderDecider,
  bulkOrderEvents,
  bulkOrderStreamOf,
  packageDecider,
  packageEvents,
  packageStreamOf,
  type BulkOrderCommand,
  type PackageCommand,
} from '../../../core/packages/index.js';
import { enrollmentDecider, enrollmentEvents, enrollmentStreamOf, type EnrollmentCommand } from '../../../core/programs/index.js';
import type { LocalDate } from '../../../core/values/local-date.js';
import { membershipRosterProjection } from '../../../projections/memberships.js';
import { project } from '../../../projections/projection.js';

/** The practice's time zone in these specs. */
export const TZ = 'America/New_York';
/** The instant a command for practice date `on` is recorded at. */
export const atOf = (on: string): string => `${on}T15:00:00.000Z`;

const ok = <T>(result: Either<DomainError, T>, what: string): T => {
  if (isLeft(result)) throw new Error(`${what} refused: ${result.left.code} ${result.left.message}`);
  return result.right;
};

export const createPractice = () => {
  const store = createInMemoryEventStore(practiceEvents);
  const memberships = createCommandHandler({ store, decider: membershipDecider, events: membershipEvents, streamName: membershipCommandStream });
  const packages = createCommandHandler({ store, decider: packageDecider, events: packageEvents, streamName: packageStreamOf });
  const bulkOrders = createCommandHandler({ store, decider: bulkOrderDecider, events: bulkOrderEvents, streamName: bulkOrderStreamOf });
  const enrollments = createCommandHandler({ store, decider: enrollmentDecider, events: enrollmentEvents, streamName: enrollmentStreamOf });
  const credits = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });
  let n = 0;
  const ctx = (on: string): CommandContext => ({ commandId: `cmd-${++n}`, at: atOf(on), actor: 'front-desk' });
  const failing = new Set<string>();
  let flowCheckpoint: bigint | undefined;

  /** Answers every payment attempt awaiting its result: paid, or failed for a failing membership. */
  const settlePayments = async (on: LocalDate): Promise<void> => {
    const roster = await project(membershipRosterProjection, store.readAll());
    for (const m of roster.memberships.values()) {
      for (const c of m.outstanding.filter((o) => o.attemptInFlight)) {
        const command: MembershipCommand = failing.has(m.membershipId)
          ? { type: 'RecordMembershipPaymentFailed', membershipId: m.membershipId, chargeId: c.chargeId, on }
          : { type: 'RecordMembershipPaymentSucceeded', membershipId: m.membershipId, chargeId: c.chargeId, on };
        ok(await memberships.handle(command, ctx(on)), command.type);
      }
    }
  };

  const membership = async (command: MembershipCommand): Promise<void> => {
    ok(await memberships.handle(command, ctx(command.on)), command.type);
    await settlePayments(command.on);
  };

  /** Sends every membership step due on or before `to`, earliest first, each on its own date. */
  const advance = async (to: LocalDate): Promise<void> => {
    for (;;) {
      const roster = await project(membershipRosterProjection, store.readAll());
      const due = [...roster.memberships.values()]
        .flatMap((m) => {
          const step = membershipNextStep(m);
          return step !== undefined && step.on <= to ? [{ m, step }] : [];
        })
        .sort((a, b) => (a.step.on < b.step.on ? -1 : a.step.on > b.step.on ? 1 : 0))[0];
      if (due === undefined) return;
      const { m, step } = due;
      const base = { membershipId: m.membershipId, on: step.on };
      await membership(step.command === 'RetryMembershipPayment' ? { type: step.command, ...base, chargeId: step.chargeId ?? '' } : { type: step.command, ...base });
    }
  };

  /** Runs the flows until nothing more follows: a code redeemed issues its package, a package's units are credits. */
  const settleFlows = async (): Promise<void> => {
    for (let more = true; more; ) {
      more = false;
      for await (const event of store.readAll(flowCheckpoint === undefined ? {} : { after: flowCheckpoint })) {
        flowCheckpoint = event.position;
        more = true;
        const context = (d: { commandId: string; actor: string }): CommandContext => ({ commandId: d.commandId, at: event.metadata.at, actor: d.actor, causationId: event.eventId });
        if (bulkOrderEvents.is(event)) for (const d of bulkPackageIssuedFlow.react(event)) ok(await packages.handle(d.command, context(d)), d.command.type);
        if (packageEvents.is(event)) for (const d of packageCreditsFlow.react(event)) ok(await credits.handle(d.command, context(d)), d.command.type);
      }
    }
  };

  return {
    store,
    /** Members whose payments fail. */
    failPaymentsOf: (membershipId: string) => failing.add(membershipId),
    advance,
    membership: async (command: MembershipCommand) => {
      await advance(command.on);
      await membership(command);
    },
    pkg: async (command: PackageCommand) => {
      await advance(command.on);
      ok(await packages.handle(command, ctx(command.on)), command.type);
      await settleFlows();
    },
    bulk: async (command: BulkOrderCommand) => {
      await advance(command.on);
      ok(await bulkOrders.handle(command, ctx(command.on)), command.type);
      await settleFlows();
    },
    enrollment: async (command: EnrollmentCommand) => {
      await advance(command.on);
      ok(await enrollments.handle(command, ctx(command.on)), command.type);
    },
  };
};

export type Practice = ReturnType<typeof createPractice>;
