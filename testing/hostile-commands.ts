/**
 * Malformed commands, for the hostile-input suite and for integrators who put their own
 * front door before the facade: a valid command of every kind the facade takes, with one
 * field broken — missing, of the wrong type, a string of control characters, a huge or a
 * negative number, a date that does not exist (2025-02-30) or that no practice lives in, an
 * appointment type the practice does not offer, or the field hidden behind a
 * prototype-pollution key (`__proto__`, `constructor`). Each names the field it broke, so a
 * test can check that the refusal names it too.
 *
 * The valid commands refer to what `hostileSetup` creates (a plan, a package definition and a
 * sold package, a program, a membership, a bulk order, a check-in schedule): a refusal can
 * only come from the broken field.
 */
import fc from 'fast-check';
import type { PracticeLedger } from '../core/service/index.js';
import { MANAGE_PROGRAMS, type ProgramActor } from '../core/programs/index.js';

const OWNER: ProgramActor = { kind: 'member', memberId: 'owner', permissions: [MANAGE_PROGRAMS] };
const usd = (amount: number) => ({ amount, currency: 'USD' });
const ON = '2025-03-03';
const AT = '2025-03-03T10:00:00.000Z';

/** The practice's appointment types in the hostile world (a credit command for another is refused). */
export const HOSTILE_APPOINTMENT_TYPES: readonly string[] = ['facial', 'massage'];

/** A valid command, and what about its fields a mutation must respect to stay malformed. */
export interface HostileBase {
  readonly input: { readonly type: string } & Readonly<Record<string, unknown>>;
  /** Paths that may be left out (leaving them out is not malformed). */
  readonly optional?: readonly string[];
  /** Paths of numbers that may be negative. */
  readonly signed?: readonly string[];
  /** Paths of appointment types checked against the practice's. */
  readonly appointmentTypes?: readonly string[];
}

const credits: readonly HostileBase[] = [
  { input: { type: 'GrantCredits', clientId: 'c1', appointmentType: 'facial', quantity: 2, source: 'manual', on: ON, reference: 'r1', expiresOn: '2025-06-01', note: 'welcome' }, optional: ['on', 'reference', 'expiresOn', 'note'], appointmentTypes: ['appointmentType'] },
  { input: { type: 'BookSession', clientId: 'c1', bookingId: 'b-new', appointmentType: 'facial', channel: 'provider', on: ON }, optional: ['on'], appointmentTypes: ['appointmentType'] },
  { input: { type: 'CancelBooking', clientId: 'c1', bookingId: 'b1', on: ON }, optional: ['on'] },
  { input: { type: 'SetCreditBalance', clientId: 'c1', appointmentType: 'facial', balance: 3, by: 'desk', reason: 'count', on: ON }, optional: ['on'], appointmentTypes: ['appointmentType'] },
  { input: { type: 'AdjustCredits', clientId: 'c1', appointmentType: 'facial', delta: 1, by: 'desk', reason: 'gift', on: ON }, optional: ['on'], signed: ['delta'], appointmentTypes: ['appointmentType'] },
  { input: { type: 'ExpireCredits', clientId: 'c1', on: ON }, optional: ['on'] },
  { input: { type: 'VoidCredits', clientId: 'c1', reference: 'r1', reason: 'refund', on: ON }, optional: ['on'] },
  { input: { type: 'ExtendCreditExpiry', clientId: 'c1', reference: 'r1', reason: 'pause', byDays: 10, on: ON }, optional: ['on'] },
  { input: { type: 'RollOverCredits', clientId: 'c1', fromReference: 'r1', toReference: 'r2', percent: 50, on: ON }, optional: ['on'] },
  { input: { type: 'AdjustCreditSettings', clientId: 'c1', overrides: { allowBookingWithoutCredits: true }, by: 'owner', on: ON }, optional: ['on', 'overrides.allowBookingWithoutCredits'] },
  { input: { type: 'TransferCredits', fromClientId: 'c1', toClientId: 'c2', appointmentType: 'facial', quantity: 1, on: ON }, optional: ['on'] },
];

