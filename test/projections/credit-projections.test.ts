import { describe, expect, it } from 'vitest';
import type { CreditsEvent } from '../../core/credits/index.js';
import type { DomainEvent, RecordedEvent } from '../../core/kernel/envelope.js';
import {
  clientCredits,
  clientsInNegativeCredits,
  creditBalances,
  creditHistory,
  creditHistoryProjection,
  creditHistoryTypes,
  creditsByMonth,
  creditsExpiringWithin,
  creditsReportProjection,
  projectAll,
} from '../../projections/index.js';
import { booked, cancelled, d, expired, FOLLOW_UP, granted, INITIAL, policy, repaid } from '../core/credits/fixtures.js';

let position = 0n;
const recorded = (clientId: string, events: readonly DomainEvent[], actor = 'dr-lee'): RecordedEvent<DomainEvent>[] =>
  events.map((e, i) => ({
    ...e,
    streamName: `credits-${clientId}`,
    revision: BigInt(i),
    position: position++,
    eventId: `${clientId}-${i}`,
    schemaVersion: 1,
    metadata: { at: '2025-01-01T09:00:00.000Z', actor },
  }));

const settings: CreditsEvent = { type: 'CreditSettingsAdjusted', data: { overrides: { restoreOnCancel: false }, by: 'dr-kim', on: d('2025-01-05') } };
const allow = policy({ allowBookingWithoutCredits: true });

const alex = recorded('alex', [
  granted(1, 2, { expiresOn: d('2025-02-01'), reference: 'pkg-1' }),
  granted(2, 1, { appointmentType: INITIAL, source: 'courtesy' }),
  booked('b1', 1),
  settings,
  cancelled('b1', 1, 'not_restored', { policy: policy({ restoreOnCancel: false }) }),
  expired(1, 1, d('2025-02-01'), d('2025-02-01')),
  booked('b2', null, { policy: allow, on: d('2025-02-03') }),
]);
const sam = recorded('sam', [
  granted(1, 4, { expiresOn: d('2025-03-01'), on: d('2025-02-10') }),
  granted(2, 1, { expiresOn: d('2025-03-01'), on: d('2025-02-10') }),
  granted(3, 2, { expiresOn: d('2025-04-01'), on: d('2025-02-10') }),
]);
const other: RecordedEvent<DomainEvent> = { type: 'MembershipPaused', data: {}, streamName: 'membership-m1', revision: 0n, position: position++, eventId: 'm', schemaVersion: 1, metadata: { at: '2025-01-01T00:00:00.000Z' } };
const log = [...alex, other, ...sam];

describe('credit history: how the client earned and used credits for one appointment type', () => {
  const history = projectAll(creditHistoryProjection, log);

  it('lists every change in order with its reason, delta and running balance', () => {
    expect(creditHistory(history, 'alex', FOLLOW_UP).map((e) => [e.on, e.reason, e.delta, e.balance])).toEqual([
      ['2025-01-01', 'package_purchased', 2, 2],
      ['2025-01-01', 'appointment_scheduled', -1, 1],
      ['2025-01-05', 'settings_change', 0, 1],
      ['2025-01-01', 'cancellation_not_restored', 0, 1],
      ['2025-02-01', 'expiry', -1, 0],
      ['2025-02-03', 'appointment_scheduled', -1, -1],
    ]);
  });

  it('keeps each appointment type apart; a settings change shows in every type the client has', () => {
    expect(creditHistoryTypes(history, 'alex')).toEqual([FOLLOW_UP, INITIAL]);
    expect(creditHistory(history, 'alex', INITIAL).map((e) => e.reason)).toEqual(['courtesy_grant', 'settings_change']);
    const change = creditHistory(history, 'alex', INITIAL)[1];
    expect(change?.by).toBe('dr-kim');
    expect(change?.description).toBe('Settings adjusted for this client by dr-kim: restoreOnCancel off');
  });

  it('says which booking, lot and package each change is about', () => {
    const [grant, booking] = creditHistory(history, 'alex', FOLLOW_UP);
    expect(grant).toMatchObject({ lot: 1, reference: 'pkg-1', description: '2 credits granted as lot 1 (pkg-1), expiring on 2025-02-01' });
    expect(booking).toMatchObject({ bookingId: 'b1', lot: 1, by: 'dr-lee' });
  });

  it('a debt repaid is a change of no credits that names the bookings it settled', () => {
    const h = projectAll(creditHistoryProjection, recorded('kim', [booked('b1', null, { policy: allow }), granted(1, 3), repaid(1, ['b1'])]));
    expect(creditHistory(h, 'kim', FOLLOW_UP).map((e) => [e.reason, e.delta, e.balance])).toEqual([
      ['appointment_scheduled', -1, -1],
      ['package_purchased', 3, 2],
      ['debt_repaid', 0, 2],
    ]);
  });

  it('rebuilding from the start gives the same history, and the initial model is left untouched', () => {
    expect(creditHistory(projectAll(creditHistoryProjection, log), 'alex', FOLLOW_UP)).toEqual(creditHistory(history, 'alex', FOLLOW_UP));
    expect(creditHistoryProjection.initial.ledgers.size).toBe(0);
  });
});

describe('credits report', () => {
  const report = projectAll(creditsReportProjection, log);

  it('balances per client and type, and the clients in negative credits', () => {
    expect(creditBalances(report)).toEqual([
      { clientId: 'alex', appointmentType: FOLLOW_UP, balance: -1 },
      { clientId: 'alex', appointmentType: INITIAL, balance: 1 },
      { clientId: 'sam', appointmentType: FOLLOW_UP, balance: 7 },
    ]);
    expect(clientsInNegativeCredits(report)).toEqual([{ clientId: 'alex', appointmentType: FOLLOW_UP, balance: -1 }]);
  });

  it('credits expiring in the next N days', () => {
    expect(creditsExpiringWithin(report, d('2025-02-15'), 30)).toEqual([{ clientId: 'sam', appointmentType: FOLLOW_UP, quantity: 5, expiresOn: d('2025-03-01') }]);
    expect(creditsExpiringWithin(report, d('2025-02-15'), 60).map((x) => x.quantity)).toEqual([5, 2]);
    expect(creditsExpiringWithin(report, d('2025-02-15'), 14)).toEqual([]);
  });

  it('per month and type: granted, used, restored, expired', () => {
    expect(creditsByMonth(report).map((m) => [m.month, m.appointmentType, m.granted, m.used, m.restored, m.expired])).toEqual([
      ['2025-01', FOLLOW_UP, 2, 1, 0, 0],
      ['2025-01', INITIAL, 1, 0, 0, 0],
      ['2025-02', FOLLOW_UP, 7, 1, 0, 1],
    ]);
  });

  it('what a client sees: remaining credits per type with the nearest expiry', () => {
    expect(clientCredits(report, 'sam')).toEqual([{ appointmentType: FOLLOW_UP, balance: 7, nearestExpiry: d('2025-03-01'), expiringThen: 5 }]);
    expect(clientCredits(report, 'alex')).toEqual([
      { appointmentType: FOLLOW_UP, balance: -1, nearestExpiry: null, expiringThen: 0 },
      { appointmentType: INITIAL, balance: 1, nearestExpiry: null, expiringThen: 0 },
    ]);
    expect(clientCredits(report, 'nobody')).toEqual([]);
  });
});
