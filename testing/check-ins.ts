/**
 * fast-check arbitraries and a timeline runner for the check-in process, so integrators can
 * run the escalation laws (no program ends without an approval, a check-in stops every later
 * step, ticks are idempotent, ticking hourly or only when needed records the same events) on
 * their own policies.
 */
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { checkInDecider, type CheckInCommand, type CheckInEvent, type CheckInState } from '../core/check-ins/index.js';
import type { CheckInPolicyInput } from '../core/check-ins/policy.js';
import { addHours, epochMillis, instantFromMillis, practiceDate, type Instant } from '../core/values/calendar.js';
import { addDays } from '../core/values/local-date.js';

/** Time zones with daylight saving, half-hour and 45-minute offsets, both hemispheres. */
export const CHECK_IN_TIME_ZONES = ['UTC', 'America/New_York', 'Europe/Paris', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'] as const;

/** A policy: waits of 0–96 h, any week end, any lookback, any zone above. */
export const arbCheckInPolicyInput = (): fc.Arbitrary<CheckInPolicyInput> =>
  fc.record({
    timeZone: fc.constantFrom(...CHECK_IN_TIME_ZONES),
    checkInEveryDays: fc.integer({ min: 3, max: 21 }),
    waits: fc.record({
      inAppMessage: fc.integer({ min: 0, max: 96 }),
      followUp: fc.integer({ min: 0, max: 96 }),
      textAndEmail: fc.integer({ min: 0, max: 96 }),
      nonComplianceReport: fc.integer({ min: 0, max: 96 }),
    }),
    emailOpenLookbackDays: fc.integer({ min: 1, max: 40 }),
    deadline: fc.record({ weekEndsOn: fc.integer({ min: 1, max: 7 }), minimumNoticeHours: fc.integer({ min: 0, max: 72 }) }),
    regimenWindowDays: fc.integer({ min: 7, max: 30 }),
  });

/** Something that happens to a client, `minutes` after the schedule starts. */
export type CheckInAction =
  | { readonly minutes: number; readonly kind: 'open-email' | 'check-in' | 'regimen-change' }
  | { readonly minutes: number; readonly kind: 'approve' | 'decline'; readonly issue: 'missed-check-in' | 'low-consistency' }
  | { readonly minutes: number; readonly kind: 'raise' | 'resolve'; readonly issue: 'low-consistency' | 'pore-clogger-not-changed' }
  | { readonly minutes: number; readonly kind: 'reschedule'; readonly inDays: number };

export interface CheckInScenario {
  readonly startedAt: Instant;
  readonly firstDueInDays: number;
  readonly policy: CheckInPolicyInput;
  /** In time order. */
  readonly actions: readonly CheckInAction[];
  /** The end of the timeline, in hours after the start. */
  readonly hours: number;
}

const arbAction = (maxMinutes: number): fc.Arbitrary<CheckInAction> => {
  const minutes = fc.integer({ min: 0, max: maxMinutes });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ minutes, kind: fc.constant('open-email' as const) }) },
    { weight: 1, arbitrary: fc.record({ minutes, kind: fc.constant('check-in' as const) }) },
    { weight: 1, arbitrary: fc.record({ minutes, kind: fc.constant('regimen-change' as const) }) },
    { weight: 4, arbitrary: fc.record({ minutes, kind: fc.constantFrom('approve' as const, 'decline' as const), issue: fc.constantFrom('missed-check-in' as const, 'low-consistency' as const) }) },
    { weight: 2, arbitrary: fc.record({ minutes, kind: fc.constantFrom('raise' as const, 'resolve' as const), issue: fc.constantFrom('low-consistency' as const, 'pore-clogger-not-changed' as const) }) },
    { weight: 1, arbitrary: fc.record({ minutes, kind: fc.constant('reschedule' as const), inDays: fc.integer({ min: 1, max: 10 }) }) },
  );
};

