/**
 * A practice in miniature for membership benefits, for our laws and integrators' own: one
 * embedded store, the command handlers of memberships, benefits, credits, wallets and
 * loyalty, and a flows pump that reads `$all` from a checkpoint and sends every dispatch of
 * the benefit flows — optionally sending some twice, re-sending earlier ones later, or
 * reading everything again from the start, as a flaky runner would.
 */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../adapters/in-memory/index.js';
import { practiceEvents, type PracticeEvent } from '../core/events.js';
import { createCommandHandler, type CommandContext } from '../core/kernel/command-handler.js';
import type { DomainError } from '../core/kernel/errors.js';
import type { DomainEvent, RecordedEvent } from '../core/kernel/envelope.js';
import type { Dispatch } from '../core/kernel/process-manager.js';
import { membershipCommands, membershipCommandStream, membershipDecider, membershipEvents, type MembershipCommand } from '../core/memberships/index.js';
import { creditsCommands, creditsCommandStream, creditsDecider, creditsEvents, type CreditsCommand } from '../core/credits/index.js';
import { walletCommands, walletCommandStream, walletDecider, walletEvents, type WalletCommand } from '../core/wallet/index.js';
import {
  membershipBenefitsCommands,
  membershipBenefitsCommandStream,
  membershipBenefitsDecider,
  membershipBenefitsEvents,
  type MembershipBenefitsCommand,
} from '../core/membership-benefits/index.js';
import { loyaltyCommands, loyaltyCommandStream, loyaltyDecider, loyaltyEvents, type LoyaltyCommand, type LoyaltyProgram } from '../core/loyalty/index.js';
import { membershipBenefitsFlow } from '../core/flows/membership-benefits.js';
import { benefitsCreditsFlow } from '../core/flows/benefits-credits.js';
import { createMembershipLoyaltyFlow, loyaltyMembershipFlow, loyaltyWalletFlow } from '../core/flows/loyalty.js';

/** A command for one of the world's aggregates. */
export type WorldCommand =
  | { readonly to: 'membership'; readonly command: MembershipCommand }
  | { readonly to: 'benefits'; readonly command: MembershipBenefitsCommand }
  | { readonly to: 'credits'; readonly command: CreditsCommand }
  | { readonly to: 'wallet'; readonly command: WalletCommand }
  | { readonly to: 'loyalty'; readonly command: LoyaltyCommand };

/** How the pump misbehaves, to show that it does not matter. */
export interface PumpChaos {
  /** Whether to send the n-th dispatch a second time right away. @defaultValue never */
  readonly duplicate?: (n: number) => boolean;
  /** Whether, after the n-th dispatch, to send again one sent earlier (`pick` chooses it). @defaultValue never */
  readonly resend?: (n: number) => { readonly pick: number } | undefined;
}

export interface BenefitsWorldOptions {
  /** The loyalty program the flows put on loyalty commands. @defaultValue the seed's Silver, Gold, Platinum */
  readonly loyaltyProgram?: LoyaltyProgram;
}

