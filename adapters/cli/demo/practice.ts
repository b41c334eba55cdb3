/**
 * The demo's practice, Harbor Wellness: its policies, its membership tiers, its packages
 * and its programs, all taken from the seeds' examples (Gold, Platinum and VIP tiers with
 * trials; a family plan with rollover; "6-Pack Facials", a "10-Class Package", a "Physical
 * Therapy Pack", a "Wellness Check" sold in bulk; a program sold through a package and
 * given to a group; the acne clinic's check-in program and its monthly coaching fee).
 */
import { MANAGE_PROGRAMS, ENROLL_CLIENTS, type PracticeLedger, type PracticePolicies, type ProgramActor } from '../../../core/index.js';

export const PRACTICE_NAME = 'Harbor Wellness';
export const TIME_ZONE = 'America/New_York';
export const CURRENCY = 'USD';

export const usd = (amount: number) => ({ amount, currency: CURRENCY });

/** The practice owner, who may create programs and enroll clients. */
export const owner: ProgramActor = { kind: 'member', memberId: 'dr-lee', permissions: [MANAGE_PROGRAMS] };
/** A coach, who may enroll and remove clients. */
export const coach: ProgramActor = { kind: 'member', memberId: 'coach-ann', permissions: [ENROLL_CLIENTS] };

export const APPOINTMENT_TYPES = ['treatment', 'facial', 'yoga-class', 'physical-therapy', 'follow-up', 'massage', 'physical', 'labs'] as const;

/**
 * Booking without credit is prevented, except through a shared booking link, which the
 * seed says bypasses the setting ("clients will be able to book appointments via share
 * links even if they do not have credits"); a cancellation restores the credit.
 */
export const policies: PracticePolicies = {
  credits: { allowBookingWithoutCredits: false, preventOnSharedLinks: false, restoreOnCancel: true },
  appointmentTypes: APPOINTMENT_TYPES,
  packages: { expiryNotice: { daysBefore: 14 } },
};

/** The tiers a client can join, cheapest first (a mid-cycle upgrade goes one step up). */
export const TIERS = ['gold', 'platinum', 'vip'] as const;
export type Tier = (typeof TIERS)[number];

/** The packages sold at the front desk, with the service their units are for. */
export const PACKAGES = {
  'six-facials': 'facial',
  'ten-classes': 'yoga-class',
  'pt-pack': 'physical-therapy',
  'follow-up-six': 'follow-up',
  'massage-five': 'massage',
  'clear-skin-starter': 'facial',
} as const;
export type PackageKind = keyof typeof PACKAGES;

/** Units in each package (what a client may use). */
export const PACKAGE_UNITS: Readonly<Record<PackageKind, number>> = {
  'six-facials': 6,
  'ten-classes': 10,
  'pt-pack': 8,
  'follow-up-six': 6,
  'massage-five': 5,
  'clear-skin-starter': 2,
};

export const TRANSFERABLE: ReadonlySet<PackageKind> = new Set(['six-facials', 'pt-pack']);

export const CLEAR_SKIN = 'clear-skin';
export const ACNE_PROGRAM = 'online-acne';
export const SPRING_GROUP = 'g-spring';

