/**
 * Plays a practice scenario through the Promise facade: the catalog first, then each step
 * resolved against the state the practice is in and sent (time passing moves the clock and
 * runs the schedule). After each step a check may look at the world; the first check that
 * throws, and any command that throws anything but a `DomainErrorException`, stops the run
 * with a `PracticeLawViolation` whose message is the story so far in the domain's words.
 */
import type { RecordedEvent } from '../core/kernel/envelope.js';
import { DomainErrorException } from '../core/kernel/errors.js';
import type { PracticeEvent } from '../core/events.js';
import type { DueRun, FlowDispatchOutcome, Recorded } from '../core/service/index.js';
import type { DueItem } from '../projections/due-schedule.js';
import { createPracticeWorld, type PracticeWorld, type PracticeWorldOptions } from './practice-world.js';
import { resolvePracticeStep, type ResolvedStep } from './practice-resolve.js';
import { catalogSetup, type PracticeInput, type PracticeScenario, type PracticeStep } from './practice-steps.js';
import { describeCommand, describeSequence } from './words.js';

/** What one step did. */
export interface PracticeStepRecord {
  readonly step: PracticeStep;
  readonly resolved: ResolvedStep;
  /** The step in the domain's words, with what came of it. */
  readonly words: string;
  readonly outcome: 'recorded' | 'refused' | 'nothing';
  /** The refusal's code, when refused. */
  readonly code?: string;
  /** Every event recorded during the step (the command's, the flows', the schedule's). */
  readonly events: readonly RecordedEvent<PracticeEvent>[];
}

export interface PracticeRun {
  readonly world: PracticeWorld;
  /** The catalog set up before the steps, in the domain's words. */
  readonly given: readonly string[];
  readonly records: readonly PracticeStepRecord[];
  /** The story: the catalog, then each step numbered, in the domain's words. */
  readonly transcript: () => string;
}

/** A law broken by a scenario: the message tells the story up to the step that broke it. */
export class PracticeLawViolation extends Error {
  constructor(
    readonly law: string,
    readonly reason: string,
    readonly story: string,
  ) {
    super(`${law}: ${reason}\n${story}`);
    this.name = 'PracticeLawViolation';
  }
}

export interface PracticeRunOptions extends PracticeWorldOptions {
  /** Checked after each step (and once after the catalog, with `undefined`); throw to report a broken law. */
  readonly after?: (world: PracticeWorld, record: PracticeStepRecord | undefined) => void | Promise<void>;
  /** The name the violations carry. @defaultValue `'a practice law'` */
  readonly law?: string;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const flowNotes = (failures: readonly FlowDispatchOutcome[]): string =>
  failures.map((f) => ` [the ${f.flow} flow's "${describeCommand(f.command)}" was ${f.outcome}: ${f.error?.code ?? ''}]`).join('');

const dueWords = (item: DueItem): string => {
  const step = item.step;
  switch (step.kind) {
    case 'membership':
      return describeCommand({ type: step.command, membershipId: step.membershipId, ...(step.chargeId !== undefined ? { chargeId: step.chargeId } : {}) });
    case 'credit-expiry':
      return describeCommand({ type: 'ExpireCredits', clientId: step.clientId });
    default:
      return `${step.kind} of ${item.streamName}`;
  }
};

const dueNotes = (run: DueRun): string =>
  `${run.sent.length === 0 ? '' : ` (the schedule sent: ${run.sent.map((s) => `${dueWords(s.item)}${s.outcome === 'refused' ? ` → refused ${s.error?.code ?? ''}` : ''}`).join('; ')})`}${flowNotes(run.flowFailures)}`;

/** Sends a resolved command: a transfer through `transferCredits`, anything else through `execute`. */
export const sendPracticeInput = (world: PracticeWorld, input: PracticeInput): Promise<Recorded> => {
  if (input.type === 'TransferCredits') {
    const { transferId, fromClientId, toClientId, appointmentType, quantity } = input;
    if (typeof fromClientId === 'string' && typeof toClientId === 'string' && typeof appointmentType === 'string' && typeof quantity === 'number') {
      return world.ledger.transferCredits({ fromClientId, toClientId, appointmentType, quantity, ...(typeof transferId === 'string' ? { transferId } : {}) });
    }
  }
  return world.ledger.execute(input);
};

/** Plays `scenario` in a fresh world (or the one given). */
export const runPracticeScenario = async (scenario: PracticeScenario, options: PracticeRunOptions = {}, given?: PracticeWorld): Promise<PracticeRun> => {
  const world = given ?? createPracticeWorld(options);
  const law = options.law ?? 'a practice law';
  const givenWords: string[] = [];
  const records: PracticeStepRecord[] = [];
  const transcript = (): string =>
    `Given: ${givenWords.join('; ')}\nThe steps${records.length === 0 ? ': none' : `:\n${describeSequence(records.map((r) => r.words))}`}`;
  const fail = (reason: string): never => {
    throw new PracticeLawViolation(law, reason, transcript());
  };
  const send = async (input: PracticeInput): Promise<{ outcome: 'recorded' | 'refused'; code?: string; note: string }> => {
    try {
      const recorded = await sendPracticeInput(world, input);
      return { outcome: 'recorded', note: flowNotes(recorded.flows.failures.filter((f) => f.outcome === 'failed')) };
    } catch (error) {
      if (error instanceof DomainErrorException) return { outcome: 'refused', code: error.code, note: ` → refused ${error.code}` };
      return fail(`"${describeCommand(input)}" threw instead of answering: ${reasonOf(error)}`);
    }
  };
  for (const input of catalogSetup(scenario.catalog)) {
    const sent = await send(input);
    givenWords.push(`${describeCommand(input)}${sent.note}`);
  }
  await world.sync();
  try {
    await options.after?.(world, undefined);
  } catch (error) {
    if (error instanceof PracticeLawViolation) throw error;
    fail(reasonOf(error));
  }
  let n = 0;
  for (const step of scenario.steps) {
    n += 1;
    const resolved = resolvePracticeStep(step, n, world, scenario.catalog);
    let record: PracticeStepRecord;
    if (resolved.kind === 'time') {
      world.clock.advanceHours(resolved.hours);
      let run: DueRun;
      try {
        run = await world.ledger.runDue();
      } catch (error) {
        return fail(`the schedule threw instead of answering: ${reasonOf(error)}`);
      }
      const events = await world.sync();
      const words = `${resolved.hours} hours pass, to ${world.clock.now()}${dueNotes(run)}`;
      record = { step, resolved, words, outcome: 'recorded', events };
    } else if (resolved.kind === 'nothing') {
      record = { step, resolved, words: `(${step.kind}: nothing to act on)`, outcome: 'nothing', events: [] };
    } else {
      const sent = await send(resolved.input);
      const events = await world.sync();
      record = {
        step,
        resolved,
        words: `${describeCommand(resolved.input)}${sent.note}`,
        outcome: sent.outcome,
        ...(sent.code !== undefined ? { code: sent.code } : {}),
        events,
      };
    }
    records.push(record);
    try {
      await options.after?.(world, record);
    } catch (error) {
      if (error instanceof PracticeLawViolation) throw error;
      fail(reasonOf(error));
    }
  }
  return { world, given: givenWords, records, transcript };
};
