/**
 * The flows runner: reads `$all` after its checkpoint, folds each event into the read
 * models, feeds it to every process manager, and sends the commands they cause to their
 * aggregates — then reads on, so the events those commands record are fed in turn, until
 * the log is quiet. A command caused by an event has an id derived from it, so feeding an
 * event again (a replay, a restart, a retry) sends the same id and the command handler
 * applies it once.
 *
 * Nothing is dropped: a command an aggregate refuses is recorded and returned as a
 * failure (the event is done with: the refusal is the outcome); a command the store fails
 * to take (a thrown error) is recorded too, and the runner stops before that event so the
 * next run feeds it again. One run at a time: runs queue behind each other.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import type { CommandContext } from '../kernel/command-handler.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { EventStore } from '../kernel/event-store.js';
import type { Clock } from '../kernel/ports.js';
import type { Dispatch } from '../kernel/process-manager.js';
import type { PracticeEvent } from '../events.js';
import { routeCommand, type Aggregates, type PracticeCommand } from './aggregates.js';
import type { Projection } from '../../projections/projection.js';
import { createPracticeReadModelsProjection, type PracticeFlow, type PracticeReadModels } from './flows.js';

/** What became of one command a flow sent. */
export interface FlowDispatchOutcome {
  readonly flow: string;
  /** The event that caused it. */
  readonly cause: { readonly eventId: string; readonly type: string; readonly streamName: string; readonly position: bigint };
  readonly commandId: string;
  readonly command: PracticeCommand;
  /**
   * `applied`: it recorded events (or had nothing to record); `already-applied`: its id
   * had been applied before (a replay); `refused`: the aggregate refused it (`error`);
   * `failed`: the store failed (`error`), and the cause will be fed again on the next run.
   */
  readonly outcome: 'applied' | 'already-applied' | 'refused' | 'failed';
  /** Events it recorded. */
  readonly events: number;
  readonly error?: DomainError;
}

/** What one run of the flows did. */
export interface FlowsReport {
  readonly dispatched: readonly FlowDispatchOutcome[];
  /** The refused and failed ones among them. */
  readonly failures: readonly FlowDispatchOutcome[];
  /** Position of the last event the runner has handled, `undefined` before the first. */
  readonly position: bigint | undefined;
}

export interface FlowsRunnerOptions {
  readonly store: EventStore<PracticeEvent>;
  readonly aggregates: Aggregates;
  readonly clock: Clock;
  readonly flows: readonly PracticeFlow[];
  /** The read models the flows and the schedule read. @defaultValue `createPracticeReadModelsProjection()` (default package notice days) */
  readonly readModels?: Projection<PracticeEvent, PracticeReadModels>;
  /**
   * Events at or before this position were already fed to the flows (by an earlier
   * process): the read models still fold them, the flows do not react to them.
   * @defaultValue undefined: every event is fed (commands applied before are recognised by their ids and not applied again)
   */
  readonly resumeAfter?: bigint;
  /** Events read from `$all` at a time. @defaultValue 500 */
  readonly batchSize?: number;
  /** Told of each refused or failed command, as it happens. @defaultValue none */
  readonly onFailure?: (failure: FlowDispatchOutcome) => void;
}

export interface FlowsRunner {
  /** Feeds every event after the checkpoint to the flows, cascading until quiet. */
  readonly catchUp: () => Promise<FlowsReport>;
  /**
   * Feeds the events in `(after, until]` to the flows again, with the read models as they
   * were at each event, then catches up. Commands applied before are not applied again.
   * @param range `after` @defaultValue the first event; `until` @defaultValue the last event handled
   */
  readonly replay: (range?: { readonly after?: bigint | undefined; readonly until?: bigint | undefined }) => Promise<FlowsReport>;
  /** The read models as of the last event handled. */
  readonly models: () => PracticeReadModels;
  /** Every refused or failed command since the runner started. */
  readonly failures: () => readonly FlowDispatchOutcome[];
}

const describeThrown = (error: unknown): DomainError => {
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'FLOW_DISPATCH_FAILED';
  const message = error instanceof Error ? error.message : String(error);
  return domainError(code, `The command could not be stored: ${message}`);
};

