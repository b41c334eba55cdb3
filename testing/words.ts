/**
 * Commands in the domain's words, for the failure messages of the laws: a shrunk command
 * sequence reads as a practice manager would tell it ("1. grant 3 facial credits to c1
 * (package p1) · 2. book facial for c1 via client portal"). A description never throws,
 * whatever the input: it is also used for hostile input, where any field may be anything.
 */
import { inspect } from 'node:util';

type Fields = Readonly<Record<string, unknown>>;

const isRecord = (u: unknown): u is Fields => typeof u === 'object' && u !== null && !Array.isArray(u);

/** A value as a short, printable text (control characters escaped, long ones cut). */
const shown = (u: unknown): string => {
  if (typeof u === 'string') {
    const cut = u.length > 40 ? `${u.slice(0, 40)}…` : u;
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u001f\u007f-\u009f]/.test(cut) || cut.trim() === '' ? JSON.stringify(cut) : cut;
  }
  if (typeof u === 'number' || typeof u === 'boolean' || u === null || u === undefined) return String(u);
  return inspect(u, { depth: 2, breakLength: Infinity, maxArrayLength: 4, maxStringLength: 40 });
};

const moneyText = (u: unknown): string => {
  if (!isRecord(u) || typeof u.amount !== 'number' || typeof u.currency !== 'string') return shown(u);
  const sign = u.amount < 0 ? '-' : '';
  const abs = Math.abs(u.amount);
  return Number.isSafeInteger(abs) ? `${sign}${u.currency} ${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}` : shown(u);
};

const channelText = (u: unknown): string =>
  u === 'client_portal' ? 'client portal' : u === 'shared_link' ? 'a shared booking link' : u === 'provider' ? 'the provider' : shown(u);

const actorText = (u: unknown): string => {
  if (!isRecord(u)) return shown(u);
  if (u.kind === 'system') return 'the system';
  if (u.kind === 'client') return `client ${shown(u.clientId)}`;
  if (u.kind === 'member') {
    const permissions = Array.isArray(u.permissions) ? u.permissions : [];
    return `member ${shown(u.memberId)}${permissions.length === 0 ? ' (no program permission)' : ''}`;
  }
  return shown(u);
};

const sourceText = (u: unknown): string => {
  if (!isRecord(u)) return '';
  if (u.kind === 'package') return ` through package ${shown(u.packageId)}`;
  if (u.kind === 'group') return ` through group ${shown(u.groupId)}`;
  if (u.kind === 'portal') return ' from the client portal';
  return '';
};

const planText = (f: Fields): string => {
  if (f.planId !== undefined) return `plan ${shown(f.planId)}`;
  const terms = f.terms;
  return isRecord(terms) ? `plan ${shown(terms.planId)} v${shown(terms.version)} (${moneyText(terms.price)} ${shown(terms.frequency)})` : 'a plan';
};

const definitionText = (f: Fields): string => {
  if (f.definitionId !== undefined) return `package definition ${shown(f.definitionId)}`;
  const terms = f.terms;
  return isRecord(terms) ? `package definition ${shown(terms.definitionId)} v${shown(terms.version)}` : 'a package definition';
};

const opt = (f: Fields, key: string, text: (v: unknown) => string): string => (f[key] === undefined ? '' : text(f[key]));
const plural = (n: unknown, word: string): string => `${shown(n)} ${word}${n === 1 ? '' : 's'}`;
const onDay = (f: Fields): string => (f.on !== undefined ? ` on ${shown(f.on)}` : f.at !== undefined ? ` at ${shown(f.at)}` : '');