const memberships: readonly HostileBase[] = [
  { input: { type: 'SignUpForMembership', clientId: 'c2', planId: 'gold', membershipId: 'm-new', on: ON }, optional: ['on', 'membershipId'] },
  { input: { type: 'PauseMembership', membershipId: 'm1', months: 1, on: ON }, optional: ['on'] },
  { input: { type: 'ExtendMembershipPeriod', membershipId: 'm1', days: 3, on: ON }, optional: ['on'] },
  { input: { type: 'ChangeMembershipTier', membershipId: 'm1', planId: 'silver', on: ON }, optional: ['on'] },
  { input: { type: 'CancelMembership', membershipId: 'm1', reason: 'moving', on: ON }, optional: ['on', 'reason'] },
  { input: { type: 'MoveMembershipToPlanVersion', membershipId: 'm1', planId: 'gold', planVersion: 2, noticeDays: 30, on: ON }, optional: ['on', 'planVersion', 'noticeDays'] },
  {
    input: { type: 'DefineMembershipPlan', planId: 'new', name: 'New', price: usd(5000), frequency: 'monthly', includedServices: [{ serviceId: 'facial', quantity: 1 }], pause: { maxMonths: 3 }, trial: { days: 7, price: usd(0) }, on: ON },
    optional: ['on', 'includedServices', 'pause', 'pause.maxMonths', 'trial'],
  },
  { input: { type: 'RetireMembershipPlan', planId: 'silver', on: ON }, optional: ['on'] },
  { input: { type: 'CreditWallet', clientId: 'c1', amount: usd(500), reason: 'courtesy', note: 'sorry', on: ON }, optional: ['on', 'note'] },
  { input: { type: 'RecordUnpaidMembershipCharge', clientId: 'c1', membershipId: 'm1', chargeId: 'ch-x', amount: usd(500), on: ON }, optional: ['on'] },
  { input: { type: 'AddHouseholdMember', membershipId: 'm1', clientId: 'c3', by: 'c1', on: ON }, optional: ['on'] },
  { input: { type: 'SetHouseholdBillingShares', membershipId: 'm1', shares: [{ clientId: 'c1', weight: 1 }], by: 'c1', on: ON }, optional: ['on'] },
  { input: { type: 'RecordLoyaltyPurchase', clientId: 'c1', kind: 'service', reference: 'sale-1', amount: usd(2500), on: ON }, optional: ['on'] },
  { input: { type: 'RecordReferral', clientId: 'c4', referrerId: 'c1', reward: usd(5000), on: ON }, optional: ['on'] },
];

const packages: readonly HostileBase[] = [
  {
    input: { type: 'DefinePackage', definitionId: 'new', name: 'Five', items: [{ serviceId: 'facial', quantity: 5, unitValue: usd(8000) }], price: usd(35000), validity: { months: 6 }, restrictions: { transferable: true }, on: ON },
    optional: ['on', 'validity', 'restrictions', 'restrictions.transferable'],
  },
  { input: { type: 'SellPackage', clientId: 'c2', definitionId: 'pkg', channel: 'check-out', packageId: 'pk-new', on: ON }, optional: ['on', 'packageId'] },
  { input: { type: 'ApplyServiceToPackage', packageId: 'pk1', clientId: 'c1', serviceId: 'facial', appointmentId: 'a1', on: ON }, optional: ['on'] },
  { input: { type: 'ExtendPackage', packageId: 'pk1', to: '2025-12-01', on: ON }, optional: ['on'] },
  { input: { type: 'RefundPackage', packageId: 'pk1', method: 'wallet', on: ON }, optional: ['on'] },
  { input: { type: 'BookSessionFromPackage', clientId: 'c1', bookingId: 'b-pkg', packageId: 'pk1', appointmentType: 'facial', on: ON }, optional: ['on'] },
  { input: { type: 'DeclinePackageCredit', clientId: 'c1', bookingId: 'b1', packageId: 'pk1', code: 'NO_UNITS_LEFT', reason: 'no unit left', on: ON }, optional: ['on'] },
  { input: { type: 'RecordPackageCreditUse', packageId: 'pk1', clientId: 'c1', bookingId: 'b-elsewhere', serviceId: 'facial', on: ON }, optional: ['on'] },
  { input: { type: 'OfferPackageTransfer', packageId: 'pk1', recipient: 'friend@example.com', accessCode: 'K1', on: ON }, optional: ['on'] },
  { input: { type: 'ClaimPackageTransfer', packageId: 'pk1', accessCode: 'K0', clientId: 'c3', on: ON }, optional: ['on'] },
  { input: { type: 'SharePackage', packageId: 'pk1', clientId: 'c3', on: ON }, optional: ['on'] },
  { input: { type: 'OrderBulkPackages', businessId: 'acme', definitionId: 'pkg', quantity: 2, codes: ['A', 'B'], orderId: 'o-new', on: ON }, optional: ['on', 'orderId'] },
  { input: { type: 'RedeemBulkPackageCode', orderId: 'o1', code: 'X', clientId: 'c3', on: ON }, optional: ['on'] },
];

