/**
 * The facade's membership, plan and wallet methods. The facade reads what a membership
 * command needs from other streams: a plan's terms (`planId` → `plan-<planId>`) and the
 * client's wallet credit (`wallet-<clientId>`, applied to the charge when the policy says
 * so); the practice's defaults fill plans and tier changes.
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { domainError } from '../kernel/errors.js';
import {
  membershipDecider,
  membershipEvents,
  membershipStream,
  type MembershipCommandOf,
  type MembershipCommand,
  type MembershipEvent,
  type MembershipTerms,
} from '../memberships/index.js';
import {
  currentMembershipPlanTerms,
  membershipPlanDecider,
  membershipPlanEvents,
  membershipPlanStream,
  membershipPlanTermsAt,
  type MembershipPlanCommand,
  type MembershipPlanEvent,
} from '../membership-plans/index.js';
import { walletAvailableCredit, walletDecider, walletEvents, walletStream, type WalletCommand, type WalletEvent } from '../wallet/index.js';
import { deriveId } from '../values/ids.js';
import type { Money } from '../values/money.js';
import type { LedgerInput, Loose } from './inputs.js';
import { commandMethod, optionalId, reject, requireId, stringField, stateReader, withDefaults, without, type Fields, type Kit, type LedgerEnvelope, type Recorded, type Untyped } from './kit.js';

type M<T extends MembershipCommand['type'], F extends PropertyKey = never> = LedgerInput<MembershipCommandOf<T>, F>;
type P<T extends MembershipPlanCommand['type'], F extends PropertyKey = never> = LedgerInput<Extract<MembershipPlanCommand, { type: T }>, F>;
type W<T extends WalletCommand['type'], F extends PropertyKey = never> = LedgerInput<Extract<WalletCommand, { type: T }>, F>;
type Result = Promise<Recorded<MembershipEvent>>;

/** The plan a sign-up or a change of tier is for: a plan's id (its latest version is read), or full terms. */
export interface PlanChoice {
  /** The plan; its latest version's terms are used (a retired plan is refused). Give this or `terms`. */
  readonly planId?: string;
  /** The terms themselves, when the plan is not kept in the ledger. Give this or `planId`. */
  readonly terms?: Loose<MembershipTerms>;
}

export type SignUpForMembershipInput = M<'SignUpForMembership', 'terms' | 'membershipId' | 'walletAvailable'> &
  PlanChoice & {
    /** The new membership's id. @defaultValue derived from `commandId` when given, else a fresh id */
    readonly membershipId?: string;
  };

export interface MembershipMethods {
  /** Signs a client up for a plan; the client's wallet credit is applied to the first charge (policy). */
  readonly signUpForMembership: (input: SignUpForMembershipInput) => Result;
  /** Starts a membership signed up for a later date (the schedule sends it). */
  readonly startMembership: (input: M<'StartMembership', 'walletAvailable'>) => Result;
  /** Converts a trial at its end (the schedule sends it). */
  readonly convertMembershipTrial: (input: M<'ConvertMembershipTrial', 'walletAvailable'>) => Result;
  /** Renews a membership at its period's end (the schedule sends it). */
  readonly renewMembership: (input: M<'RenewMembership', 'walletAvailable'>) => Result;
  /** Retries a failed payment on its retry date (the schedule sends it). */
  readonly retryMembershipPayment: (input: M<'RetryMembershipPayment'>) => Result;
  /** Ends a membership when a cancellation takes effect or it is not renewed (the schedule sends it). */
  readonly endMembership: (input: M<'EndMembership'>) => Result;
  /** Records that a requested charge was paid. */
  readonly recordMembershipPaymentSucceeded: (input: M<'RecordMembershipPaymentSucceeded'>) => Result;
  /** Records that a requested charge failed: the membership goes past due and retries are scheduled. */
  readonly recordMembershipPaymentFailed: (input: M<'RecordMembershipPaymentFailed'>) => Result;
  /** Pauses a membership for whole months, within the plan's bounds. */
  readonly pauseMembership: (input: M<'PauseMembership'>) => Result;
  /** Resumes a paused membership (early, or at the pause's end when the schedule sends it). */
  readonly resumeMembership: (input: M<'ResumeMembership'>) => Result;
  /** Extends the current period by a number of days. */
  readonly extendMembershipPeriod: (input: M<'ExtendMembershipPeriod'>) => Result;
  /** Changes the tier, prorated by the day; the practice's tier-change policy applies. */
  readonly changeMembershipTier: (input: M<'ChangeMembershipTier', 'terms' | 'policy' | 'walletAvailable'> & PlanChoice) => Result;
  /** Moves a member to a version of their plan at the first renewal after the notice. */
  readonly moveMembershipToPlanVersion: (
    input: M<'MoveMembershipToPlanVersion', 'terms' | 'noticeDays'> & {
      readonly planId: string;
      /** @defaultValue the plan's latest version */
      readonly planVersion?: number;
      /** @defaultValue the practice's `planRevision.noticeDays` */
      readonly noticeDays?: number;
    },
  ) => Result;
  /** Requests a cancellation; the plan's notice and timing decide when it takes effect. */
  readonly cancelMembership: (input: M<'CancelMembership'>) => Result;
  /** Defines a plan (a tier); renewal, pause and dunning terms it does not set take the practice's defaults. */
  readonly defineMembershipPlan: (input: P<'DefineMembershipPlan'>) => Promise<Recorded<MembershipPlanEvent>>;
  /** Revises a plan into a new version; members on older versions keep them or move at renewal (policy). */
  readonly reviseMembershipPlan: (input: P<'ReviseMembershipPlan'>) => Promise<Recorded<MembershipPlanEvent>>;
  /** Retires a plan: no new sign-ups. */
  readonly retireMembershipPlan: (input: P<'RetireMembershipPlan'>) => Promise<Recorded<MembershipPlanEvent>>;
  /** Credits a client's wallet (courtesy, promotion, refund to credit, a payment toward a debt). */
  readonly creditWallet: (input: W<'CreditWallet'>) => Promise<Recorded<WalletEvent>>;
  /** Writes off a negative wallet balance at or under the practice's threshold. */
  readonly forgiveWalletDebt: (input: W<'ForgiveWalletDebt', 'threshold'>) => Promise<Recorded<WalletEvent>>;
}

