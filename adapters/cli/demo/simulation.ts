/**
 * One practice over a year, through the Promise facade: every day the clock moves to 9 am
 * in the practice's time zone and the schedule sends what fell due (renewals, trial ends,
 * retries, resumes, expiries, enrollment ticks, the check-in ladder), the card processor
 * answers the charges, then at 10 am the day's clients come in (the cast's fixed story and
 * the crowd drawn from the seed). The same seed and the same number of clients give the
 * same log, event for event, on any machine.
 */
import { createInMemoryEventStore } from '../../in-memory/index.js';
import { manualClock, sequentialIds } from '../../system/index.js';
import {
  addDays,
  createPracticeLedger,
  daysBetween,
  practiceEvents,
  startOfPracticeDay,
  type EventStore,
  type LocalDate,
  type PracticeEvent,
  type PracticeLedger,
} from '../../../core/index.js';
import { Agenda } from './agenda.js';
import { castAgenda, FEATURED_CLIENT } from './cast.js';
import { crowdAgenda, YEAR_END, YEAR_START } from './crowd.js';
import { policies, PRACTICE_NAME, setUpPractice, TIME_ZONE } from './practice.js';
import { seededRandom } from './random.js';
import { createWorld } from './world.js';

export interface PracticeYearOptions {
  /** Drives every random draw of the crowd. @defaultValue 1 */
  readonly seed?: number;
  /** Clients in the crowd, besides the cast (about 50 events each over the year). @defaultValue 40 */
  readonly clients?: number;
  /** Where the events go. @defaultValue a new in-memory store */
  readonly store?: EventStore<PracticeEvent>;
  /** Told after each simulated day (for a progress bar). @defaultValue nothing */
  readonly onDay?: (done: number, total: number) => void;
}

export interface PracticeYear {
  readonly practice: string;
  readonly seed: number;
  readonly clients: number;
  readonly timeZone: string;
  /** The first and the last practice day simulated. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly store: EventStore<PracticeEvent>;
  readonly ledger: PracticeLedger;
  /** The client whose credit history shows every kind of change. */
  readonly featuredClient: string;
  /** The requests the rules refused, by code, in code order. */
  readonly refusals: readonly (readonly [code: string, count: number])[];
}

export const DEFAULT_SEED = 1;
export const DEFAULT_CLIENTS = 40;

export const simulatePracticeYear = async (options: PracticeYearOptions = {}): Promise<PracticeYear> => {
  const seed = options.seed ?? DEFAULT_SEED;
  const clients = options.clients ?? DEFAULT_CLIENTS;
  const store = options.store ?? createInMemoryEventStore(practiceEvents);
  const clock = manualClock(startOfPracticeDay(YEAR_START, TIME_ZONE));
  const ledger = createPracticeLedger({ store, clock, ids: sequentialIds('cmd'), timeZone: TIME_ZONE, policies });
  const random = seededRandom(seed);
  const world = createWorld(ledger, store, random);
  const at = (day: LocalDate, hour: number): void => {
    clock.set(startOfPracticeDay(day, TIME_ZONE));
    clock.advanceHours(hour);
  };

  at(YEAR_START, 8);
  await setUpPractice(ledger);
  const agenda = new Agenda();
  castAgenda(world, agenda);
  crowdAgenda(world, agenda, random, clients);

  const total = daysBetween(YEAR_START, YEAR_END) + 1;
  for (let i = 0, day = YEAR_START; day <= YEAR_END; i++, day = addDays(day, 1)) {
    at(day, 9);
    await ledger.tick();
    await world.card.settle();
    at(day, 10);
    await agenda.run(day);
    await world.card.settle();
    options.onDay?.(i + 1, total);
  }

  return {
    practice: PRACTICE_NAME,
    seed,
    clients,
    timeZone: TIME_ZONE,
    from: YEAR_START,
    to: YEAR_END,
    store,
    ledger,
    featuredClient: FEATURED_CLIENT,
    refusals: [...world.refusals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
};
