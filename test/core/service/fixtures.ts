/** A practice on the in-memory store with a clock the test moves and sequential ids. */
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { manualClock } from '../../../adapters/system/index.js';
import { sequentialIds } from '../../../adapters/system/index.js';
import { practiceEvents } from '../../../core/events.js';
import { createPracticeLedger, type PracticeLedgerOptions, type PracticePolicies } from '../../../core/service/index.js';
import { startOfPracticeDay } from '../../../core/values/calendar.js';
import { localDate } from '../../../core/values/local-date.js';
import { MANAGE_PROGRAMS, type ProgramActor } from '../../../core/programs/index.js';

export const TIME_ZONE = 'America/New_York';

export const practice = (options: { readonly policies?: PracticePolicies; readonly start?: string } & Partial<Pick<PracticeLedgerOptions, 'flowsResumeAfter'>> = {}) => {
  const store = createInMemoryEventStore(practiceEvents);
  const clock = manualClock(startOfPracticeDay(localDate(options.start ?? '2025-01-06'), TIME_ZONE));
  clock.advanceHours(9);
  const ledger = createPracticeLedger({
    store,
    clock,
    ids: sequentialIds('cmd'),
    timeZone: TIME_ZONE,
    ...(options.policies !== undefined ? { policies: options.policies } : {}),
    ...(options.flowsResumeAfter !== undefined ? { flowsResumeAfter: options.flowsResumeAfter } : {}),
  });
  /** Moves the clock to 9 am on a practice date. */
  const goTo = (date: string): void => {
    clock.set(startOfPracticeDay(localDate(date), TIME_ZONE));
    clock.advanceHours(9);
  };
  const log = async () => {
    const events = [];
    for await (const e of store.readAll()) events.push(e);
    return events;
  };
  return { store, clock, ledger, goTo, log };
};

export const owner: ProgramActor = { kind: 'member', memberId: 'm-owner', permissions: [MANAGE_PROGRAMS] };
