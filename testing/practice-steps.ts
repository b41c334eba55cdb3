/**
 * The life of a small practice as fast-check values: a catalog (membership plans, package
 * definitions, a program with a client group) and a sequence of steps in the domain's
 * words. A step names what happens with small numbers (`client: 1`, `pick: 7`); the
 * resolver (`practice-resolve.ts`) turns it into a command that makes sense in the state
 * the practice is in — a booking for a service the client holds, the cancel of one of the
 * client's real bookings, a pause within the plan's bounds, the payment of a charge that
 * awaits one — so sequences are valid and shrink to short stories.
 */
import fc from 'fast-check';
import { money, type Money } from '../core/values/money.js';
import { MANAGE_PROGRAMS, type ProgramActor } from '../core/programs/index.js';

/** A plan as the facade's `defineMembershipPlan` takes it. */
export interface CatalogPlan {
  readonly planId: string;
  readonly name: string;
  readonly price: Money;
  readonly frequency: 'monthly' | 'quarterly' | 'annual';
  readonly trial: { readonly days: number; readonly price: Money } | null;
  readonly includedServices: readonly { readonly serviceId: string; readonly quantity: number }[];
  readonly household: { readonly kind: 'family'; readonly benefits: 'pooled' | 'per-person'; readonly billing: 'primary' | 'split'; readonly maxMembers: number } | null;
}

/** A package definition as the facade's `definePackage` takes it. */
export interface CatalogPackage {
  readonly definitionId: string;
  readonly name: string;
  readonly items: readonly { readonly serviceId: string; readonly quantity: number; readonly unitValue: Money }[];
  readonly price: Money;
  readonly validity: { readonly months: number } | null;
  readonly restrictions: { readonly transferable: boolean; readonly shareable: boolean };
  /** The practice's program the package enrolls its buyer in. */
  readonly withProgram: boolean;
}

export interface PracticeCatalog {
  /** The appointment types (services) of the practice. */
  readonly services: readonly string[];
  readonly currency: string;
  readonly plans: readonly CatalogPlan[];
  readonly packages: readonly CatalogPackage[];
  /** The program's module release days (one module each); its client group has access to it. */
  readonly programModules: readonly number[];
}

/** Something that happens in the practice; numbers pick among what exists (modulo its count). */
export type PracticeStep =
  | { readonly kind: 'time-passes'; readonly hours: number }
  | { readonly kind: 'grant'; readonly client: number; readonly service: number; readonly quantity: number; readonly source: 'package' | 'manual' | 'promotional' | 'courtesy'; readonly expiresInDays: number | null }
  | { readonly kind: 'book'; readonly client: number; readonly service: number; readonly held: boolean; readonly channel: 'client_portal' | 'provider' | 'shared_link' }
  | { readonly kind: 'cancel-booking'; readonly client: number; readonly pick: number }
  | { readonly kind: 'set-balance'; readonly client: number; readonly service: number; readonly balance: number }
  | { readonly kind: 'adjust-credits'; readonly client: number; readonly service: number; readonly delta: number }
  | { readonly kind: 'void-credits'; readonly client: number; readonly pick: number }
  | { readonly kind: 'extend-credits'; readonly client: number; readonly pick: number; readonly days: number }
  | { readonly kind: 'transfer-credits'; readonly client: number; readonly to: number; readonly service: number; readonly quantity: number }
  | { readonly kind: 'credit-settings'; readonly client: number; readonly allowBookingWithoutCredits: boolean | null; readonly restoreOnCancel: boolean | null }
  | { readonly kind: 'sign-up'; readonly client: number; readonly plan: number }
  | { readonly kind: 'answer-charge'; readonly pick: number; readonly paid: boolean }
  | { readonly kind: 'pause'; readonly pick: number; readonly months: number }
  | { readonly kind: 'resume'; readonly pick: number }
  | { readonly kind: 'extend-membership'; readonly pick: number; readonly days: number }
  | { readonly kind: 'change-tier'; readonly pick: number; readonly plan: number }
  | { readonly kind: 'cancel-membership'; readonly pick: number }
  | { readonly kind: 'household'; readonly pick: number; readonly client: number; readonly add: boolean }
  | { readonly kind: 'credit-wallet'; readonly client: number; readonly amount: number }
  | { readonly kind: 'forgive-debt'; readonly client: number }
  | { readonly kind: 'sell-package'; readonly client: number; readonly definition: number }
  | { readonly kind: 'apply-service'; readonly pick: number; readonly service: number; readonly byOwner: boolean }
  | { readonly kind: 'refund-package'; readonly pick: number; readonly method: 'wallet' | 'card' | 'store-credit' }
  | { readonly kind: 'extend-package'; readonly pick: number; readonly days: number }
  | { readonly kind: 'offer-package'; readonly pick: number; readonly withdraw: boolean }
  | { readonly kind: 'claim-package'; readonly pick: number; readonly client: number }
  | { readonly kind: 'share-package'; readonly pick: number; readonly client: number; readonly stop: boolean }
  | { readonly kind: 'order-bulk'; readonly definition: number; readonly quantity: number }
  | { readonly kind: 'redeem-code'; readonly pick: number; readonly client: number }
  | { readonly kind: 'enroll'; readonly client: number }
  | { readonly kind: 'remove-from-program'; readonly pick: number }
  | { readonly kind: 'group'; readonly client: number; readonly join: boolean }
  | { readonly kind: 'start-check-ins'; readonly pick: number }
  | { readonly kind: 'check-in'; readonly pick: number; readonly what: 'submit' | 'open-email' | 'regimen' | 'raise' | 'resolve' | 'reschedule' }
  | { readonly kind: 'manager-decides'; readonly pick: number; readonly approve: boolean }
  | { readonly kind: 'loyalty-purchase'; readonly client: number; readonly amount: number }
  | { readonly kind: 'referral'; readonly client: number; readonly referrer: number }
  | { readonly kind: 'billing-shares'; readonly pick: number; readonly weights: readonly number[] }
  | { readonly kind: 'package-unpaid'; readonly pick: number; readonly paid: boolean }
  | { readonly kind: 'revise-plan'; readonly plan: number; readonly price: number; readonly moveMembers: boolean }
  | { readonly kind: 'revise-package'; readonly definition: number; readonly price: number }
  | { readonly kind: 'edit-program'; readonly releaseDay: number };

