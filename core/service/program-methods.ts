/**
 * The facade's program methods: programs, enrollments and client groups. An enrollment
 * records the program's current terms, which the facade reads from `program-<programId>`;
 * the practice's program access policy fills the maximum access duration and the removal
 * of unpaid clients.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  enrollableTerms,
  programDecider,
  programEvents,
  programStream,
  type ClientGroupCommand,
  type ClientGroupEvent,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type ProgramCommand,
  type ProgramEvent,
} from '../programs/index.js';
import { domainError } from '../kernel/errors.js';
import type { LedgerInput } from './inputs.js';
import { commandMethod, reject, requireId, stateReader, without, type Fields, type Kit, type Recorded, type Untyped } from './kit.js';

type Pr<T extends ProgramCommand['type']> = LedgerInput<Extract<ProgramCommand, { type: T }>>;
type En<T extends EnrollmentCommand['type'], F extends PropertyKey = never> = LedgerInput<Extract<EnrollmentCommand, { type: T }>, F>;
type Gr<T extends ClientGroupCommand['type']> = LedgerInput<Extract<ClientGroupCommand, { type: T }>>;
type ProgramResult = Promise<Recorded<ProgramEvent>>;
type EnrollmentResult = Promise<Recorded<EnrollmentEvent>>;
type GroupResult = Promise<Recorded<ClientGroupEvent>>;

export type EnrollClientInProgramInput = Omit<En<'EnrollClientInProgram', 'program' | 'maxAccessDays'>, 'through'> & {
  /** The program; its current terms are read from the ledger (an archived, deleted or unknown program is refused). */
  readonly programId: string;
  /** How the client comes to have access. @defaultValue `{ kind: 'manual' }` */
  readonly through?: En<'EnrollClientInProgram'>['through'];
};

export interface ProgramMethods {
  /** Creates a program (needs "Can create, edit, archive, and delete programs"). */
  readonly createProgram: (input: Pr<'CreateProgram'>) => ProgramResult;
  /** Edits a program into a new version; enrolled clients keep the terms they enrolled on. */
  readonly editProgram: (input: Pr<'EditProgram'>) => ProgramResult;
  /** Archives a program: no new clients, no edits. */
  readonly archiveProgram: (input: Pr<'ArchiveProgram'>) => ProgramResult;
  /** Deletes a program. */
  readonly deleteProgram: (input: Pr<'DeleteProgram'>) => ProgramResult;
  /** Gives a whole client group access: the flows enroll each member. */
  readonly giveGroupAccessToProgram: (input: Pr<'GiveGroupAccessToProgram'>) => ProgramResult;
  /** Withdraws a group's access: the flows release each member's access through it. */
  readonly withdrawGroupAccessToProgram: (input: Pr<'WithdrawGroupAccessToProgram'>) => ProgramResult;
  /** Enrolls a client in a program on its current terms. */
  readonly enrollClientInProgram: (input: EnrollClientInProgramInput) => EnrollmentResult;
  /**
   * Removes a client from a program (refused when their access comes through a group). A
   * removal for check-in non-compliance is the escalation's alone (its flow sends it after a
   * manager's approval): sent here, it is refused.
   */
  readonly removeClientFromProgram: (input: En<'RemoveClientFromProgram'>) => EnrollmentResult;
  /** The package a client's access comes through is unpaid: grace, or removal after the practice's days. */
  readonly markProgramPackageUnpaid: (input: En<'MarkProgramPackageUnpaid', 'removeUnpaidAfterDays'>) => EnrollmentResult;
  /** The unpaid package was paid. */
  readonly markProgramPackagePaid: (input: En<'MarkProgramPackagePaid'>) => EnrollmentResult;
  /** Moves an enrollment's time-driven steps due on or before `on` (the schedule sends it). */
  readonly tickEnrollment: (input: En<'TickEnrollment'>) => EnrollmentResult;
  /** Puts a client in a group (or changes their group): the flows enroll them in the group's programs. */
  readonly placeClientInGroup: (input: Gr<'PlaceClientInGroup'>) => GroupResult;
  /** Takes a client out of their group: the flows release their access through it. */
  readonly removeClientFromGroup: (input: Gr<'RemoveClientFromGroup'>) => GroupResult;
}

export const programMethods = (kit: Kit): Untyped<ProgramMethods> => {
  const { programs, enrollments, groups } = kit.aggregates;
  const access = kit.policies.programAccess;
  const programState = stateReader(kit, programDecider, programEvents);

  const enroll = async (fields: Fields): Promise<Fields> => {
    const programId = requireId(fields, 'programId');
    if (isLeft(programId)) return reject(programId.left);
    const terms = enrollableTerms(programId.right, await programState(programStream(programId.right)));
    if (isLeft(terms)) return reject({ ...terms.left, field: 'programId' });
    return {
      ...without(fields, 'programId'),
      program: terms.right,
      through: fields.through ?? { kind: 'manual' },
      ...(access.maxAccessDays !== undefined ? { maxAccessDays: access.maxAccessDays } : {}),
    };
  };

  /** Only the check-in escalation ends a program for non-compliance (its flow sends the removal, once a manager approved). */
  const removal = (fields: Fields): Fields => {
    const reason = fields.reason;
    if (typeof reason === 'object' && reason !== null && (reason as { kind?: unknown }).kind === 'check-in-non-compliance') {
      return reject(
        domainError('NOT_PERMITTED', 'A program ends for check-in non-compliance only through the escalation, once a manager approved it; remove the client for another reason.', {
          field: 'reason',
        }),
      );
    }
    return fields;
  };

  const unpaid = (fields: Fields): Fields => {
    const rest = without(fields, 'removeUnpaidAfterDays');
    return access.removeUnpaidAfterDays !== undefined ? { ...rest, removeUnpaidAfterDays: access.removeUnpaidAfterDays } : rest;
  };

  return {
    createProgram: commandMethod(kit, programs, 'CreateProgram'),
    editProgram: commandMethod(kit, programs, 'EditProgram'),
    archiveProgram: commandMethod(kit, programs, 'ArchiveProgram'),
    deleteProgram: commandMethod(kit, programs, 'DeleteProgram'),
    giveGroupAccessToProgram: commandMethod(kit, programs, 'GiveGroupAccessToProgram'),
    withdrawGroupAccessToProgram: commandMethod(kit, programs, 'WithdrawGroupAccessToProgram'),
    enrollClientInProgram: commandMethod(kit, enrollments, 'EnrollClientInProgram', enroll),
    removeClientFromProgram: commandMethod(kit, enrollments, 'RemoveClientFromProgram', removal),
    markProgramPackageUnpaid: commandMethod(kit, enrollments, 'MarkProgramPackageUnpaid', unpaid),
    markProgramPackagePaid: commandMethod(kit, enrollments, 'MarkProgramPackagePaid'),
    tickEnrollment: commandMethod(kit, enrollments, 'TickEnrollment'),
    placeClientInGroup: commandMethod(kit, groups, 'PlaceClientInGroup'),
    removeClientFromGroup: commandMethod(kit, groups, 'RemoveClientFromGroup'),
  };
};
