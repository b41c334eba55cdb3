/**
 * Programs end to end: the command handler over the in-memory store, the flows run until
 * nothing more follows, the read models folded from `$all`, and replay determinism.
 */
import { describe, expect, it } from 'vitest';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler, type CommandResult } from '../../../core/kernel/command-handler.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import {
  clientGroupCommands,
  clientGroupDecider,
  clientGroupEvents,
  clientGroupStreamOf,
  enrollmentCommands,
  enrollmentDecider,
  enrollmentEvents,
  enrollmentStream,
  enrollmentStreamOf,
  isEnrollmentCommand,
  packageProgramFlow,
  programAccessFlow,
  programCommands,
  programDecider,
  programEvents,
  programStream,
  programStreamOf,
  programsEvents,
  type EnrollmentEvent,
  type ProgramCommand,
  type ProgramsCommand,
  type ProgramsEvent,
} from '../../../core/programs/index.js';
import { practiceEvents } from '../../../core/events.js';
import { programDirectoryLookup, programDirectoryProjection, type ProgramDirectoryModel } from '../../../projections/program-directory.js';
import { modulesClientCanOpen, programEnrollmentRows, programEnrollmentsProjection } from '../../../projections/program-enrollments.js';
import { projectAll } from '../../../projections/projection.js';
import type { Dispatch } from '../../../core/kernel/process-manager.js';
import { acneDefinition, coordinator, d, owner } from './fixtures.js';

const AT = '2025-03-01T09:00:00.000Z';

const practice = () => {
  const store = createInMemoryEventStore(programsEvents);
  const programs = createCommandHandler({ store, decider: programDecider, events: programEvents, streamName: programStreamOf, commands: programCommands });
  const enrollments = createCommandHandler({ store, decider: enrollmentDecider, events: enrollmentEvents, streamName: enrollmentStreamOf, commands: enrollmentCommands });
  const groups = createCommandHandler({ store, decider: clientGroupDecider, events: clientGroupEvents, streamName: clientGroupStreamOf, commands: clientGroupCommands });
  let directory: ProgramDirectoryModel = programDirectoryProjection.initial;
  let checkpoint: bigint | undefined;
  let sequence = 0;

  const send = async (command: ProgramsCommand, commandId: string, actor: string): Promise<Either<DomainError, CommandResult<ProgramsEvent>>> =>
    isEnrollmentCommand(command)
      ? enrollments.handle(command, { commandId, at: AT, actor })
      : groups.handle(command, { commandId, at: AT, actor });

  /** Runs the flows over every new event until nothing more follows. */
  const settle = async (): Promise<void> => {
    for (;;) {
      const dispatches: Dispatch<ProgramsCommand>[] = [];
      for await (const event of store.readAll(checkpoint === undefined ? {} : { after: checkpoint })) {
        directory = programDirectoryProjection.apply(directory, event);
        dispatches.push(...programAccessFlow(event, programDirectoryLookup(directory)));
        checkpoint = event.position;
      }
      if (dispatches.length === 0) return;
      for (const x of dispatches) await send(x.command, x.commandId, x.actor);
    }
  };

  const run = async <R>(handled: Promise<R>): Promise<R> => {
    const result = await handled;
    await settle();
    return result;
  };

  return {
    store,
    program: (command: ProgramCommand) => run(programs.handle(command, { commandId: `cmd-${++sequence}`, at: AT, actor: 'member' })),
    send: (command: ProgramsCommand) => run(send(command, `cmd-${++sequence}`, 'member')),
    dispatch: (x: Dispatch<ProgramsCommand>) => run(send(x.command, x.commandId, x.actor)),
    enrollInput: (input: unknown) => run(enrollments.handleInput(input, { commandId: `cmd-${++sequence}`, at: AT })),
    directory: () => directory,
  };
};

const log = async (store: ReturnType<typeof practice>['store']) => {
  const out: unknown[] = [];
  for await (const e of store.readAll()) out.push({ stream: e.streamName, id: e.eventId, type: e.type, data: e.data });
  return out;
};

