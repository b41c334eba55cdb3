/**
 * The package flows end to end: package, credits, wallet, program and enrollment streams
 * in one in-memory store, the flows run over `$all` until nothing more follows, and a
 * second run of every flow over the whole log (a replay) applies nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { isRight, type Either } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler, type CommandContext } from '../../../core/kernel/command-handler.js';
import type { DomainEvent, RecordedEvent } from '../../../core/kernel/envelope.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import type { Dispatch } from '../../../core/kernel/process-manager.js';
import type { Decider } from '../../../core/kernel/decider.js';
import { practiceEvents } from '../../../core/events.js';
import { packageCreditsFlow } from '../../../core/flows/package-credits.js';
import { packageWalletFlow } from '../../../core/flows/package-wallet.js';
import { packageEnrollmentFlow } from '../../../core/flows/package-enrollment.js';
import { availableCredits, openCreditLots, creditsCommandStream, creditsDecider, creditsEvents } from '../../../core/credits/index.js';
import { walletBalance, walletCommandStream, walletDecider, walletEvents } from '../../../core/wallet/index.js';
import { enrollmentDecider, enrollmentEvents, enrollmentStream, enrollmentStreamOf, programDecider, programEvents, programStreamOf, type EnrollmentEvent } from '../../../core/programs/index.js';
import { packageCommands, packageDecider, packageEvents, packageStreamOf, type PackageCommand } from '../../../core/packages/index.js';
import { programDirectoryLookup, programDirectoryProjection } from '../../../projections/program-directory.js';
import { project } from '../../../projections/projection.js';
import { d, sixPackFacials, usd } from '../packages/fixtures.js';
import { acneDefinition, owner } from '../programs/fixtures.js';

const at = '2025-01-15T10:00:00.000Z';
let n = 0;
const ctx = (): CommandContext => ({ commandId: `cmd-${++n}`, at, actor: 'provider:ann' });
const ok = <T>(r: Either<DomainError, T>): T => {
  if (!isRight(r)) throw new Error(`refused: ${r.left.code} ${r.left.message}`);
  return r.right;
};
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

const setup = () => {
  const store = createInMemoryEventStore(practiceEvents);
  const packages = createCommandHandler({ store, decider: packageDecider, events: packageEvents, streamName: packageStreamOf, commands: packageCommands });
  const credits = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });
  const wallet = createCommandHandler({ store, decider: walletDecider, events: walletEvents, streamName: walletCommandStream });
  const enrollments = createCommandHandler({ store, decider: enrollmentDecider, events: enrollmentEvents, streamName: enrollmentStreamOf });
  const programs = createCommandHandler({ store, decider: programDecider, events: programEvents, streamName: programStreamOf });

  const send = async <C>(handler: { handle: (c: C, x: CommandContext) => Promise<Either<DomainError, unknown>> }, dispatch: Dispatch<C>, cause: RecordedEvent<DomainEvent>) =>
    ok(await handler.handle(dispatch.command, { commandId: dispatch.commandId, at, actor: dispatch.actor, causationId: cause.eventId }));

  /** Runs the package flows over `$all` after `from` until nothing more follows; returns the new checkpoint. */
  const settle = async (from?: bigint): Promise<bigint | undefined> => {
    let checkpoint = from;
    for (;;) {
      const batch = await collect(store.readAll(checkpoint === undefined ? {} : { after: checkpoint }));
      if (batch.length === 0) return checkpoint;
      const directory = programDirectoryLookup(await project(programDirectoryProjection, store.readAll()));
      for (const event of batch) {
        checkpoint = event.position;
        if (!packageEvents.is(event)) continue;
        for (const x of packageCreditsFlow.react(event)) await send(credits, x, event);
        for (const x of packageWalletFlow.react(event)) await send(wallet, x, event);
        for (const x of packageEnrollmentFlow(directory).react(event)) await send(enrollments, x, event);
      }
    }
  };

  /** The state of a stream, folded from the store. */
  const stateOf = async <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, stream: string, is: (e: DomainEvent) => e is E): Promise<S> => {
    let state = decider.initialState;
    for await (const event of store.readStream(stream)) if (is(event)) state = decider.evolve(state, event);
    return state;
  };

  return { store, packages, programs, settle, stateOf };
};

