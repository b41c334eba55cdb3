/**
 * Duplicate delivery: 1,000 commands — grants, bookings, sign-ups (which charge), package
 * sales (whose flows grant), enrollments, wallet credits, transfers — each delivered twice
 * with the same command id, the second copy interleaved among later commands (and some pairs
 * at the same moment). Each grants, charges and enrolls once: the log is the one a single
 * delivery of each writes, event for event, and every second copy resolves as already
 * applied (or is refused as the first was). The figures are printed for the CI log.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createInMemoryEventStore } from '../../adapters/in-memory/index.js';
import { manualClock, sequentialIds } from '../../adapters/system/index.js';
import { practiceEvents, type PracticeEvent } from '../../core/events.js';
import type { EventStore } from '../../core/kernel/event-store.js';
import { DomainErrorException } from '../../core/kernel/errors.js';
import { createPracticeLedger, type PracticeLedger, type Recorded } from '../../core/service/index.js';
import { PRACTICE_OWNER } from '../../testing/index.js';

const COMMANDS = 1_000;
const usd = (amount: number) => ({ amount, currency: 'USD' });

/** The i-th command, as a call on the facade with its command id. */
const commandOf = (i: number): { readonly kind: string; readonly send: (ledger: PracticeLedger) => Promise<Recorded> } => {
  const commandId = `delivery-${i}`;
  const round = i - (i % 9);
  // Each round of nine: a grant to a client, their booking and its cancellation, a package sold and applied, a transfer of their credits, and the rest.
  const client = (n: number) => `client-${n % 25}`;
  const clientId = client(round / 9);
  const type = (round / 9) % 2 === 0 ? 'facial' : 'massage';
  switch (i % 9) {
    case 0:
      return { kind: 'grant', send: (l) => l.grantCredits({ commandId, clientId, appointmentType: type, quantity: 1 + (i % 4), source: 'manual' }) };
    case 1:
      return { kind: 'booking', send: (l) => l.bookSession({ commandId, clientId, bookingId: `booking-${i}`, appointmentType: type, channel: 'provider' }) };
    case 2:
      return { kind: 'sign-up', send: (l) => l.signUpForMembership({ commandId, clientId, planId: i % 3 === 0 ? 'gold' : 'silver' }) };
    case 3:
      return { kind: 'package sale', send: (l) => l.sellPackage({ commandId, packageId: `package-${round}`, clientId, definitionId: 'three-facials', channel: 'check-out' }) };
    case 4:
      return { kind: 'enrollment', send: (l) => l.enrollClientInProgram({ commandId, programId: i % 16 === 4 ? 'reset' : 'glow', clientId, by: PRACTICE_OWNER }) };
    case 5:
      return { kind: 'wallet credit', send: (l) => l.creditWallet({ commandId, clientId, amount: usd(100 + i), reason: 'courtesy' }) };
    case 6:
      return { kind: 'transfer', send: (l) => l.transferCredits({ commandId, fromClientId: clientId, toClientId: client(round / 9 + 1), appointmentType: type, quantity: 1 }) };
    case 7:
      return { kind: 'package applied', send: (l) => l.applyServiceToPackage({ commandId, packageId: `package-${round}`, clientId, serviceId: 'facial', appointmentId: `appointment-${i}` }) };
    default:
      return { kind: 'cancellation', send: (l) => l.cancelBooking({ commandId, clientId, bookingId: `booking-${round + 1}` }) };
  }
};

const practice = async () => {
  const store = createInMemoryEventStore(practiceEvents);
  const ledger = createPracticeLedger({ store, clock: manualClock('2025-03-03T09:00:00.000Z'), ids: sequentialIds('fresh') });
  await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(9900), frequency: 'monthly', includedServices: [{ serviceId: 'facial', quantity: 2 }] });
  await ledger.defineMembershipPlan({ planId: 'silver', name: 'Silver', price: usd(4900), frequency: 'monthly' });
  await ledger.definePackage({ definitionId: 'three-facials', name: 'Three facials', items: [{ serviceId: 'facial', quantity: 3, unitValue: usd(9000) }], price: usd(24000), programId: 'glow' });
  for (const programId of ['glow', 'reset']) {
    await ledger.createProgram({ programId, by: PRACTICE_OWNER, definition: { name: programId, kind: 'standard', modules: [{ moduleId: 'one', title: 'One', kind: 'video', releaseDay: 0 }] } });
  }
  return { store, ledger };
};

