/**
 * Every aggregate the facade serves, each as the fp-ts core defines it (decider, events,
 * command decoder, stream), with one `createCommandHandler` per aggregate over the same
 * store; and the routing of any command to the handler of its aggregate. A command type
 * belongs to exactly one aggregate (checked when the table is built).
 */
import type { Either } from 'fp-ts/lib/Either.js';
import { left } from 'fp-ts/lib/Either.js';
import type { EventRegistry } from '../kernel/codecs.js';
import { createCommandHandler, type CommandContext, type CommandHandler, type CommandResult } from '../kernel/command-handler.js';
import type { CommandDecoder } from '../kernel/commands.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { EventStore } from '../kernel/event-store.js';
import type { PracticeEvent } from '../events.js';
import { creditsCommands, creditsCommandStream, creditsDecider, creditsEvents, type CreditsCommand, type CreditsEvent } from '../credits/index.js';
import {
  membershipCommands,
  membershipCommandStream,
  membershipDecider,
  membershipEvents,
  type MembershipCommand,
  type MembershipEvent,
} from '../memberships/index.js';
import {
  membershipPlanCommands,
  membershipPlanCommandStream,
  membershipPlanDecider,
  membershipPlanEvents,
  type MembershipPlanCommand,
  type MembershipPlanEvent,
} from '../membership-plans/index.js';
import { walletCommands, walletCommandStream, walletDecider, walletEvents, type WalletCommand, type WalletEvent } from '../wallet/index.js';
import {
  clientGroupCommands,
  clientGroupDecider,
  clientGroupEvents,
  clientGroupStreamOf,
  enrollmentCommands,
  enrollmentDecider,
  enrollmentEvents,
  enrollmentStreamOf,
  programCommands,
  programDecider,
  programEvents,
  programStreamOf,
  type ClientGroupCommand,
  type ClientGroupEvent,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type ProgramCommand,
  type ProgramEvent,
} from '../programs/index.js';
import {
  bulkOrderCommands,
  bulkOrderDecider,
  bulkOrderEvents,
  bulkOrderStreamOf,
  packageCatalogCommands,
  packageCatalogDecider,
  packageCatalogEvents,
  packageCatalogStreamOf,
  packageCommands,
  packageDecider,
  packageEvents,
  packageStreamOf,
  type BulkOrderCommand,
  type BulkOrderEvent,
  type PackageCatalogCommand,
  type PackageCatalogEvent,
  type PackageCommand,
  type PackageEvent,
} from '../packages/index.js';
import {
  membershipBenefitsCommands,
  membershipBenefitsCommandStream,
  membershipBenefitsDecider,
  membershipBenefitsEvents,
  type MembershipBenefitsCommand,
  type MembershipBenefitsEvent,
} from '../membership-benefits/index.js';
import { loyaltyCommands, loyaltyCommandStream, loyaltyDecider, loyaltyEvents, type LoyaltyCommand, type LoyaltyEvent } from '../loyalty/index.js';
import { checkInCommands, checkInCommandStream, checkInDecider, checkInEvents, type CheckInCommand, type CheckInEvent } from '../check-ins/index.js';

/** Every command the facade can send. */
export type PracticeCommand =
  | CreditsCommand
  | MembershipCommand
  | MembershipPlanCommand
  | WalletCommand
  | ProgramCommand
  | EnrollmentCommand
  | ClientGroupCommand
  | PackageCommand
  | PackageCatalogCommand
  | BulkOrderCommand
  | CheckInCommand
  | MembershipBenefitsCommand
  | LoyaltyCommand;

/** One aggregate as the core defines it. */
export interface AggregateDefinition<C extends PracticeCommand, E extends PracticeEvent, S> {
  readonly decider: Decider<C, E, S>;
  readonly events: EventRegistry<E>;
  readonly commands: CommandDecoder<C>;
  readonly streamName: (command: C) => string;
  /** The field its commands carry their time in: a practice date (`on`) or an instant (`at`). @defaultValue `'on'` */
  readonly time?: 'on' | 'at';
}

/** An aggregate with its command handler over the facade's store. */
export interface Aggregate<C extends PracticeCommand, E extends PracticeEvent> {
  readonly handler: CommandHandler<C, E>;
  readonly events: EventRegistry<E>;
  readonly commands: CommandDecoder<C>;
  /** The field its commands carry their time in: a practice date (`on`) or an instant where hours matter (`at`). */
  readonly time: 'on' | 'at';
  /** Whether a command is one of this aggregate's. */
  readonly owns: (command: PracticeCommand) => command is C;
  /** Handles the command when it is one of this aggregate's; `undefined` otherwise. */
  readonly route: (command: PracticeCommand, context: CommandContext) => Promise<Either<DomainError, CommandResult<PracticeEvent>>> | undefined;
}

export interface Aggregates {
  readonly credits: Aggregate<CreditsCommand, CreditsEvent>;
  readonly memberships: Aggregate<MembershipCommand, MembershipEvent>;
  readonly plans: Aggregate<MembershipPlanCommand, MembershipPlanEvent>;
  readonly wallets: Aggregate<WalletCommand, WalletEvent>;
  readonly programs: Aggregate<ProgramCommand, ProgramEvent>;
  readonly enrollments: Aggregate<EnrollmentCommand, EnrollmentEvent>;
  readonly groups: Aggregate<ClientGroupCommand, ClientGroupEvent>;
  readonly packages: Aggregate<PackageCommand, PackageEvent>;
  readonly packageCatalog: Aggregate<PackageCatalogCommand, PackageCatalogEvent>;
  readonly bulkOrders: Aggregate<BulkOrderCommand, BulkOrderEvent>;
  readonly checkIns: Aggregate<CheckInCommand, CheckInEvent>;
  readonly benefits: Aggregate<MembershipBenefitsCommand, MembershipBenefitsEvent>;
  readonly loyalty: Aggregate<LoyaltyCommand, LoyaltyEvent>;
}