/** A client's timeline over up to `maxDays` days (default 40): actions at any minute, any policy. */
export const arbCheckInScenario = (options: { readonly maxDays?: number; readonly maxActions?: number } = {}): fc.Arbitrary<CheckInScenario> => {
  const hours = (options.maxDays ?? 40) * 24;
  return fc.record({
    startedAt: fc.integer({ min: 1_704_067_200, max: 1_798_761_600 }).map((s) => instantFromMillis(s * 1000)),
    firstDueInDays: fc.integer({ min: 1, max: 10 }),
    policy: arbCheckInPolicyInput(),
    actions: fc
      .array(arbAction(hours * 60), { maxLength: options.maxActions ?? 16 })
      .map((as) => [...as].sort((a, b) => a.minutes - b.minutes)),
    hours: fc.constant(hours),
  });
};

const ENROLLMENT = 'enr-law';

/** The command that starts a scenario's schedule. */
export const scenarioStart = (s: CheckInScenario): CheckInCommand => {
  const timeZone = s.policy.timeZone ?? 'UTC';
  return {
    type: 'StartCheckInSchedule',
    enrollmentId: ENROLLMENT,
    clientId: 'client-law',
    programId: 'program-law',
    clientName: 'Client',
    coach: 'Coach',
    coachingMembershipId: 'membership-law',
    firstDueOn: addDays(practiceDate(s.startedAt, timeZone), s.firstDueInDays),
    at: s.startedAt,
    policy: s.policy,
  };
};

/** The command an action is, at its instant. */
export const scenarioCommand = (s: CheckInScenario, action: CheckInAction, index: number): CheckInCommand => {
  const at = instantFromMillis(epochMillis(s.startedAt) + action.minutes * 60_000);
  const base = { enrollmentId: ENROLLMENT, at };
  switch (action.kind) {
    case 'open-email':
      return { type: 'RecordEmailOpened', ...base };
    case 'check-in':
      return { type: 'SubmitCheckIn', ...base, checkInId: `ci-${index}` };
    case 'regimen-change':
      return { type: 'RecordRegimenChange', ...base };
    case 'approve':
      return { type: 'ApproveProgramEnd', ...base, issue: action.issue, managerId: 'manager' };
    case 'decline':
      return { type: 'DeclineProgramEnd', ...base, issue: action.issue, managerId: 'manager' };
    case 'raise':
      return { type: 'RaiseComplianceIssue', ...base, issue: action.issue, by: 'coach' };
    case 'resolve':
      return { type: 'ResolveComplianceIssue', ...base, issue: action.issue, by: 'coach' };
    case 'reschedule':
      return { type: 'RescheduleCheckIn', ...base, by: 'coach', dueOn: addDays(practiceDate(at, s.policy.timeZone ?? 'UTC'), action.inDays) };
  }
};

export interface CheckInRun {
  /** Every event recorded, in order. */
  readonly events: readonly CheckInEvent[];
  /** The events recorded by ticks only. */
  readonly tickEvents: readonly CheckInEvent[];
  readonly state: CheckInState;
}

/**
 * Runs a scenario through the decider (refused commands record nothing). `hourly` ticks at
 * every whole hour after the start; `when-needed` ticks only at the last whole hour before
 * each action and at the end; `at-the-end` ticks once, at the end (email opens recorded at
 * their instants need no tick before them).
 */
export const runCheckInScenario = (s: CheckInScenario, ticking: 'hourly' | 'when-needed' | 'at-the-end'): CheckInRun => {
  let state = checkInDecider.initialState;
  const events: CheckInEvent[] = [];
  const tickEvents: CheckInEvent[] = [];
  const apply = (command: CheckInCommand): void => {
    const decision = checkInDecider.decide(command, state);
    if (!isRight(decision)) return;
    for (const event of decision.right) {
      events.push(event);
      if (command.type === 'TickCheckIns') tickEvents.push(event);
      state = checkInDecider.evolve(state, event);
    }
  };
  const tickAtHour = (h: number): void => apply({ type: 'TickCheckIns', enrollmentId: ENROLLMENT, at: addHours(s.startedAt, h) });
  apply(scenarioStart(s));
  let ticked = 0;
  s.actions.forEach((action, index) => {
    const hour = Math.floor(action.minutes / 60);
    if (ticking === 'hourly') for (; ticked <= hour; ticked++) tickAtHour(ticked);
    else if (ticking === 'when-needed') tickAtHour(hour);
    apply(scenarioCommand(s, action, index));
  });
  if (ticking === 'hourly') for (; ticked <= s.hours; ticked++) tickAtHour(ticked);
  else tickAtHour(s.hours);
  return { events, tickEvents, state };
};