export const createFlowsRunner = (options: FlowsRunnerOptions): FlowsRunner => {
  const { store, aggregates, clock, flows } = options;
  const batchSize = options.batchSize ?? 500;
  const practiceReadModelsProjection = options.readModels ?? createPracticeReadModelsProjection();
  let models = practiceReadModelsProjection.initial;
  let position: bigint | undefined;
  const allFailures: FlowDispatchOutcome[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const send = async (flow: string, event: RecordedEvent<PracticeEvent>, dispatch: Dispatch<PracticeCommand>): Promise<FlowDispatchOutcome> => {
    const context: CommandContext = {
      commandId: dispatch.commandId,
      at: clock.now(),
      actor: dispatch.actor,
      causationId: event.eventId,
      correlationId: event.metadata.correlationId ?? event.metadata.commandId ?? event.eventId,
    };
    const base = {
      flow,
      cause: { eventId: event.eventId, type: event.type, streamName: event.streamName, position: event.position },
      commandId: dispatch.commandId,
      command: dispatch.command,
    };
    try {
      const result = await routeCommand(aggregates, dispatch.command, context);
      if (isLeft(result)) return { ...base, outcome: 'refused', events: 0, error: result.left };
      return result.right.alreadyApplied
        ? { ...base, outcome: 'already-applied', events: 0 }
        : { ...base, outcome: 'applied', events: result.right.events.length };
    } catch (error) {
      return { ...base, outcome: 'failed', events: 0, error: describeThrown(error) };
    }
  };

  /** Feeds one event to every flow; false when a command failed to be stored (stop there). */
  const react = async (event: RecordedEvent<PracticeEvent>, at: PracticeReadModels, out: FlowDispatchOutcome[]): Promise<boolean> => {
    for (const flow of flows) {
      for (const dispatch of flow.react(event, at)) {
        const outcome = await send(flow.name, event, dispatch);
        out.push(outcome);
        if (outcome.outcome === 'refused' || outcome.outcome === 'failed') {
          allFailures.push(outcome);
          options.onFailure?.(outcome);
        }
        if (outcome.outcome === 'failed') return false;
      }
    }
    return true;
  };

  const readBatch = async (after: bigint | undefined): Promise<RecordedEvent<PracticeEvent>[]> => {
    const batch: RecordedEvent<PracticeEvent>[] = [];
    for await (const event of store.readAll({ ...(after === undefined ? {} : { after }), maxCount: batchSize })) batch.push(event);
    return batch;
  };

  const report = (dispatched: readonly FlowDispatchOutcome[]): FlowsReport => ({
    dispatched,
    failures: dispatched.filter((d) => d.outcome === 'refused' || d.outcome === 'failed'),
    position,
  });

  const catchUpNow = async (): Promise<FlowDispatchOutcome[]> => {
    const out: FlowDispatchOutcome[] = [];
    for (;;) {
      const batch = await readBatch(position);
      if (batch.length === 0) return out;
      for (const event of batch) {
        const next = practiceReadModelsProjection.apply(models, event);
        const reacting = options.resumeAfter === undefined || event.position > options.resumeAfter;
        if (reacting && !(await react(event, next, out))) return out;
        models = next;
        position = event.position;
      }
    }
  };

  const replayNow = async (after: bigint | undefined, until: bigint | undefined): Promise<FlowDispatchOutcome[]> => {
    const out: FlowDispatchOutcome[] = [];
    if (until === undefined) return out;
    let at = practiceReadModelsProjection.initial;
    let cursor: bigint | undefined;
    for (;;) {
      const batch = await readBatch(cursor);
      if (batch.length === 0) return out;
      for (const event of batch) {
        if (event.position > until) return out;
        at = practiceReadModelsProjection.apply(at, event);
        cursor = event.position;
        if ((after === undefined || event.position > after) && !(await react(event, at, out))) return out;
      }
    }
  };

  return {
    catchUp: () => serial(async () => report(await catchUpNow())),
    replay: (range = {}) =>
      serial(async () => {
        const before = await catchUpNow();
        const replayed = await replayNow(range.after, range.until ?? position);
        const after = await catchUpNow();
        return report([...before, ...replayed, ...after]);
      }),
    models: () => models,
    failures: () => allFailures,
  };
};
