import {
  createCommandHandler,
  formatMoney,
  localDate,
  membershipCommandStream,
  membershipDecider,
  membershipEvents,
  membershipTerms,
  money,
  packageDecider,
  packageEvents,
  packageStreamOf,
  practiceEvents,
  type PackageTerms,
} from 'practice-ledger';
import { createInMemoryEventStore } from 'practice-ledger/in-memory';
import { reportAsOf, reports, revenueReport } from 'practice-ledger/projections';

const gold = membershipTerms('gold', 1, { name: 'Gold', price: money(99_00, 'USD'), frequency: 'monthly' });
const facials: PackageTerms = {
  definitionId: 'six-pack-facials',
  version: 1,
  name: '6-Pack Facials',
  items: [{ serviceId: 'facial', quantity: 6, unitValue: money(100_00, 'USD') }],
  price: money(450_00, 'USD'),
  restrictions: { transferable: false, shareable: false, blackoutDates: [] },
};

export async function reportsExample(print: (line: string) => void = console.log): Promise<void> {
  const store = createInMemoryEventStore(practiceEvents);
  const memberships = createCommandHandler({ store, decider: membershipDecider, events: membershipEvents, streamName: membershipCommandStream });
  const packages = createCommandHandler({ store, decider: packageDecider, events: packageEvents, streamName: packageStreamOf });

  // 1. March: ann joins Gold ($99 charged on Mar 1), bob buys 6 facials; April: ann renews.
  await memberships.handle({ type: 'SignUpForMembership', membershipId: 'm-ann', clientId: 'ann', terms: gold, on: localDate('2025-03-01') }, { commandId: 'c1', at: '2025-03-01T15:00:00Z' });
  await packages.handle({ type: 'SellPackage', packageId: 'p-bob', clientId: 'bob', terms: facials, channel: 'check-out', on: localDate('2025-03-10') }, { commandId: 'c2', at: '2025-03-10T15:00:00Z' });
  await memberships.handle({ type: 'RenewMembership', membershipId: 'm-ann', on: localDate('2025-04-01') }, { commandId: 'c3', at: '2025-04-01T15:00:00Z' });

  // 2. Time travel: the revenue report as it stood at the end of March 31 in New York.
  const march = await reportAsOf(revenueReport, store, { asOf: localDate('2025-03-31'), timeZone: 'America/New_York' });
  print(`Revenue as of 2025-03-31: ${march.total.map((m) => formatMoney(m)).join(', ')}`);

  // 3. Any report by name, rendered as tables (what the CLI prints as text, CSV or JSON).
  const retention = await reports['member-retention'].run(store, { asOf: localDate('2025-04-30'), timeZone: 'America/New_York' });
  const churn = retention.tables.find((t) => t.title.startsWith('Churn'));
  print(churn?.columns.join(' | ') ?? '');
  for (const row of churn?.rows ?? []) print(row.map((cell) => cell ?? '-').join(' | '));
}

if (import.meta.url === `file://${process.argv[1]}`) await reportsExample();
