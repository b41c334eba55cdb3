/**
 * A read model of the counter events for the runner tests: totals per stream, plus what a
 * runner must never do — apply an event twice (`repeats`) or skip one (`gaps`; positions
 * in a fresh store are 0, 1, 2, … with no holes).
 */
import * as t from 'io-ts';
import type { Projection } from '../../projections/projection.js';
import type { CounterEvent } from './counter.js';

export const CounterTotalsC = t.type({
  count: t.number,
  totals: t.record(t.string, t.number),
  lastPosition: t.union([t.number, t.null]),
  gaps: t.number,
  repeats: t.number,
});
export type CounterTotals = t.TypeOf<typeof CounterTotalsC>;

export const counterTotals = (name = 'counter-totals'): Projection<CounterEvent, CounterTotals> => ({
  name,
  initial: { count: 0, totals: {}, lastPosition: null, gaps: 0, repeats: 0 },
  apply: (model, event) => {
    const position = Number(event.position);
    const last = model.lastPosition ?? -1;
    const by = event.type === 'CounterIncremented' ? event.data.by : 0;
    return {
      count: model.count + 1,
      totals: { ...model.totals, [event.streamName]: (model.totals[event.streamName] ?? 0) + by },
      lastPosition: Math.max(position, last),
      gaps: model.gaps + (position > last + 1 ? 1 : 0),
      repeats: model.repeats + (position <= last ? 1 : 0),
    };
  },
});
