/**
 * Laws of programs: a removed client can open no module; a client's available modules only
 * grow while enrolled; group access and individual removal never contradict. Also: ticks
 * are idempotent and ticking every day or once gives the same events; events round-trip
 * through their codecs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import {
  enrollmentDecider,
  groupsGivingAccess,
  modulesOpenOn,
  packageProgramFlow,
  programsEvents,
  programTerms,
  scheduledProgramAccessEnd,
  type EnrollmentCommand,
  type EnrollmentEvent,
  type EnrollmentSource,
  type EnrollmentState,
  type ProgramTerms,
} from '../../../core/programs/index.js';
import { addDays } from '../../../core/values/local-date.js';
import { arbEnrollmentHappening, arbEnrollmentSource, arbProgramTerms } from '../../../testing/program-arbitraries.js';
import { programDirectoryLookup } from '../../../projections/program-directory.js';
import { acneDefinition, coordinator, d, owner } from './fixtures.js';
import { createWorld } from './world.js';

const START = d('2025-01-01');
const apply = (state: EnrollmentState, command: EnrollmentCommand): { state: EnrollmentState; events: readonly EnrollmentEvent[]; refused: boolean } => {
  const decision = enrollmentDecider.decide(command, state);
  if (isLeft(decision)) return { state, events: [], refused: true };
  return { state: decision.right.reduce(enrollmentDecider.evolve, state), events: decision.right, refused: false };
};

/** One client's enrollment lived day by day: enrolled on day 0, then happenings, a tick every day. */
const arbLife = arbProgramTerms('p-1', { maxReleaseDay: 40 }).chain((program) =>
  fc.record({
    program: fc.constant(program),
    through: arbEnrollmentSource(),
    startOffset: fc.integer({ min: -10, max: 10 }),
    maxAccessDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    days: fc.array(fc.option(arbEnrollmentHappening(program, 'c-1'), { nil: undefined, freq: 2 }), { maxLength: 70 }),
  }),
);

const enrollOn = (program: ProgramTerms, through: EnrollmentSource, startOffset: number, maxAccessDays: number | undefined): EnrollmentCommand => ({
  type: 'EnrollClientInProgram',
  clientId: 'c-1',
  on: START,
  program,
  through,
  by: coordinator,
  startsOn: addDays(START, startOffset),
  ...(maxAccessDays !== undefined ? { maxAccessDays } : {}),
});

const ids = (state: EnrollmentState, on: ReturnType<typeof d>): string[] => modulesOpenOn(state, on).map((m) => m.moduleId);

describe('laws of programs', () => {
  it('a removed client can open no module, previous or upcoming', () => {
    fc.assert(
      fc.property(arbLife, fc.integer({ min: -30, max: 200 }), fc.integer({ min: 0, max: 80 }), ({ program, through, startOffset, maxAccessDays, days }, probe, removeDay) => {
        let { state } = apply(enrollmentDecider.initialState, enrollOn(program, through, startOffset, maxAccessDays));
        days.slice(0, removeDay).forEach((happening, i) => {
          if (happening) state = apply(state, happening(addDays(START, i))).state;
        });
        const removal = apply(state, { type: 'RemoveClientFromProgram', programId: 'p-1', clientId: 'c-1', on: addDays(START, removeDay), by: owner, reason: { kind: 'different-stage' } });
        if (removal.refused) return;
        expect(removal.state.status).toBe('ended');
        expect(modulesOpenOn(removal.state, addDays(START, probe))).toEqual([]);
      }),
    );
  });

  it('a client available modules only grow while enrolled (and are none once not)', () => {
    fc.assert(
      fc.property(arbLife, ({ program, through, startOffset, maxAccessDays, days }) => {
        let state = apply(enrollmentDecider.initialState, enrollOn(program, through, startOffset, maxAccessDays)).state;
        let previous: string[] | undefined;
        days.forEach((happening, i) => {
          const on = addDays(START, i);
          if (happening) state = apply(state, happening(on)).state;
          state = apply(state, { type: 'TickEnrollment', programId: 'p-1', clientId: 'c-1', on }).state;
          const open = ids(state, on);
          if (state.status !== 'enrolled') {
            expect(open).toEqual([]);
            previous = undefined;
            return;
          }
          if (previous !== undefined) for (const m of previous) expect(open).toContain(m);
          previous = open;
          // As things stand, every later date before access stops shows at least these modules.
          const stops = scheduledProgramAccessEnd(state.enrollment);
          for (let k = 1; k <= 10; k++) {
            const later = addDays(on, k);
            if (stops !== undefined && later >= stops) break;
            for (const m of open) expect(ids(state, later)).toContain(m);
          }
        });
      }),
    );
  });

  it('ticks are idempotent, and ticking every day or once gives the same events', () => {
    fc.assert(
      fc.property(arbLife, fc.integer({ min: 0, max: 90 }), fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), ({ program, through, startOffset, maxAccessDays }, horizon, unpaidDays) => {
        const pkg = { kind: 'package', packageId: 'pkg-1' } as const;
        let start = apply(enrollmentDecider.initialState, enrollOn(program, through.kind === 'group' ? pkg : through, startOffset, maxAccessDays)).state;
        start = apply(start, { type: 'MarkProgramPackageUnpaid', programId: 'p-1', clientId: 'c-1', on: START, packageId: 'pkg-1', by: { kind: 'system' }, ...(unpaidDays !== undefined ? { removeUnpaidAfterDays: unpaidDays } : {}) }).state;
        const end = addDays(START, horizon);
        const once = apply(start, { type: 'TickEnrollment', programId: 'p-1', clientId: 'c-1', on: end });
        let daily = start;
        const dailyEvents: EnrollmentEvent[] = [];
        for (let i = 0; i <= horizon; i++) {
          const r = apply(daily, { type: 'TickEnrollment', programId: 'p-1', clientId: 'c-1', on: addDays(START, i) });
          daily = r.state;
          dailyEvents.push(...r.events);
        }
        expect(dailyEvents).toEqual(once.events);
        expect(apply(once.state, { type: 'TickEnrollment', programId: 'p-1', clientId: 'c-1', on: end }).events).toEqual([]);
      }),
    );
  });

  it('every enrollment event round-trips through the registry codecs', () => {
    fc.assert(
      fc.property(arbLife, ({ program, through, startOffset, maxAccessDays, days }) => {
        let state = apply(enrollmentDecider.initialState, enrollOn(program, through, startOffset, maxAccessDays));
        const events: EnrollmentEvent[] = [...state.events];
        days.forEach((happening, i) => {
          const on = addDays(START, i);
          for (const command of [happening?.(on), { type: 'TickEnrollment' as const, programId: 'p-1', clientId: 'c-1', on }]) {
            if (command === undefined) continue;
            state = apply(state.state, command);
            events.push(...state.events);
          }
        });
        for (const event of events) {
          const encoded = JSON.parse(JSON.stringify(programsEvents.encode(event)));
          expect(programsEvents.decode(encoded, { streamName: 's', revision: 0n })).toEqual(event);
        }
      }),
    );
  });
});