const programs: readonly HostileBase[] = [
  {
    input: { type: 'CreateProgram', programId: 'new', by: OWNER, definition: { name: 'New', kind: 'standard', modules: [{ moduleId: 'one', title: 'One', kind: 'video', releaseDay: 0 }] }, on: ON },
    optional: ['on'],
  },
  { input: { type: 'GiveGroupAccessToProgram', programId: 'prog', groupId: 'g2', by: OWNER, on: ON }, optional: ['on'] },
  { input: { type: 'EnrollClientInProgram', programId: 'prog', clientId: 'c2', by: OWNER, on: ON }, optional: ['on'] },
  { input: { type: 'RemoveClientFromProgram', programId: 'prog', clientId: 'c1', by: OWNER, reason: { kind: 'finished-program' }, on: ON }, optional: ['on'] },
  { input: { type: 'MarkProgramPackageUnpaid', programId: 'prog', clientId: 'c1', packageId: 'pk1', by: OWNER, on: ON }, optional: ['on'] },
  { input: { type: 'PlaceClientInGroup', clientId: 'c2', groupId: 'g1', by: OWNER, on: ON }, optional: ['on'] },
  { input: { type: 'RemoveClientFromGroup', clientId: 'c3', by: OWNER, on: ON }, optional: ['on'] },
];

const checkIns: readonly HostileBase[] = [
  {
    input: { type: 'StartCheckInSchedule', enrollmentId: 'e-new', clientId: 'c2', programId: 'prog', clientName: 'Cy', coach: 'Dee', firstDueOn: '2025-03-10', at: AT },
    optional: ['at'],
  },
  { input: { type: 'SubmitCheckIn', enrollmentId: 'e1', checkInId: 'ci-1', at: AT }, optional: ['at'] },
  { input: { type: 'RescheduleCheckIn', enrollmentId: 'e1', dueOn: '2025-03-20', by: 'coach', at: AT }, optional: ['at'] },
  { input: { type: 'RaiseComplianceIssue', enrollmentId: 'e1', issue: 'low-consistency', by: 'coach', note: 'skipped', at: AT }, optional: ['at', 'note'] },
  { input: { type: 'RecordEmailOpened', enrollmentId: 'e1', emailId: 'mail-1', at: AT }, optional: ['at', 'emailId'] },
];

/** Every valid command the malformed ones are made from. */
export const HOSTILE_BASES: readonly HostileBase[] = [...credits, ...memberships, ...packages, ...programs, ...checkIns];

/** Creates what the valid commands refer to. */
export const hostileSetup = async (ledger: PracticeLedger): Promise<void> => {
  await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(9900), frequency: 'monthly', household: { benefits: 'pooled', billing: 'split' } });
  await ledger.defineMembershipPlan({ planId: 'silver', name: 'Silver', price: usd(4900), frequency: 'monthly' });
  await ledger.signUpForMembership({ membershipId: 'm1', clientId: 'c1', planId: 'gold' });
  await ledger.reviseMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(10900), frequency: 'monthly', household: { benefits: 'pooled', billing: 'split' } });
  await ledger.grantCredits({ clientId: 'c1', appointmentType: 'facial', quantity: 5, source: 'package', reference: 'r1' });
  await ledger.bookSession({ clientId: 'c1', bookingId: 'b1', appointmentType: 'facial', channel: 'provider' });
  await ledger.definePackage({ definitionId: 'pkg', name: 'Three', items: [{ serviceId: 'facial', quantity: 3, unitValue: usd(9000) }], price: usd(24000), validity: { months: 6 }, restrictions: { transferable: true, shareable: true } });
  await ledger.sellPackage({ packageId: 'pk1', clientId: 'c1', definitionId: 'pkg', channel: 'check-out' });
  await ledger.offerPackageTransfer({ packageId: 'pk1', recipient: 'friend@example.com', accessCode: 'K0' });
  await ledger.orderBulkPackages({ orderId: 'o1', businessId: 'acme', definitionId: 'pkg', quantity: 2, codes: ['X', 'Y'] });
  await ledger.createProgram({ programId: 'prog', by: OWNER, definition: { name: 'Prog', kind: 'standard', modules: [{ moduleId: 'one', title: 'One', kind: 'video', releaseDay: 0 }] } });
  await ledger.enrollClientInProgram({ programId: 'prog', clientId: 'c1', by: OWNER });
  await ledger.placeClientInGroup({ clientId: 'c3', groupId: 'g1', by: OWNER });
  await ledger.startCheckInSchedule({ enrollmentId: 'e1', clientId: 'c1', programId: 'prog', clientName: 'Ann', coach: 'Dee', firstDueOn: '2025-03-10' });
};