export interface PracticeStepOptions {
  /** Number of clients (`c1` … `cN`). @defaultValue 3 */
  readonly clients?: number;
  /** Most steps in a sequence. @defaultValue 40 */
  readonly maxSteps?: number;
  /** The practice's appointment types. @defaultValue `['facial', 'massage']` */
  readonly services?: readonly string[];
  /** The currency of every price. @defaultValue 'USD' */
  readonly currency?: string;
}

/** The client names of a world of `n` clients. */
export const practiceClient = (i: number): string => `c${i + 1}`;

const arbPlan = (services: readonly string[], currency: string, i: number): fc.Arbitrary<CatalogPlan> =>
  fc
    .record({
      price: fc.integer({ min: 0, max: 400_00 }),
      frequency: fc.constantFrom('monthly' as const, 'monthly' as const, 'quarterly' as const, 'annual' as const),
      trial: fc.option(fc.record({ days: fc.integer({ min: 3, max: 21 }), price: fc.constantFrom(0, 9_00) }), { nil: null, freq: 4 }),
      included: fc.uniqueArray(fc.record({ service: fc.nat({ max: services.length - 1 }), quantity: fc.integer({ min: 1, max: 3 }) }), { maxLength: 2, selector: (s) => s.service }),
      household: fc.option(fc.record({ benefits: fc.constantFrom('pooled' as const, 'per-person' as const), billing: fc.constantFrom('primary' as const, 'split' as const) }), { nil: null, freq: 3 }),
    })
    .map((p) => ({
      planId: `plan-${i + 1}`,
      name: `Plan ${i + 1}`,
      price: money(p.price, currency),
      frequency: p.frequency,
      trial: p.trial === null ? null : { days: p.trial.days, price: money(p.trial.price, currency) },
      includedServices: p.included.map((s) => ({ serviceId: services[s.service] ?? 'service', quantity: s.quantity })),
      household: p.household === null ? null : { kind: 'family' as const, ...p.household, maxMembers: 3 },
    }));

