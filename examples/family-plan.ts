/**
 * A family plan and a rollover, from the seed's "Family & Group Plans" and "Membership
 * Rollover & Credits": the Riveras' Family Wellness plan gives each member 2 treatments a
 * month; half of the unused ones roll over (at most 1, valid 2 more months); the parents
 * split the bill. Alex (the primary member) adds Morgan and Sam; Sam cannot add a friend.
 * January's treatments are used unevenly; at the February renewal what was left rolls
 * over or expires, and each member sees their usage ("1 of 2 treatments used").
 *
 * The flows runner of the service layer is not needed here: a small loop reads the log and
 * sends what the flows ask, as the runner will.
 */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../adapters/in-memory/index.js';
import {
  benefitsCreditsFlow,
  createCommandHandler,
  creditsCommandStream,
  creditsDecider,
  creditsEvents,
  currentMembershipPlanTerms,
  deriveId,
  formatMoney,
  localDate,
  membershipBenefitsCommandStream,
  membershipBenefitsDecider,
  membershipBenefitsEvents,
  membershipBenefitsFlow,
  membershipCommandStream,
  membershipDecider,
  membershipEvents,
  membershipPlanCommands,
  membershipPlanCommandStream,
  membershipPlanDecider,
  membershipPlanEvents,
  practiceEvents,
  type CommandContext,
  type CreditsCommand,
  type DomainError,
  type MembershipBenefitsCommand,
  type MembershipCommand,
} from '../core/index.js';
import { creditHistory, creditHistoryProjection, membershipUsage, membershipUsageProjection, project } from '../projections/index.js';

