/**
 * Handling a booking with the Promise facade, as a platform that does not use fp-ts
 * would: one ledger over the embedded store, methods in the domain's words that resolve
 * to the recorded events or reject with a typed `DomainErrorException`.
 */
import { createPracticeLedger, DomainErrorException, practiceEvents } from 'practice-ledger';
import { createInMemoryEventStore } from 'practice-ledger/in-memory';
import { manualClock, sequentialIds } from 'practice-ledger/system';

export async function bookingWithPromiseFacade(print: (line: string) => void = console.log): Promise<void> {
  const ledger = createPracticeLedger({
    store: createInMemoryEventStore(practiceEvents),
    clock: manualClock('2025-03-03T14:00:00Z'), // systemClock in production
    ids: sequentialIds('cmd'), // uuidV7Ids in production
    timeZone: 'America/New_York',
    policies: { credits: { allowBookingWithoutCredits: false, restoreOnCancel: true } },
  });

  // A client buys a 5-session package of massages.
  await ledger.grantCredits({ clientId: 'c42', appointmentType: 'massage', quantity: 5, source: 'package', reference: 'pkg-7' });

  // She books a session: the facade fills in the date and the practice's credit policy.
  const booked = await ledger.bookSession({
    commandId: 'booking-b1', // the platform's id for this request: a retry is applied once
    clientId: 'c42',
    bookingId: 'b1',
    appointmentType: 'massage',
    channel: 'client_portal',
  });
  for (const e of booked.events) print(`${e.streamName}@${e.revision} ${e.type} on ${e.metadata.at}`);

  // The request times out and the platform sends it again: nothing new is recorded.
  const retried = await ledger.bookSession({ commandId: 'booking-b1', clientId: 'c42', bookingId: 'b1', appointmentType: 'massage', channel: 'client_portal' });
  print(`retry applied again: ${!retried.alreadyApplied}`);

  // A facial through a shared booking link, without facial credits, is refused.
  try {
    await ledger.bookSession({ clientId: 'c42', bookingId: 'b2', appointmentType: 'facial', channel: 'shared_link' });
  } catch (error) {
    if (!(error instanceof DomainErrorException)) throw error;
    print(`refused: ${error.code}`);
  }

  // Bad input from the platform names the field and records nothing.
  await ledger.cancelBooking({ clientId: 'c42', bookingId: 'b1', on: '2025-02-30' }).catch((error: DomainErrorException) => print(`refused: ${error.code} (${error.field})`));

  const cancelled = await ledger.cancelBooking({ clientId: 'c42', bookingId: 'b1' });
  for (const e of cancelled.events) print(`${e.streamName}@${e.revision} ${e.type}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await bookingWithPromiseFacade();
