import { isLeft } from 'fp-ts/lib/Either.js';
import {
  createCommandHandler,
  creditsCommandStream,
  creditsCommands,
  creditsDecider,
  creditsEvents,
  formatMoney,
  localDate,
  money,
  periodContaining,
  prorate,
  renewalDates,
} from 'practice-ledger';
import { createInMemoryEventStore } from 'practice-ledger/in-memory';

export async function quickStart(print: (line: string) => void = console.log): Promise<void> {
  // 1. Quote a monthly membership that starts on Jan 31: renewals clamp to month ends.
  const start = localDate('2025-01-31');
  print(`Renewals: ${renewalDates(start, 'monthly', 3).join(', ')}`);

  // 2. Quote an upgrade from a $10 to a $20 tier on Apr 16, halfway through April.
  const period = periodContaining(localDate('2025-04-01'), 'monthly', localDate('2025-04-16'));
  const rest = { start: localDate('2025-04-16'), end: period.end };
  const credit = prorate(money(1000, 'USD'), period, rest);
  const charge = prorate(money(2000, 'USD'), period, rest);
  print(`Upgrade: credit ${formatMoney(credit)}, charge ${formatMoney(charge)}, net ${formatMoney(money(charge.amount - credit.amount, 'USD'))}`);

  // 3. Grant a client 3 facial credits and book one, on the embedded store, then read the log back.
  const store = createInMemoryEventStore(creditsEvents);
  const credits = createCommandHandler({
    store,
    decider: creditsDecider,
    events: creditsEvents,
    streamName: creditsCommandStream,
    commands: creditsCommands,
  });
  const at = '2025-04-16T09:00:00.000Z';
  await credits.handleInput(
    { type: 'GrantCredits', clientId: 'c42', on: '2025-04-16', appointmentType: 'facial', quantity: 3, source: 'manual' },
    { commandId: 'grant-1', at, actor: 'provider:ann' },
  );
  await credits.handleInput(
    { type: 'BookSession', clientId: 'c42', on: '2025-04-16', bookingId: 'b1', appointmentType: 'facial', channel: 'client_portal' },
    { commandId: 'book-1', at, actor: 'client:c42' },
  );
  // Untrusted input is decoded at the edge: an impossible date is refused, naming the field, and nothing is written.
  const refused = await credits.handleInput(
    { type: 'BookSession', clientId: 'c42', on: '2025-02-30', bookingId: 'b2', appointmentType: 'facial', channel: 'client_portal' },
    { commandId: 'book-2', at },
  );
  if (isLeft(refused)) print(`Refused: ${refused.left.code} on "${refused.left.field}"`);
  for await (const event of store.readStream('credits-c42')) {
    print(`Read back: ${event.streamName}@${event.revision} ${event.type}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await quickStart();
