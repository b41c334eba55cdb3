import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { MoneyC } from '../../../core/values/money.js';
import { LocalDateC } from '../../../core/values/local-date.js';
import { PeriodC } from '../../../core/values/period.js';
import { InstantC, instantFromMillis } from '../../../core/values/calendar.js';
import { PercentC } from '../../../core/values/percent.js';
import { FrequencyC } from '../../../core/rules/billing-calendar.js';
import { arbFrequency, arbLocalDate, arbMoney, arbPeriod } from '../../../testing/arbitraries.js';

const roundTrips = <A, O>(codec: t.Type<A, O, unknown>, value: A): void => {
  const json = JSON.parse(JSON.stringify(codec.encode(value))) as unknown;
  const decoded = codec.decode(json);
  expect(isRight(decoded) && decoded.right).toEqual(value);
};

describe('law: every value codec round-trips through JSON', () => {
  it('Money, LocalDate, Period, Instant, Percent, Frequency', () => {
    fc.assert(
      fc.property(
        arbMoney(),
        arbLocalDate(),
        arbPeriod(),
        fc.integer({ min: 0, max: 4_102_444_800_000 }).map(instantFromMillis),
        fc.integer({ min: 0, max: 10_000 }).map((bp) => PercentC.decode(bp / 100)),
        arbFrequency(),
        (m, d, p, i, pct, f) => {
          roundTrips(MoneyC, m);
          roundTrips(LocalDateC, d);
          roundTrips(PeriodC, p);
          roundTrips(InstantC, i);
          if (isRight(pct)) roundTrips(PercentC, pct.right);
          else throw new Error('every basis-point percentage is valid');
          roundTrips(FrequencyC, f);
        },
      ),
    );
  });
});