/** Defines the catalog on the practice's first day. */
export const setUpPractice = async (ledger: PracticeLedger): Promise<void> => {
  const treatments = (quantity: number) => [{ serviceId: 'treatment', quantity }];
  await ledger.defineMembershipPlan({ planId: 'gold', name: 'Gold', price: usd(9900), frequency: 'monthly', includedServices: treatments(1), addOnDiscount: 10 });
  await ledger.defineMembershipPlan({
    planId: 'platinum',
    name: 'Platinum',
    price: usd(19900),
    frequency: 'monthly',
    includedServices: treatments(2),
    addOnDiscount: 20,
    trial: { days: 30, price: usd(4900) },
    rollover: { percent: 50, cap: 1, expiresAfterMonths: 1 },
  });
  await ledger.defineMembershipPlan({
    planId: 'vip',
    name: 'VIP',
    price: usd(29900),
    frequency: 'monthly',
    includedServices: treatments(3),
    addOnDiscount: 30,
    trial: { days: 14, price: usd(0) },
    rollover: { percent: 100, cap: 2, expiresAfterMonths: 2 },
  });
  await ledger.defineMembershipPlan({
    planId: 'family-wellness',
    name: 'Family Wellness',
    price: usd(24900),
    frequency: 'monthly',
    includedServices: treatments(2),
    rollover: { percent: 50, cap: 1, expiresAfterMonths: 2 },
    household: { kind: 'family', benefits: 'per-person', billing: 'split', maxMembers: 5 },
  });
  await ledger.defineMembershipPlan({ planId: 'coaching', name: 'Monthly Coaching Fee', price: usd(4900), frequency: 'monthly' });

  await ledger.createProgram({
    programId: CLEAR_SKIN,
    by: owner,
    definition: {
      name: 'Clear Skin in 8 Weeks',
      kind: 'educational',
      modules: [
        { moduleId: 'welcome', title: 'Welcome video', kind: 'video', releaseDay: 0 },
        { moduleId: 'skin-type', title: 'Skin-type quiz', kind: 'quiz', releaseDay: 7 },
        { moduleId: 'routine', title: 'Your routine', kind: 'handout', releaseDay: 21 },
        { moduleId: 'progress', title: 'Progress survey', kind: 'survey', releaseDay: 42 },
        { moduleId: 'next', title: 'What comes next', kind: 'video', releaseDay: 56 },
      ],
      nextStep: { kind: 'package', id: 'six-facials' },
    },
  });
  await ledger.createProgram({
    programId: ACNE_PROGRAM,
    by: owner,
    definition: {
      name: 'Online Acne Program',
      kind: 'standard',
      modules: [
        { moduleId: 'welcome', title: 'Welcome and first regimen', kind: 'video', releaseDay: 0 },
        { moduleId: 'month-1', title: 'Month 1: purging', kind: 'handout', releaseDay: 30 },
        { moduleId: 'month-2', title: 'Month 2: pore cloggers', kind: 'quiz', releaseDay: 60 },
        { moduleId: 'month-3', title: 'Month 3: consistency', kind: 'survey', releaseDay: 90 },
        { moduleId: 'transition', title: 'Transition maintenance call', kind: 'video', releaseDay: 180 },
      ],
    },
  });
  await ledger.giveGroupAccessToProgram({ programId: CLEAR_SKIN, groupId: SPRING_GROUP, by: owner });

  const item = (serviceId: string, name: string, quantity: number, unitValue: number) => ({ serviceId, name, quantity, unitValue: usd(unitValue) });
  await ledger.definePackage({
    definitionId: 'six-facials',
    name: '6-Pack Facials',
    items: [item('facial', 'Facial', 6, 10000)],
    price: usd(45000),
    validity: { months: 12 },
    restrictions: { transferable: true },
  });
  await ledger.definePackage({ definitionId: 'ten-classes', name: '10-Class Package', items: [item('yoga-class', 'Yoga class', 10, 2500)], price: usd(20000), validity: { months: 3 } });
  await ledger.definePackage({
    definitionId: 'pt-pack',
    name: 'Physical Therapy Pack',
    items: [item('physical-therapy', 'Physical therapy session', 8, 12000)],
    price: usd(80000),
    validity: { months: 6 },
    restrictions: { transferable: true },
  });
  await ledger.definePackage({ definitionId: 'follow-up-six', name: 'Follow-up 6-Pack', items: [item('follow-up', 'Follow-up', 6, 8000)], price: usd(42000), validity: { months: 6 } });
  await ledger.definePackage({
    definitionId: 'massage-five',
    name: 'Massage 5-Pack',
    items: [item('massage', 'Massage', 5, 9000)],
    price: usd(40000),
    validity: { months: 6 },
    restrictions: { blackoutDates: ['2025-07-04', '2025-12-25'] },
  });
  await ledger.definePackage({
    definitionId: 'clear-skin-starter',
    name: 'Clear Skin Starter',
    items: [item('facial', 'Facial', 2, 10000)],
    price: usd(18000),
    validity: { months: 3 },
    programId: CLEAR_SKIN,
  });
  await ledger.definePackage({
    definitionId: 'wellness-check',
    name: 'Wellness Check',
    items: [item('physical', 'Annual physical', 1, 15000), item('labs', 'Labs', 1, 10000)],
    price: usd(20000),
    validity: { months: 12 },
  });
};
