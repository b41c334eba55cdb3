import { describe, expect, it } from 'vitest';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { practiceEvents, type PracticeEvent } from '../../../core/events.js';
import { createCommandHandler, type CommandContext, type CommandResult } from '../../../core/kernel/command-handler.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import type { DomainEvent } from '../../../core/kernel/envelope.js';
import { fold } from '../../../core/kernel/decider.js';
import {
  membershipCommands,
  membershipCommandStream,
  membershipDecider,
  membershipEvents,
  membershipNextStep,
  membershipStream,
  type MembershipEvent,
} from '../../../core/memberships/index.js';
import { currentMembershipPlanTerms, membershipPlanCommands, membershipPlanCommandStream, membershipPlanDecider, membershipPlanEvents, membershipPlanStream } from '../../../core/membership-plans/index.js';
import { walletAvailableCredit, walletBalance, walletCommands, walletCommandStream, walletDecider, walletEvents, walletStream, type WalletEvent } from '../../../core/wallet/index.js';
import { membershipWalletFlow } from '../../../core/flows/membership-wallet.js';
import { membershipRosterProjection, pastDueMembers } from '../../../projections/memberships.js';
import { project } from '../../../projections/projection.js';
import { deriveId } from '../../../core/values/ids.js';
import { d, gold, usd } from './fixtures.js';

const setup = () => {
  const store = createInMemoryEventStore(practiceEvents);
  const memberships = createCommandHandler({ store, decider: membershipDecider, events: membershipEvents, streamName: membershipCommandStream, commands: membershipCommands });
  const wallets = createCommandHandler({ store, decider: walletDecider, events: walletEvents, streamName: walletCommandStream, commands: walletCommands });
  const plans = createCommandHandler({ store, decider: membershipPlanDecider, events: membershipPlanEvents, streamName: membershipPlanCommandStream, commands: membershipPlanCommands });
  let n = 0;
  const ctx = (on: string): CommandContext => ({ commandId: `cmd-${++n}`, at: `${on}T10:00:00.000Z`, actor: 'front-desk' });
  let checkpoint: bigint | undefined;
  /** The flows runner in miniature: every new event the flow handles, dispatched to the wallet. */
  const runFlow = async (): Promise<number> => {
    let sent = 0;
    for await (const event of store.readAll(checkpoint === undefined ? {} : { after: checkpoint })) {
      checkpoint = event.position;
      if (!membershipEvents.is(event)) continue;
      for (const dispatch of membershipWalletFlow.react(event)) {
        const result = await wallets.handle(dispatch.command, { commandId: dispatch.commandId, at: event.metadata.at, actor: dispatch.actor, causationId: event.eventId });
        expect(isRight(result)).toBe(true);
        sent++;
      }
    }
    return sent;
  };
  const readFold = async <E extends DomainEvent, S>(stream: string, decider: { initialState: S; evolve: (s: S, e: E) => S }, is: (e: DomainEvent) => e is E) => {
    let state = decider.initialState;
    for await (const e of store.readStream(stream)) if (is(e)) state = decider.evolve(state, e);
    return state;
  };
  const walletOf = async (clientId: string) => readFold<WalletEvent, ReturnType<typeof walletDecider.evolve>>(walletStream(clientId), walletDecider, walletEvents.is);
  const membershipOf = async (id: string) => readFold<MembershipEvent, ReturnType<typeof membershipDecider.evolve>>(membershipStream(id), membershipDecider, membershipEvents.is);
  return { store, memberships, wallets, plans, ctx, runFlow, walletOf, membershipOf, checkpoint: () => checkpoint, resetFlow: () => (checkpoint = undefined) };
};

