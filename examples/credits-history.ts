/**
 * A family's session credits over a few months, through the command handler and the
 * embedded store: a package, membership credits and their rollover, bookings and
 * cancellations, a booking without credit repaid by the next grant, manual edits, a
 * settings change, expiry, a refund, an extension, and transfers between family members
 * (one declined and undone). It prints Alex's Follow-up credit history — every kind of
 * reason — and the practice's credits report.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../adapters/in-memory/index.js';
import {
  createCommandHandler,
  creditsCommandStream,
  creditsDecider,
  creditsEvents,
  localDate,
  percent,
  transferCredits,
  type CreditsCommand,
  type RecordedEvent,
  type CreditsEvent,
} from '../core/index.js';
import {
  clientCredits,
  clientsInNegativeCredits,
  creditHistory,
  creditHistoryProjection,
  creditsByMonth,
  creditsExpiringWithin,
  creditsReportProjection,
  projectAll,
} from '../projections/index.js';

const FOLLOW_UP = 'Follow-up';

export async function creditsHistoryDemo(print: (line: string) => void = console.log): Promise<void> {
  const store = createInMemoryEventStore(creditsEvents);
  const handler = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });
  let n = 0;
  const send = async (command: CreditsCommand, actor = 'dr-lee'): Promise<void> => {
    n += 1;
    const result = await handler.handle(command, { commandId: `demo-${n}`, at: `${command.on}T09:00:00.000Z`, actor });
    if (isLeft(result)) throw new Error(`${command.type} was refused: ${result.left.message}`);
  };
  const d = localDate;
  const alex = { clientId: 'alex', appointmentType: FOLLOW_UP } as const;
  const prevent = { allowBookingWithoutCredits: false };

  // January: a 6-pack of follow-ups (valid 6 months) and the VIP membership's 3 credits for the month.
  await send({ type: 'GrantCredits', ...alex, quantity: 6, source: 'package', reference: 'pkg-6-follow-ups', expiresOn: d('2025-07-06'), on: d('2025-01-06') });
  await send({ type: 'GrantCredits', ...alex, quantity: 3, source: 'membership', reference: 'vip/2025-01', expiresOn: d('2025-02-06'), on: d('2025-01-06') });
  await send({ type: 'BookSession', ...alex, bookingId: 'appt-1', channel: 'client_portal', on: d('2025-01-08'), policy: prevent }, 'alex');
  await send({ type: 'CancelBooking', clientId: 'alex', bookingId: 'appt-1', on: d('2025-01-09'), policy: prevent }, 'alex');
  await send({ type: 'BookSession', ...alex, bookingId: 'appt-2', channel: 'shared_link', on: d('2025-01-20'), policy: prevent }, 'alex');
  // Period end: half of the unused membership credits roll over (at most 1), the rest expire.
  await send({ type: 'RollOverCredits', clientId: 'alex', fromReference: 'vip/2025-01', toReference: 'vip/2025-01/rollover', percent: percent(50), cap: 1, expiresOn: d('2025-03-06'), on: d('2025-02-06') }, 'system');
  await send({ type: 'GrantCredits', ...alex, quantity: 2, source: 'renewal', reference: 'monthly-follow-up', expiresOn: d('2025-03-06'), on: d('2025-02-06') }, 'system');
  await send({ type: 'GrantCredits', ...alex, quantity: 1, source: 'promotional', reference: 'referral-bonus', on: d('2025-02-10') });
  await send({ type: 'GrantCredits', ...alex, quantity: 1, source: 'courtesy', note: 'Late start on Feb 10', on: d('2025-02-10') });
  await send({ type: 'GrantCredits', ...alex, quantity: 1, source: 'manual', by: 'dr-lee', note: 'Paid at the front desk', on: d('2025-02-11') });
  await send({ type: 'SetCreditBalance', ...alex, balance: 13, by: 'dr-lee', reason: 'Corrected after an audit', on: d('2025-02-12') });
  // A booking from the rolled-over lot, cancelled after that lot expired: nothing comes back.
  await send({ type: 'BookSession', ...alex, bookingId: 'appt-3', channel: 'provider', on: d('2025-03-01'), policy: prevent });
  await send({ type: 'ExpireCredits', clientId: 'alex', on: d('2025-03-06') }, 'system');
  await send({ type: 'CancelBooking', clientId: 'alex', bookingId: 'appt-3', on: d('2025-03-07'), policy: prevent });
  // The client's own settings: credits are no longer restored when they cancel.
  await send({ type: 'AdjustCreditSettings', clientId: 'alex', overrides: { restoreOnCancel: false }, by: 'dr-lee', on: d('2025-03-10') });
  await send({ type: 'BookSession', ...alex, bookingId: 'appt-4', channel: 'client_portal', on: d('2025-03-12'), policy: prevent }, 'alex');
  await send({ type: 'CancelBooking', clientId: 'alex', bookingId: 'appt-4', on: d('2025-03-13'), policy: prevent }, 'alex');
  await send({ type: 'AdjustCreditSettings', clientId: 'alex', overrides: {}, by: 'dr-lee', on: d('2025-03-14') });
  // The package gets a one-time extension, then is refunded; a booking from it cancelled afterwards gets nothing back.
  await send({ type: 'ExtendCreditExpiry', clientId: 'alex', reference: 'pkg-6-follow-ups', expiresOn: d('2025-10-06'), reason: 'One-time extension', on: d('2025-04-01') });
  await send({ type: 'BookSession', ...alex, bookingId: 'appt-5', channel: 'provider', on: d('2025-04-02'), policy: prevent, fromReference: 'pkg-6-follow-ups' });
  await send({ type: 'AdjustCredits', ...alex, delta: -1, by: 'dr-lee', reason: 'Session delivered off the books', on: d('2025-04-02') });
  // The family case: Alex gives 2 follow-ups to Sam; a gift to Jordan, whose credits are off, is undone.
  const family = { fromClientId: 'alex', appointmentType: FOLLOW_UP, quantity: 2, by: 'dr-lee' };
  await send({ type: 'AdjustCreditSettings', clientId: 'jordan', overrides: { enabled: false }, by: 'dr-lee', on: d('2025-04-03') });
  await transferCredits(handler, { ...family, transferId: 'gift-to-sam', toClientId: 'sam', on: d('2025-04-03') }, { at: '2025-04-03T09:00:00.000Z', actor: 'dr-lee' });
  await transferCredits(handler, { ...family, transferId: 'gift-to-jordan', toClientId: 'jordan', on: d('2025-04-03') }, { at: '2025-04-03T09:05:00.000Z', actor: 'dr-lee' });
  await send({ type: 'VoidCredits', clientId: 'alex', reference: 'pkg-6-follow-ups', reason: 'Package refunded', on: d('2025-04-04') });
  await send({ type: 'CancelBooking', clientId: 'alex', bookingId: 'appt-5', on: d('2025-04-05'), policy: prevent });
  // A booking without credit (the practice allows it that day) is repaid by the next grant.
  await send({ type: 'SetCreditBalance', ...alex, balance: 0, by: 'dr-lee', reason: 'Starting over', on: d('2025-04-06') });
  await send({ type: 'BookSession', ...alex, bookingId: 'appt-6', channel: 'provider', on: d('2025-04-07'), policy: { allowBookingWithoutCredits: true } });
  await send({ type: 'GrantCredits', ...alex, quantity: 3, source: 'package', reference: 'pkg-3-follow-ups', expiresOn: d('2025-10-07'), on: d('2025-04-08') });

  const events: RecordedEvent<CreditsEvent>[] = [];
  for await (const e of store.readAll()) events.push(e);
  const history = projectAll(creditHistoryProjection, events);
  const report = projectAll(creditsReportProjection, events);

  print(`Alex — ${FOLLOW_UP} credit history`);
  for (const e of creditHistory(history, 'alex', FOLLOW_UP)) {
    const delta = e.delta > 0 ? `+${e.delta}` : String(e.delta);
    print(`${e.on}  ${e.reason.padEnd(28)} ${delta.padStart(3)} ${String(e.balance).padStart(4)}  ${e.description}`);
  }
  print('');
  print(`Sam — ${FOLLOW_UP}: ${creditHistory(history, 'sam', FOLLOW_UP).map((e) => `${e.reason} ${e.delta > 0 ? '+' : ''}${e.delta}`).join(', ')}`);
  for (const c of clientCredits(report, 'alex')) {
    print(`Alex sees: ${c.balance} ${c.appointmentType} credits left${c.nearestExpiry === null ? '' : `, ${c.expiringThen} expiring on ${c.nearestExpiry}`}`);
  }
  print(`In negative credits: ${clientsInNegativeCredits(report).map((b) => `${b.clientId} (${b.balance})`).join(', ') || 'nobody'}`);
  print(`Expiring from 2025-04-08 within 200 days: ${creditsExpiringWithin(report, d('2025-04-08'), 200).map((x) => `${x.clientId} ${x.quantity} on ${x.expiresOn}`).join(', ')}`);
  print('Month     Type        granted used restored expired voided in out adjusted');
  for (const m of creditsByMonth(report)) {
    print(`${m.month}   ${m.appointmentType.padEnd(10)} ${[m.granted, m.used, m.restored, m.expired, m.voided, m.transferredIn, m.transferredOut, m.adjusted].map((x) => String(x).padStart(6)).join('')}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await creditsHistoryDemo();