const arbPackage = (services: readonly string[], currency: string, i: number): fc.Arbitrary<CatalogPackage> =>
  fc
    .record({
      items: fc.uniqueArray(fc.record({ service: fc.nat({ max: services.length - 1 }), quantity: fc.integer({ min: 1, max: 6 }), value: fc.integer({ min: 0, max: 150_00 }) }), {
        minLength: 1,
        maxLength: 2,
        selector: (s) => s.service,
      }),
      price: fc.integer({ min: 0, max: 800_00 }),
      months: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
      transferable: fc.boolean(),
      shareable: fc.boolean(),
      withProgram: fc.boolean(),
    })
    .map((p) => ({
      definitionId: `pkg-def-${i + 1}`,
      name: `Package ${i + 1}`,
      items: p.items.map((it) => ({ serviceId: services[it.service] ?? 'service', quantity: it.quantity, unitValue: money(it.value, currency) })),
      price: money(p.price, currency),
      validity: p.months === null ? null : { months: p.months },
      restrictions: { transferable: p.transferable, shareable: p.shareable },
      withProgram: p.withProgram,
    }));

/** A catalog: two or three plans, one or two package definitions, a program of one to three modules. */
export const arbPracticeCatalog = (options: PracticeStepOptions = {}): fc.Arbitrary<PracticeCatalog> => {
  const services = options.services ?? ['facial', 'massage'];
  const currency = options.currency ?? 'USD';
  return fc.record({
    services: fc.constant(services),
    currency: fc.constant(currency),
    plans: fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbPlan(services, currency, i)))),
    packages: fc.integer({ min: 1, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbPackage(services, currency, i)))),
    programModules: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 3 }),
  });
};

/** One step; the weights favour the everyday (grants, bookings, payments, time passing). */
export const arbPracticeStep = (options: PracticeStepOptions = {}): fc.Arbitrary<PracticeStep> => {
  const client = fc.nat({ max: (options.clients ?? 3) - 1 });
  const service = fc.nat({ max: (options.services?.length ?? 2) - 1 });
  const pick = fc.nat({ max: 1000 });
  const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>): fc.WeightedArbitrary<T> => ({ weight, arbitrary });
  const kind = <K extends PracticeStep['kind']>(k: K) => fc.constant(k);
  return fc.oneof(
    w(6, fc.record({ kind: kind('time-passes'), hours: fc.oneof(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 24, max: 24 * 20 })) })),
    w(6, fc.record({ kind: kind('grant'), client, service, quantity: fc.integer({ min: 1, max: 5 }), source: fc.constantFrom('package' as const, 'manual' as const, 'promotional' as const, 'courtesy' as const), expiresInDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }) })),
    w(8, fc.record({ kind: kind('book'), client, service, held: fc.constantFrom(true, true, true, false), channel: fc.constantFrom('client_portal' as const, 'provider' as const, 'shared_link' as const) })),
    w(3, fc.record({ kind: kind('cancel-booking'), client, pick })),
    w(1, fc.record({ kind: kind('set-balance'), client, service, balance: fc.integer({ min: 0, max: 6 }) })),
    w(1, fc.record({ kind: kind('adjust-credits'), client, service, delta: fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0) })),
    w(1, fc.record({ kind: kind('void-credits'), client, pick })),
    w(1, fc.record({ kind: kind('extend-credits'), client, pick, days: fc.integer({ min: 1, max: 60 }) })),
    w(2, fc.record({ kind: kind('transfer-credits'), client, to: client, service, quantity: fc.integer({ min: 1, max: 3 }) })),
    w(1, fc.record({ kind: kind('credit-settings'), client, allowBookingWithoutCredits: fc.option(fc.boolean(), { nil: null }), restoreOnCancel: fc.option(fc.boolean(), { nil: null }) })),
    w(3, fc.record({ kind: kind('sign-up'), client, plan: pick })),
    w(6, fc.record({ kind: kind('answer-charge'), pick, paid: fc.constantFrom(true, true, true, false) })),
    w(1, fc.record({ kind: kind('pause'), pick, months: fc.nat({ max: 5 }) })),
    w(1, fc.record({ kind: kind('resume'), pick })),
    w(1, fc.record({ kind: kind('extend-membership'), pick, days: fc.integer({ min: 1, max: 14 }) })),
    w(1, fc.record({ kind: kind('change-tier'), pick, plan: pick })),
    w(1, fc.record({ kind: kind('cancel-membership'), pick })),
    w(1, fc.record({ kind: kind('household'), pick, client, add: fc.constantFrom(true, true, false) })),
    w(2, fc.record({ kind: kind('credit-wallet'), client, amount: fc.integer({ min: 1, max: 100_00 }) })),
    w(1, fc.record({ kind: kind('forgive-debt'), client })),
    w(3, fc.record({ kind: kind('sell-package'), client, definition: pick })),
    w(4, fc.record({ kind: kind('apply-service'), pick, service: pick, byOwner: fc.constantFrom(true, true, false) })),
    w(1, fc.record({ kind: kind('refund-package'), pick, method: fc.constantFrom('wallet' as const, 'card' as const, 'store-credit' as const) })),
    w(1, fc.record({ kind: kind('extend-package'), pick, days: fc.integer({ min: 1, max: 90 }) })),
    w(1, fc.record({ kind: kind('offer-package'), pick, withdraw: fc.constantFrom(false, false, true) })),
    w(1, fc.record({ kind: kind('claim-package'), pick, client })),
    w(1, fc.record({ kind: kind('share-package'), pick, client, stop: fc.boolean() })),
    w(1, fc.record({ kind: kind('order-bulk'), definition: pick, quantity: fc.integer({ min: 1, max: 3 }) })),
    w(1, fc.record({ kind: kind('redeem-code'), pick, client })),
    w(2, fc.record({ kind: kind('enroll'), client })),
    w(1, fc.record({ kind: kind('remove-from-program'), pick })),
    w(1, fc.record({ kind: kind('group'), client, join: fc.constantFrom(true, true, false) })),
    w(2, fc.record({ kind: kind('start-check-ins'), pick })),
    w(2, fc.record({ kind: kind('check-in'), pick, what: fc.constantFrom('submit' as const, 'open-email' as const, 'open-email' as const, 'regimen' as const, 'raise' as const, 'resolve' as const, 'reschedule' as const) })),
    w(2, fc.record({ kind: kind('manager-decides'), pick, approve: fc.constantFrom(true, true, false) })),
    w(1, fc.record({ kind: kind('loyalty-purchase'), client, amount: fc.integer({ min: 1, max: 500_00 }) })),
    w(1, fc.record({ kind: kind('referral'), client, referrer: client })),
    w(1, fc.record({ kind: kind('billing-shares'), pick, weights: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }) })),
    w(1, fc.record({ kind: kind('package-unpaid'), pick, paid: fc.boolean() })),
    w(1, fc.record({ kind: kind('revise-plan'), plan: pick, price: fc.integer({ min: 0, max: 400_00 }), moveMembers: fc.boolean() })),
    w(1, fc.record({ kind: kind('revise-package'), definition: pick, price: fc.integer({ min: 0, max: 800_00 }) })),
    w(1, fc.record({ kind: kind('edit-program'), releaseDay: fc.integer({ min: 0, max: 30 }) })),
  );
};