export interface AggregateOptions {
  /** Re-reads after a revision conflict at most this many times. @defaultValue 5 */
  readonly maxRetries?: number;
  /** Folded states each handler keeps between commands. @defaultValue 10000 */
  readonly cacheSize?: number;
}

const aggregate = <C extends PracticeCommand, E extends PracticeEvent, S>(
  store: EventStore<PracticeEvent>,
  definition: AggregateDefinition<C, E, S>,
  options: AggregateOptions,
): Aggregate<C, E> => {
  const types = new Set(definition.commands.types);
  const owns = (command: PracticeCommand): command is C => types.has(command.type);
  const handler = createCommandHandler({
    store,
    decider: definition.decider,
    events: definition.events,
    streamName: definition.streamName,
    commands: definition.commands,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.cacheSize !== undefined ? { cacheSize: options.cacheSize } : {}),
  });
  return {
    handler,
    events: definition.events,
    commands: definition.commands,
    time: definition.time ?? 'on',
    owns,
    route: (command, context) => (owns(command) ? handler.handle(command, context) : undefined),
  };
};

export const createAggregates = (store: EventStore<PracticeEvent>, options: AggregateOptions = {}): Aggregates => {
  const all: Aggregates = {
    credits: aggregate(store, { decider: creditsDecider, events: creditsEvents, commands: creditsCommands, streamName: creditsCommandStream }, options),
    memberships: aggregate(
      store,
      { decider: membershipDecider, events: membershipEvents, commands: membershipCommands, streamName: membershipCommandStream },
      options,
    ),
    plans: aggregate(
      store,
      { decider: membershipPlanDecider, events: membershipPlanEvents, commands: membershipPlanCommands, streamName: membershipPlanCommandStream },
      options,
    ),
    wallets: aggregate(store, { decider: walletDecider, events: walletEvents, commands: walletCommands, streamName: walletCommandStream }, options),
    programs: aggregate(store, { decider: programDecider, events: programEvents, commands: programCommands, streamName: programStreamOf }, options),
    enrollments: aggregate(
      store,
      { decider: enrollmentDecider, events: enrollmentEvents, commands: enrollmentCommands, streamName: enrollmentStreamOf },
      options,
    ),
    groups: aggregate(
      store,
      { decider: clientGroupDecider, events: clientGroupEvents, commands: clientGroupCommands, streamName: clientGroupStreamOf },
      options,
    ),
    packages: aggregate(store, { decider: packageDecider, events: packageEvents, commands: packageCommands, streamName: packageStreamOf }, options),
    packageCatalog: aggregate(
      store,
      { decider: packageCatalogDecider, events: packageCatalogEvents, commands: packageCatalogCommands, streamName: packageCatalogStreamOf },
      options,
    ),
    bulkOrders: aggregate(store, { decider: bulkOrderDecider, events: bulkOrderEvents, commands: bulkOrderCommands, streamName: bulkOrderStreamOf }, options),
    checkIns: aggregate(
      store,
      { decider: checkInDecider, events: checkInEvents, commands: checkInCommands, streamName: checkInCommandStream, time: 'at' },
      options,
    ),
    benefits: aggregate(
      store,
      {
        decider: membershipBenefitsDecider,
        events: membershipBenefitsEvents,
        commands: membershipBenefitsCommands,
        streamName: membershipBenefitsCommandStream,
      },
      options,
    ),
    loyalty: aggregate(store, { decider: loyaltyDecider, events: loyaltyEvents, commands: loyaltyCommands, streamName: loyaltyCommandStream }, options),
  };
  const seen = new Map<string, string>();
  for (const [name, a] of Object.entries(all)) {
    for (const type of a.commands.types) {
      const other = seen.get(type);
      if (other !== undefined) throw new RangeError(`Command type "${type}" belongs to both ${other} and ${name}`);
      seen.set(type, name);
    }
  }
  return all;
};

const AGGREGATE_NAMES: readonly (keyof Aggregates)[] = [
  'credits',
  'memberships',
  'plans',
  'wallets',
  'programs',
  'enrollments',
  'groups',
  'packages',
  'packageCatalog',
  'bulkOrders',
  'checkIns',
  'benefits',
  'loyalty',
];

/** The aggregate a command type belongs to, by name (`credits`, `memberships`, …). */
export const aggregateOfType = (aggregates: Aggregates, type: string): keyof Aggregates | undefined =>
  AGGREGATE_NAMES.find((name) => aggregates[name].commands.types.includes(type));

/** Sends a typed command to the handler of its aggregate. Rejects only for infrastructure failures. */
export const routeCommand = (
  aggregates: Aggregates,
  command: PracticeCommand,
  context: CommandContext,
): Promise<Either<DomainError, CommandResult<PracticeEvent>>> => {
  for (const name of AGGREGATE_NAMES) {
    const handled = aggregates[name].route(command, context);
    if (handled !== undefined) return handled;
  }
  const type: string = command.type;
  return Promise.resolve(left(domainError('UNKNOWN_COMMAND', `"${type}" is not a command of any aggregate.`, { field: 'type' })));
};