/** The ways a field is broken. */
export type HostileMutation =
  | 'missing'
  | 'wrong-type'
  | 'control-characters'
  | 'huge-string'
  | 'huge-number'
  | 'negative-number'
  | 'invalid-date'
  | 'absurd-date'
  | 'unknown-appointment-type'
  | 'prototype-pollution';

/** A malformed command: the input, the field it broke and how. */
export interface MalformedCommand {
  readonly input: unknown;
  readonly type: string;
  /** The path of the broken field (`items.0.unitValue.amount`). */
  readonly field: string;
  /** For a field hidden behind a pollution key: that key's path (`items.0.__proto__`), which a refusal may name instead. */
  readonly pollutionKey?: string;
  readonly mutation: HostileMutation;
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

/** Every path of the input's fields, objects and leaves (not `type`). */
const pathsOf = (value: unknown, prefix = ''): { readonly path: string; readonly value: unknown }[] => {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    if (prefix === '' && k === 'type') return [];
    const path = prefix === '' ? k : `${prefix}.${k}`;
    return [{ path, value: v }, ...pathsOf(v, path)];
  });
};

/** A deep copy of `input` with the field at `path` replaced (`remove`: deleted). */
const replaced = (input: unknown, path: readonly string[], change: { readonly remove: true } | { readonly value: unknown } | { readonly hide: '__proto__' | 'constructor' }): unknown => {
  const copy: unknown = JSON.parse(JSON.stringify(input));
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string, unknown>)[key];
  const last = path[path.length - 1] as string;
  const holder = parent as Record<string, unknown>;
  if ('remove' in change) delete holder[last];
  else if ('value' in change) holder[last] = change.value;
  else {
    // The field moves behind a key that pollutes a prototype when assigned carelessly (`Object.assign`, a naive merge).
    const hidden = holder[last];
    delete holder[last];
    const smuggled = change.hide === '__proto__' ? { [last]: hidden, polluted: 'yes' } : { prototype: { [last]: hidden, polluted: 'yes' } };
    Object.defineProperty(holder, change.hide, { value: smuggled, enumerable: true, writable: true, configurable: true });
  }
  return copy;
};

