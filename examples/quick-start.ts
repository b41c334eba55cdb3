import * as t from 'io-ts';
import {
  createEventRegistry,
  defineEvent,
  localDate,
  money,
  formatMoney,
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

  // 3. Append an event to the embedded store and read it back.
  const NoteRecorded = defineEvent('NoteRecorded', t.type({ text: t.string }));
  const store = createInMemoryEventStore(createEventRegistry([NoteRecorded]));
  await store.appendToStream(
    'notes-c42',
    [{ event: { type: 'NoteRecorded', data: { text: 'First visit' } }, eventId: 'e-1', metadata: { at: '2025-04-16T09:00:00.000Z' } }],
    { expectedRevision: 'no_stream' },
  );
  for await (const event of store.readStream('notes-c42')) {
    print(`Read back: ${event.streamName}@${event.revision} ${event.type} "${event.data.text}"`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await quickStart();