// ---------------------------------------------------------------- groups and removal

const CLIENTS = ['c-1', 'c-2', 'c-3'] as const;
const GROUPS = ['g-1', 'g-2'] as const;
const PROGRAMS = ['p-1', 'p-2'] as const;

type Op =
  | { readonly op: 'place'; readonly client: string; readonly group: string }
  | { readonly op: 'ungroup'; readonly client: string }
  | { readonly op: 'give' | 'withdraw'; readonly program: string; readonly group: string }
  | { readonly op: 'enroll' | 'remove'; readonly program: string; readonly client: string }
  | { readonly op: 'sell'; readonly program: string; readonly client: string; readonly packageId: string };

const client = fc.constantFrom(...CLIENTS);
const group = fc.constantFrom(...GROUPS);
const program = fc.constantFrom(...PROGRAMS);
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('place' as const), client, group }),
  fc.record({ op: fc.constant('ungroup' as const), client }),
  fc.record({ op: fc.constantFrom('give' as const, 'withdraw' as const), program, group }),
  fc.record({ op: fc.constantFrom('enroll' as const, 'remove' as const), program, client }),
  fc.record({ op: fc.constant('sell' as const), program, client, packageId: fc.constantFrom('pkg-1', 'pkg-2') }),
);

describe('group access and individual removal never contradict', () => {
  it('a client has access through a group exactly while in a group that has access, and is never removed alone while it lasts', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { minLength: 15, maxLength: 50 }), (ops) => {
        const world = createWorld();
        for (const programId of PROGRAMS) world.program({ type: 'CreateProgram', programId, on: START, by: owner, definition: acneDefinition });
        ops.forEach((op, i) => {
          const on = addDays(START, i + 1);
          switch (op.op) {
            case 'place':
              world.group({ type: 'PlaceClientInGroup', clientId: op.client, groupId: op.group, on, by: owner });
              break;
            case 'ungroup':
              world.group({ type: 'RemoveClientFromGroup', clientId: op.client, on, by: owner });
              break;
            case 'give':
              world.program({ type: 'GiveGroupAccessToProgram', programId: op.program, groupId: op.group, on, by: coordinator });
              break;
            case 'withdraw':
              world.program({ type: 'WithdrawGroupAccessToProgram', programId: op.program, groupId: op.group, on, by: coordinator });
              break;
            case 'enroll':
              world.enrollment({ type: 'EnrollClientInProgram', clientId: op.client, on, program: programTerms(op.program, 1, acneDefinition), through: { kind: 'manual' }, by: coordinator });
              break;
            case 'sell':
              for (const x of packageProgramFlow(`sale-${i}`, { kind: 'sold', packageId: op.packageId, clientId: op.client, programId: op.program, on }, programDirectoryLookup(world.directory()))) {
                world.enrollment(x.command, x.commandId);
              }
              break;
            case 'remove': {
              const before = world.enrollmentState(op.program, op.client);
              const result = world.enrollment({ type: 'RemoveClientFromProgram', programId: op.program, clientId: op.client, on, by: coordinator, reason: { kind: 'different-stage' } });
              if (before.status === 'enrolled') {
                const heldByGroup = groupsGivingAccess(before).length > 0;
                expect(isLeft(result) && result.left.code === 'CLIENT_HAS_GROUP_ACCESS').toBe(heldByGroup);
                expect(isRight(result)).toBe(!heldByGroup);
              }
              break;
            }
          }
          for (const clientId of CLIENTS) {
            const groupId = world.groupState(clientId).group?.groupId;
            for (const programId of PROGRAMS) {
              const programState = world.programState(programId);
              const open = groupId !== undefined && programState.status !== 'none' && programState.groups.some((g) => g.groupId === groupId);
              const enrollment = world.enrollmentState(programId, clientId);
              expect(groupsGivingAccess(enrollment)).toEqual(open && groupId !== undefined ? [groupId] : []);
              if (open) expect(modulesOpenOn(enrollment, on).length).toBeGreaterThan(0);
            }
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