const CONTROL = fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\u000b', '\u000c', '\u001b[2J', '\u007f', '\u0085', '\u009b', '\u200b\u0000');
const controlString = fc.tuple(fc.constantFrom('', 'c1', 'facial', 'note'), fc.array(CONTROL, { minLength: 1, maxLength: 4 })).map(([text, cs]) => `${text}${cs.join('')}`);
const wrongType = (value: unknown): fc.Arbitrary<Json> => {
  const options: Json[] = typeof value === 'string' ? [42, true, [], {}, 0] : typeof value === 'number' ? ['3', true, [], {}, '1e3'] : typeof value === 'boolean' ? ['yes', 1, [], {}] : Array.isArray(value) ? ['list', 7, {}, true] : ['thing', 7, [], true];
  return fc.constantFrom(...options);
};
const HUGE: readonly number[] = [1e7, 2 ** 31, 1e12, 1e15, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 1e308, 123456789.5];
/** Amounts of money in minor units no practice charges (ten billion and up), and a fraction of a cent. */
const HUGE_MONEY: readonly number[] = [1e13, 1e15, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 1e308, 1234.5];
const INVALID_DATES: readonly string[] = ['2025-02-30', '2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-5', '20250105', '2025/01/05', 'yesterday', '', '2025-01-05T00:00:00Z', '0000-01-01'];
const ABSURD_DATES: readonly string[] = ['9999-12-31', '0001-01-01', '1066-10-14', '5000-06-15', '1899-12-31'];
const INVALID_INSTANTS: readonly string[] = ['2025-02-30T10:00:00.000Z', '2025-03-03T25:00:00.000Z', '2025-03-03 10:00', 'now', '9999-12-31T23:59:59.000Z', '0001-01-01T00:00:00.000Z'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

type Change = Parameters<typeof replaced>[2];
type Breaking = fc.Arbitrary<Change> | undefined;

/** How a mutation breaks a field of this value, or `undefined` when it cannot (or would not be malformed). */
const breaking = (mutation: HostileMutation, base: HostileBase, path: string, value: unknown): Breaking => {
  const required = !(base.optional ?? []).includes(path);
  const text = typeof value === 'string' && !DATE.test(value) && !INSTANT.test(value);
  const values = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<Change> => arb.map((v) => ({ value: v }));
  switch (mutation) {
    case 'missing':
      return required ? fc.constant({ remove: true as const }) : undefined;
    case 'prototype-pollution':
      return required ? fc.constantFrom('__proto__' as const, 'constructor' as const).map((hide) => ({ hide })) : undefined;
    case 'wrong-type':
      return values(wrongType(value));
    case 'control-characters':
      return text ? values(controlString) : undefined;
    case 'huge-string':
      return text ? values(fc.constantFrom('x'.repeat(100_000), 'é'.repeat(20_001))) : undefined;
    case 'huge-number':
      return typeof value === 'number' ? values(fc.constantFrom(...(path === 'amount' || path.endsWith('.amount') ? HUGE_MONEY : HUGE))) : undefined;
    case 'negative-number':
      return typeof value === 'number' && !(base.signed ?? []).includes(path) ? values(fc.constantFrom(-1, -100, -1e15, -0.5)) : undefined;
    case 'invalid-date':
      return typeof value !== 'string' ? undefined : DATE.test(value) ? values(fc.constantFrom(...INVALID_DATES)) : INSTANT.test(value) ? values(fc.constantFrom(...INVALID_INSTANTS)) : undefined;
    case 'absurd-date':
      return typeof value === 'string' && DATE.test(value) ? values(fc.constantFrom(...ABSURD_DATES)) : undefined;
    case 'unknown-appointment-type':
      return (base.appointmentTypes ?? []).includes(path) ? values(fc.constantFrom('yoga', 'FACIAL', 'facial ', 'Massage', 'acupuncture')) : undefined;
  }
};

export const HOSTILE_MUTATIONS: readonly HostileMutation[] = [
  'missing',
  'wrong-type',
  'control-characters',
  'huge-string',
  'huge-number',
  'negative-number',
  'invalid-date',
  'absurd-date',
  'unknown-appointment-type',
  'prototype-pollution',
];

/**
 * One malformed command: a way of breaking a field (each as likely as the others), a base
 * with a field it applies to, and the broken value.
 */
export const arbMalformedCommand = (bases: readonly HostileBase[] = HOSTILE_BASES): fc.Arbitrary<MalformedCommand> => {
  const fields = bases.flatMap((base) => pathsOf(base.input).map(({ path, value }) => ({ base, path, value })));
  const kinds = HOSTILE_MUTATIONS.flatMap((mutation) => {
    const targets = fields.flatMap((f) => {
      const change = breaking(mutation, f.base, f.path, f.value);
      return change === undefined ? [] : [{ ...f, change }];
    });
    return targets.length === 0 ? [] : [{ mutation, targets }];
  });
  return fc.constantFrom(...kinds).chain(({ mutation, targets }) =>
    fc.constantFrom(...targets).chain(({ base, path, change }) =>
      change.map((c) => ({
        input: replaced(base.input, path.split('.'), c),
        type: base.input.type,
        field: path,
        ...('hide' in c ? { pollutionKey: [...path.split('.').slice(0, -1), c.hide].join('.') } : {}),
        mutation,
      })),
    ),
  );
};

/** Inputs that are not commands at all: not an object, no type, an unknown type. */
export const arbNotACommand = (): fc.Arbitrary<MalformedCommand> =>
  fc.oneof(
    fc.constantFrom<unknown>(null, 42, 'BookSession', [], true).map((input) => ({ input, type: '(none)', field: 'command', mutation: 'wrong-type' as const })),
    fc.constantFrom<unknown>({}, { type: 42 }, { type: 'BookMassage', clientId: 'c1' }, { type: '__proto__' }, { type: 'constructor' }, { type: 'toString' }, { type: 'book\u0000session' }).map((input) => ({
      input,
      type: '(unknown)',
      field: 'type',
      mutation: 'wrong-type' as const,
    })),
  );

const samePath = (reported: string, broken: string): boolean => reported === broken || broken.startsWith(`${reported}.`) || reported.startsWith(`${broken}.`);

/** Whether a refusal's field names the broken one (the same path, or one of the two inside the other; or the pollution key it hid behind). */
export const namesField = (reported: string | undefined, broken: MalformedCommand): boolean =>
  reported !== undefined && (samePath(reported, broken.field) || (broken.pollutionKey !== undefined && samePath(reported, broken.pollutionKey)));
