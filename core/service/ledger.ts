/**
 * The Promise facade, for platforms that do not use fp-ts: `createPracticeLedger` gives
 * one method per command in the domain's words, each resolving to the events recorded
 * (with their envelopes) or rejecting with a `DomainErrorException` (`code`, `field`,
 * `details`). It only wraps the core's command handlers, over the ports it is given — an
 * `EventStore`, a `Clock`, an `IdGenerator` — and never imports an adapter. After each
 * command it runs the flows until quiet; `runDue`/`tick` send what the schedule says is
 * due. With a clock the caller moves and sequential ids, a whole year runs through it
 * deterministically.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import type { EventStore } from '../kernel/event-store.js';
import { domainError } from '../kernel/errors.js';
import type { Clock, IdGenerator } from '../kernel/ports.js';
import type { PracticeEvent } from '../events.js';
import { addHours, epochMillis, isInstant, practiceDate, startOfPracticeDay, type Instant } from '../values/calendar.js';
import { addDays, isLocalDate, type LocalDate } from '../values/local-date.js';
import type { DueItem } from '../../projections/due-schedule.js';
import { aggregateOfType, createAggregates, type Aggregates } from './aggregates.js';
import { creditsMethods, type CreditsMethods } from './credits-methods.js';
import { createPracticeReadModelsProjection, practiceFlows } from './flows.js';
import { packageMethods, type PackageMethods } from './package-methods.js';
import { checkInMethods, type CheckInMethods } from './check-in-methods.js';
import { benefitsMethods, type BenefitsMethods } from './benefits-methods.js';
import { createFlowsRunner, type FlowDispatchOutcome, type FlowsRunner } from './flows-runner.js';
import { reject, sendInput, splitInput, timed, today, type Kit, type Recorded, type Untyped } from './kit.js';
import { membershipMethods, type MembershipMethods } from './membership-methods.js';
import { resolvePolicies, type PracticePolicies, type ResolvedPolicies } from './policies.js';
import { programMethods, type ProgramMethods } from './program-methods.js';
import { createScheduleRunner, type DueRun } from './schedule.js';

export interface PracticeLedgerOptions {
  /** Where the events are kept: any adapter of the `EventStore` port, created with `practiceEvents`. */
  readonly store: EventStore<PracticeEvent>;
  /** The practice's policies, filled into the commands that need them. @defaultValue `{}`: every policy takes its default (see {@link PracticePolicies}) */
  readonly policies?: PracticePolicies;
  /** Where time comes from: each event's instant, today's practice date, what is due. */
  readonly clock: Clock;
  /** Where fresh ids come from: command ids, and the ids of what a command creates when the caller gives none. */
  readonly ids: IdGenerator;
  /** The practice's IANA time zone, which turns the clock's instants into practice dates. @defaultValue `'UTC'` */
  readonly timeZone?: string;
  /**
   * Events at or before this position of `$all` were already fed to the flows by an
   * earlier process: their read models are rebuilt, the flows do not react to them again.
   * @defaultValue undefined: every event is fed once more (what was applied is recognised by its derived id)
   */
  readonly flowsResumeAfter?: bigint;
  /** Told of each command a flow sent that was refused or failed. @defaultValue none (they are still returned and kept: `flows.failures()`) */
  readonly onFlowFailure?: (failure: FlowDispatchOutcome) => void;
  /** A command handler re-reads after a revision conflict at most this many times. @defaultValue 5 */
  readonly maxRetries?: number;
  /** Folded states each command handler keeps between commands. @defaultValue 10000 */
  readonly cacheSize?: number;
}

