/**
 * A practice in one in-memory store: packages, credits ledgers and wallets behind their
 * command handlers, and the package flows as a runner hosts them — each with its own
 * checkpoint in `$all`, so one can lag behind another (`step`) — run until nothing more
 * follows (`settle`). `expectAgreement` reads both sides of every package from the log.
 */
import { expect } from 'vitest';
import { isRight, type Either } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler, type CommandContext } from '../../../core/kernel/command-handler.js';
import type { DomainEvent, RecordedEvent } from '../../../core/kernel/envelope.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import type { Dispatch } from '../../../core/kernel/process-manager.js';
import { practiceEvents } from '../../../core/events.js';
import { packageCreditsFlow } from '../../../core/flows/package-credits.js';
import { packageWalletFlow } from '../../../core/flows/package-wallet.js';
import { creditPackageUseFlow } from '../../../core/flows/package-credit-use.js';
import { creditsConsumedFromPackages, creditsRemainingOfPackages, packageServiceKey } from '../../../testing/package-invariants.js';
import {
  creditBalance,
  creditsClientOf,
  creditsCommandStream,
  creditsDecider,
  creditsEvents,
  evolveCredits,
  initialCreditsState,
  type CreditsCommand,
  type CreditsState,
} from '../../../core/credits/index.js';
import { walletCommandStream, walletDecider, walletEvents } from '../../../core/wallet/index.js';
import {
  packageCommands,
  packageDecider,
  packageEvents,
  packageHasExpiredOn,
  packageStreamOf,
  packageValueIn,
  type PackageCommand,
  type SoldPackage,
} from '../../../core/packages/index.js';
import { foldPackageEvent, type SoldPackages } from '../../../projections/package-usage.js';
import { creditBalances, creditHistory, creditHistoryProjection, creditsReportProjection, projectAll } from '../../../projections/index.js';
import { add, money } from '../../../core/values/money.js';
import type { LocalDate } from '../../../core/values/local-date.js';

const AT = '2025-01-15T10:00:00.000Z';

export const ok = <T>(r: Either<DomainError, T>): T => {
  if (!isRight(r)) throw new Error(`refused: ${r.left.code} ${r.left.message}`);
  return r.right;
};

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** A refusal of a command a flow sent: the two sides could be left disagreeing, so a law expects none. */
export interface FlowRefusal {
  readonly flow: string;
  readonly command: string;
  readonly commandId: string;
  readonly code: string;
  readonly message: string;
}

export const createPracticeWorld = () => {
  const store = createInMemoryEventStore(practiceEvents);
  const packages = createCommandHandler({ store, decider: packageDecider, events: packageEvents, streamName: packageStreamOf, commands: packageCommands });
  const credits = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });
  const wallet = createCommandHandler({ store, decider: walletDecider, events: walletEvents, streamName: walletCommandStream });
  let n = 0;
  const context = (actor = 'provider:ann'): CommandContext => ({ commandId: `cmd-${++n}`, at: AT, actor });
  const refusals: FlowRefusal[] = [];

  const send = async <C>(
    flow: string,
    handler: { handle: (c: C, x: CommandContext) => Promise<Either<DomainError, unknown>> },
    dispatch: Dispatch<C & { type: string }>,
    cause: RecordedEvent<DomainEvent>,
  ): Promise<void> => {
    const result = await handler.handle(dispatch.command, { commandId: dispatch.commandId, at: AT, actor: dispatch.actor, causationId: cause.eventId });
    if (!isRight(result)) refusals.push({ flow, command: dispatch.command.type, commandId: dispatch.commandId, code: result.left.code, message: result.left.message });
  };

  /** Each flow as a runner hosts it: its own checkpoint in `$all`, its events in order. */
  const flows: readonly { readonly name: string; readonly react: (event: RecordedEvent<DomainEvent>) => Promise<void> }[] = [
    {
      name: packageCreditsFlow.name,
      react: async (e) => {
        if (packageEvents.is(e)) for (const x of packageCreditsFlow.react(e)) await send(packageCreditsFlow.name, credits, x, e);
      },
    },
    {
      name: packageWalletFlow.name,
      react: async (e) => {
        if (packageEvents.is(e)) for (const x of packageWalletFlow.react(e)) await send(packageWalletFlow.name, wallet, x, e);
      },
    },
    {
      name: creditPackageUseFlow.name,
      react: async (e) => {
        if (creditsEvents.is(e)) for (const x of creditPackageUseFlow.react(e)) await send(creditPackageUseFlow.name, packages, x, e);
      },
    },
  ];
  const checkpoints = new Map<string, bigint>();

  /** Lets one flow catch up by at most `max` events of the log; returns how many it read. */
  const step = async (flowIndex: number, max = Number.POSITIVE_INFINITY): Promise<number> => {
    const flow = flows[flowIndex % flows.length];
    if (flow === undefined) return 0;
    const after = checkpoints.get(flow.name);
    let read = 0;
    for await (const event of store.readAll(after === undefined ? {} : { after })) {
      if (read >= max) break;
      read += 1;
      await flow.react(event);
      checkpoints.set(flow.name, event.position);
    }
    return read;
  };

  /**
   * Runs every flow from its checkpoint (or, to replay, from the start) until none has
   * anything more to read: the flows at quiescence.
   */
  const settle = async (options: { readonly fromStart?: boolean } = {}): Promise<void> => {
    if (options.fromStart === true) checkpoints.clear();
    for (;;) {
      let read = 0;
      for (const i of flows.keys()) read += await step(i);
      if (read === 0) return;
    }
  };

  const pkg = async (command: PackageCommand, actor?: string) => packages.handle(command, context(actor));
  const ledger = async (command: CreditsCommand, actor?: string) => credits.handle(command, context(actor));
  const events = async (): Promise<RecordedEvent<DomainEvent>[]> => collect(store.readAll());

  return { store, packages, credits, pkg, ledger, settle, step, flowCount: flows.length, refusals, events };
};
export type PracticeWorld = ReturnType<typeof createPracticeWorld>;