/** A scenario: a catalog and up to `maxSteps` steps. */
export interface PracticeScenario {
  readonly catalog: PracticeCatalog;
  readonly steps: readonly PracticeStep[];
}

export const arbPracticeScenario = (options: PracticeStepOptions = {}): fc.Arbitrary<PracticeScenario> =>
  fc.record({
    catalog: arbPracticeCatalog(options),
    steps: fc.array(arbPracticeStep(options), { maxLength: options.maxSteps ?? 40, size: 'max' }),
  });

/** A command for the facade: its `type` and fields, as `ledger.execute` takes them (a transfer goes to `transferCredits`). */
export type PracticeInput = { readonly type: string } & Readonly<Record<string, unknown>>;

/** The provider who runs the practice: holds "Can create, edit, archive, and delete programs". */
export const PRACTICE_OWNER: ProgramActor = { kind: 'member', memberId: 'owner', permissions: [MANAGE_PROGRAMS] };
export const PRACTICE_PROGRAM = 'prog-1';
export const PRACTICE_GROUP = 'group-1';

/** The commands that set the catalog up, before the steps. */
export const catalogSetup = (catalog: PracticeCatalog): readonly PracticeInput[] => [
  ...catalog.plans.map((p) => ({ type: 'DefineMembershipPlan', ...p })),
  {
    type: 'CreateProgram',
    programId: PRACTICE_PROGRAM,
    by: PRACTICE_OWNER,
    definition: { name: 'Program', kind: 'standard', modules: catalog.programModules.map((releaseDay, i) => ({ moduleId: `module-${i + 1}`, title: `Module ${i + 1}`, kind: 'video', releaseDay })) },
  },
  { type: 'GiveGroupAccessToProgram', programId: PRACTICE_PROGRAM, groupId: PRACTICE_GROUP, by: PRACTICE_OWNER },
  ...catalog.packages.map(({ withProgram, validity, ...p }) => ({
    type: 'DefinePackage',
    ...p,
    ...(validity !== null ? { validity } : {}),
    ...(withProgram ? { programId: PRACTICE_PROGRAM } : {}),
  })),
];