const ok = <T>(result: Either<DomainError, T>): T => {
  if (isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
};

describe('memberships end to end (command handler + in-memory store + wallet flow)', () => {
  it('a referral credit pays part of the first month, an unpaid renewal becomes debt, and a small debt is forgiven', async () => {
    const { store, memberships, wallets, plans, ctx, runFlow, walletOf, membershipOf, resetFlow } = setup();
    // The plan, from untrusted JSON as a platform would send it.
    ok(await plans.handleInput({ type: 'DefineMembershipPlan', planId: 'gold', on: '2025-01-01', name: 'Gold', price: { amount: 9900, currency: 'USD' }, frequency: 'monthly', dunning: { afterLastFailure: 'cancel', retries: 1 } }, ctx('2025-01-01')));
    let plan = membershipPlanDecider.initialState;
    for await (const e of store.readStream(membershipPlanStream('gold'))) if (membershipPlanEvents.is(e)) plan = membershipPlanDecider.evolve(plan, e);
    const terms = currentMembershipPlanTerms(plan);
    if (terms === undefined) throw new Error('no plan');

    ok(await wallets.handle({ type: 'CreditWallet', clientId: 'c1', on: d('2025-01-05'), amount: usd(3000), reason: 'promotional', reference: 'referral' }, ctx('2025-01-05')));
    const signUp = ok(
      await memberships.handle(
        { type: 'SignUpForMembership', membershipId: 'm1', clientId: 'c1', on: d('2025-01-10'), terms, walletAvailable: walletAvailableCredit(await walletOf('c1'), 'USD') },
        ctx('2025-01-10'),
      ),
    );
    const first = signUp.events.find((e) => e.type === 'MembershipChargeRequested');
    expect(first?.type === 'MembershipChargeRequested' && first.data.total).toEqual(usd(6900));
    expect(await runFlow()).toBe(1);
    expect(walletBalance(await walletOf('c1'), 'USD')).toEqual(usd(0));

    // The flow is idempotent: reading everything again sends the same command ids, applied once.
    resetFlow();
    await runFlow();
    expect(walletBalance(await walletOf('c1'), 'USD')).toEqual(usd(0));

    ok(await memberships.handle({ type: 'RecordMembershipPaymentSucceeded', membershipId: 'm1', chargeId: deriveId('m1', 'charge/1'), on: d('2025-01-10') }, ctx('2025-01-10')));
    const step = membershipNextStep(await membershipOf('m1'));
    expect(step).toEqual({ on: '2025-02-10', command: 'RenewMembership' });
    ok(await memberships.handleInput({ type: 'RenewMembership', membershipId: 'm1', on: '2025-02-10' }, ctx('2025-02-10')));
    const chargeId = deriveId('m1', 'charge/2');
    ok(await memberships.handle({ type: 'RecordMembershipPaymentFailed', membershipId: 'm1', chargeId, on: d('2025-02-10') }, ctx('2025-02-10')));

    const roster = await project(membershipRosterProjection, store.readAll());
    expect(pastDueMembers(roster)).toMatchObject([{ membershipId: 'm1', chargeId, failures: 1, nextRetryOn: '2025-02-13' }]);

    ok(await memberships.handle({ type: 'RetryMembershipPayment', membershipId: 'm1', chargeId, on: d('2025-02-13') }, ctx('2025-02-13')));
    ok(await memberships.handle({ type: 'RecordMembershipPaymentFailed', membershipId: 'm1', chargeId, on: d('2025-02-13') }, ctx('2025-02-13')));
    await runFlow();
    expect(walletBalance(await walletOf('c1'), 'USD')).toEqual(usd(-9900));
    expect((await membershipOf('m1')).phase).toBe('ended');

    const refused = await wallets.handle({ type: 'ForgiveWalletDebt', clientId: 'c1', on: d('2025-03-01'), threshold: usd(500) }, ctx('2025-03-01'));
    expect(isLeft(refused) && refused.left.code).toBe('DEBT_ABOVE_THRESHOLD');
    ok(await wallets.handle({ type: 'ForgiveWalletDebt', clientId: 'c1', on: d('2025-03-01'), threshold: usd(10000) }, ctx('2025-03-01')));
    expect(walletBalance(await walletOf('c1'), 'USD')).toEqual(usd(0));
  });

  it('replay is deterministic: the stored stream folds to the state the handler decided on, and a retried command applies once', async () => {
    const { store, memberships, ctx, membershipOf } = setup();
    const terms = gold;
    const context = ctx('2025-01-31');
    const first: CommandResult<MembershipEvent> = ok(await memberships.handle({ type: 'SignUpForMembership', membershipId: 'm2', clientId: 'c2', on: d('2025-01-31'), terms }, context));
    const again = ok(await memberships.handle({ type: 'SignUpForMembership', membershipId: 'm2', clientId: 'c2', on: d('2025-01-31'), terms }, context));
    expect(again.alreadyApplied).toBe(true);
    expect(again.eventIds).toEqual(first.eventIds);
    for (const on of ['2025-02-28', '2025-03-31', '2025-04-30']) ok(await memberships.handle({ type: 'RenewMembership', membershipId: 'm2', on: d(on) }, ctx(on)));
    const stored: MembershipEvent[] = [];
    for await (const e of store.readStream(membershipStream('m2'))) if (membershipEvents.is(e)) stored.push(e);
    expect(fold(membershipDecider, stored)).toEqual(await membershipOf('m2'));
    expect(membershipNextStep(fold(membershipDecider, stored))).toEqual({ on: '2025-05-31', command: 'RenewMembership' });
    const a = await project(membershipRosterProjection, store.readAll());
    const b = await project(membershipRosterProjection, store.readAll());
    expect(a).toEqual(b);
    const all: PracticeEvent[] = [];
    for await (const e of store.readAll()) all.push(e);
    expect(all.length).toBe(store.size);
  });
});
