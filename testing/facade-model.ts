/**
 * A model-based test of the Promise facade (fast-check `commands`): a reference model a
 * person can check by hand — credit balances, open bookings, membership statuses, wallet
 * balances, who is enrolled — and commands that run against both the model and a real
 * `createPracticeLedger`. After every command the facade's answer (recorded, or refused
 * with the code the model expects) and every balance and status read back from the store
 * must be the model's. Run it on any store: `checkFacadeAgainstModel({ store })`.
 */
import fc from 'fast-check';
import { manualClock, sequentialIds } from '../adapters/system/index.js';
import { creditBalance, creditsDecider, creditsEvents, creditsStream } from '../core/credits/index.js';
import { DomainErrorException } from '../core/kernel/errors.js';
import type { EventStore } from '../core/kernel/event-store.js';
import type { PracticeEvent } from '../core/events.js';
import { membershipDecider, membershipEvents, membershipStatus, membershipStream } from '../core/memberships/index.js';
import { enrollmentDecider, enrollmentEvents, enrollmentStream } from '../core/programs/index.js';
import { createPracticeLedger, type PracticeLedger } from '../core/service/index.js';
import { stateReader } from '../core/service/kit.js';
import { walletBalance, walletDecider, walletEvents, walletStream } from '../core/wallet/index.js';
import { PRACTICE_OWNER } from './practice-steps.js';
import { describeCommand } from './words.js';

/** What a person expects: balances and statuses, nothing more. */
export interface FacadeModel {
  readonly credits: Map<string, number>;
  readonly bookings: Map<string, { readonly clientId: string; readonly type: string; cancelled: boolean }>;
  readonly memberships: Map<string, { readonly clientId: string; status: 'active' | 'paused' | 'cancelling' }>;
  readonly wallets: Map<string, number>;
  readonly enrolled: Set<string>;
  next: number;
}

export interface FacadeReal {
  readonly ledger: PracticeLedger;
  readonly read: {
    readonly balance: (clientId: string, type: string) => Promise<number>;
    readonly status: (membershipId: string) => Promise<string>;
    readonly wallet: (clientId: string) => Promise<number>;
    readonly enrolled: (clientId: string) => Promise<boolean>;
  };
}

/** A command as described: its type and fields. */
type Input = { readonly type: string } & Readonly<Record<string, unknown>>;

const CLIENTS = ['ana', 'ben', 'cy'] as const;
const TYPES = ['facial', 'massage'] as const;
const PROGRAM = 'reset';
const usd = (amount: number) => ({ amount, currency: 'USD' });
const key = (clientId: string, type: string): string => `${clientId}/${type}`;

const fail = (what: string, expected: unknown, actual: unknown): never => {
  throw new Error(`${what}: the model says ${JSON.stringify(expected)}, the facade ${JSON.stringify(actual)}.`);
};

/** Sends through the facade; `refusal` is the code the model expects, or `undefined` for a command it expects recorded. */
const expectAnswer = async (input: Input, send: () => Promise<unknown>, refusal: string | undefined): Promise<void> => {
  let code: string | undefined;
  try {
    await send();
  } catch (error) {
    if (!(error instanceof DomainErrorException)) throw error;
    code = error.code;
  }
  if (code !== refusal) fail(`"${describeCommand(input)}"`, refusal === undefined ? 'recorded' : `refused ${refusal}`, code === undefined ? 'recorded' : `refused ${code}`);
};

/** After every command: every balance and status the model knows, read back from the store. */
const agree = async (model: FacadeModel, real: FacadeReal): Promise<void> => {
  for (const [k, balance] of model.credits) {
    const [clientId, type] = k.split('/') as [string, string];
    const actual = await real.read.balance(clientId, type);
    if (actual !== balance) fail(`the ${type} balance of ${clientId}`, balance, actual);
  }
  for (const [id, m] of model.memberships) {
    const actual = await real.read.status(id);
    if (actual !== m.status) fail(`the status of membership ${id}`, m.status, actual);
  }
  for (const [clientId, amount] of model.wallets) {
    const actual = await real.read.wallet(clientId);
    if (actual !== amount) fail(`the wallet of ${clientId}`, amount, actual);
  }
  for (const clientId of CLIENTS) {
    const actual = await real.read.enrolled(clientId);
    if (actual !== model.enrolled.has(clientId)) fail(`whether ${clientId} is enrolled in ${PROGRAM}`, model.enrolled.has(clientId), actual);
  }
};

type Cmd = fc.AsyncCommand<FacadeModel, FacadeReal>;

/** A command of the model test: its words, when it applies, what the model expects and what it does. */
const command = (
  input: Input,
  check: (m: FacadeModel) => boolean,
  run: (m: FacadeModel, r: FacadeReal) => Promise<void>,
): Cmd => ({
  check,
  run: async (m, r) => {
    await run(m, r);
    await agree(m, r);
  },
  toString: () => describeCommand(input),
});

