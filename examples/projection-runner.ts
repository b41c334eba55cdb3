/**
 * Running a projection with the runner: the practice's credits report kept up to date
 * from the log. The runner folds `$all` from its checkpoint in batches and saves the model
 * with the checkpoint after each, so a restart neither skips nor repeats an event; a
 * rebuild folds from the first event again and finds the same model (a projection is a
 * pure fold). On PostgreSQL the checkpoint store is `createPostgresCheckpointStore`.
 */
import { createPracticeLedger, practiceEvents } from 'practice-ledger';
import { createInMemoryCheckpointStore, createInMemoryEventStore } from 'practice-ledger/in-memory';
import { manualClock, sequentialIds } from 'practice-ledger/system';
import { clientsInNegativeCredits, createProjectionRunner, creditBalances, creditsReportProjection, type CreditsReportModel } from 'practice-ledger/projections';

const balances = (model: CreditsReportModel): string => creditBalances(model).map((b) => `${b.clientId} ${b.appointmentType} ${b.balance}`).join(', ');

export async function projectionRunner(print: (line: string) => void = console.log): Promise<void> {
  const store = createInMemoryEventStore(practiceEvents);
  const ledger = createPracticeLedger({
    store,
    clock: manualClock('2025-03-03T14:00:00Z'),
    ids: sequentialIds('cmd'),
    timeZone: 'America/New_York',
    policies: { credits: { preventOnSharedLinks: false } }, // a shared booking link may book without credit
  });
  const runner = createProjectionRunner({ projection: creditsReportProjection, store, checkpoints: createInMemoryCheckpointStore<CreditsReportModel>(), batchSize: 2 });

  // A package's massages, one booked; the runner folds the log so far.
  await ledger.grantCredits({ clientId: 'c42', appointmentType: 'massage', quantity: 3, source: 'package', reference: 'pkg-7' });
  await ledger.bookSession({ clientId: 'c42', bookingId: 'b1', appointmentType: 'massage', channel: 'client_portal' });
  let status = await runner.catchUp();
  print(`Up to position ${status.position}: ${balances(status.model)}`);

  // More happens; the next catch-up folds only the events after the checkpoint.
  await ledger.bookSession({ clientId: 'c7', bookingId: 'b2', appointmentType: 'massage', channel: 'shared_link' });
  await ledger.cancelBooking({ clientId: 'c42', bookingId: 'b1' });
  status = await runner.catchUp();
  print(`Up to position ${status.position}: ${balances(status.model)}`);
  print(`In negative credits: ${clientsInNegativeCredits(status.model).map((b) => `${b.clientId} (${b.balance})`).join(', ')}`);

  // A rebuild forgets the saved model and folds from the first event: the same model.
  const rebuilt = await runner.rebuild();
  print(`Rebuilt up to position ${rebuilt.position}: ${balances(rebuilt.model) === balances(status.model) ? 'the same balances' : 'different balances'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await projectionRunner();
