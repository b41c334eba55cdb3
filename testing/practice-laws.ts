/**
 * The laws of practice-ledger, as functions an integrator calls from any test runner
 * (vitest, jest, node:test) with their own policies:
 *
 * ```ts
 * await lawConservationOfCredits({ policies: myPolicies });
 * ```
 *
 * Each law plays generated practice scenarios (`arbPracticeScenario`: valid commands chosen
 * from the state the practice is in) through the Promise facade over an in-memory store,
 * with the given policies, and checks its invariant after every step. A law that breaks
 * rejects with an `Error` whose message names the law, says what broke, and tells the
 * shrunk scenario in the domain's words ("1. grant 3 facial credits to c1 … · 2. book
 * facial for c1 via client portal …"), with the seed and path to replay it.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { createInMemoryEventStore } from '../adapters/in-memory/index.js';
import { fixedClock, sequentialIds } from '../adapters/system/index.js';
import { practiceEvents, type PracticeEvent } from '../core/events.js';
import type { RecordedEvent } from '../core/kernel/envelope.js';
import { createPracticeLedger, type PracticePolicies } from '../core/service/index.js';
import { checkCreditConservation, checkCreditLots, checkNoNegativeBalanceWherePrevented } from './credit-invariants.js';
import { checkChargeLines, checkMoneyConservation } from './money-invariants.js';
import { checkNoProgramEndedWithoutApproval } from './program-invariants.js';
import { checkPackageCreditAgreement } from './package-invariants.js';
import { PracticeLawViolation, runPracticeScenario, type PracticeRun, type PracticeStepRecord } from './practice-run.js';
import { arbPracticeScenario, type PracticeScenario, type PracticeStepOptions } from './practice-steps.js';
import { createPracticeWorld, type PracticeWorld, type PracticeWorldOptions } from './practice-world.js';
import { canonicalState } from './canonical.js';
import { describeCommand } from './words.js';

export interface PracticeLawOptions extends Omit<PracticeWorldOptions, 'policies'>, PracticeStepOptions {
  /**
   * The practice's policies: yours, fixed, or an arbitrary of them (`arbPracticePolicies()`)
   * to play each scenario under generated policies. @defaultValue `{}`: every default
   */
  readonly policies?: PracticePolicies | fc.Arbitrary<PracticePolicies>;
  /** Scenarios played. @defaultValue 40 */
  readonly numRuns?: number;
  /** fast-check's seed, to replay a failure. @defaultValue random */
  readonly seed?: number;
  /** fast-check's path, with `seed`, to replay the shrunk failure at once. @defaultValue none */
  readonly path?: string;
}

/** A check of a world after a step (`undefined`: after the catalog); throws an `Error` saying what broke. */
export type PracticeCheck = (world: PracticeWorld, step?: PracticeStepRecord) => void;

const policiesArbitrary = (policies: PracticeLawOptions['policies']): fc.Arbitrary<PracticePolicies> =>
  policies instanceof fc.Arbitrary ? policies : fc.constant(policies ?? {});

/**
 * Plays scenarios (each under the given policies, or generated ones) with `property`;
 * rejects with the story of the shrunk failure, the policies it ran under, and how to replay it.
 */