export const createBenefitsWorld = (options: BenefitsWorldOptions = {}) => {
  const store = createInMemoryEventStore(practiceEvents);
  const handlers = {
    membership: createCommandHandler({ store, decider: membershipDecider, events: membershipEvents, streamName: membershipCommandStream, commands: membershipCommands }),
    benefits: createCommandHandler({ store, decider: membershipBenefitsDecider, events: membershipBenefitsEvents, streamName: membershipBenefitsCommandStream, commands: membershipBenefitsCommands }),
    credits: createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream, commands: creditsCommands }),
    wallet: createCommandHandler({ store, decider: walletDecider, events: walletEvents, streamName: walletCommandStream, commands: walletCommands }),
    loyalty: createCommandHandler({ store, decider: loyaltyDecider, events: loyaltyEvents, streamName: loyaltyCommandStream, commands: loyaltyCommands }),
  };
  const send = async (c: WorldCommand, context: CommandContext): Promise<Either<DomainError, unknown>> => {
    switch (c.to) {
      case 'membership':
        return handlers.membership.handle(c.command, context);
      case 'benefits':
        return handlers.benefits.handle(c.command, context);
      case 'credits':
        return handlers.credits.handle(c.command, context);
      case 'wallet':
        return handlers.wallet.handle(c.command, context);
      case 'loyalty':
        return handlers.loyalty.handle(c.command, context);
    }
  };
  const loyaltyFromMemberships = createMembershipLoyaltyFlow(options.loyaltyProgram);
  /** Every dispatch the benefit flows make for one recorded event, with where it goes. */
  const dispatchesOf = (event: RecordedEvent<PracticeEvent>): readonly { readonly target: WorldCommand; readonly dispatch: Dispatch<unknown> }[] => {
    const out: { target: WorldCommand; dispatch: Dispatch<unknown> }[] = [];
    if (membershipEvents.is(event)) {
      for (const d of membershipBenefitsFlow.react(event)) out.push({ target: { to: 'benefits', command: d.command }, dispatch: d });
      for (const d of loyaltyFromMemberships.react(event)) out.push({ target: { to: 'loyalty', command: d.command }, dispatch: d });
    }
    if (membershipBenefitsEvents.is(event)) {
      for (const d of benefitsCreditsFlow.react(event)) out.push({ target: { to: 'credits', command: d.command }, dispatch: d });
      for (const d of loyaltyFromMemberships.react(event)) out.push({ target: { to: 'loyalty', command: d.command }, dispatch: d });
    }
    if (loyaltyEvents.is(event)) {
      for (const d of loyaltyWalletFlow.react(event)) out.push({ target: { to: 'wallet', command: d.command }, dispatch: d });
      for (const d of loyaltyMembershipFlow.react(event)) out.push({ target: { to: 'membership', command: d.command }, dispatch: d });
    }
    return out;
  };

  let checkpoint: bigint | undefined;
  let sent = 0;
  const history: { target: WorldCommand; context: CommandContext }[] = [];
  const refusals: { readonly command: WorldCommand; readonly error: DomainError }[] = [];
  const deliver = async (target: WorldCommand, context: CommandContext): Promise<void> => {
    const result = await send(target, context);
    if (isLeft(result)) refusals.push({ command: target, error: result.left });
  };

  /** Sends every dispatch of the events after the checkpoint (and of the events they cause) until nothing is left. */
  const pump = async (chaos: PumpChaos = {}): Promise<number> => {
    let count = 0;
    for (;;) {
      let progressed = false;
      for await (const event of store.readAll(checkpoint === undefined ? {} : { after: checkpoint })) {
        checkpoint = event.position;
        progressed = true;
        for (const { target, dispatch } of dispatchesOf(event)) {
          const context: CommandContext = { commandId: dispatch.commandId, at: event.metadata.at, actor: dispatch.actor, causationId: event.eventId };
          await deliver(target, context);
          history.push({ target, context });
          count++;
          sent++;
          if (chaos.duplicate?.(sent) === true) await deliver(target, context);
          const again = chaos.resend?.(sent);
          const earlier = again === undefined || history.length === 0 ? undefined : history[again.pick % history.length];
          if (earlier !== undefined) await deliver(earlier.target, earlier.context);
        }
      }
      if (!progressed) return count;
    }
  };

  let n = 0;
  /** Sends a command as the platform would (a fresh id each time). */
  const command = async (target: WorldCommand, actor = 'front-desk'): Promise<Either<DomainError, unknown>> => {
    n += 1;
    return send(target, { commandId: `world-${n}`, at: `${target.command.on}T10:00:00.000Z`, actor });
  };

  /** Every recorded event, in order. */
  const events = async (): Promise<readonly RecordedEvent<PracticeEvent>[]> => {
    const all: RecordedEvent<PracticeEvent>[] = [];
    for await (const e of store.readAll()) all.push(e);
    return all;
  };

  /** The events of one stream. */
  const stream = async (streamName: string): Promise<readonly RecordedEvent<DomainEvent>[]> => {
    const all: RecordedEvent<DomainEvent>[] = [];
    for await (const e of store.readStream(streamName)) all.push(e);
    return all;
  };

  return {
    store,
    handlers,
    command,
    pump,
    events,
    stream,
    refusals: (): readonly { readonly command: WorldCommand; readonly error: DomainError }[] => refusals,
    /** Forgets the checkpoint: the next pump reads everything again, as a restarted runner without one would. */
    rewind: (): void => {
      checkpoint = undefined;
    },
  };
};

export type BenefitsWorld = ReturnType<typeof createBenefitsWorld>;