export async function familyPlanDemo(print: (line: string) => void = console.log): Promise<void> {
  const store = createInMemoryEventStore(practiceEvents);
  const plans = createCommandHandler({ store, decider: membershipPlanDecider, events: membershipPlanEvents, streamName: membershipPlanCommandStream, commands: membershipPlanCommands });
  const memberships = createCommandHandler({ store, decider: membershipDecider, events: membershipEvents, streamName: membershipCommandStream });
  const benefits = createCommandHandler({ store, decider: membershipBenefitsDecider, events: membershipBenefitsEvents, streamName: membershipBenefitsCommandStream });
  const credits = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });

  let n = 0;
  const context = (on: string, actor: string): CommandContext => ({ commandId: `demo-${++n}`, at: `${on}T09:00:00.000Z`, actor });
  const must = <T>(what: string, result: Either<DomainError, T>): T => {
    if (isLeft(result)) throw new Error(`${what} was refused: ${result.left.message}`);
    return result.right;
  };
  const membership = async (c: MembershipCommand, actor = 'front-desk') => must(c.type, await memberships.handle(c, context(c.on, actor)));
  const household = async (c: MembershipBenefitsCommand, actor: string) => benefits.handle(c, context(c.on, actor));
  const book = async (c: CreditsCommand, actor: string) => must(c.type, await credits.handle(c, context(c.on, actor)));

  // The flows: membership facts → benefits, benefits → credits ledgers; ids derived from each event.
  let checkpoint: bigint | undefined;
  const runFlows = async (): Promise<void> => {
    for await (const event of store.readAll(checkpoint === undefined ? {} : { after: checkpoint })) {
      checkpoint = event.position;
      const at = { at: event.metadata.at, causationId: event.eventId };
      if (membershipEvents.is(event)) {
        for (const d of membershipBenefitsFlow.react(event)) must(d.command.type, await benefits.handle(d.command, { ...at, commandId: d.commandId, actor: d.actor }));
      }
      if (membershipBenefitsEvents.is(event)) {
        for (const d of benefitsCreditsFlow.react(event)) must(d.command.type, await credits.handle(d.command, { ...at, commandId: d.commandId, actor: d.actor }));
      }
    }
  };
  const d = localDate;

  // The plan, as a practice defines it (untrusted JSON from its settings screen).
  must(
    'DefineMembershipPlan',
    await plans.handleInput(
      {
        type: 'DefineMembershipPlan',
        planId: 'family-wellness',
        on: '2025-01-01',
        name: 'Family Wellness',
        price: { amount: 24900, currency: 'USD' },
        frequency: 'monthly',
        includedServices: [{ serviceId: 'treatment', quantity: 2 }],
        rollover: { percent: 50, cap: 1, expiresAfterMonths: 2 },
        household: { kind: 'family', benefits: 'per-person', billing: 'split', maxMembers: 5 },
      },
      context('2025-01-01', 'manager'),
    ),
  );
  let plan = membershipPlanDecider.initialState;
  for await (const e of store.readStream('plan-family-wellness')) if (membershipPlanEvents.is(e)) plan = membershipPlanDecider.evolve(plan, e);
  const terms = currentMembershipPlanTerms(plan);
  if (terms === undefined) throw new Error('the plan was not defined');
  print(`Plan: ${terms.name}, ${formatMoney(terms.price)}/month, 2 treatments per person; ${terms.rollover?.percent}% of the unused roll over (at most ${terms.rollover?.cap}), valid ${terms.rollover?.expiresAfterMonths} more months`);

  // Alex signs up and manages the family.
  await membership({ type: 'SignUpForMembership', membershipId: 'rivera', clientId: 'alex', on: d('2025-01-01'), terms });
  await runFlows();
  for (const member of ['morgan', 'sam']) must('AddHouseholdMember', await household({ type: 'AddHouseholdMember', membershipId: 'rivera', clientId: member, by: 'alex', on: d('2025-01-02') }, 'alex'));
  const refused = await household({ type: 'AddHouseholdMember', membershipId: 'rivera', clientId: 'sams-friend', by: 'sam', on: d('2025-01-03') }, 'sam');
  if (isLeft(refused)) print(`Sam tries to add a friend: refused (${refused.left.code}) — ${refused.left.message}`);
  must('SetHouseholdBillingShares', await household({ type: 'SetHouseholdBillingShares', membershipId: 'rivera', by: 'alex', on: d('2025-01-03'), shares: [{ clientId: 'alex', weight: 1 }, { clientId: 'morgan', weight: 1 }] }, 'alex'));
  await runFlows();

  // January: Alex uses both treatments, Morgan one, Sam none.
  const treatment = (clientId: string, bookingId: string, on: string): CreditsCommand => ({ type: 'BookSession', clientId, bookingId, appointmentType: 'treatment', channel: 'client_portal', on: d(on) });
  await book(treatment('alex', 'jan-alex-1', '2025-01-08'), 'alex');
  await book(treatment('alex', 'jan-alex-2', '2025-01-22'), 'alex');
  await book(treatment('morgan', 'jan-morgan-1', '2025-01-15'), 'morgan');
  let usage = await project(membershipUsageProjection, store.readAll());
  for (const member of ['alex', 'morgan', 'sam']) print(`January, ${member}: ${membershipUsage(usage, 'rivera', d('2025-01-31'), member)?.services[0]?.summary ?? 'not a member'}`);

  // The February renewal (the charge split between the parents), then its rollover and grants.
  await membership({ type: 'RecordMembershipPaymentSucceeded', membershipId: 'rivera', chargeId: deriveId('rivera', 'charge/1'), on: d('2025-01-01') });
  await membership({ type: 'RenewMembership', membershipId: 'rivera', on: d('2025-02-01') }, 'system');
  await runFlows();
  for await (const e of store.readStream('benefits-rivera')) {
    if (membershipBenefitsEvents.is(e) && e.type === 'HouseholdChargeSplit') {
      print(`Charge of ${e.data.requestedOn}, ${formatMoney(e.data.total)}: ${e.data.shares.map((s) => `${s.clientId} ${formatMoney(s.amount)}`).join(', ')}`);
    }
  }
  const history = await project(creditHistoryProjection, store.readAll());
  for (const member of ['alex', 'morgan', 'sam']) {
    const rollover = creditHistory(history, member, 'treatment').find((h) => h.reason === 'rollover');
    print(`Rollover, ${member}: ${rollover?.description ?? 'nothing left to roll over'}`);
  }
  usage = await project(membershipUsageProjection, store.readAll());
  for (const member of ['alex', 'morgan', 'sam']) {
    const s = membershipUsage(usage, 'rivera', d('2025-02-01'), member)?.services[0];
    print(`February, ${member}: ${s?.summary}, ${s?.remaining} left until ${s?.expiresOn}${s !== undefined && s.carriedOver > 0 ? `, plus ${s.carriedOver} carried over` : ''}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await familyPlanDemo();
