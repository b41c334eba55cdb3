/**
 * The schedule: what falls due when. Time-driven transitions are commands for a date, and
 * each aggregate knows which ones it needs (`membershipDueSteps`, the nearest expiry of a
 * client's open credit lots, `enrollmentNextTick`, a package's expiry and the notice
 * before it, `checkInNextTickAt` for a check-in ladder, where hours matter); this fold keeps
 * every stream's state
 * with its own `evolve` and, after each of its events, the steps it now needs. The shell
 * (`runDue` in core/service) sends the due ones; the core never waits.
 *
 * A step is named by the stream, the revision of the stream's last event when it was
 * scheduled, the step and its date (`dueStepKey`), so the same log always schedules the
 * same steps under the same names, and a command id derived from the name is sent once.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import { creditsEvents, evolveCredits, initialCreditsState, type CreditsState } from '../core/credits/index.js';
import {
  evolveMembershipState,
  initialMembershipState,
  membershipDueSteps,
  membershipEvents,
  type MembershipScheduledCommandType,
  type MembershipState,
} from '../core/memberships/index.js';
import { enrollmentEvents, enrollmentNextTick, evolveEnrollment, initialEnrollmentState, type EnrollmentState } from '../core/programs/index.js';
import { evolvePackage, packageEvents, packageInitialState, packageUnitsIn, type PackageState } from '../core/packages/index.js';
import { DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS, packageExpiryNoticeOn } from '../core/rules/package-expiry.js';
import type { LocalDate } from '../core/values/local-date.js';
import { epochMillis, practiceDate, type Instant } from '../core/values/calendar.js';
import { checkInEvents, checkInInitialState, checkInNextTickAt, enrollmentIdOfCheckInStream, evolveCheckIns, type CheckInState } from '../core/check-ins/index.js';
import { PersistentMap } from '../core/values/persistent.js';
import type { Projection } from './projection.js';

/** A step some stream needs on a date. */
export type DueStep =
  | {
      readonly kind: 'membership';
      readonly command: MembershipScheduledCommandType;
      readonly membershipId: string;
      /** For a payment retry: the charge to retry. */
      readonly chargeId?: string;
    }
  /** The expiry tick of a client's credits (`ExpireCredits`): their nearest lot expiry. */
  | { readonly kind: 'credit-expiry'; readonly clientId: string }
  /** An enrollment's time-driven steps (`TickEnrollment`): unpaid removal, end of access, completion. */
  | { readonly kind: 'enrollment-tick'; readonly programId: string; readonly clientId: string }
  /** The notice that a package with unused services expires soon (`IssuePackageExpiryNotice`). */
  | { readonly kind: 'package-expiry-notice'; readonly packageId: string }
  /** A package's expiry (`ExpirePackage`): its unused units are void. */
  | { readonly kind: 'package-expiry'; readonly packageId: string }
  /** The next step of an enrollment's check-ins (`TickCheckIns` at `DueItem.at`): a check-in missed, a ladder step, a deadline. */
  | { readonly kind: 'check-in-tick'; readonly enrollmentId: string };

export interface DueItem {
  /** The practice date the step is for. */
  readonly on: LocalDate;
  /** Where hours matter (a check-in ladder): the instant it falls due, on the practice date `on`. */
  readonly at?: Instant;
  readonly streamName: string;
  /** The revision of the stream's last event when the step was scheduled. */
  readonly revision: bigint;
  readonly step: DueStep;
}

export interface DueSchedule {
  readonly memberships: PersistentMap<string, MembershipState>;
  readonly credits: PersistentMap<string, CreditsState>;
  readonly enrollments: PersistentMap<string, EnrollmentState>;
  readonly packages: PersistentMap<string, PackageState>;
  readonly checkIns: PersistentMap<string, CheckInState>;
  /** The steps each stream needs, in the order it needs them (streams needing none are absent). */
  readonly due: PersistentMap<string, readonly DueItem[]>;
}

const CREDITS_PREFIX = 'credits-';