const client = fc.constantFrom(...CLIENTS);
const type = fc.constantFrom(...TYPES);
const pick = fc.nat({ max: 20 });
const nth = <T>(items: readonly T[], i: number): T | undefined => (items.length === 0 ? undefined : items[i % items.length]);

/** The commands of the model test, as fast-check arbitraries. */
export const facadeModelCommands = (): fc.Arbitrary<Cmd>[] => [
  fc.record({ clientId: client, appointmentType: type, quantity: fc.integer({ min: 1, max: 4 }) }).map((g) => {
    const input = { type: 'GrantCredits', ...g, source: 'manual' };
    return command(input, () => true, async (m, r) => {
      await expectAnswer(input, () => r.ledger.grantCredits({ ...g, source: 'manual' }), undefined);
      m.credits.set(key(g.clientId, g.appointmentType), (m.credits.get(key(g.clientId, g.appointmentType)) ?? 0) + g.quantity);
    });
  }),
  fc.record({ clientId: client, appointmentType: type, channel: fc.constantFrom('client_portal', 'provider', 'shared_link') }).map((b) => {
    const input = { type: 'BookSession', ...b };
    return command(input, () => true, async (m, r) => {
      const bookingId = `b${++m.next}`;
      const balance = m.credits.get(key(b.clientId, b.appointmentType)) ?? 0;
      await expectAnswer(input, () => r.ledger.bookSession({ ...b, bookingId }), balance > 0 ? undefined : 'INSUFFICIENT_CREDITS');
      if (balance > 0) {
        m.credits.set(key(b.clientId, b.appointmentType), balance - 1);
        m.bookings.set(bookingId, { clientId: b.clientId, type: b.appointmentType, cancelled: false });
      }
    });
  }),
  pick.map((i) => {
    const input = { type: 'CancelBooking', bookingId: `the open booking #${i}` };
    const open = (m: FacadeModel) => [...m.bookings].filter(([, b]) => !b.cancelled);
    return command(input, (m) => open(m).length > 0, async (m, r) => {
      const [bookingId, booking] = nth(open(m), i) ?? fail('an open booking', 'one', 'none');
      await expectAnswer({ ...input, bookingId, clientId: booking.clientId }, () => r.ledger.cancelBooking({ clientId: booking.clientId, bookingId }), undefined);
      booking.cancelled = true;
      m.credits.set(key(booking.clientId, booking.type), (m.credits.get(key(booking.clientId, booking.type)) ?? 0) + 1);
    });
  }),
  fc.record({ fromClientId: client, toClientId: client, appointmentType: type, quantity: fc.integer({ min: 1, max: 3 }) }).map((t) => {
    const input = { type: 'TransferCredits', ...t };
    return command(input, () => t.fromClientId !== t.toClientId, async (m, r) => {
      const from = m.credits.get(key(t.fromClientId, t.appointmentType)) ?? 0;
      await expectAnswer(input, () => r.ledger.transferCredits(t), from >= t.quantity ? undefined : 'INSUFFICIENT_CREDITS');
      if (from < t.quantity) return;
      m.credits.set(key(t.fromClientId, t.appointmentType), from - t.quantity);
      m.credits.set(key(t.toClientId, t.appointmentType), (m.credits.get(key(t.toClientId, t.appointmentType)) ?? 0) + t.quantity);
    });
  }),
  client.map((clientId) => {
    const input = { type: 'SignUpForMembership', clientId, planId: 'gold' };
    return command(input, () => true, async (m, r) => {
      const membershipId = `m${++m.next}`;
      await expectAnswer(input, () => r.ledger.signUpForMembership({ clientId, planId: 'gold', membershipId }), undefined);
      m.memberships.set(membershipId, { clientId, status: 'active' });
      // The practice applies the client's wallet credit to the first charge.
      const wallet = m.wallets.get(clientId) ?? 0;
      if (wallet > 0) m.wallets.set(clientId, wallet - Math.min(wallet, 9900));
    });
  }),
  fc.record({ i: pick, what: fc.constantFrom('pause', 'resume', 'cancel') }).map(({ i, what }) => {
    const wanted = what === 'pause' ? 'active' : what === 'resume' ? 'paused' : 'active';
    const candidates = (m: FacadeModel) => [...m.memberships].filter(([, x]) => x.status === wanted);
    const type = what === 'pause' ? 'PauseMembership' : what === 'resume' ? 'ResumeMembership' : 'CancelMembership';
    return command({ type, membershipId: `the ${wanted} membership #${i}`, ...(what === 'pause' ? { months: 1 } : {}) }, (m) => candidates(m).length > 0, async (m, r) => {
      const [membershipId, membership] = nth(candidates(m), i) ?? fail('a membership', wanted, 'none');
      const input = { type, membershipId };
      const send = what === 'pause' ? () => r.ledger.pauseMembership({ membershipId, months: 1 }) : what === 'resume' ? () => r.ledger.resumeMembership({ membershipId }) : () => r.ledger.cancelMembership({ membershipId });
      await expectAnswer(input, send, undefined);
      membership.status = what === 'pause' ? 'paused' : what === 'resume' ? 'active' : 'cancelling';
    });
  }),
  fc.record({ clientId: client, amount: fc.integer({ min: 1, max: 50_00 }) }).map((w) => {
    const input = { type: 'CreditWallet', clientId: w.clientId, amount: usd(w.amount), reason: 'courtesy' };
    return command(input, () => true, async (m, r) => {
      await expectAnswer(input, () => r.ledger.creditWallet({ clientId: w.clientId, amount: usd(w.amount), reason: 'courtesy' }), undefined);
      m.wallets.set(w.clientId, (m.wallets.get(w.clientId) ?? 0) + w.amount);
    });
  }),
  fc.record({ clientId: client, enroll: fc.boolean() }).map(({ clientId, enroll }) => {
    const input = enroll
      ? { type: 'EnrollClientInProgram', programId: PROGRAM, clientId, by: PRACTICE_OWNER }
      : { type: 'RemoveClientFromProgram', programId: PROGRAM, clientId, by: PRACTICE_OWNER, reason: { kind: 'finished-program' } };
    return command(input, () => true, async (m, r) => {
      const enrolled = m.enrolled.has(clientId);
      if (enroll) {
        await expectAnswer(input, () => r.ledger.enrollClientInProgram({ programId: PROGRAM, clientId, by: PRACTICE_OWNER }), enrolled ? 'ALREADY_ENROLLED' : undefined);
        m.enrolled.add(clientId);
      } else {
        await expectAnswer(input, () => r.ledger.removeClientFromProgram({ programId: PROGRAM, clientId, by: PRACTICE_OWNER, reason: { kind: 'finished-program' } }), enrolled ? undefined : 'NOT_ENROLLED');
        m.enrolled.delete(clientId);
      }
    });
  }),
];