/** Both sides of the log folded: sold packages, and each client's ledger. */
export const foldWorld = (log: readonly RecordedEvent<DomainEvent>[]): { readonly packages: SoldPackages; readonly ledgers: Map<string, CreditsState> } => {
  let packages: SoldPackages = {};
  const ledgers = new Map<string, CreditsState>();
  for (const e of log) {
    packages = foldPackageEvent(packages, e);
    const client = creditsClientOf(e.streamName);
    if (client !== undefined && creditsEvents.is(e)) ledgers.set(client, evolveCredits(ledgers.get(client) ?? initialCreditsState, e));
  }
  return { packages, ledgers };
};

/** One package seen from both sides, per service: units used and usable, credits consumed and usable. */
export interface PackageSides {
  readonly packageId: string;
  readonly serviceId: string;
  readonly unitsUsed: number;
  readonly creditsConsumed: number;
  readonly unitsRemaining: number;
  readonly creditsRemaining: number;
}

/**
 * For every package and service: the units used on the package against the credits consumed
 * from its lots in every ledger (bookings and debts repaid from them, net of restores and of
 * credits handed back when the package declined them); the units it can still give on `today`
 * against the credits of its lots usable on `today`.
 */
export const packageSides = (log: readonly RecordedEvent<DomainEvent>[], today: LocalDate): readonly PackageSides[] => {
  const { packages, ledgers } = foldWorld(log);
  const consumed = creditsConsumedFromPackages(log);
  const remaining = creditsRemainingOfPackages(ledgers.values(), today);
  const key = packageServiceKey;
  return Object.values(packages).flatMap((p: SoldPackage) =>
    [...new Set(p.units.map((u) => u.serviceId))].map((serviceId) => {
      const units = p.units.filter((u) => u.serviceId === serviceId);
      const usable = !packageHasExpiredOn(p, today) && p.status === 'active';
      return {
        packageId: p.packageId,
        serviceId,
        unitsUsed: units.filter((u) => u.status === 'used').length,
        creditsConsumed: consumed.get(key(p.packageId, serviceId)) ?? 0,
        unitsRemaining: usable ? units.filter((u) => u.status === 'unused').length : 0,
        creditsRemaining: remaining.get(key(p.packageId, serviceId)) ?? 0,
      };
    }),
  );
};

/** Expects the two sides of every package to agree, the money of each package to add up, and the credit read models to follow the ledgers. */
export const expectAgreement = (log: readonly RecordedEvent<DomainEvent>[], today: LocalDate): void => {
  for (const s of packageSides(log, today)) {
    expect({ ...s, creditsConsumed: s.unitsUsed, creditsRemaining: s.unitsRemaining }, `package ${s.packageId} ${s.serviceId}`).toEqual(s);
  }
  const { packages, ledgers } = foldWorld(log);
  for (const p of Object.values(packages)) {
    const c = p.pricePaid.currency;
    const parts = (['unused', 'used', 'expired', 'refunded', 'void'] as const).map((status) => packageValueIn(p, status));
    expect(parts.reduce((a, b) => add(a, b), money(0, c))).toEqual(p.pricePaid);
  }
  const history = projectAll(creditHistoryProjection, log);
  const report = new Map(creditBalances(projectAll(creditsReportProjection, log)).map((b) => [`${b.clientId}/${b.appointmentType}`, b.balance]));
  for (const [client, state] of ledgers) {
    for (const type of state.types.keys()) {
      const balance = creditBalance(state, type);
      expect(creditHistory(history, client, type).reduce((n, e) => n + e.delta, 0)).toBe(balance);
      expect(report.get(`${client}/${type}`) ?? 0).toBe(balance);
    }
  }
};