/** Just enough of terms to know their currency (the decoder checks the rest). */
const PricedC = t.type({ price: t.type({ currency: t.string }) });

export const membershipMethods = (kit: Kit): Untyped<MembershipMethods> => {
  const { memberships, plans, wallets } = kit.aggregates;
  const policy = kit.policies.memberships;
  const planState = stateReader(kit, membershipPlanDecider, membershipPlanEvents);
  const membershipState = stateReader(kit, membershipDecider, membershipEvents);
  const walletState = stateReader(kit, walletDecider, walletEvents);

  const planTerms = async (planId: string, version: number | undefined, forNewTerms: boolean): Promise<MembershipTerms> => {
    const state = await planState(membershipPlanStream(planId));
    if (!state.defined) return reject(domainError('PLAN_NOT_FOUND', `There is no plan ${planId}.`, { field: 'planId', details: { planId } }));
    if (version !== undefined) {
      const terms = membershipPlanTermsAt(state, version);
      return terms ?? reject(domainError('PLAN_VERSION_NOT_FOUND', `Plan ${planId} has no version ${version}.`, { field: 'planVersion', details: { planId, version } }));
    }
    if (forNewTerms && state.retired) return reject(domainError('PLAN_RETIRED', `Plan ${planId} is retired: it takes no new members.`, { field: 'planId', details: { planId } }));
    const terms = currentMembershipPlanTerms(state);
    return terms ?? reject(domainError('PLAN_NOT_FOUND', `There is no plan ${planId}.`, { field: 'planId', details: { planId } }));
  };

  /** The caller's `terms`, or those of the plan they name. */
  const chosenTerms = async (fields: Fields): Promise<unknown> => {
    if (fields.terms !== undefined) return fields.terms;
    const planId = requireId(fields, 'planId');
    if (isLeft(planId)) return reject(planId.left);
    return planTerms(planId.right, undefined, true);
  };

  const walletCredit = async (clientId: string, currency: string): Promise<Money | undefined> => {
    if (!policy.applyWalletCredit) return undefined;
    const credit = walletAvailableCredit(await walletState(walletStream(clientId)), currency);
    return credit.amount > 0 ? credit : undefined;
  };

  /** The membership's client and currency, for its wallet credit; `undefined` when there is no such membership. */
  const memberOf = async (fields: Fields): Promise<{ readonly clientId: string; readonly currency: string } | undefined> => {
    const membershipId = stringField(fields, 'membershipId');
    if (membershipId === undefined) return undefined;
    const m = await membershipState(membershipStream(membershipId));
    return m.phase === 'none' ? undefined : { clientId: m.clientId, currency: m.terms.price.currency };
  };

  const withWallet = async (fields: Fields, clientId: string | undefined, currency: string | undefined): Promise<Fields> => {
    const rest = without(fields, 'walletAvailable');
    const credit = clientId !== undefined && currency !== undefined ? await walletCredit(clientId, currency) : undefined;
    return credit === undefined ? rest : { ...rest, walletAvailable: credit };
  };

  const currencyOf = (terms: unknown): string | undefined => (PricedC.is(terms) ? terms.price.currency : undefined);

  const signUp = async (fields: Fields, envelope: LedgerEnvelope): Promise<Fields> => {
    const terms = await chosenTerms(fields);
    const given = optionalId(fields, 'membershipId');
    if (isLeft(given)) return reject(given.left);
    const membershipId = given.right ?? (envelope.commandId !== undefined ? deriveId(envelope.commandId, 'membership') : kit.ids.next());
    const base = { ...without(fields, 'planId'), terms, membershipId, billingAlignment: fields.billingAlignment ?? policy.billingAlignment };
    return withWallet(base, stringField(fields, 'clientId'), currencyOf(terms));
  };

  const scheduledWithWallet = async (fields: Fields): Promise<Fields> => {
    const member = await memberOf(fields);
    return withWallet(fields, member?.clientId, member?.currency);
  };

  const changeTier = async (fields: Fields): Promise<Fields> => {
    const terms = await chosenTerms(fields);
    const member = await memberOf(fields);
    return withWallet({ ...without(fields, 'planId'), terms, policy: policy.tierChange }, member?.clientId, currencyOf(terms));
  };

  const moveToVersion = async (fields: Fields): Promise<Fields> => {
    const planId = requireId(fields, 'planId');
    if (isLeft(planId)) return reject(planId.left);
    const version = fields.planVersion;
    if (version !== undefined && (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)) {
      return reject(domainError('INVALID_COMMAND', '"planVersion" must be a positive integer.', { field: 'planVersion' }));
    }
    const terms = await planTerms(planId.right, version, false);
    return { ...without(fields, 'planId', 'planVersion'), terms, noticeDays: fields.noticeDays ?? kit.policies.planRevision.noticeDays };
  };

  const planDefaults = (fields: Fields): Fields => ({
    ...fields,
    renewal: withDefaults(fields.renewal, policy.renewal),
    pause: withDefaults(fields.pause, policy.pause),
    dunning: withDefaults(fields.dunning, policy.dunning),
    rollover: fields.rollover === undefined ? policy.rollover : fields.rollover,
  });

  const threshold = kit.policies.wallet.forgivenessThreshold;

  return {
    signUpForMembership: commandMethod(kit, memberships, 'SignUpForMembership', signUp),
    startMembership: commandMethod(kit, memberships, 'StartMembership', scheduledWithWallet),
    convertMembershipTrial: commandMethod(kit, memberships, 'ConvertMembershipTrial', scheduledWithWallet),
    renewMembership: commandMethod(kit, memberships, 'RenewMembership', scheduledWithWallet),
    retryMembershipPayment: commandMethod(kit, memberships, 'RetryMembershipPayment'),
    endMembership: commandMethod(kit, memberships, 'EndMembership'),
    recordMembershipPaymentSucceeded: commandMethod(kit, memberships, 'RecordMembershipPaymentSucceeded'),
    recordMembershipPaymentFailed: commandMethod(kit, memberships, 'RecordMembershipPaymentFailed'),
    pauseMembership: commandMethod(kit, memberships, 'PauseMembership'),
    resumeMembership: commandMethod(kit, memberships, 'ResumeMembership'),
    extendMembershipPeriod: commandMethod(kit, memberships, 'ExtendMembershipPeriod'),
    changeMembershipTier: commandMethod(kit, memberships, 'ChangeMembershipTier', changeTier),
    moveMembershipToPlanVersion: commandMethod(kit, memberships, 'MoveMembershipToPlanVersion', moveToVersion),
    cancelMembership: commandMethod(kit, memberships, 'CancelMembership'),
    defineMembershipPlan: commandMethod(kit, plans, 'DefineMembershipPlan', planDefaults),
    reviseMembershipPlan: commandMethod(kit, plans, 'ReviseMembershipPlan', (fields) => ({
      ...planDefaults(fields),
      existingMembers: fields.existingMembers ?? kit.policies.planRevision.existingMembers,
      noticeDays: fields.noticeDays ?? kit.policies.planRevision.noticeDays,
    })),
    retireMembershipPlan: commandMethod(kit, plans, 'RetireMembershipPlan'),
    creditWallet: commandMethod(kit, wallets, 'CreditWallet'),
    forgiveWalletDebt: commandMethod(kit, wallets, 'ForgiveWalletDebt', (fields) => (threshold !== undefined ? { ...fields, threshold } : without(fields, 'threshold'))),
  };
};