export interface FacadeModelOptions {
  /** Makes the store the real facade writes to, a fresh one per run: any adapter, created with `practiceEvents`. */
  readonly store: () => EventStore<PracticeEvent> | Promise<EventStore<PracticeEvent>>;
  /** Command sequences played. @defaultValue 50 */
  readonly numRuns?: number;
  /** Most commands in a sequence. @defaultValue 30 */
  readonly maxCommands?: number;
  /** fast-check's seed, to replay a failure. @defaultValue random */
  readonly seed?: number;
}

/** A fresh model and a fresh facade over a fresh store, with the plan and the program the commands use. */
export const facadeModelSetup = async (store: EventStore<PracticeEvent>): Promise<{ model: FacadeModel; real: FacadeReal }> => {
  const ledger = createPracticeLedger({ store, clock: manualClock('2025-03-03T09:00:00.000Z'), ids: sequentialIds('model') });
  await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(9900), frequency: 'monthly' });
  await ledger.createProgram({ programId: PROGRAM, by: PRACTICE_OWNER, definition: { name: 'Reset', kind: 'standard', modules: [{ moduleId: 'intro', title: 'Intro', kind: 'video', releaseDay: 0 }] } });
  const kit = { store };
  const credits = stateReader(kit, creditsDecider, creditsEvents);
  const memberships = stateReader(kit, membershipDecider, membershipEvents);
  const wallets = stateReader(kit, walletDecider, walletEvents);
  const enrollments = stateReader(kit, enrollmentDecider, enrollmentEvents);
  const real: FacadeReal = {
    ledger,
    read: {
      balance: async (clientId, t) => creditBalance(await credits(creditsStream(clientId)), t),
      status: async (membershipId) => {
        const m = await memberships(membershipStream(membershipId));
        return m.phase === 'none' ? 'none' : membershipStatus(m);
      },
      wallet: async (clientId) => walletBalance(await wallets(walletStream(clientId)), 'USD').amount,
      enrolled: async (clientId) => (await enrollments(enrollmentStream(PROGRAM, clientId))).status === 'enrolled',
    },
  };
  return { model: { credits: new Map(), bookings: new Map(), memberships: new Map(), wallets: new Map(), enrolled: new Set(), next: 0 }, real };
};

/** Plays generated command sequences against the model and the facade; rejects with the shrunk sequence in the domain's words. */
export const checkFacadeAgainstModel = async (options: FacadeModelOptions): Promise<void> => {
  await fc.assert(
    fc.asyncProperty(fc.commands(facadeModelCommands(), { maxCommands: options.maxCommands ?? 30 }), async (commands) => {
      const setup = await facadeModelSetup(await options.store());
      await fc.asyncModelRun(() => setup, commands);
      await setup.real.ledger.flows.catchUp();
    }),
    { numRuns: options.numRuns ?? 50, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
  );
};