export interface PracticeLedger extends CreditsMethods, MembershipMethods, BenefitsMethods, ProgramMethods, PackageMethods, CheckInMethods {
  /**
   * Sends any command by its `type` (`{ type: 'BookSession', clientId, … }`): through the
   * method of that name when there is one (so policies are filled in), else straight to
   * its aggregate (the steps of a transfer, the wallet movements and group releases the
   * flows send). An unknown type rejects with `UNKNOWN_COMMAND`.
   */
  readonly execute: (input: unknown) => Promise<Recorded>;
  /** The flows runner: `catchUp()`, `replay({ after, until })` over a range of the log, `models()`, `failures()`. */
  readonly flows: FlowsRunner;
  /**
   * What falls due on or before `until` (a practice date), after the flows have been fed
   * any event not yet fed (another process may have written). @defaultValue today, by the clock
   */
  readonly due: (until?: string) => Promise<readonly DueItem[]>;
  /**
   * Sends every step due on or before `until` (a practice date), cascading until none is
   * left. A step is never sent before its date: `until` after today (by the clock) runs
   * up to today. @defaultValue today, by the clock
   */
  readonly runDue: (until?: string) => Promise<DueRun>;
  /** `runDue` up to the practice date of an instant (no later than the clock's). @defaultValue the clock's instant */
  readonly tick: (at?: string) => Promise<DueRun>;
  /** The practice's date now, by the clock. */
  readonly today: () => LocalDate;
  /** The policies in force, defaults filled in. */
  readonly policies: ResolvedPolicies;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export const createPracticeLedger = (options: PracticeLedgerOptions): PracticeLedger => {
  const { store, clock, ids } = options;
  const timeZone = options.timeZone ?? 'UTC';
  practiceDate(clock.now(), timeZone); // an unknown time zone fails here, not at the first command
  const policies = resolvePolicies(options.policies);
  const aggregates: Aggregates = createAggregates(store, {
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.cacheSize !== undefined ? { cacheSize: options.cacheSize } : {}),
  });
  const flows = createFlowsRunner({
    store,
    aggregates,
    clock,
    flows: practiceFlows(policies),
    readModels: createPracticeReadModelsProjection({ packageExpiryNoticeDaysBefore: policies.packages.expiryNotice.daysBefore }),
    ...(options.flowsResumeAfter !== undefined ? { resumeAfter: options.flowsResumeAfter } : {}),
    ...(options.onFlowFailure !== undefined ? { onFailure: options.onFlowFailure } : {}),
  });
  const kit: Kit = { store, aggregates, clock, ids, policies, timeZone, afterCommand: flows.catchUp };
  const methods = { ...creditsMethods(kit), ...membershipMethods(kit), ...programMethods(kit), ...packageMethods(kit), ...checkInMethods(kit), ...benefitsMethods(kit) };
  const byName: Readonly<Record<string, ((input: unknown) => Promise<Recorded>) | undefined>> = methods;
  const schedule = createScheduleRunner(flows, methods);

  const date = (value: string | undefined, field: string): LocalDate => {
    if (value === undefined) return today(kit);
    return isLocalDate(value) ? value : reject(domainError('INVALID_INPUT', `"${field}" must be a date YYYY-MM-DD (got ${JSON.stringify(value)}).`, { field }));
  };

  /** Sends what is due up to an instant (never past the clock's). */
  const runUpTo = (at: Instant | undefined): Promise<DueRun> => {
    const now = clock.now();
    const until = at !== undefined && epochMillis(at) < epochMillis(now) ? at : now;
    return schedule.runDue(practiceDate(until, timeZone), until);
  };

  const execute = async (input: unknown): Promise<Recorded> => {
    const split = splitInput(input);
    if (isLeft(split)) return reject(split.left);
    const type = typeof input === 'object' && input !== null && 'type' in input ? input.type : undefined;
    if (typeof type !== 'string') return reject(domainError('INVALID_COMMAND', 'A command must have a "type".', { field: 'type' }));
    const named = byName[lowerFirst(type)];
    if (named !== undefined && aggregateOfType(aggregates, type) !== undefined) return named(input);
    const { envelope, fields } = split.right;
    const name = aggregateOfType(aggregates, type);
    if (name === undefined) {
      return reject(domainError('UNKNOWN_COMMAND', `"${type.slice(0, 60)}" is not a command of practice-ledger.`, { field: 'type' }));
    }
    const aggregate = aggregates[name];
    return sendInput(kit, aggregate.handler, { ...timed(kit, aggregate.time, fields), type }, envelope);
  };

  const ledger: Untyped<Omit<PracticeLedger, 'flows' | 'due' | 'runDue' | 'tick' | 'today' | 'policies' | 'execute'>> = methods;
  return {
    ...ledger,
    execute,
    flows,
    due: async (until) => {
      const day = date(until, 'until');
      await flows.catchUp();
      return schedule.due(day);
    },
    runDue: async (until) => {
      const day = date(until, 'until');
      // Up to the end of `until`, and never past now.
      const end = startOfPracticeDay(addDays(day, 1), timeZone);
      return runUpTo(epochMillis(end) <= epochMillis(clock.now()) ? addHours(end, -1 / 3_600_000) : clock.now());
    },
    tick: async (at) => {
      if (at !== undefined && !isInstant(at)) {
        return reject(domainError('INVALID_INPUT', `"at" must be an ISO-8601 UTC instant (got ${JSON.stringify(at)}).`, { field: 'at' }));
      }
      return runUpTo(at);
    },
    today: () => today(kit),
    policies,
  };
};
