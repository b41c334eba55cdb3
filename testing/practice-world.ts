/**
 * A practice in miniature for property tests of the whole library through the Promise
 * facade: an embedded store, a clock the test moves, sequential ids, the integrator's
 * policies — and a tracker that folds every event of the log into the state of its stream
 * with the aggregate's own decider, so that generated commands can be chosen to make sense
 * (a booking for a service the client holds, the cancel of a real booking, a pause within
 * the plan's bounds) and the laws can look at every state after every step.
 */
import { createInMemoryEventStore, type InMemoryEventStore } from '../adapters/in-memory/index.js';
import { manualClock, sequentialIds, type ManualClock } from '../adapters/system/index.js';
import type { EventRegistry } from '../core/kernel/codecs.js';
import type { Decider } from '../core/kernel/decider.js';
import type { RecordedEvent } from '../core/kernel/envelope.js';
import { practiceEvents, type PracticeEvent } from '../core/events.js';
import { createPracticeLedger, type PracticeLedger, type PracticePolicies } from '../core/service/index.js';
import { startOfPracticeDay } from '../core/values/calendar.js';
import { localDate } from '../core/values/local-date.js';
import { creditsDecider, creditsEvents, type CreditsState } from '../core/credits/index.js';
import { membershipDecider, membershipEvents, type MembershipState } from '../core/memberships/index.js';
import { walletDecider, walletEvents, type WalletState } from '../core/wallet/index.js';
import {
  bulkOrderDecider,
  bulkOrderEvents,
  packageDecider,
  packageEvents,
  type BulkOrderState,
  type PackageState,
} from '../core/packages/index.js';
import { enrollmentDecider, enrollmentEvents, type EnrollmentState } from '../core/programs/index.js';
import { checkInDecider, checkInEvents, type CheckInState } from '../core/check-ins/index.js';
import { membershipBenefitsDecider, membershipBenefitsEvents, type MembershipBenefitsState } from '../core/membership-benefits/index.js';

/** The states of one aggregate's streams, by stream name, folded as events arrive. */
export interface StreamStates<S> {
  readonly get: (streamName: string) => S;
  readonly entries: () => IterableIterator<[string, S]>;
}

interface Folder<S> extends StreamStates<S> {
  /** Folds the event when it is one of this aggregate's; false otherwise. */
  readonly apply: (event: RecordedEvent<PracticeEvent>) => boolean;
}

const folder = <C, E extends PracticeEvent, S>(decider: Decider<C, E, S>, registry: EventRegistry<E>): Folder<S> => {
  const states = new Map<string, S>();
  return {
    apply: (event) => {
      if (!registry.is(event)) return false;
      states.set(event.streamName, decider.evolve(states.get(event.streamName) ?? decider.initialState, event));
      return true;
    },
    get: (streamName) => states.get(streamName) ?? decider.initialState,
    entries: () => states.entries(),
  };
};

/** What the tracker knows: every stream of the aggregates the laws look at, folded. */
export interface PracticeStates {
  readonly credits: StreamStates<CreditsState>;
  readonly memberships: StreamStates<MembershipState>;
  readonly wallets: StreamStates<WalletState>;
  readonly packages: StreamStates<PackageState>;
  readonly bulkOrders: StreamStates<BulkOrderState>;
  readonly enrollments: StreamStates<EnrollmentState>;
  readonly checkIns: StreamStates<CheckInState>;
  readonly benefits: StreamStates<MembershipBenefitsState>;
}

export interface PracticeWorldOptions {
  /** The practice's policies, as the integrator configures them. @defaultValue `{}`: every default */
  readonly policies?: PracticePolicies;
  /** The practice's IANA time zone. @defaultValue `'UTC'` */
  readonly timeZone?: string;
  /** The practice date the world starts on, at 9 am. @defaultValue `'2025-01-06'` */
  readonly start?: string;
}

export interface PracticeWorld {
  readonly ledger: PracticeLedger;
  readonly store: InMemoryEventStore<PracticeEvent>;
  readonly clock: ManualClock;
  readonly policies: PracticePolicies;
  readonly states: PracticeStates;
  /** Every event recorded so far, in log order (after the last `sync`). */
  readonly log: () => readonly RecordedEvent<PracticeEvent>[];
  /** Folds the events recorded since the last call; returns them. */
  readonly sync: () => Promise<readonly RecordedEvent<PracticeEvent>[]>;
}

/** A fresh practice: an empty in-memory store, the clock at 9 am on `start`, ids `cmd-1`, `cmd-2`, …. */
export const createPracticeWorld = (options: PracticeWorldOptions = {}): PracticeWorld => {
  const timeZone = options.timeZone ?? 'UTC';
  const policies = options.policies ?? {};
  const store = createInMemoryEventStore(practiceEvents);
  const clock = manualClock(startOfPracticeDay(localDate(options.start ?? '2025-01-06'), timeZone));
  clock.advanceHours(9);
  const ledger = createPracticeLedger({ store, clock, ids: sequentialIds('cmd'), timeZone, policies });
  const folders = {
    credits: folder(creditsDecider, creditsEvents),
    memberships: folder(membershipDecider, membershipEvents),
    wallets: folder(walletDecider, walletEvents),
    packages: folder(packageDecider, packageEvents),
    bulkOrders: folder(bulkOrderDecider, bulkOrderEvents),
    enrollments: folder(enrollmentDecider, enrollmentEvents),
    checkIns: folder(checkInDecider, checkInEvents),
    benefits: folder(membershipBenefitsDecider, membershipBenefitsEvents),
  };
  const all = Object.values(folders);
  const log: RecordedEvent<PracticeEvent>[] = [];
  let after: bigint | undefined;
  const sync = async (): Promise<readonly RecordedEvent<PracticeEvent>[]> => {
    const fresh: RecordedEvent<PracticeEvent>[] = [];
    for await (const event of store.readAll(after === undefined ? {} : { after })) {
      after = event.position;
      fresh.push(event);
      log.push(event);
      for (const f of all) if (f.apply(event)) break;
    }
    return fresh;
  };
  return { ledger, store, clock, policies, states: folders, log: () => log, sync };
};