/** The nearest expiry date of a client's open credit lots, if any of them expire. */
export const nearestCreditExpiry = (state: CreditsState): LocalDate | undefined => {
  let nearest: LocalDate | undefined;
  for (const type of state.types.values()) {
    for (const lot of type.open) {
      if (lot.expiresOn !== null && (nearest === undefined || lot.expiresOn < nearest)) nearest = lot.expiresOn;
    }
  }
  return nearest;
};

const withDue = (model: DueSchedule, streamName: string, items: readonly DueItem[]): PersistentMap<string, readonly DueItem[]> =>
  items.length > 0 ? model.due.set(streamName, items) : model.due.delete(streamName);

export interface DueScheduleOptions {
  /** Days before a package's expiry its notice falls due (the practice's `packages.expiryNotice.daysBefore`). @defaultValue 14 */
  readonly packageExpiryNoticeDaysBefore?: number;
}

/** A package's steps: the notice (when it has unused units and none was issued for this date), then the expiry. */
const packageSteps = (p: PackageState, noticeDaysBefore: number): readonly { readonly on: LocalDate; readonly step: DueStep }[] => {
  if (p.status !== 'active' || p.expiresOn === undefined) return [];
  const packageId = p.packageId;
  const noticeOn = packageExpiryNoticeOn(p.expiresOn, noticeDaysBefore);
  const notice =
    noticeOn < p.expiresOn && !p.noticesIssuedFor.includes(p.expiresOn) && packageUnitsIn(p, 'unused').length > 0
      ? [{ on: noticeOn, step: { kind: 'package-expiry-notice' as const, packageId } }]
      : [];
  return [...notice, { on: p.expiresOn, step: { kind: 'package-expiry', packageId } }];
};

export const createDueScheduleProjection = (options: DueScheduleOptions = {}): Projection<DomainEvent, DueSchedule> => {
  const noticeDaysBefore = options.packageExpiryNoticeDaysBefore ?? DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS;
  return {
    name: 'due-schedule',
    initial: {
      memberships: PersistentMap.empty(),
      credits: PersistentMap.empty(),
      enrollments: PersistentMap.empty(),
      packages: PersistentMap.empty(),
      checkIns: PersistentMap.empty(),
      due: PersistentMap.empty(),
    },
    apply: (model, event) => {
      const { streamName, revision } = event;
      if (membershipEvents.is(event)) {
        const state = evolveMembershipState(model.memberships.get(streamName) ?? initialMembershipState, event);
        const membershipId = event.data.membershipId;
        const items = membershipDueSteps(state).map(
          (s): DueItem => ({
            on: s.on,
            streamName,
            revision,
            step: { kind: 'membership', command: s.command, membershipId, ...(s.chargeId !== undefined ? { chargeId: s.chargeId } : {}) },
          }),
        );
        return { ...model, memberships: model.memberships.set(streamName, state), due: withDue(model, streamName, items) };
      }
      if (creditsEvents.is(event) && streamName.startsWith(CREDITS_PREFIX)) {
        const state = evolveCredits(model.credits.get(streamName) ?? initialCreditsState, event);
        const on = nearestCreditExpiry(state);
        const clientId = streamName.slice(CREDITS_PREFIX.length);
        const items: DueItem[] = on === undefined ? [] : [{ on, streamName, revision, step: { kind: 'credit-expiry', clientId } }];
        return { ...model, credits: model.credits.set(streamName, state), due: withDue(model, streamName, items) };
      }
      if (enrollmentEvents.is(event)) {
        const state = evolveEnrollment(model.enrollments.get(streamName) ?? initialEnrollmentState, event);
        const on = enrollmentNextTick(state);
        const { programId, clientId } = event.data;
        const items: DueItem[] = on === undefined ? [] : [{ on, streamName, revision, step: { kind: 'enrollment-tick', programId, clientId } }];
        return { ...model, enrollments: model.enrollments.set(streamName, state), due: withDue(model, streamName, items) };
      }
      if (packageEvents.is(event)) {
        const state = evolvePackage(model.packages.get(streamName) ?? packageInitialState, event);
        const items = packageSteps(state, noticeDaysBefore).map((s): DueItem => ({ ...s, streamName, revision }));
        return { ...model, packages: model.packages.set(streamName, state), due: withDue(model, streamName, items) };
      }
      const enrollmentId = enrollmentIdOfCheckInStream(streamName);
      if (checkInEvents.is(event) && enrollmentId !== undefined) {
        const state = evolveCheckIns(model.checkIns.get(streamName) ?? checkInInitialState, event);
        const at = checkInNextTickAt(state);
        const items: DueItem[] =
          at === undefined || state.status === 'not-started'
            ? []
            : [{ on: practiceDate(at, state.policy.timeZone), at, streamName, revision, step: { kind: 'check-in-tick', enrollmentId } }];
        return { ...model, checkIns: model.checkIns.set(streamName, state), due: withDue(model, streamName, items) };
      }
      return model;
    },
  };
};