const describers: Readonly<Record<string, (f: Fields) => string>> = {
  // credits
  GrantCredits: (f) =>
    `grant ${plural(f.quantity, `${shown(f.appointmentType)} credit`)} to ${shown(f.clientId)} (${shown(f.source)}${opt(f, 'reference', (r) => ` ${shown(r)}`)})${opt(f, 'expiresOn', (d) => `, expiring ${shown(d)}`)}`,
  BookSession: (f) =>
    `book ${shown(f.appointmentType)} for ${shown(f.clientId)} via ${channelText(f.channel)} (booking ${shown(f.bookingId)}${opt(f, 'fromReference', (r) => `, from ${shown(r)}`)})`,
  BookSessionFromPackage: (f) => `book ${shown(f.appointmentType)} for ${shown(f.clientId)} from package ${shown(f.packageId)} (booking ${shown(f.bookingId)})`,
  DeclinePackageCredit: (f) => `package ${shown(f.packageId)} declines the credit of booking ${shown(f.bookingId)} of ${shown(f.clientId)} (${shown(f.code)})`,
  CancelBooking: (f) => `cancel booking ${shown(f.bookingId)} of ${shown(f.clientId)}`,
  SetCreditBalance: (f) => `set ${shown(f.clientId)}'s ${shown(f.appointmentType)} balance to ${shown(f.balance)}`,
  AdjustCredits: (f) => `adjust ${shown(f.clientId)}'s ${shown(f.appointmentType)} credits by ${typeof f.delta === 'number' && f.delta > 0 ? '+' : ''}${shown(f.delta)}`,
  ExpireCredits: (f) => `expire ${shown(f.clientId)}'s credits due`,
  VoidCredits: (f) => `void ${shown(f.clientId)}'s unused credits from ${shown(f.reference)} (${shown(f.reason)})`,
  ExtendCreditExpiry: (f) =>
    `extend the expiry of ${shown(f.clientId)}'s credits from ${shown(f.reference)} ${f.byDays !== undefined ? `by ${plural(f.byDays, 'day')}` : `to ${shown(f.expiresOn)}`}`,
  RollOverCredits: (f) => `roll over ${shown(f.percent)}% of ${shown(f.clientId)}'s unused credits from ${shown(f.fromReference)}${opt(f, 'cap', (c) => ` (cap ${shown(c)})`)}`,
  TransferCredits: (f) => `transfer ${plural(f.quantity, `${shown(f.appointmentType)} credit`)} from ${shown(f.fromClientId)} to ${shown(f.toClientId)}`,
  TransferCreditsOut: (f) => `give ${plural(f.quantity, `${shown(f.appointmentType)} credit`)} from ${shown(f.clientId)} to ${shown(f.toClientId)} (transfer ${shown(f.transferId)})`,
  ReceiveCreditTransfer: (f) => `receive ${shown(f.appointmentType)} credits from ${shown(f.fromClientId)} into ${shown(f.clientId)}'s ledger (transfer ${shown(f.transferId)})`,
  ReverseCreditTransfer: (f) => `reverse transfer ${shown(f.transferId)} of ${shown(f.clientId)}`,
  AdjustCreditSettings: (f) => `set ${shown(f.clientId)}'s own credit settings to ${shown(f.overrides)}`,
  // memberships, plans, wallet
  SignUpForMembership: (f) => `sign ${shown(f.clientId)} up for ${planText(f)}${opt(f, 'membershipId', (m) => ` (membership ${shown(m)})`)}${opt(f, 'startsOn', (d) => `, starting ${shown(d)}`)}`,
  StartMembership: (f) => `start membership ${shown(f.membershipId)}`,
  ConvertMembershipTrial: (f) => `convert the trial of membership ${shown(f.membershipId)}`,
  RenewMembership: (f) => `renew membership ${shown(f.membershipId)}`,
  RetryMembershipPayment: (f) => `retry charge ${shown(f.chargeId)} of membership ${shown(f.membershipId)}`,
  EndMembership: (f) => `end membership ${shown(f.membershipId)}`,
  RecordMembershipPaymentSucceeded: (f) => `record that charge ${shown(f.chargeId)} of membership ${shown(f.membershipId)} was paid${opt(f, 'amountPaid', (a) => ` (${moneyText(a)})`)}`,
  RecordMembershipPaymentFailed: (f) => `record that charge ${shown(f.chargeId)} of membership ${shown(f.membershipId)} failed`,
  PauseMembership: (f) => `pause membership ${shown(f.membershipId)} for ${plural(f.months, 'month')}`,
  ResumeMembership: (f) => `resume membership ${shown(f.membershipId)}`,
  ExtendMembershipPeriod: (f) => `extend the period of membership ${shown(f.membershipId)} by ${plural(f.days, 'day')}`,
  ChangeMembershipTier: (f) => `change membership ${shown(f.membershipId)} to ${planText(f)}`,
  MoveMembershipToPlanVersion: (f) => `move membership ${shown(f.membershipId)} to ${planText(f)}${opt(f, 'planVersion', (v) => ` v${shown(v)}`)}`,
  CancelMembership: (f) => `cancel membership ${shown(f.membershipId)}`,
  ScheduleMembershipUpgrade: (f) => `schedule the upgrade of membership ${shown(f.membershipId)} to ${planText(f)}`,
  DefineMembershipPlan: (f) => `define plan ${shown(f.planId)} "${shown(f.name)}" at ${moneyText(f.price)} ${shown(f.frequency)}`,
  ReviseMembershipPlan: (f) => `revise plan ${shown(f.planId)} to ${moneyText(f.price)} ${shown(f.frequency)}`,
  RetireMembershipPlan: (f) => `retire plan ${shown(f.planId)}`,
  CreditWallet: (f) => `credit ${moneyText(f.amount)} to ${shown(f.clientId)}'s wallet (${shown(f.reason)})`,
  ApplyWalletToMembershipCharge: (f) => `apply ${moneyText(f.amount)} of ${shown(f.clientId)}'s wallet to charge ${shown(f.chargeId)}`,
  RecordUnpaidMembershipCharge: (f) => `debit ${shown(f.clientId)}'s wallet ${moneyText(f.amount)} for unpaid charge ${shown(f.chargeId)}`,
  ForgiveWalletDebt: (f) => `forgive ${shown(f.clientId)}'s wallet debt${opt(f, 'threshold', (t) => ` up to ${moneyText(t)}`)}`,
  // packages
  DefinePackage: (f) => `define package ${shown(f.definitionId)} "${shown(f.name)}" at ${moneyText(f.price)}`,
  RevisePackageDefinition: (f) => `revise package ${shown(f.definitionId)} to ${moneyText(f.price)}`,
  RetirePackageDefinition: (f) => `retire package definition ${shown(f.definitionId)}`,
  SellPackage: (f) => `sell ${definitionText(f)} to ${shown(f.clientId)}${opt(f, 'packageId', (p) => ` (package ${shown(p)})`)}`,
  IssueBulkPackage: (f) => `issue package ${shown(f.packageId)} to ${shown(f.clientId)} for code ${shown(f.code)}`,
  ApplyServiceToPackage: (f) => `apply ${shown(f.serviceId)} for ${shown(f.clientId)} to package ${shown(f.packageId)} (appointment ${shown(f.appointmentId)})`,
  ExpirePackage: (f) => `expire package ${shown(f.packageId)}`,
  RecordPackageCreditUse: (f) => `record on package ${shown(f.packageId)} that booking ${shown(f.bookingId)} of ${shown(f.clientId)} used a ${shown(f.serviceId)} credit`,
  RecordPackageCreditRestore: (f) => `record on package ${shown(f.packageId)} that the credit of booking ${shown(f.bookingId)} of ${shown(f.clientId)} came back`,
  RecordPackageCreditUnavailable: (f) => `record on package ${shown(f.packageId)} that no credit was left for booking ${shown(f.bookingId)} of ${shown(f.clientId)} (${shown(f.code)})`,
  ExtendPackage: (f) => `extend package ${shown(f.packageId)} to ${shown(f.to)}`,
  IssuePackageExpiryNotice: (f) => `issue the expiry notice of package ${shown(f.packageId)}`,
  RefundPackage: (f) => `refund package ${shown(f.packageId)} to ${shown(f.method)}`,
  OfferPackageTransfer: (f) => `offer package ${shown(f.packageId)} to ${shown(f.recipient)} (code ${shown(f.accessCode)})`,
  CancelPackageTransfer: (f) => `withdraw the offer of package ${shown(f.packageId)} (code ${shown(f.accessCode)})`,
  ClaimPackageTransfer: (f) => `${shown(f.clientId)} claims package ${shown(f.packageId)} with code ${shown(f.accessCode)}`,
  SharePackage: (f) => `share package ${shown(f.packageId)} with ${shown(f.clientId)}`,
  StopSharingPackage: (f) => `stop sharing package ${shown(f.packageId)} with ${shown(f.clientId)}`,
  OrderBulkPackages: (f) => `${shown(f.businessId)} orders ${shown(f.quantity)} × ${definitionText(f)}${opt(f, 'orderId', (o) => ` (order ${shown(o)})`)}`,
  RedeemBulkPackageCode: (f) => `${shown(f.clientId)} redeems code ${shown(f.code)} of order ${shown(f.orderId)}`,
  // programs
  CreateProgram: (f) => `${actorText(f.by)} creates program ${shown(f.programId)}`,
  EditProgram: (f) => `${actorText(f.by)} edits program ${shown(f.programId)}`,
  ArchiveProgram: (f) => `${actorText(f.by)} archives program ${shown(f.programId)}`,
  DeleteProgram: (f) => `${actorText(f.by)} deletes program ${shown(f.programId)}`,
  GiveGroupAccessToProgram: (f) => `${actorText(f.by)} gives group ${shown(f.groupId)} access to program ${shown(f.programId)}`,
  WithdrawGroupAccessToProgram: (f) => `${actorText(f.by)} withdraws group ${shown(f.groupId)}'s access to program ${shown(f.programId)}`,
  EnrollClientInProgram: (f) =>
    `${actorText(f.by)} enrolls ${shown(f.clientId)} in program ${shown(f.programId ?? (isRecord(f.program) ? f.program.programId : undefined))}${sourceText(f.through)}`,
  RemoveClientFromProgram: (f) =>
    `${actorText(f.by)} removes ${shown(f.clientId)} from program ${shown(f.programId)}${isRecord(f.reason) ? ` (${shown(f.reason.kind)})` : ''}`,
  ReleaseGroupProgramAccess: (f) => `release ${shown(f.clientId)}'s access to program ${shown(f.programId)} through group ${shown(f.groupId)}`,
  MarkProgramPackageUnpaid: (f) => `mark package ${shown(f.packageId)} of ${shown(f.clientId)} unpaid for program ${shown(f.programId)}`,
  MarkProgramPackagePaid: (f) => `mark package ${shown(f.packageId)} of ${shown(f.clientId)} paid for program ${shown(f.programId)}`,
  TickEnrollment: (f) => `move ${shown(f.clientId)}'s enrollment in program ${shown(f.programId)} to its date`,
  PlaceClientInGroup: (f) => `${actorText(f.by)} places ${shown(f.clientId)} in group ${shown(f.groupId)}`,
  RemoveClientFromGroup: (f) => `${actorText(f.by)} takes ${shown(f.clientId)} out of their group`,
  // check-ins
  StartCheckInSchedule: (f) => `start check-ins for ${shown(f.clientId)} in program ${shown(f.programId)} (enrollment ${shown(f.enrollmentId)}), first due ${shown(f.firstDueOn)}`,
  SubmitCheckIn: (f) => `the client of enrollment ${shown(f.enrollmentId)} checks in`,
  RescheduleCheckIn: (f) => `${shown(f.by)} moves the check-in of enrollment ${shown(f.enrollmentId)} to ${shown(f.dueOn)}`,
  RecordEmailOpened: (f) => `the client of enrollment ${shown(f.enrollmentId)} opens an email`,
  RecordRegimenChange: (f) => `the coach gives the client of enrollment ${shown(f.enrollmentId)} a new regimen`,
  RaiseComplianceIssue: (f) => `${shown(f.by)} raises ${shown(f.issue)} for enrollment ${shown(f.enrollmentId)}`,
  ResolveComplianceIssue: (f) => `${shown(f.by)} resolves ${shown(f.issue)} for enrollment ${shown(f.enrollmentId)}`,
  ApproveProgramEnd: (f) => `manager ${shown(f.managerId)} approves ending the program of enrollment ${shown(f.enrollmentId)} (${shown(f.issue)})`,
  DeclineProgramEnd: (f) => `manager ${shown(f.managerId)} declines ending the program of enrollment ${shown(f.enrollmentId)} (${shown(f.issue)})`,
  TickCheckIns: (f) => `tick the check-ins of enrollment ${shown(f.enrollmentId)}`,
  // benefits and loyalty
  AddHouseholdMember: (f) => `${shown(f.by)} adds ${shown(f.clientId)} to the household of membership ${shown(f.membershipId)}`,
  RemoveHouseholdMember: (f) => `${shown(f.by)} removes ${shown(f.clientId)} from the household of membership ${shown(f.membershipId)}`,
  SetHouseholdBillingShares: (f) => `${shown(f.by)} sets the billing shares of membership ${shown(f.membershipId)} to ${shown(f.shares)}`,
  RecordLoyaltyPurchase: (f) => `record a ${shown(f.kind)} purchase of ${moneyText(f.amount)} by ${shown(f.clientId)} (${shown(f.reference)})`,
  RecordReferral: (f) => `record that ${shown(f.referrerId)} referred ${shown(f.clientId)} (reward ${moneyText(f.reward)})`,
  RecordLoyaltyMembershipPeriod: (f) => `count a period of membership ${shown(f.membershipId)} toward ${shown(f.clientId)}'s loyalty`,
  RecordLoyaltyMembershipEnded: (f) => `record the end of membership ${shown(f.membershipId)} in ${shown(f.clientId)}'s loyalty`,
};