describe('package flows through the command handlers', () => {
  it('sold → credits granted and program enrollment; refund to wallet → credits voided and wallet credited; a replay applies nothing twice', async () => {
    const { store, packages, programs, settle, stateOf } = setup();
    ok(await programs.handle({ type: 'CreateProgram', programId: 'p-acne', on: d('2025-01-01'), by: owner, definition: acneDefinition }, ctx()));
    const terms = { ...sixPackFacials, programId: 'p-acne' };
    const sell: PackageCommand = { type: 'SellPackage', packageId: 'p1', clientId: 'c1', terms, channel: 'check-out', on: d('2025-01-15') };
    ok(await packages.handle(sell, ctx()));
    let checkpoint = await settle();

    const credits = await stateOf(creditsDecider, 'credits-c1', creditsEvents.is);
    expect(availableCredits(credits, 'facial')).toBe(6);
    const enrolled = await collect(store.readStream(enrollmentStream('p-acne', 'c1')));
    expect(enrolled.filter((e): e is RecordedEvent<EnrollmentEvent> => enrollmentEvents.is(e)).map((e) => e.type)).toContain('ClientEnrolledInProgram');

    ok(await packages.handleInput({ type: 'ApplyServiceToPackage', packageId: 'p1', clientId: 'c1', serviceId: 'facial', appointmentId: 'a1', on: '2025-02-01' }, ctx()));
    ok(await packages.handleInput({ type: 'RefundPackage', packageId: 'p1', method: 'wallet', on: '2025-06-01' }, ctx()));
    checkpoint = await settle(checkpoint);

    const after = await stateOf(creditsDecider, 'credits-c1', creditsEvents.is);
    expect(availableCredits(after, 'facial')).toBe(0);
    const wallet = await stateOf(walletDecider, 'wallet-c1', walletEvents.is);
    expect(walletBalance(wallet, 'USD')).toEqual(usd(375_00));

    // Replay: run every flow over the whole log again; every command id is known, nothing is written.
    const before = (await collect(store.readAll())).length;
    await settle();
    expect((await collect(store.readAll())).length).toBe(before);
    expect(checkpoint).toBeDefined();
  });

  it('a transfer moves the credits to the recipient; an extension moves their expiry', async () => {
    const { packages, settle, stateOf } = setup();
    ok(await packages.handle({ type: 'SellPackage', packageId: 'p1', clientId: 'c1', terms: sixPackFacials, channel: 'check-out', on: d('2025-01-15'), applyFirstService: { serviceId: 'facial', appointmentId: 'a1' } }, ctx()));
    ok(await packages.handleInput({ type: 'OfferPackageTransfer', packageId: 'p1', recipient: 'friend@example.com', accessCode: 'GIFT', on: '2025-03-01' }, ctx()));
    ok(await packages.handleInput({ type: 'ClaimPackageTransfer', packageId: 'p1', accessCode: 'GIFT', clientId: 'c2', on: '2025-03-02' }, ctx()));
    ok(await packages.handleInput({ type: 'ExtendPackage', packageId: 'p1', to: '2026-04-15', on: '2026-01-05' }, ctx()));
    await settle();
    const giver = await stateOf(creditsDecider, 'credits-c1', creditsEvents.is);
    const recipient = await stateOf(creditsDecider, 'credits-c2', creditsEvents.is);
    expect([availableCredits(giver, 'facial'), availableCredits(recipient, 'facial')]).toEqual([0, 5]);
    expect(openCreditLots(recipient, 'facial').map((l) => [l.reference, l.remaining, l.expiresOn])).toEqual([['p1', 5, '2026-04-15']]);
  });
});