/** The schedule with the default notice days. */
export const dueScheduleProjection: Projection<DomainEvent, DueSchedule> = createDueScheduleProjection();

const STEP_COMMAND: Readonly<Record<Exclude<DueStep['kind'], 'membership'>, string>> = {
  'credit-expiry': 'ExpireCredits',
  'enrollment-tick': 'TickEnrollment',
  'package-expiry-notice': 'IssuePackageExpiryNotice',
  'package-expiry': 'ExpirePackage',
  'check-in-tick': 'TickCheckIns',
};

/** The name of a step: the same log always gives the same name. */
export const dueStepKey = (item: DueItem): string => {
  const s = item.step;
  const what = s.kind === 'membership' ? `${s.command}${s.chargeId !== undefined ? `/${s.chargeId}` : ''}` : STEP_COMMAND[s.kind];
  return `${item.streamName}@${item.revision}/${what}/${item.at ?? item.on}`;
};

// On one date: packages first (an expiring package voids its own credits), then the
// memberships' steps (a renewal closes the last period and decides its rollover before the
// period's credits expire), then credit expiries, the enrollments' ticks and the check-in
// ladders' ticks (by instant).
const KIND_ORDER: Readonly<Record<DueStep['kind'], number>> = {
  'package-expiry-notice': 0,
  'package-expiry': 1,
  membership: 2,
  'credit-expiry': 3,
  'enrollment-tick': 4,
  'check-in-tick': 5,
};

interface Ranked {
  readonly item: DueItem;
  readonly index: number;
}

const compareRanked = (a: Ranked, b: Ranked): number => {
  if (a.item.on !== b.item.on) return a.item.on < b.item.on ? -1 : 1;
  const kinds = KIND_ORDER[a.item.step.kind] - KIND_ORDER[b.item.step.kind];
  if (kinds !== 0) return kinds;
  if (a.item.at !== undefined && b.item.at !== undefined && a.item.at !== b.item.at) return epochMillis(a.item.at) - epochMillis(b.item.at);
  if (a.item.streamName !== b.item.streamName) return a.item.streamName < b.item.streamName ? -1 : 1;
  return a.index - b.index;
};

/**
 * Every step due on or before `until` (every step when `until` is omitted) — and, for a
 * step where hours matter, at or before `untilInstant` when it is given — earliest first;
 * on one date package steps, membership steps, credit expiries, enrollment ticks, check-in
 * ticks (by instant), then by stream name, each stream's steps in the order it needs them.
 */
export const dueSteps = (model: DueSchedule, until?: LocalDate, untilInstant?: Instant): readonly DueItem[] => {
  const ranked: Ranked[] = [];
  const limit = untilInstant === undefined ? undefined : epochMillis(untilInstant);
  for (const items of model.due.values()) {
    items.forEach((item, index) => {
      const byDate = until === undefined || item.on <= until;
      const byInstant = limit === undefined || item.at === undefined || epochMillis(item.at) <= limit;
      if (byDate && byInstant) ranked.push({ item, index });
    });
  }
  return ranked.sort(compareRanked).map((r) => r.item);
};

/** The earliest date anything falls due, or `undefined` when nothing is scheduled. */
export const nextDueDate = (model: DueSchedule): LocalDate | undefined => {
  let next: LocalDate | undefined;
  for (const items of model.due.values()) {
    for (const item of items) if (next === undefined || item.on < next) next = item.on;
  }
  return next;
};