type Outcome = { readonly recorded: Recorded } | { readonly refused: string };
const deliver = async (ledger: PracticeLedger, i: number): Promise<Outcome> => {
  try {
    return { recorded: await commandOf(i).send(ledger) };
  } catch (error) {
    if (error instanceof DomainErrorException) return { refused: error.code };
    throw error;
  }
};

const logOf = async (store: EventStore<PracticeEvent>): Promise<string[]> => {
  const out: string[] = [];
  for await (const e of store.readAll()) out.push(JSON.stringify([e.streamName, String(e.revision), e.eventId, e.type, practiceEvents.encode(e).data, e.metadata.commandId]));
  return out;
};

/** Delivers every command twice: the second copy `delay(i)` deliveries after the first, or at the same moment. */
const deliverTwice = async (ledger: PracticeLedger, delay: (i: number) => number | 'together') => {
  const pending = new Map<number, number[]>();
  const outcomes = new Map<number, Outcome[]>();
  const note = (i: number, o: Outcome): void => {
    outcomes.set(i, [...(outcomes.get(i) ?? []), o]);
  };
  let together = 0;
  for (let step = 0; step < COMMANDS + 31; step++) {
    if (step < COMMANDS) {
      const d = delay(step);
      if (d === 'together') {
        together += 1;
        for (const o of await Promise.all([deliver(ledger, step), deliver(ledger, step)])) note(step, o);
      } else {
        note(step, await deliver(ledger, step));
        pending.set(step + d, [...(pending.get(step + d) ?? []), step]);
      }
    }
    for (const i of pending.get(step) ?? []) note(i, await deliver(ledger, i));
  }
  return { outcomes, together };
};

const count = (log: readonly string[], type: string): number => log.filter((l) => l.includes(`"${type}"`)).length;

