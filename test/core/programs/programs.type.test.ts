/** The programs types are the API: a wrong shape does not compile. */
import { describe, expectTypeOf, it } from 'vitest';
import type { EnrollmentCommand, EnrollmentEvent, EnrollmentSource, ProgramActor, ProgramsCommand } from '../../../core/programs/index.js';
import { d } from './fixtures.js';

describe('programs types', () => {
  it('events, sources and actors have exactly their shapes', () => {
    // @ts-expect-error a completion records its date
    const completed: EnrollmentEvent = { type: 'ProgramCompleted', data: { programId: 'p', clientId: 'c' } };
    // @ts-expect-error there is no such way of access
    const coupon: EnrollmentSource = { kind: 'coupon' };
    // @ts-expect-error a group source names its group
    const group: EnrollmentSource = { kind: 'group' };
    // @ts-expect-error a member brings their permissions
    const member: ProgramActor = { kind: 'member', memberId: 'm' };
    // @ts-expect-error an event date is a LocalDate, not any string
    const removed: EnrollmentEvent = { type: 'ProgramCompleted', data: { programId: 'p', clientId: 'c', on: '2025-01-01' } };
    const ok: EnrollmentEvent = { type: 'ProgramCompleted', data: { programId: 'p', clientId: 'c', on: d('2025-01-01') } };
    expectTypeOf([completed, coupon, group, member, removed, ok]).toBeArray();
  });

  it('the commands a process manager may send', () => {
    expectTypeOf<EnrollmentCommand['type']>().toEqualTypeOf<
      'EnrollClientInProgram' | 'RemoveClientFromProgram' | 'ReleaseGroupProgramAccess' | 'MarkProgramPackageUnpaid' | 'MarkProgramPackagePaid' | 'TickEnrollment'
    >();
    expectTypeOf<Exclude<ProgramsCommand['type'], EnrollmentCommand['type']>>().toEqualTypeOf<'PlaceClientInGroup' | 'RemoveClientFromGroup'>();
  });
});