export const assertPracticeLaw = async (
  law: string,
  options: PracticeLawOptions,
  property: (scenario: PracticeScenario, world: PracticeWorldOptions) => Promise<void>,
): Promise<void> => {
  const generated = options.policies instanceof fc.Arbitrary;
  const details = await fc.check(
    fc.asyncProperty(arbPracticeScenario(options), policiesArbitrary(options.policies), (scenario, policies) =>
      property(scenario, { ...worldOptions(options), policies }),
    ),
    {
      numRuns: options.numRuns ?? 40,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.path !== undefined ? { path: options.path } : {}),
    },
  );
  if (!details.failed) return;
  const error = details.errorInstance;
  const story = error instanceof PracticeLawViolation ? `${error.reason}\n${error.story}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
  const policies = generated && details.counterexample !== null ? `\nUnder the policies ${JSON.stringify(details.counterexample[1])}` : '';
  throw new Error(
    `Law broken: ${law}.\n${story}${policies}\n(found after ${details.numRuns} scenarios, shrunk ${details.numShrinks} times; replay with { seed: ${details.seed}, path: ${JSON.stringify(details.counterexamplePath)} })`,
  );
};

const worldOptions = (options: PracticeLawOptions): Omit<PracticeWorldOptions, 'policies'> => ({
  ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
  ...(options.start !== undefined ? { start: options.start } : {}),
});

/**
 * A law of your own: `check` runs after every step of every scenario. The law rejects with
 * the shrunk scenario in the domain's words when the check throws.
 */
export const practiceLaw =
  (law: string, check: PracticeCheck) =>
  (options: PracticeLawOptions = {}): Promise<void> =>
    assertPracticeLaw(law, options, async (scenario, world) => {
      await runPracticeScenario(scenario, { ...world, law, after: (w, step) => check(w, step) });
    });
const stepLaw = practiceLaw;

const creditsOf = (world: PracticeWorld) => world.states.credits;

/** Credits are conserved: every balance is what its events brought in and took out. */
export const checkCredits: PracticeCheck = (world) => {
  checkCreditLots(creditsOf(world));
  checkCreditConservation(world.log(), creditsOf(world));
};
/** Money is conserved: wallets, packages' values, and every amount one aggregate sends another. */
export const checkMoney: PracticeCheck = (world) => checkMoneyConservation(world.log(), world.states.packages);
/** A package's units agree with its credits in the holders' ledgers. */
export const checkPackages: PracticeCheck = (world) => checkPackageCreditAgreement(world.log(), world.states.packages, world.states.credits, world.ledger.today());
/** Charge line items sum to the charge (and every split adds back up). */
export const checkCharges: PracticeCheck = (world) => checkChargeLines(world.log());
/** No negative balance where booking without credits is prevented. */
export const checkNegativeBalances: PracticeCheck = (world) => checkNoNegativeBalanceWherePrevented(world.log(), creditsOf(world), world.policies.credits);
/** No program ended without a manager's approval; every escalation ladder in order. */
export const checkProgramEnds: PracticeCheck = (world) => checkNoProgramEndedWithoutApproval(world.log());

/** Every event encodes with the library-wide registry and decodes back to itself. */
export const checkCodecRoundTrip = (log: readonly RecordedEvent<PracticeEvent>[]): void => {
  for (const e of log) {
    const stored = JSON.parse(JSON.stringify(practiceEvents.encode(e))) as ReturnType<typeof practiceEvents.encode>;
    const read = practiceEvents.decode(stored, e);
    if (!isDeepStrictEqual({ type: read.type, data: read.data }, { type: e.type, data: e.data })) {
      throw new Error(`${e.type} at revision ${e.revision} of ${e.streamName} does not survive its codec: ${JSON.stringify(stored.data)}.`);
    }
  }
};

export const lawConservationOfCredits = stepLaw('conservation of credits', checkCredits);
export const lawConservationOfMoney = stepLaw('conservation of money', checkMoney);
export const lawChargeLinesSumToCharge = stepLaw('the line items of a charge sum to the charge', checkCharges);
export const lawNoNegativeBalanceWherePrevented = stepLaw('no negative balance where booking without credits is prevented', checkNegativeBalances);
export const lawNoProgramEndedWithoutApproval = stepLaw('no program ended without a manager’s approval', checkProgramEnds);
export const lawPackageUnitsAgreeWithCredits = stepLaw('a package’s units agree with its credits', checkPackages);
export const lawCodecRoundTrip = stepLaw('every event round-trips through the codecs of practiceEvents', (world, step) => checkCodecRoundTrip(step?.events ?? world.log()));

/** No sequence of valid commands breaks an invariant: every check above, after every step. */
export const lawNoInvariantBroken = stepLaw('no sequence of valid commands breaks an invariant', (world) => {
  checkCredits(world);
  checkNegativeBalances(world);
  checkMoney(world);
  checkCharges(world);
  checkPackages(world);
  checkProgramEnds(world);
});

const logText = (log: readonly RecordedEvent<PracticeEvent>[]): string[] =>
  log.map((e) => JSON.stringify([e.streamName, String(e.revision), e.eventId, e.type, practiceEvents.encode(e).data, e.metadata]));

/** Everything an auditor would compare: every stream's state, folded again. */
const statesOf = (world: PracticeWorld): string =>
  JSON.stringify(Object.entries(world.states).map(([name, states]) => [name, [...states.entries()].map(([stream, s]) => [stream, canonicalState(s)])]));

/**
 * Replay determinism: the same scenario played twice records the same log, byte for byte;
 * the log copied to another store and folded again gives the same states; and a practice
 * restarted over that copy, resuming its flows after the last event they were fed, finds
 * nothing left to do.
 */
export const lawReplayDeterminism = (options: PracticeLawOptions = {}): Promise<void> => {
  const law = 'replay is deterministic';
  return assertPracticeLaw(law, options, async (scenario, world) => {
    const first: PracticeRun = await runPracticeScenario(scenario, { ...world, law });
    const second = await runPracticeScenario(scenario, { ...world, law });
    const fail = (reason: string): never => {
      throw new PracticeLawViolation(law, reason, first.transcript());
    };
    const a = logText(first.world.log());
    const b = logText(second.world.log());
    const at = a.findIndex((line, i) => line !== b[i]);
    if (at >= 0 || a.length !== b.length) fail(`the second run recorded a different log from event ${at < 0 ? Math.min(a.length, b.length) : at}: ${b[at] ?? 'nothing'} instead of ${a[at] ?? 'nothing'}.`);
    // The log as a store keeps it (JSON text), copied to a second store and to a fresh world.
    const records = first.world.log().map((e) => {
      const encoded = practiceEvents.encode(e);
      return { streamName: e.streamName, eventId: e.eventId, type: encoded.type, schemaVersion: encoded.schemaVersion, data: JSON.stringify(encoded.data), metadata: e.metadata };
    });
    const copy = createInMemoryEventStore(practiceEvents);
    copy.importRecords(records);
    const refolded = createPracticeWorld(world);
    refolded.store.importRecords(records);
    await refolded.sync();
    if (statesOf(refolded) !== statesOf(first.world)) fail('the log read back from a copy folds to different states than the live ones.');
    // A restart resumes its flows after the last event they were fed (as a runner keeping its checkpoint does).
    const last = first.world.log().at(-1)?.position;
    const restarted = createPracticeLedger({
      store: copy,
      clock: fixedClock(first.world.clock.now()),
      ids: sequentialIds('restart'),
      ...world,
      ...(last !== undefined ? { flowsResumeAfter: last } : {}),
    });
    const report = await restarted.flows.catchUp();
    const applied = report.dispatched.filter((d) => d.outcome === 'applied' && d.events > 0);
    const again = applied[0];
    if (again !== undefined) {
      fail(`a practice restarted over the same log recorded what its flows had done already: the ${again.flow} flow's "${describeCommand(again.command)}", caused by ${again.cause.type} at ${again.cause.streamName} (and ${applied.length - 1} more).`);
    }
  });
};

/** Every law, one after the other, with the same options. */
export const checkPracticeLaws = async (options: PracticeLawOptions = {}): Promise<void> => {
  await lawNoInvariantBroken(options);
  await lawCodecRoundTrip(options);
  await lawReplayDeterminism(options);
};

/** The laws by name, for a runner that reports each on its own (`it.each(Object.entries(practiceLaws))`). */
export const practiceLaws: Readonly<Record<string, (options?: PracticeLawOptions) => Promise<void>>> = {
  'replay is deterministic': lawReplayDeterminism,
  'conservation of credits': lawConservationOfCredits,
  'conservation of money': lawConservationOfMoney,
  'the line items of a charge sum to the charge': lawChargeLinesSumToCharge,
  'no negative balance where booking without credits is prevented': lawNoNegativeBalanceWherePrevented,
  'a package’s units agree with its credits': lawPackageUnitsAgreeWithCredits,
  'no program ended without a manager’s approval': lawNoProgramEndedWithoutApproval,
  'every event round-trips through the codecs of practiceEvents': lawCodecRoundTrip,
  'no sequence of valid commands breaks an invariant': lawNoInvariantBroken,
};