describe('hostile input: duplicate delivery', () => {
  it(`${COMMANDS.toLocaleString('en')} commands each delivered twice in a row (or at the same moment) write the log one delivery writes, event for event`, async () => {
    const once = await practice();
    for (let i = 0; i < COMMANDS; i++) await deliver(once.ledger, i);
    const twice = await practice();
    const { outcomes, together } = await deliverTwice(twice.ledger, (i) => (i % 5 === 0 ? 'together' : 0));
    const single = await logOf(once.store);
    const doubled = await logOf(twice.store);
    expect(doubled).toEqual(single);
    const again = [...outcomes.values()].filter(([a, b]) => a !== undefined && b !== undefined && 'recorded' in a && 'recorded' in b && (a.recorded.alreadyApplied || b.recorded.alreadyApplied)).length;
    console.log(
      [
        `duplicate delivery (adjacent): ${COMMANDS} commands sent twice with the same command id (${2 * COMMANDS} deliveries, ${together} pairs at the same moment)`,
        `  copies answered "already applied": ${again}; grants ${count(doubled, 'CreditsGranted')}, charges ${count(doubled, 'MembershipChargeRequested')}, enrollments ${count(doubled, 'ClientEnrolledInProgram') + count(doubled, 'ProgramAccessAdded')}`,
        `  the log (${doubled.length} events) is the one a single delivery of each writes: ${doubled.length === single.length}`,
      ].join('\n'),
    );
  });

  it(`${COMMANDS.toLocaleString('en')} commands each delivered twice, the copies interleaved 0–30 deliveries apart, grant, charge and enroll once`, async () => {
    const delays = fc.sample(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 9 })), { numRuns: COMMANDS, seed: 42 });
    const { ledger, store } = await practice();
    const { outcomes, together } = await deliverTwice(ledger, (i) => {
      const [d, t] = delays[i] ?? [0, 1];
      return t === 0 ? 'together' : d;
    });
    const events: { readonly type: string; readonly streamName: string; readonly commandId: string | undefined; readonly revision: bigint; readonly source?: string; readonly applied?: boolean }[] = [];
    for await (const e of store.readAll()) {
      events.push({
        type: e.type,
        streamName: e.streamName,
        commandId: e.metadata.commandId,
        revision: e.revision,
        ...(e.type === 'CreditsGranted' ? { source: e.data.source } : {}),
        ...(e.type === 'SessionBooked' ? { applied: e.data.appliedToPackage === true } : {}),
      });
    }
    // No command id was applied twice: the events of one command on one stream are one append (consecutive revisions).
    const appends = new Map<string, bigint[]>();
    for (const e of events) {
      const key = `${e.streamName} ${e.commandId ?? ''}`;
      appends.set(key, [...(appends.get(key) ?? []), e.revision]);
    }
    for (const [key, revisions] of appends) expect(revisions.every((r, k) => k === 0 || r === (revisions[k - 1] ?? 0n) + 1n), key).toBe(true);
    // Each delivered command that was recorded: one copy applied it, the other found it applied (with the same events).
    const kinds = new Map<string, { recorded: number; refused: number }>();
    let applied = 0;
    let found = 0;
    for (let i = 0; i < COMMANDS; i++) {
      const copies = outcomes.get(i) ?? [];
      expect(copies, `command ${i}`).toHaveLength(2);
      const recorded = copies.flatMap((o) => ('recorded' in o ? [o.recorded] : []));
      const fresh = recorded.filter((r) => !r.alreadyApplied);
      expect(fresh.length, `command ${i} (${commandOf(i).kind}) applied`).toBeLessThanOrEqual(1);
      if (recorded.length === 2) expect(recorded[0]?.events.map((e) => e.eventId)).toEqual(recorded[1]?.events.map((e) => e.eventId));
      applied += fresh.length;
      found += recorded.length - fresh.length;
      const k = kinds.get(commandOf(i).kind) ?? { recorded: 0, refused: 0 };
      kinds.set(commandOf(i).kind, recorded.length > 0 ? { ...k, recorded: k.recorded + 1 } : { ...k, refused: k.refused + 1 });
    }
    // Grants, charges and enrollments: one per command that was recorded.
    const ofKind = (kind: string) => kinds.get(kind)?.recorded ?? 0;
    const byCommand = (type: string, kind: string) =>
      events.filter((e) => e.type === type && e.commandId !== undefined && e.commandId.startsWith('delivery-') && commandOf(Number(e.commandId.slice('delivery-'.length))).kind === kind).length;
    expect(byCommand('CreditsGranted', 'grant')).toBe(ofKind('grant'));
    expect(byCommand('MembershipChargeRequested', 'sign-up')).toBe(ofKind('sign-up'));
    expect(byCommand('PackageSold', 'package sale')).toBe(ofKind('package sale'));
    expect(byCommand('ClientEnrolledInProgram', 'enrollment') + byCommand('ProgramAccessAdded', 'enrollment')).toBe(ofKind('enrollment'));
    expect(byCommand('WalletCredited', 'wallet credit')).toBe(ofKind('wallet credit'));
    expect(byCommand('SessionBooked', 'booking')).toBe(ofKind('booking'));
    expect(byCommand('PackageServiceApplied', 'package applied')).toBe(ofKind('package applied'));
    // A service applied to a package booked its session once in the ledger (the flow).
    expect(events.filter((e) => e.applied === true).length).toBe(byCommand('PackageServiceApplied', 'package applied'));
    // A sale's flows granted its credits once: one grant per package sold.
    expect(events.filter((e) => e.source === 'package' && !(e.commandId ?? '').startsWith('delivery-')).length).toBe(byCommand('PackageSold', 'package sale'));
    console.log(
      [
        `duplicate delivery (interleaved): ${COMMANDS} commands sent twice with the same command id (${2 * COMMANDS} deliveries; ${together} pairs at the same moment, the rest 0–30 deliveries apart)`,
        `  ${[...kinds].map(([kind, k]) => `${kind} ${k.recorded} recorded/${k.refused} refused`).join(', ')}`,
        `  applied: ${applied} (never twice); copies answered "already applied": ${found}`,
        `  grants ${byCommand('CreditsGranted', 'grant')} (+${byCommand('PackageSold', 'package sale')} by package sales), charges ${byCommand('MembershipChargeRequested', 'sign-up')}, enrollments ${byCommand('ClientEnrolledInProgram', 'enrollment') + byCommand('ProgramAccessAdded', 'enrollment')}: one per recorded command`,
      ].join('\n'),
    );
  });
});
