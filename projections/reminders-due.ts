/**
 * Reminders due: the messages the platform should send (the seed's Communication: "send
 * renewal reminders 2 weeks before", "notify when nearing expiration, offer extension
 * option", a trial's end, "ask why patients don't renew"), read from the membership
 * roster and the packages that expire.
 *
 * Each message has a **window**: from the day it falls due until the day it is about
 * (exclusive) — a renewal reminder from 14 days before the renewal until the renewal, a
 * package-expiry notice from 14 days before the expiry while units are left, a
 * trial-ending notice from 3 days before the trial converts, a non-renewal survey for 14
 * days after a membership ends by cancellation or without renewal. Its **id** is derived
 * from what it is about (the membership or package, the kind, the date it concerns), so
 * every run inside the window lists the same message under the same id: the platform
 * sends the ids it has not sent yet, and re-running never repeats a message. A message
 * about a date that moved (a renewal pushed by a pause, an extended package) is another
 * message, with another id.
 */
import type { DomainEvent } from '../core/kernel/envelope.js';
import { DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS } from '../core/rules/package-expiry.js';
import { deriveId } from '../core/values/ids.js';
import { addDays, type LocalDate } from '../core/values/local-date.js';
import { formatMoney, type Money } from '../core/values/money.js';
import { membershipRosterProjection, upcomingRenewals, type MembershipRoster } from './memberships.js';
import { packagesExpiringProjection, packagesExpiringSoon, type PackagesExpiringModel } from './packages-expiring.js';
import type { Projection } from './projection.js';
import type { ReportDefinition, ReportTable } from './report.js';
import { byText } from './report-values.js';

export type ReminderKind = 'renewal-reminder' | 'trial-ending' | 'package-expiry-notice' | 'non-renewal-survey';

export interface ReminderMessage {
  /** Stable: derived from the subject, the kind and the date it concerns. */
  readonly messageId: string;
  readonly kind: ReminderKind;
  readonly clientId: string;
  /** The first day of its window. */
  readonly dueOn: LocalDate;
  /** The day it is about: the renewal, the trial's end, the expiry, the membership's end. */
  readonly about: LocalDate;
  readonly membershipId?: string;
  readonly packageId?: string;
  /** The amount to be charged (renewal, trial end), or the value of the units left (expiry). */
  readonly amount?: Money;
  readonly text: string;
}

/** When each kind of message falls due. */
export interface ReminderPolicy {
  /** Days before a renewal. @defaultValue 14 */
  readonly renewalDaysBefore?: number;
  /** Days before a trial converts. @defaultValue 3 */
  readonly trialEndingDaysBefore?: number;
  /** Days before a package expires (the package expiry notice's own default). @defaultValue 14 */
  readonly packageExpiryDaysBefore?: number;
  /** Days after a membership ends during which the survey is due. @defaultValue 14 */
  readonly surveyDaysAfter?: number;
}

export interface RemindersModel {
  readonly roster: MembershipRoster;
  readonly packages: PackagesExpiringModel;
}

export const remindersProjection: Projection<DomainEvent, RemindersModel> = {
  name: 'reminders-due',
  initial: { roster: membershipRosterProjection.initial, packages: packagesExpiringProjection.initial },
  apply: (model, event) => {
    const roster = membershipRosterProjection.apply(model.roster, event);
    const packages = packagesExpiringProjection.apply(model.packages, event);
    return roster === model.roster && packages === model.packages ? model : { roster, packages };
  },
};

/** The messages whose window contains `asOf`, by due date, kind and client. */
export const remindersDue = (model: RemindersModel, asOf: LocalDate, policy: ReminderPolicy = {}): readonly ReminderMessage[] => {
  const renewalDays = policy.renewalDaysBefore ?? 14;
  const trialDays = policy.trialEndingDaysBefore ?? 3;
  const expiryDays = policy.packageExpiryDaysBefore ?? DEFAULT_PACKAGE_EXPIRY_NOTICE_DAYS;
  const surveyDays = policy.surveyDaysAfter ?? 14;
  const tomorrow = addDays(asOf, 1);
  const messages: ReminderMessage[] = [];
  for (const r of upcomingRenewals(model.roster, tomorrow, Math.max(renewalDays, trialDays))) {
    const renewal = r.kind === 'renewal';
    const daysBefore = renewal ? renewalDays : trialDays;
    const dueOn = addDays(r.on, -daysBefore);
    if (dueOn > asOf) continue;
    const kind: ReminderKind = renewal ? 'renewal-reminder' : 'trial-ending';
    messages.push({
      messageId: deriveId(r.membershipId, `${kind}/${r.on}`),
      kind,
      clientId: r.clientId,
      dueOn,
      about: r.on,
      membershipId: r.membershipId,
      amount: r.amount,
      text: renewal
        ? `Your ${r.tier.name} membership renews on ${r.on}: ${formatMoney(r.amount)} will be charged.`
        : `Your ${r.tier.name} trial ends on ${r.on}; your membership continues at ${formatMoney(r.amount)} unless you cancel before then.`,
    });
  }
  for (const p of packagesExpiringSoon(model.packages, asOf, { withinDays: expiryDays, noticeDaysBefore: expiryDays })) {
    messages.push({
      messageId: deriveId(p.packageId, `package-expiry-notice/${p.expiresOn}`),
      kind: 'package-expiry-notice',
      clientId: p.clientId,
      dueOn: p.noticeOn,
      about: p.expiresOn,
      packageId: p.packageId,
      amount: p.valueRemaining,
      text: `Your ${p.name} expires on ${p.expiresOn} with ${p.unitsRemaining} unused (${formatMoney(p.valueRemaining)}); ask us about an extension.`,
    });
  }
  for (const m of model.roster.memberships.values()) {
    const ended = m.ended;
    if (ended === null || ended.reason === 'non-payment' || ended.on > asOf || addDays(ended.on, surveyDays) <= asOf) continue;
    messages.push({
      messageId: deriveId(m.membershipId, `non-renewal-survey/${ended.on}`),
      kind: 'non-renewal-survey',
      clientId: m.clientId,
      dueOn: ended.on,
      about: ended.on,
      membershipId: m.membershipId,
      text: `Your ${m.terms.name} membership ended on ${ended.on}. Would you tell us why you did not renew?`,
    });
  }
  return messages.sort((a, b) => byText(a.dueOn, b.dueOn) || byText(a.kind, b.kind) || byText(a.clientId, b.clientId) || byText(a.messageId, b.messageId));
};

export interface RemindersDue {
  readonly asOf: LocalDate;
  readonly messages: readonly ReminderMessage[];
}

const reminderTables = (r: RemindersDue): readonly ReportTable[] => [
  {
    title: `Reminders due on ${r.asOf}`,
    columns: ['Message id', 'Kind', 'Client', 'Due on', 'About', 'Text'],
    rows: r.messages.map((m) => [m.messageId, m.kind, m.clientId, m.dueOn, m.about, m.text]),
  },
];

export const remindersDueReport: ReportDefinition<RemindersModel, RemindersDue> = {
  name: 'reminders-due',
  title: 'Reminders due',
  description: 'Renewal reminders, trial-ending notices, package-expiry notices and non-renewal surveys to send, each with a stable id.',
  parameters: [],
  projection: remindersProjection,
  view: (model, { asOf }) => ({ asOf, messages: remindersDue(model, asOf) }),
  tables: reminderTables,
};