/** Flow-sent benefits commands read alike: "<what> the benefits of membership m1". */
const BENEFITS_FLOW: Readonly<Record<string, string>> = {
  OpenMembershipBenefits: 'open',
  StartMembershipBenefitsPeriod: 'start a period of',
  ChangeMembershipBenefitsTier: 'change the tier of',
  FreezeMembershipBenefits: 'freeze',
  ThawMembershipBenefits: 'thaw',
  ExtendMembershipBenefits: 'extend',
  CancelMembershipBenefits: 'cancel',
  EndMembershipBenefits: 'end',
  SuspendMembershipBenefitGrants: 'suspend the grants of',
  RestoreMembershipBenefitGrants: 'restore the grants of',
  SplitMembershipCharge: 'split a charge among',
};

/**
 * One command in the domain's words: `grant 3 facial credits to c1 (package p1) on
 * 2025-01-06`. Any input is described (an unknown type by its fields), and nothing throws.
 */
export const describeCommand = (command: unknown): string => {
  if (!isRecord(command)) return `send ${shown(command)}`;
  const type = typeof command.type === 'string' ? command.type : undefined;
  try {
    const describe = type === undefined ? undefined : Object.hasOwn(describers, type) ? describers[type] : undefined;
    if (describe !== undefined) return `${describe(command)}${onDay(command)}`;
    const benefits = type === undefined || !Object.hasOwn(BENEFITS_FLOW, type) ? undefined : BENEFITS_FLOW[type];
    if (benefits !== undefined) return `${benefits} the benefits of membership ${shown(command.membershipId)}${onDay(command)}`;
  } catch {
    // An input hostile enough to trip a describer (a getter that throws) is shown raw.
  }
  try {
    return `send ${shown(type ?? 'a command without a type')} ${shown(Object.fromEntries(Object.entries(command).filter(([k]) => k !== 'type')))}`;
  } catch {
    return `send ${shown(type ?? 'a command without a type')} (fields that cannot be shown)`;
  }
};

/** A numbered sequence in the domain's words: `1. grant … · 2. book …`, one step a line. */
export const describeSequence = (steps: readonly string[]): string => steps.map((s, i) => `${i + 1}. ${s}`).join(' ·\n');
