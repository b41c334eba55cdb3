/**
 * What a client's loyalty is told: purchases (a package, a membership payment, a service),
 * membership periods and ends (sent by the membership–loyalty flow), and referrals. Each
 * carries the practice's loyalty program.
 */
import * as t from 'io-ts';
import { commandDecoder, type CommandOf } from '../kernel/commands.js';
import { LocalDateC } from '../values/local-date.js';
import { MoneyC } from '../values/money.js';
import { LoyaltyPurchaseKindC } from './events.js';
import { LoyaltyProgramC } from './program.js';

const id = { clientId: t.string, on: LocalDateC };
/** The practice's loyalty program. @defaultValue `defaultLoyaltyProgram` (the seed's Silver, Gold, Platinum) */
const program = t.partial({ program: LoyaltyProgramC });

const loyaltyCommandCodecs = {
  /** A purchase: a package (counts toward packages bought), a membership payment or a service; all count toward spend. */
  RecordLoyaltyPurchase: t.intersection([t.type({ ...id, kind: LoyaltyPurchaseKindC, reference: t.string, amount: MoneyC }), program]),
  /** A membership period started (a renewal): tenure is measured, and a tier reached since applies. */
  RecordLoyaltyMembershipPeriod: t.intersection([t.type({ ...id, membershipId: t.string, memberSince: LocalDateC }), program]),
  RecordLoyaltyMembershipEnded: t.type({ ...id, membershipId: t.string }),
  /** `referrerId` referred this client; when this client's first purchase is recorded, the referrer earns `reward` (a free month). */
  RecordReferral: t.type({ ...id, referrerId: t.string, reward: MoneyC }),
};

export const loyaltyCommands = commandDecoder(loyaltyCommandCodecs);
export type LoyaltyCommand = CommandOf<typeof loyaltyCommandCodecs>;
export type LoyaltyCommandOf<T extends LoyaltyCommand['type']> = Extract<LoyaltyCommand, { type: T }>;

export const loyaltyCommandStream = (command: LoyaltyCommand): string => `loyalty-${command.clientId}`;
