/**
 * Property-testing a practice's own policies: the library's laws, run with the policies the
 * platform configures, and a house rule of the practice's own, in any test runner (each law
 * is an async function that throws when broken, with the shrunk story in the domain's words).
 */
import type { PracticePolicies } from 'practice-ledger';
import { arbPracticePolicies, practiceLaw, practiceLaws } from 'practice-ledger/testing';

/** The practice's configuration, as it is passed to `createPracticeLedger`. */
const myPolicies: PracticePolicies = {
  appointmentTypes: ['facial', 'massage'],
  credits: { allowBookingWithoutCredits: false, preventOnSharedLinks: true, restoreOnCancel: true },
  memberships: { pause: { minMonths: 1, maxMonths: 3 }, dunning: { retries: 2, retryIntervalDays: 5, afterLastFailure: 'cancel' } },
  packages: { refund: { allowAfterExpiry: true } },
};

export async function propertyTestYourPolicy(print: (line: string) => void = console.log): Promise<void> {
  // Every law of the library, over generated months of a practice run with these policies.
  for (const [name, law] of Object.entries(practiceLaws)) {
    await law({ policies: myPolicies, services: ['facial', 'massage'], numRuns: 15, seed: 1 });
    print(`holds: ${name}`);
  }

  // The same laws under any policies a practice might choose.
  await practiceLaws['no sequence of valid commands breaks an invariant']?.({ policies: arbPracticePolicies(), numRuns: 15, seed: 1 });
  print('holds under generated policies too');

  // A house rule: "a client is never turned away for lack of credit". It does not hold
  // under these policies, and the law says why, with the shortest story it could find.
  const neverTurnedAway = practiceLaw('no client is turned away for lack of credit', (_world, step) => {
    const booking = step?.resolved.kind === 'command' && step.resolved.input.type === 'BookSession';
    if (booking && step.code === 'INSUFFICIENT_CREDITS') throw new Error('a booking was refused for lack of credit');
  });
  try {
    await neverTurnedAway({ policies: myPolicies, services: ['facial', 'massage'], numRuns: 50, seed: 1 });
  } catch (error) {
    const story = error instanceof Error ? error.message.split('\n') : [];
    for (const line of story.filter((l) => l.startsWith('Law broken') || /^\d+\. /.test(l))) print(line);
  }
}
