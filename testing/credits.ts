/**
 * fast-check arbitraries for the credits ledger, and a runner that sends what they generate
 * through a command handler — so integrators can run our laws on their own policies.
 * An intent names what a practice does; the runner turns it into commands (picking a booking
 * to cancel among the client's bookings, advancing the practice date).
 */
import fc from 'fast-check';
import type { CommandHandler } from '../core/kernel/command-handler.js';
import type { DomainError } from '../core/kernel/errors.js';
import { addDays, localDate, type LocalDate } from '../core/values/local-date.js';
import { percent } from '../core/values/percent.js';
import type { CreditPolicySettings, CreditsCommand, CreditsEvent, CreditGrantSource } from '../core/credits/index.js';
import { transferCredits } from '../core/credits/transfer.js';

export type CreditIntent =
  | { readonly kind: 'grant'; readonly client: number; readonly type: number; readonly quantity: number; readonly source: CreditGrantSource; readonly reference: number | null; readonly expiresInDays: number | null }
  | { readonly kind: 'book'; readonly client: number; readonly type: number; readonly channel: 'client_portal' | 'provider' | 'shared_link' }
  | { readonly kind: 'cancel'; readonly client: number; readonly pick: number }
  | { readonly kind: 'set'; readonly client: number; readonly type: number; readonly balance: number }
  | { readonly kind: 'adjust'; readonly client: number; readonly type: number; readonly delta: number }
  | { readonly kind: 'expire'; readonly client: number }
  | { readonly kind: 'void'; readonly client: number; readonly reference: number }
  | { readonly kind: 'extend'; readonly client: number; readonly reference: number; readonly byDays: number }
  | { readonly kind: 'rollover'; readonly client: number; readonly reference: number; readonly percent: number; readonly cap: number | null }
  | { readonly kind: 'transfer'; readonly client: number; readonly to: number; readonly type: number; readonly quantity: number }
  | { readonly kind: 'settings'; readonly client: number; readonly overrides: CreditPolicySettings }
  | { readonly kind: 'advance'; readonly days: number };

export interface CreditIntentOptions {
  /** Number of clients. @defaultValue 2 */
  readonly clients?: number;
  /** Number of appointment types. @defaultValue 2 */
  readonly types?: number;
  /** Most intents in a sequence. @defaultValue 40 */
  readonly maxLength?: number;
  /** Generate per-client settings changes. @defaultValue true */
  readonly settings?: boolean;
}

/** Practice-wide credit settings, each present or not. */
export const arbCreditPolicySettings = (): fc.Arbitrary<CreditPolicySettings> =>
  fc.record(
    { enabled: fc.boolean(), allowBookingWithoutCredits: fc.boolean(), restoreOnCancel: fc.boolean(), preventOnSharedLinks: fc.boolean() },
    { requiredKeys: [] },
  );

/** One intent of a practice. */
export const arbCreditIntent = (options: CreditIntentOptions = {}): fc.Arbitrary<CreditIntent> => {
  const client = fc.nat({ max: (options.clients ?? 2) - 1 });
  const type = fc.nat({ max: (options.types ?? 2) - 1 });
  const reference = fc.nat({ max: 2 });
  const kinds: fc.WeightedArbitrary<CreditIntent>[] = [
    { arbitrary: fc.record({
      kind: fc.constant('grant' as const),
      client,
      type,
      quantity: fc.integer({ min: -1, max: 5 }),
      source: fc.constantFrom<CreditGrantSource>('package', 'membership', 'manual', 'promotional', 'courtesy', 'renewal'),
      reference: fc.option(reference, { nil: null }),
      expiresInDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
    }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('book' as const), client, type, channel: fc.constantFrom('client_portal' as const, 'provider' as const, 'shared_link' as const) }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('book' as const), client, type, channel: fc.constant('client_portal' as const) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('cancel' as const), client, pick: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('set' as const), client, type, balance: fc.integer({ min: 0, max: 6 }) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('adjust' as const), client, type, delta: fc.integer({ min: -3, max: 3 }) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('expire' as const), client }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('void' as const), client, reference }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('extend' as const), client, reference, byDays: fc.integer({ min: 1, max: 40 }) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('rollover' as const), client, reference, percent: fc.integer({ min: 0, max: 100 }), cap: fc.option(fc.nat({ max: 4 }), { nil: null }) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('transfer' as const), client, to: client, type, quantity: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 20 }) }), weight: 1 },
  ];
  if (options.settings ?? true) {
    kinds.push({ arbitrary: fc.record({ kind: fc.constant('settings' as const), client, overrides: arbCreditPolicySettings() }), weight: 1 });
  }
  return fc.oneof(...kinds);
};

/** A sequence of intents. */
export const arbCreditIntents = (options: CreditIntentOptions = {}): fc.Arbitrary<readonly CreditIntent[]> =>
  fc.array(arbCreditIntent(options), { maxLength: options.maxLength ?? 40, size: 'max' });