/** The seed's year in miniature: a group program, a group change, a package sale, ticks. */
const scenario = async () => {
  const p = practice();
  await p.program({ type: 'CreateProgram', programId: 'p-acne', on: d('2025-03-01'), by: owner, definition: acneDefinition });
  await p.send({ type: 'PlaceClientInGroup', clientId: 'c-ana', groupId: 'g-spring', on: d('2025-03-01'), by: owner });
  await p.send({ type: 'PlaceClientInGroup', clientId: 'c-bob', groupId: 'g-spring', on: d('2025-03-01'), by: owner });
  await p.program({ type: 'GiveGroupAccessToProgram', programId: 'p-acne', groupId: 'g-spring', startsOn: d('2025-03-03'), on: d('2025-03-02'), by: coordinator });
  const refused = await p.send({ type: 'RemoveClientFromProgram', programId: 'p-acne', clientId: 'c-ana', on: d('2025-03-10'), by: owner, reason: { kind: 'different-stage' } });
  await p.send({ type: 'PlaceClientInGroup', clientId: 'c-ana', groupId: 'g-alumni', on: d('2025-03-12'), by: owner });
  for (const x of packageProgramFlow('sale-evt-1', { kind: 'sold', packageId: 'pkg-1', clientId: 'c-cy', programId: 'p-acne', on: d('2025-03-05') }, programDirectoryLookup(p.directory()))) {
    await p.dispatch(x);
  }
  await p.send({ type: 'TickEnrollment', programId: 'p-acne', clientId: 'c-bob', on: d('2025-03-31') });
  return { p, refused };
};

describe('programs end to end', () => {
  it('a group program, a refused individual removal, a group change, a package sale and a completion', async () => {
    const { p, refused } = await scenario();
    expect(isLeft(refused) && refused.left.code).toBe('CLIENT_HAS_GROUP_ACCESS');

    const model = projectAll(programEnrollmentsProjection, await collect(p.store));
    expect(programEnrollmentRows(model, { includeEnded: true }).map((r) => [r.clientId, r.status, r.through.map((s) => s.kind), r.since])).toEqual([
      ['c-ana', 'removed', ['group'], '2025-03-03'],
      ['c-bob', 'enrolled', ['group'], '2025-03-03'],
      ['c-cy', 'enrolled', ['package'], '2025-03-05'],
    ]);
    expect(modulesClientCanOpen(model, 'c-ana', d('2025-03-20'))).toEqual([]);
    expect(modulesClientCanOpen(model, 'c-bob', d('2025-03-20')).map((m) => m.module.moduleId)).toEqual(['welcome', 'quiz-1', 'handout-1']);

    const groupEvents = (await log(p.store)).filter((e) => (e as { stream: string }).stream === 'clientgroup-c-ana');
    expect(groupEvents.map((e) => (e as { type: string }).type)).toEqual([
      'ClientAddedToGroup',
      'GroupPaperworkPrompted',
      'ClientGroupChanged',
      'GroupPaperworkPrompted',
      'FormsAndDocumentsAccessKept',
    ]);
    const bob: EnrollmentEvent[] = [];
    for await (const e of p.store.readStream(enrollmentStream('p-acne', 'c-bob'))) if (enrollmentEvents.is(e)) bob.push(e);
    expect(bob.map((e) => e.type)).toEqual(['ClientEnrolledInProgram', 'ProgramCompleted']);
    expect(await p.store.streamRevision(programStream('p-acne'))).toBe(1n);
  });

  it('a flow command sent twice is applied once', async () => {
    const { p } = await scenario();
    const [again] = packageProgramFlow('sale-evt-1', { kind: 'sold', packageId: 'pkg-1', clientId: 'c-cy', programId: 'p-acne', on: d('2025-03-05') }, programDirectoryLookup(p.directory()));
    if (again === undefined) throw new Error('a dispatch');
    const result = await p.dispatch(again);
    expect(isRight(result) && result.right.alreadyApplied).toBe(true);
  });

  it('untrusted input is decoded at the edge, naming the field', async () => {
    const p = practice();
    const result = await p.enrollInput({ type: 'EnrollClientInProgram', clientId: 'c-1', on: '2025-02-30', program: {}, through: { kind: 'manual' }, by: coordinator });
    expect(isLeft(result) && result.left).toMatchObject({ code: 'INVALID_COMMAND' });
  });

  it('replay is deterministic: the same commands give the same log, and folding it gives the same read models', async () => {
    const first = await scenario();
    const second = await scenario();
    expect(await log(second.p.store)).toEqual(await log(first.p.store));
    const events = await collect(first.p.store);
    expect(projectAll(programEnrollmentsProjection, events)).toEqual(projectAll(programEnrollmentsProjection, await collect(second.p.store)));
    expect(projectAll(programDirectoryProjection, events)).toEqual(first.p.directory());
  });

  it('the library-wide registry knows every programs event', () => {
    for (const type of programsEvents.definitions.keys()) expect(practiceEvents.definitions.has(type)).toBe(true);
  });
});

async function collect(store: ReturnType<typeof practice>['store']) {
  const out = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}
