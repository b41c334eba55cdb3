/**
 * A synchronous practice for laws: the programs deciders over in-memory streams, with the
 * flows run after every command until nothing more follows (the same flows and directory
 * projection the shell runs, without the promises).
 */
import { isRight, right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider } from '../../../core/kernel/decider.js';
import type { DomainEvent, RecordedEvent } from '../../../core/kernel/envelope.js';
import type { DomainError } from '../../../core/kernel/errors.js';
import {
  clientGroupDecider,
  clientGroupEvents,
  enrollmentEvents,
  programEvents,
  clientGroupStream,
  enrollmentDecider,
  enrollmentStream,
  enrollmentStreamOf,
  isEnrollmentCommand,
  programAccessFlow,
  programDecider,
  programStream,
  type ClientGroupCommand,
  type EnrollmentCommand,
  type EnrollmentState,
  type ProgramCommand,
  type ProgramsEvent,
  type ProgramState,
  type ClientGroupState,
} from '../../../core/programs/index.js';
import { deriveId } from '../../../core/values/ids.js';
import { programDirectoryLookup, programDirectoryProjection } from '../../../projections/program-directory.js';

export const createWorld = () => {
  const streams = new Map<string, ProgramsEvent[]>();
  const log: RecordedEvent<ProgramsEvent>[] = [];
  const applied = new Set<string>();
  let directory = programDirectoryProjection.initial;
  let cursor = 0;

  const stateOf = <C, E extends ProgramsEvent, S>(decider: Decider<C, E, S>, stream: string, is: (e: DomainEvent) => e is E): S =>
    (streams.get(stream) ?? []).filter(is).reduce(decider.evolve, decider.initialState);

  const handle = <C, E extends ProgramsEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    is: (e: DomainEvent) => e is E,
    command: C,
    commandId: string,
  ): Either<DomainError, readonly E[]> => {
    if (applied.has(commandId)) return right([]);
    const decision = decider.decide(command, stateOf(decider, stream, is));
    if (isRight(decision)) {
      applied.add(commandId);
      const history = streams.get(stream) ?? [];
      decision.right.forEach((event, i) => {
        history.push(event);
        log.push({ ...event, streamName: stream, revision: BigInt(history.length - 1), position: BigInt(log.length), eventId: deriveId(commandId, String(i)), schemaVersion: 1, metadata: { at: '2025-01-01T00:00:00.000Z' } });
      });
      streams.set(stream, history);
    }
    return decision;
  };

  const isProgram = programEvents.is;
  const isGroup = clientGroupEvents.is;
  const isEnrollment = enrollmentEvents.is;

  let sequence = 0;
  const nextId = (): string => `cmd-${++sequence}`;

  const enrollment = (command: EnrollmentCommand, commandId = nextId()) =>
    handle(enrollmentDecider, enrollmentStreamOf(command), isEnrollment, command, commandId);
  const group = (command: ClientGroupCommand, commandId = nextId()) =>
    handle(clientGroupDecider, clientGroupStream(command.clientId), isGroup, command, commandId);
  const program = (command: ProgramCommand, commandId = nextId()) =>
    handle(programDecider, programStream(command.programId), isProgram, command, commandId);

  /** Runs the flows until quiet. */
  const settle = (): void => {
    while (cursor < log.length) {
      const event = log[cursor++];
      if (event === undefined) break;
      directory = programDirectoryProjection.apply(directory, event);
      for (const x of programAccessFlow(event, programDirectoryLookup(directory))) {
        if (isEnrollmentCommand(x.command)) enrollment(x.command, x.commandId);
        else group(x.command, x.commandId);
      }
    }
  };

  const settled = <R>(r: R): R => {
    settle();
    return r;
  };

  return {
    program: (c: ProgramCommand) => settled(program(c)),
    enrollment: (c: EnrollmentCommand, commandId?: string) => settled(enrollment(c, commandId)),
    group: (c: ClientGroupCommand) => settled(group(c)),
    directory: () => directory,
    enrollmentState: (programId: string, clientId: string): EnrollmentState =>
      stateOf(enrollmentDecider, enrollmentStream(programId, clientId), isEnrollment),
    programState: (programId: string): ProgramState =>
      stateOf(programDecider, programStream(programId), isProgram),
    groupState: (clientId: string): ClientGroupState => stateOf(clientGroupDecider, clientGroupStream(clientId), isGroup),
    log: () => log,
  };
};