export interface CreditRunOptions {
  /** The practice's settings, sent with every command. @defaultValue `{}` (the defaults) */
  readonly policy?: CreditPolicySettings;
  /** The practice date of the first intent. @defaultValue 2025-01-01 */
  readonly start?: LocalDate;
  /** Called after each intent (with the refusal, if any): where a law checks its invariant. */
  readonly after?: (intent: CreditIntent, refused: DomainError | undefined) => Promise<void> | void;
}

export const creditClientId = (i: number): string => `client-${i}`;
export const creditAppointmentType = (i: number): string => `type-${i}`;

/** Sends the intents through the handler in order (transfers through `transferCredits`). */
export const runCreditIntents = async (
  handler: CommandHandler<CreditsCommand, CreditsEvent>,
  intents: readonly CreditIntent[],
  options: CreditRunOptions = {},
): Promise<void> => {
  const policy = options.policy ?? {};
  let on = options.start ?? localDate('2025-01-01');
  let n = 0;
  const bookings = new Map<number, string[]>();
  const ref = (client: number, r: number): string => `ref-${client}-${r}`;
  for (const intent of intents) {
    n += 1;
    const at = `2025-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`;
    const context = { commandId: `cmd-${n}`, at };
    let command: CreditsCommand | undefined;
    let refused: DomainError | undefined;
    switch (intent.kind) {
      case 'advance':
        on = addDays(on, intent.days);
        break;
      case 'grant':
        command = {
          type: 'GrantCredits',
          clientId: creditClientId(intent.client),
          appointmentType: creditAppointmentType(intent.type),
          quantity: intent.quantity,
          source: intent.source,
          on,
          ...(intent.reference !== null ? { reference: ref(intent.client, intent.reference) } : {}),
          ...(intent.expiresInDays !== null ? { expiresOn: addDays(on, intent.expiresInDays) } : {}),
        };
        break;
      case 'book': {
        const bookingId = `booking-${n}`;
        const booking: CreditsCommand = { type: 'BookSession', clientId: creditClientId(intent.client), bookingId, appointmentType: creditAppointmentType(intent.type), channel: intent.channel, on, policy };
        const result = await handler.handle(booking, context);
        if (result._tag === 'Left') refused = result.left;
        else if (result.right.events.length > 0) bookings.set(intent.client, [...(bookings.get(intent.client) ?? []), bookingId]);
        break;
      }
      case 'cancel': {
        const ids = bookings.get(intent.client) ?? [];
        const bookingId = ids.length === 0 ? 'no-such-booking' : (ids[intent.pick % ids.length] as string);
        command = { type: 'CancelBooking', clientId: creditClientId(intent.client), bookingId, on, policy };
        break;
      }
      case 'set':
        command = { type: 'SetCreditBalance', clientId: creditClientId(intent.client), appointmentType: creditAppointmentType(intent.type), balance: intent.balance, by: 'provider', reason: 'edit', on };
        break;
      case 'adjust':
        command = { type: 'AdjustCredits', clientId: creditClientId(intent.client), appointmentType: creditAppointmentType(intent.type), delta: intent.delta, by: 'provider', reason: 'edit', on };
        break;
      case 'expire':
        command = { type: 'ExpireCredits', clientId: creditClientId(intent.client), on };
        break;
      case 'void':
        command = { type: 'VoidCredits', clientId: creditClientId(intent.client), reference: ref(intent.client, intent.reference), reason: 'refund', on };
        break;
      case 'extend':
        command = { type: 'ExtendCreditExpiry', clientId: creditClientId(intent.client), reference: ref(intent.client, intent.reference), byDays: intent.byDays, reason: 'pause', on };
        break;
      case 'rollover':
        command = {
          type: 'RollOverCredits',
          clientId: creditClientId(intent.client),
          fromReference: ref(intent.client, intent.reference),
          toReference: `${ref(intent.client, intent.reference)}-rolled`,
          percent: percent(intent.percent),
          cap: intent.cap,
          expiresOn: addDays(on, 30),
          on,
        };
        break;
      case 'settings':
        command = { type: 'AdjustCreditSettings', clientId: creditClientId(intent.client), overrides: intent.overrides, by: 'admin', on };
        break;
      case 'transfer': {
        const result = await transferCredits(
          handler,
          {
            transferId: `transfer-${n}`,
            fromClientId: creditClientId(intent.client),
            toClientId: creditClientId(intent.to),
            appointmentType: creditAppointmentType(intent.type),
            quantity: intent.quantity,
            on,
            policy,
          },
          { at },
        );
        if (result._tag === 'Left') refused = result.left;
        break;
      }
    }
    if (command !== undefined) {
      const result = await handler.handle(command, context);
      if (result._tag === 'Left') refused = result.left;
    }
    await options.after?.(intent, refused);
  }
};
